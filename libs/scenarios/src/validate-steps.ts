/** Semantic checks of the steps and expectations, walked in order (a restore needs an earlier backup). */
import { parseCliCommand, type CliCommand } from './cli-commands';
import { didYouMean } from './did-you-mean';
import { formatDuration } from './durations';
import type { Expectation, NodeSelector, NodeSpec, SourceLocation, Step } from './model';
import { nodeServiceOf } from './services';
import { checkCount, checkEventType, checkIdentityExpectation, checkSelectsPhones, checkStoreIdentity } from './validate-expectations';
import { readRelease, RELEASE_EXPECTED } from './releases';
import { KNOWN_PARAMETERS } from './vocabulary';
import type { ClusterEntry, ValidationKit } from './validation-kit';
import type { Path } from './yaml-source';

export function checkSteps(kit: ValidationKit): void {
  const backups = new Map<string, string>(); // backup name → cluster
  const snapshots = new Map<string, number>(); // snapshot name → step index
  let lastAt: { at: number; index: number } | undefined;
  let previous: Step | undefined; // the last step that was not an expect

  for (const step of kit.scenario.steps) {
    // The YAML key is the kind, except `secureOnboarding`, which is a CAPF install.
    const base: Path = ['steps', step.index, step.kind === 'capf' && step.onboarding ? 'secureOnboarding' : step.kind];
    const fallback = step.loc;
    const cluster = (name: string) => kit.cluster([...base, 'cluster'], fallback, name);
    const nodesOf = (name: string, nodes: NodeSelector) => {
      const entry = cluster(name);
      return entry ? { entry, nodes: kit.nodes(base, fallback, entry, nodes) } : undefined;
    };

    if (step.at !== undefined) {
      if (lastAt && step.at < lastAt.at) {
        const path: Path = kit.has([...base, 'at']) ? [...base, 'at'] : ['steps', step.index, 'at'];
        kit.report(path, fallback, `at ${formatDuration(step.at)} is earlier than step ${lastAt.index}'s at ${formatDuration(lastAt.at)}`, {
          expected: 'simulated times that never go back',
        });
      }
      lastAt = { at: step.at, index: step.index };
    }

    switch (step.kind) {
      case 'regenerate':
      case 'generateCsr':
      case 'deleteCertificate':
        nodesOf(step.cluster, step.nodes);
        break;
      case 'uploadCertificate':
        nodesOf(step.cluster, step.nodes);
        if ('from' in step.certificate) {
          const from = step.certificate.from;
          const path: Path = [...base, 'certificate', 'from'];
          const entry = kit.cluster([...path, 'cluster'], fallback, from.cluster);
          if (entry) kit.node([...path, 'node'], fallback, entry, from.node);
        }
        break;
      case 'restartService': {
        const target = nodesOf(step.cluster, step.nodes);
        if (target) checkServiceRuns(kit, base, fallback, target.entry, step.nodes, target.nodes, step.service, 'service');
        break;
      }
      case 'cli': {
        const target = nodesOf(step.cluster, step.nodes);
        checkCli(kit, step, base, target);
        break;
      }
      case 'setParameter':
        cluster(step.cluster);
        checkParameter(kit, base, fallback, step.name, step.value);
        break;
      case 'resetPhones':
        if (step.cluster !== undefined) cluster(step.cluster);
        kit.selector([...base, 'phones'], fallback, step.phones);
        break;
      case 'power':
        if (step.phones) kit.selector([...base, 'phones'], fallback, step.phones);
        if (step.cluster !== undefined) {
          const entry = cluster(step.cluster);
          if (entry && step.nodes) kit.nodes(base, fallback, entry, step.nodes);
        }
        break;
      case 'dhcp':
        kit.selector([...base, 'phones'], fallback, step.phones);
        step.tftp.forEach((server, j) => {
          const path: Path = [...base, 'tftp', j];
          const entry = kit.cluster([...path, 'cluster'], fallback, server.cluster);
          const node = entry && kit.node([...path, 'node'], fallback, entry, server.node);
          if (node && !node.services.includes('tftp')) kit.report([...path, 'node'], fallback, `node '${server.cluster}/${server.node}' does not run tftp`);
        });
        break;
      case 'upgrade': {
        cluster(step.cluster);
        const read = readRelease(step.to);
        if ('problem' in read) kit.report([...base, 'to'], fallback, read.problem, { expected: RELEASE_EXPECTED });
        break;
      }
      case 'bulkCertificates':
      case 'ctlClient':
        cluster(step.cluster);
        break;
      case 'proxyTftp':
        cluster(step.cluster);
        kit.cluster([...base, 'remote'], fallback, step.remote);
        break;
      case 'emcc':
        kit.cluster([...base, 'home'], fallback, step.home);
        kit.selector([...base, 'phones'], fallback, step.phones);
        break;
      case 'tlsConnection': {
        const entry = cluster(step.cluster);
        if (entry) kit.nodes(base, fallback, entry, step.nodes);
        break;
      }
      case 'capf': {
        const entry = cluster(step.cluster);
        kit.selector([...base, 'phones'], fallback, step.phones);
        if (entry && !entry.spec.nodes.some((n) => n.services.includes('capf'))) {
          kit.report([...base, 'cluster'], fallback, `no node of '${step.cluster}' runs capf`, { expected: 'capf in the services of the publisher' });
        }
        break;
      }
      case 'backup':
        cluster(step.cluster);
        backups.set(step.name, step.cluster);
        break;
      case 'restore': {
        cluster(step.cluster);
        const takenOn = backups.get(step.backup);
        const names = [...backups.keys()];
        if (takenOn === undefined) {
          kit.report([...base, 'backup'], fallback, `no backup '${step.backup}' was taken before this step${didYouMean(step.backup, names)}`, {
            expected: names.length ? `one of ${names.join(', ')}` : 'a backup step earlier in the file',
          });
        } else if (takenOn !== step.cluster) {
          kit.report([...base, 'backup'], fallback, `backup '${step.backup}' was taken on cluster '${takenOn}', not '${step.cluster}'`);
        }
        break;
      }
      case 'snapshot': {
        const earlier = snapshots.get(step.name);
        if (earlier !== undefined) kit.report([...base, 'name'], fallback, `snapshot '${step.name}' is already taken by step ${earlier}`, { expected: 'a new name' });
        else snapshots.set(step.name, step.index);
        break;
      }
      case 'waitFor':
        kit.selector([...base, 'phones'], fallback, step.phones);
        break;
      case 'expect':
        checkExpectations(kit, step.expectations, [...base], previous);
        break;
      case 'wait':
        break;
      default: {
        const unknown: never = step;
        throw new Error(`unhandled step ${(unknown as Step).kind}`);
      }
    }
    if (step.kind !== 'expect') previous = step;
  }
  checkExpectations(kit, kit.scenario.expect, ['expect'], previous);
}

