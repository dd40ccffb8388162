import {
  bulkCertificates,
  canonicalStoreName,
  deleteCertificate,
  isIdentityStoreName,
  planPlatformCommand,
  powerNodes,
  regenerateCertificate,
  requestCsr,
  restoreBackup,
  runCtlClient,
  StepNotSimulatedError,
  toCluster,
  toNode,
  tftpNodesOf,
  type Dispatch,
  type PlatformCommand,
  uploadCertificate,
} from '@trustsim/domain';
import { parseCliCommand, type NodeSelector, type Step } from '@trustsim/scenarios';
import type { BackgroundWork } from './background-work';
import type { Engine } from './engine';
import type { PhoneFleet } from './phone-fleet';
import type { UploadCandidates } from './upload-candidates';

/**
 * What each step of the scenario language does, as the domain's operations (domain operations/) and the
 * phones' commands: the step's part of the run. Steps that name several nodes act on each in turn, each
 * seeing what the ones before did.
 */
export class StepActions {
  constructor(
    private readonly engine: Engine,
    private readonly fleet: PhoneFleet,
    private readonly work: BackgroundWork,
    private readonly uploads: UploadCandidates,
    /** Records on the run's own stream. */
    private readonly recordRun: (type: string, data: unknown) => void,
  ) {}

  run(step: Step): void {
    const e = this.engine;
    const each = (cluster: string, nodes: NodeSelector, plan: (node: string) => Dispatch[]) => {
      for (const node of this.nodesOf(cluster, nodes)) e.execute(plan(node));
    };
    switch (step.kind) {
      case 'uploadCertificate':
        return each(step.cluster, step.nodes, (node) => {
          const world = e.view();
          const canonical = canonicalStoreName(step.store);
          const purpose = canonical && isIdentityStoreName(canonical) ? canonical : undefined;
          return uploadCertificate(world, step.cluster, node, step.store, this.uploads.resolve(step.certificate, world, world.node(step.cluster, node)!, purpose));
        });
      case 'deleteCertificate':
        return each(step.cluster, step.nodes, (node) => deleteCertificate(e.view(), step.cluster, node, step.store, step.commonName));
      case 'generateCsr':
        return each(step.cluster, step.nodes, (node) => requestCsr(e.view(), step.cluster, node, step.purpose, step.distribution ?? 'single-server'));
      case 'regenerate':
        return each(step.cluster, step.nodes, (node) => regenerateCertificate(e.view(), step.cluster, node, step.purpose, step.keyLength, step.hash));
      case 'cli':
        return each(step.cluster, step.nodes, (node) => {
          const text = step.command.trim().replace(/\s+/g, ' ');
          const parsed = parseCliCommand(text);
          if (!parsed.ok) {
            e.execute([toNode(step.cluster, node, { kind: 'record-command', command: text })]);
            throw new StepNotSimulatedError(`platform command "${text}": ${parsed.message}`);
          }
          return planPlatformCommand(e.view(), step.cluster, node, text, parsed.command as PlatformCommand);
        });
      case 'restartService':
        return each(step.cluster, step.nodes, (node) => [toNode(step.cluster, node, { kind: 'restart-service', service: step.service })]);
      case 'setParameter':
        return e.execute([toCluster(step.cluster, { kind: 'set-parameter', name: step.name, value: step.value })]);
      case 'resetPhones':
        return this.resetPhones(step);
      case 'power':
        if (step.phones) this.fleet.power(this.fleet.select(step.phones), step.state === 'on', (i) => this.work.schedule(0, { kind: 'phone-power-on', phone: i }));
        if (step.cluster) e.execute(powerNodes(step.cluster, this.nodesOf(step.cluster, step.nodes ?? { all: true }), step.state === 'on'));
        return;
      case 'bulkCertificates':
        return e.execute(bulkCertificates(e.view(), e.states.sftp, step.cluster, step.action, step.type));
      case 'backup':
        return e.execute([toCluster(step.cluster, { kind: 'backup', name: step.name })]);
      case 'restore':
        return e.execute(restoreBackup(e.view(), step.cluster, step.backup));
      case 'dhcp':
        return this.fleet.dhcp(
          this.fleet.select(step.phones),
          step.tftp.map((t) => ({ cluster: t.cluster, node: t.node })),
        );
      case 'capf':
        return this.fleet.capf(this.fleet.select(step.phones), {
          cluster: step.cluster,
          operation: step.operation,
          authMode: step.authMode,
          ...(step.keyOrder ? { keyOrder: step.keyOrder } : {}),
          ...(step.keySize ? { keySize: step.keySize } : {}),
          ...(step.onboarding ? { onboarding: true as const } : {}),
        });
      case 'snapshot':
        return this.snapshot(step.name);
      case 'upgrade':
        return e.execute([toCluster(step.cluster, { kind: 'upgrade', to: step.to, method: step.method })]);
      case 'emcc': {
        const home = tftpNodesOf(e.view(), step.home).map((n) => ({ cluster: step.home, node: n.name }));
        return this.fleet.emcc(this.fleet.select(step.phones), step.action, step.home, home, (i) => this.work.schedule(0, { kind: 'phone-resets', phones: [[i, 1]], cause: `EMCC ${step.action}` }));
      }
      case 'ctlClient':
        return e.execute(runCtlClient(e.view(), step.cluster));
      case 'proxyTftp':
        return e.execute([toCluster(step.cluster, { kind: 'proxy-tftp', remote: step.remote })]);
      case 'tlsConnection':
        return each(step.cluster, step.nodes, (node) => [toNode(step.cluster, node, { kind: 'tls-connect', peer: step.peer, ocsp: step.ocsp })]);
      case 'wait':
        this.work.advanceTo(this.work.now + step.duration);
        return;
      case 'waitFor':
        this.work.settle();
        return;
      case 'expect':
        return; // checked by the rehearsal, which owns the expectations
      default: {
        const unknown = step as Step;
        throw new StepNotSimulatedError(`${unknown.loc.file}:${unknown.loc.line}:${unknown.loc.column}: step "${unknown.kind}" is not simulated yet by this version of trustsim`);
      }
    }
  }

