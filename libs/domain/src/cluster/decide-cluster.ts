import { unreachable } from '../core/event';
import type { PkiPort, TrustFileDigest, TrustFilePort } from '../core/ports';
import { expiryWarnings, nextExpiryMonitorRun, type MonitoredCertificate } from '../monitoring/expiry-monitor';
import { parseRelease } from '../release/release';
import { upgradeEffects } from '../release/upgrade';
import { ctlKindAfterUpgrade, type CtlKind } from '../tftp/ctl-plan';
import { defaultTrustFileDigest } from '../tftp/trust-file-digest';
import { automaticResetWave } from './automatic-resets';
import type { BulkCertificate, ClusterEvent, CtlMode } from './cluster-events';
import type { ClusterState } from './cluster-state';
import { planCtl } from './ctl-build';
import { planServedCtl } from './served-ctl';
import type { TwinServedCtl, TwinTrustEntry } from '../twin/twin-certificates';
import { itlRecoveryOf } from '../world/cluster-view';
import { publisherOf, type World } from '../world/world';

export type ClusterCommand =
  | {
      kind: 'install';
      name: string;
      version: string;
      security: 'non-secure' | 'mixed';
      ctlKind: CtlKind;
      parameters: Readonly<Record<string, string | number | boolean>>;
      nodes: readonly { name: string; role: 'publisher' | 'subscriber'; services: readonly string[] }[];
    }
  /** The CTL client's two USB eTokens, the first time a token-based CTL is made [S125CTL]. */
  | { kind: 'register-tokens' }
  /** A twin's CTL as its TFTP servers served it when it was imported (served-ctl.ts) [twin] [S125CTL]. */
  | { kind: 'serve-imported-ctl'; ctl: TwinServedCtl; trust: readonly TwinTrustEntry[] }
  /** Build the CTL (mixed mode, `utils ctl update CTLFile`, `utils ctl reset localkey`); never done by itself (§5). */
  | { kind: 'update-ctl'; cause: string; mode: CtlMode }
  | { kind: 'set-parameter'; name: string; value: string | number | boolean }
  | { kind: 'upgrade'; to: string; method: 'refresh' | 'l2' }
  | { kind: 'set-security'; security: 'non-secure' | 'mixed' }
  | { kind: 'change-ctl-kind'; to: CtlKind; command: string }
  | { kind: 'refuse-ctl-client'; reason: string }
  | { kind: 'proxy-tftp'; remote: string }
  /** `file get tftp ITLRecovery.p12` on the publisher [S125DEF]. */
  | { kind: 'export-itl-recovery' }
  | { kind: 'backup'; name: string }
  | { kind: 'restored'; name: string }
  /** One automatic reset wave over the cluster's phones; changes at the same instant share it (`resetWavePending`). */
  | { kind: 'schedule-reset-wave'; cause: string }
  | { kind: 'start-reset-wave'; cause: string }
  /** A run of the Cisco Certificate Expiry Monitor. */
  | { kind: 'monitor-expiry' }
  | { kind: 'bulk-import'; certificates: readonly BulkCertificate[] }
  | { kind: 'bulk-import-failed'; reason: string };

export interface ClusterContext {
  readonly world: World;
  readonly pki: PkiPort;
  readonly trustFiles: TrustFilePort;
  readonly digest?: TrustFileDigest;
}

/** The cluster decider: what holds for the whole cluster. */
export function decideCluster(state: ClusterState, command: ClusterCommand, ctx: ClusterContext): ClusterEvent[] {
  switch (command.kind) {
    case 'install':
      return [{ type: 'ClusterInstalled', data: { cluster: command.name, version: command.version, security: command.security, ctlKind: command.ctlKind, parameters: command.parameters, nodes: command.nodes } }];
    case 'register-tokens':
      return state.tokens?.length ? [] : registerTokens(state, ctx);
    case 'update-ctl':
      return [buildCtl(state, command.cause, command.mode, ctx)];
    case 'serve-imported-ctl':
      return [serveImportedCtl(state, command.ctl, command.trust, ctx)];
    case 'set-parameter':
      return [{ type: 'ParameterChanged', data: { name: command.name, value: command.value } }];
    case 'upgrade':
      return upgrade(state, command.to, command.method);
    case 'set-security':
      return [{ type: 'ClusterSecurityModeChanged', data: { security: command.security } }];
    case 'change-ctl-kind':
      return state.ctlKind === command.to ? [] : [{ type: 'CtlKindChanged', data: { from: state.ctlKind, to: command.to, command: command.command } }];
    case 'refuse-ctl-client':
      return [{ type: 'CtlClientFailed', data: { reason: command.reason } }];
    case 'proxy-tftp':
      return [{ type: 'ProxyTftpConfigured', data: { remote: command.remote } }];
    case 'export-itl-recovery': {
      const identity = itlRecoveryOf(ctx.world, state.name)!;
      return [{ type: 'ItlRecoveryExported', data: { node: identity.node.name, generation: identity.generation, fingerprint: identity.fingerprint, key: identity.key } }];
    }
    case 'backup':
      return [backup(state, command.name, ctx.world)];
    case 'restored':
      return [{ type: 'BackupRestored', data: { name: command.name } }];
    case 'schedule-reset-wave': {
      if (state.resetWavePending) return [];
      const wave = automaticResetWave(ctx.world.assumptions);
      return [{ type: 'AutomaticResetsScheduled', data: { cause: command.cause, at: ctx.world.elapsed + wave.delayMs, batchSize: wave.batchSize, intervalMs: wave.intervalMs } }];
    }
    case 'start-reset-wave':
      return [{ type: 'AutomaticResetWaveStarted', data: { cause: command.cause } }];
    case 'monitor-expiry':
      return expiryWarnings(ctx.world.now, monitoredCertificates(state, ctx.world), Number(state.parameters.certificateMonitorNotifyDays ?? 30)).map((w) => ({ type: 'CertificateExpiryWarning', data: w }));
    case 'bulk-import':
      return [{ type: 'BulkCertificatesImported', data: { certificates: command.certificates } }];
    case 'bulk-import-failed':
      return [{ type: 'BulkCertificatesImportFailed', data: { reason: command.reason } }];
    default:
      return unreachable(command, 'cluster command');
  }
}