export function checkExpectations(kit: ValidationKit, expectations: readonly Expectation[], base: Path, previous: Step | undefined): void {
  expectations.forEach((expectation, k) => {
    const path: Path = [...base, k];
    const fallback = expectation.loc;
    switch (expectation.kind) {
      case 'phones': {
        kit.selector([...path, 'phones'], fallback, expectation.phones);
        const selectable = checkSelectsPhones(kit, expectation.phones, path, fallback);
        checkCount(kit, expectation.count, path, fallback, selectable);
        if (expectation.itlSigner) {
          const signer = expectation.itlSigner;
          const entry = kit.cluster([...path, 'itlSigner', 'cluster'], fallback, signer.cluster);
          if (entry && signer.node !== undefined) kit.node([...path, 'itlSigner', 'node'], fallback, entry, signer.node);
        }
        break;
      }
      case 'store': {
        const entry = kit.cluster([...path, 'store', 'cluster'], fallback, expectation.cluster);
        if (entry) kit.node([...path, 'store', 'node'], fallback, entry, expectation.node);
        checkStoreIdentity(kit, expectation, path);
        break;
      }
      case 'identity':
        checkIdentityExpectation(kit, expectation, path);
        break;
      case 'upload':
        // The outcome of an upload is only defined right after it (docs/scenario-language.md, Outcomes).
        if (previous?.kind !== 'uploadCertificate') {
          kit.report([...path, 'upload'], fallback, `'upload' checks an uploadCertificate step, but ${previous ? `the step before is '${previous.kind}'` : 'there is none before'}`, {
            expected: 'an expect right after uploadCertificate',
          });
        }
        break;
      case 'events':
        checkEventType(kit, expectation.type, path, fallback);
        checkCount(kit, expectation.count, [...path, 'events'], fallback);
        break;
    }
  });
}