  /** A reset of the selected phones, in batches; with `cluster`, the phones registered to it (or provisioned there when not registered). */
  private resetPhones(step: Extract<Step, { kind: 'resetPhones' }>): void {
    let phones = this.fleet.select(step.phones);
    if (step.cluster) {
      phones = phones.filter((i) => {
        const s = this.fleet.state(i);
        const home = this.fleet.phones[i].facts.cluster;
        const reg = s.registration;
        return (reg?.registered ? reg.cluster : (s.tftp[0]?.cluster ?? home)) === step.cluster || (!reg?.registered && home === step.cluster);
      });
    }
    const batchSize = step.batchSize ?? phones.length;
    this.recordRun('PhonesResetRequested', { count: phones.length, batchSize, intervalMs: step.interval ?? 0 });
    this.work.scheduleBatches(phones, batchSize, step.interval ?? 0, `resetPhones (step ${step.index + 1})`);
  }

  /** Record every phone's trust state under a name, and give the phones whose `trust` names it what their TFTP serves now. */
  private snapshot(name: string): void {
    this.fleet.snapshot(name);
    const held = new Map<string, number>();
    this.fleet.phones.forEach((p, i) => {
      const s = this.fleet.state(i);
      const key = `${p.facts.cluster}/${p.facts.group}|${s.itl ?? 'none'}|${s.ctl ?? 'none'}`;
      held.set(key, (held.get(key) ?? 0) + 1);
    });
    this.recordRun('SnapshotTaken', {
      name,
      groups: [...held].map(([key, phones]) => {
        const [group, itl, ctl] = key.split('|');
        return { group, itl, ctl, phones };
      }),
    });
  }

  private nodesOf(cluster: string, selector: NodeSelector): string[] {
    return 'all' in selector ? [...this.engine.view().cluster(cluster).nodes] : selector.names;
  }
}