function registerTokens(state: ClusterState, ctx: ClusterContext): ClusterEvent[] {
  const publisher = publisherOf(ctx.world, state.name).name;
  return ([1, 2] as const).map((n) => {
    const { certificate: c, key } = ctx.pki.sastToken(state.name, publisher, n);
    return {
      type: 'EtokenRegistered',
      data: { token: `eToken${n}`, node: publisher, commonName: c.commonName, issuer: (c.issuer.CN as string | undefined) ?? null, serial: c.serialHex, fingerprint: c.fingerprint, key, der: Buffer.from(c.der).toString('base64') },
    };
  });
}

/** Builds and signs the CTL (ctl-build.ts), recorded with its bytes. */
function buildCtl(state: ClusterState, cause: string, mode: CtlMode, ctx: ClusterContext): ClusterEvent {
  const { records, signer } = planCtl(ctx.world, state.name, mode);
  const file = ctx.trustFiles.sign({ fileName: 'CTLFile.tlv', timestamp: Math.floor(ctx.world.now / 1000), digest: ctx.digest ?? defaultTrustFileDigest(ctx.world.release(state.name)), records, signer });
  return { type: 'CtlUpdated', data: { fileName: 'CTLFile.tlv', file: file.id, size: Buffer.from(file.bytes, 'base64').length, signer: signer.ref, mode, cause, bytes: file.bytes } };
}

/** The CTL of a twin as imported (served-ctl.ts), recorded with its bytes and the older certificates it carries. */
function serveImportedCtl(state: ClusterState, served: TwinServedCtl, trust: readonly TwinTrustEntry[], ctx: ClusterContext): ClusterEvent {
  const { records, signer, minted } = planServedCtl(ctx.world, state.name, served, { pki: ctx.pki, trust });
  const file = ctx.trustFiles.sign({ fileName: 'CTLFile.tlv', timestamp: Math.floor(ctx.world.now / 1000), digest: ctx.digest ?? defaultTrustFileDigest(ctx.world.release(state.name)), records, signer });
  const cause = 'the CTL the cluster served when it was imported (twin: servedCtl)';
  return { type: 'CtlUpdated', data: { fileName: 'CTLFile.tlv', file: file.id, size: Buffer.from(file.bytes, 'base64').length, signer: signer.ref, mode: 'normal', cause, bytes: file.bytes, imported: true, ...(minted.length && { minted }) } };
}

/**
 * `upgrade`: the cluster switches to the new release (release/upgrade.ts says what else it does, FN70613
 * and the expired trust certificates [SFN] [S14]); a token cluster upgraded to 14 makes its next CTL
 * without tokens [S14]. The reboots and their effects on the nodes are reactions/upgrade-follow-ups.ts.
 */
function upgrade(state: ClusterState, to: string, method: 'refresh' | 'l2'): ClusterEvent[] {
  const effects = upgradeEffects(parseRelease(state.release), parseRelease(to), method);
  const events: ClusterEvent[] = [
    {
      type: 'ClusterUpgraded',
      data: { from: state.release, to, method, effects: effects.why, regeneratesItlRecovery: effects.regeneratesItlRecovery, dropsExpiredTrustCertificates: effects.dropsExpiredTrustCertificates },
    },
  ];
  const ctlKind = ctlKindAfterUpgrade(state.ctlKind, parseRelease(to));
  if (ctlKind !== state.ctlKind) events.push({ type: 'CtlKindChanged', data: { from: state.ctlKind, to: ctlKind, command: `upgrade to ${to}: no CTL client from 14 [S14]` } });
  return events;
}

/** DRS backup (§12) [chapter]: every node's certificates with their keys, and its trust stores. */
function backup(state: ClusterState, name: string, world: World): ClusterEvent {
  const nodes = world.nodes(state.name);
  return {
    type: 'BackupTaken',
    data: {
      name,
      certificates: nodes.flatMap((n) => Object.entries(n.identities).map(([purpose, id]) => ({ node: n.name, purpose, generation: id.generation }))),
      nodes: Object.fromEntries(nodes.map((n) => [n.name, { identities: n.identities, stores: n.stores }])),
    },
  };
}

/** What the Certificate Expiry Monitor looks at: every node's identity and trust certificates. */
function monitoredCertificates(state: ClusterState, world: World): MonitoredCertificate[] {
  const out: MonitoredCertificate[] = [];
  for (const node of world.nodes(state.name)) {
    for (const [purpose, id] of Object.entries(node.identities)) {
      const c = world.certificate(id.fingerprint);
      out.push({ commonName: c.commonName, where: `${node.name} ${purpose}`, notAfter: c.notAfter });
    }
    for (const [store, entries] of Object.entries(node.stores)) {
      for (const fp of Object.values(entries)) {
        const c = world.certificate(fp);
        out.push({ commonName: c.commonName, where: `${node.name} ${store}`, notAfter: c.notAfter });
      }
    }
  }
  return out;
}

/** How long until the monitor runs again after a run now (monitoring/expiry-monitor.ts). */
export function expiryMonitorDelay(state: ClusterState, world: World): number {
  return nextExpiryMonitorRun(world.now, monitoredCertificates(state, world)) - world.now;
}