/** A service restart (step or CLI) needs the service on every node it names. */
function checkServiceRuns(
  kit: ValidationKit,
  base: Path,
  fallback: SourceLocation,
  cluster: ClusterEntry,
  selector: NodeSelector,
  nodes: { node: NodeSpec; path: Path }[],
  ciscoName: string,
  field: string,
): void {
  const service = nodeServiceOf(ciscoName);
  if (service === undefined) return; // a platform service: every node runs it
  const running = cluster.spec.nodes.filter((n) => n.services.includes(service)).map((n) => n.name);
  if ('all' in selector) {
    // `nodes: all` means the nodes where the service is active; it is wrong only if there are none.
    if (running.length === 0) kit.report([...base, field], fallback, `no node of '${cluster.spec.name}' runs ${service} (${ciscoName})`);
    return;
  }
  for (const { node, path } of nodes) {
    if (!node.services.includes(service)) {
      kit.report(path, fallback, `node '${node.name}' does not run ${service} (${ciscoName})`, {
        expected: running.length ? `one of ${running.join(', ')}` : `a node running ${service}`,
      });
    }
  }
}

function checkCli(
  kit: ValidationKit,
  step: Extract<Step, { kind: 'cli' }>,
  base: Path,
  target: { entry: ClusterEntry; nodes: { node: NodeSpec; path: Path }[] } | undefined,
): void {
  const parsed = parseCliCommand(step.command);
  if (!parsed.ok) {
    kit.report([...base, 'command'], step.loc, parsed.message, { expected: parsed.expected });
    return;
  }
  if (!target) return;
  const { command } = parsed;
  if (command.kind === 'service-restart') {
    checkServiceRuns(kit, base, step.loc, target.entry, step.nodes, target.nodes, command.service, 'command');
  }
  const publisherOnly = PUBLISHER_ONLY[command.kind];
  if (publisherOnly) {
    const others = 'all' in step.nodes ? target.entry.spec.nodes.filter((n) => n.role !== 'publisher') : target.nodes.map((t) => t.node).filter((n) => n.role !== 'publisher');
    for (const node of others) {
      kit.report([...base, 'command'], step.loc, `'${publisherOnly.command}' runs on the publisher only, not on '${node.name}' ${publisherOnly.source}`, {
        expected: `node: ${target.entry.spec.nodes.find((n) => n.role === 'publisher')?.name ?? 'the publisher'}`,
      });
    }
  }
}

/**
 * Commands the simulator runs on the publisher only and refuses elsewhere: the publisher pushes a reset ITL
 * to every TFTP node (docs/trust-model.md §10.5) and sets the cluster's security mode.
 */
const PUBLISHER_ONLY: Partial<Record<CliCommand['kind'], { command: string; source: string }>> = {
  'itl-reset-localkey': { command: 'utils itl reset localkey', source: '[SCLI]' },
  'itl-reset-remotekey': { command: 'utils itl reset remotekey', source: '[SCLI]' },
  'ctl-set-cluster': { command: 'utils ctl set-cluster', source: '[S125CTL]' },
};

function checkParameter(kit: ValidationKit, base: Path, fallback: SourceLocation, name: string, value: string | number | boolean): void {
  const known = Object.keys(KNOWN_PARAMETERS) as (keyof typeof KNOWN_PARAMETERS)[];
  const spec = KNOWN_PARAMETERS[name as keyof typeof KNOWN_PARAMETERS];
  if (!spec) {
    const hint = didYouMean(name, known);
    // Other parameters are free, but a near miss of one the simulator reads is surely a typo.
    if (hint) kit.report([...base, 'name'], fallback, `unknown parameter '${name}'${hint}`);
    return;
  }
  if (!(spec.values as readonly unknown[]).includes(value)) {
    kit.report([...base, 'value'], fallback, `${JSON.stringify(value)} is not a value of ${name}`, { expected: `one of ${spec.values.join(', ')}` });
  }
}
