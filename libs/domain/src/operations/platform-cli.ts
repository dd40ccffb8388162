import { toCluster, toNode, toTftp, type Dispatch } from '../core/dispatch';
import { StepNotSimulatedError } from '../core/errors';
import { runs } from '../node/node-state';
import { ctlKindUnavailable } from '../tftp/ctl-plan';
import { itlRecoveryOf, tftpNodesOf } from '../world/cluster-view';
import type { World } from '../world/world';
import { regenerateCertificate } from './certificates';

/** The platform CLI commands trustsim carries out (the scenario language parses them). */
export type PlatformCommand =
  | { kind: 'itl-reset-localkey' }
  | { kind: 'itl-reset-remotekey' }
  | { kind: 'file-get-itlrecovery' }
  | { kind: 'ctl-reset-localkey' }
  | { kind: 'ctl-update-ctlfile' }
  | { kind: 'ctl-set-cluster'; mode: 'mixed-mode' | 'non-secure-mode' }
  | { kind: 'cert-regen'; purpose: string }
  | { kind: 'set-hostname'; hostname: string }
  | { kind: 'set-ip'; address: string }
  | { kind: 'service-restart'; service: string }
  | { kind: 'authz-signing-key-regen' }
  | { kind: 'show-itl' }
  | { kind: 'show-ctl' }
  | { kind: 'show-cert-list' };

/**
 * A platform CLI command typed on a node (`admin:` on the console or over SSH), as the commands it sets off:
 * ITL resets with the local or the imported ITLRecovery key, the ITLRecovery.p12 export, cluster security
 * mode and CTL updates, regenerations, service restarts, hostname and address changes. The command is
 * recorded first; one that cannot run here is recorded as failed with why.
 */
export function planPlatformCommand(world: World, cluster: string, node: string, text: string, command: PlatformCommand): Dispatch[] {
  const on = world.node(cluster, node)!;
  const state = world.cluster(cluster);
  const ran = toNode(cluster, node, { kind: 'record-command', command: text });
  const refuse = (reason: string): Dispatch[] => [ran, toNode(cluster, node, { kind: 'refuse-command', command: text, reason })];
  const publisherOnly = (what: string, source: string) => {
    if (!on.publisher) throw new StepNotSimulatedError(`${what} runs on the publisher, not on ${cluster}/${node} ${source}`);
  };
  // `utils ctl` makes tokenless CTLs (10.0(1)+ [SITL10]); on a token cluster it moves it to tokenless (ctl-plan.ts).
  const tokenless = (): Dispatch[] | string => {
    const unavailable = ctlKindUnavailable(world.release(cluster), 'tokenless');
    if (unavailable) return unavailable;
    return state.ctlKind === 'token' ? [toCluster(cluster, { kind: 'change-ctl-kind', to: 'tokenless', command: text })] : [];
  };
  switch (command.kind) {
    case 'itl-reset-localkey':
      // The publisher's ITL re-signed by its CallManager key, pushed to every active TFTP node, until their TFTP restarts [S125DEF] [SCLI] (§10.5).
      publisherOnly('utils itl reset localkey', '[SCLI]');
      return [ran, ...runningTftp(world, cluster).map((n) => toTftp(cluster, n, { kind: 'build-itl', mode: 'reset-localkey', cause: 'utils itl reset localkey' }))];
    case 'itl-reset-remotekey':
      // A new ITL signed with the recovery key imported from SFTP, on every TFTP node until Cisco Tftp restarts [SCLI] [S125DEF].
      publisherOnly('utils itl reset remotekey', '[SCLI]');
      if (!state.exportedItlRecovery) return refuse('no ITLRecovery.p12 on the SFTP server: export it first with `file get tftp ITLRecovery.p12` [S125DEF]');
      return [ran, ...runningTftp(world, cluster).map((n) => toTftp(cluster, n, { kind: 'build-itl', mode: 'reset-remotekey', cause: 'utils itl reset remotekey' }))];
    case 'file-get-itlrecovery':
      // The ITLRecovery pair leaves the publisher for safekeeping (do it at install, keep it with the DRS backups) [S125DEF].
      if (!on.publisher || !itlRecoveryOf(world, cluster)) return refuse(on.publisher ? `release ${state.release} has no ITLRecovery certificate` : 'ITLRecovery.p12 is on the publisher');
      return [ran, toCluster(cluster, { kind: 'export-itl-recovery' })];
    case 'ctl-set-cluster': {
      // `mixed-mode` builds the first CTL; `non-secure-mode` keeps the file without its entries' certificates [S125CTL].
      publisherOnly('utils ctl set-cluster', '[S125CTL]');
      const kind = tokenless();
      if (typeof kind === 'string') return refuse(kind);
      const mixed = command.mode === 'mixed-mode';
      return [
        ran,
        ...kind,
        toCluster(cluster, { kind: 'set-security', security: mixed ? 'mixed' : 'non-secure' }),
        ...(mixed || state.ctl ? [toCluster(cluster, { kind: 'update-ctl', mode: 'normal', cause: text })] : []),
      ];
    }
    case 'ctl-update-ctlfile':
    case 'ctl-reset-localkey': {
      // Both need a CTL: a non-secure cluster has none to update or re-sign [S125CTL].
      if (state.security !== 'mixed') return refuse('the cluster is not in mixed mode: there is no CTL file');
      const kind = tokenless();
      if (typeof kind === 'string') return refuse(kind);
      return [ran, ...kind, toCluster(cluster, { kind: 'update-ctl', mode: command.kind === 'ctl-reset-localkey' ? 'reset-localkey' : 'normal', cause: text })];
    }
    case 'authz-signing-key-regen':
      return [ran, toNode(cluster, node, { kind: 'regenerate-authz-key' })];
    case 'cert-regen':
      return [ran, ...regenerateCertificate(world, cluster, node, command.purpose)];
    case 'service-restart':
      return [ran, toNode(cluster, node, { kind: 'restart-service', service: command.service })];
    case 'set-hostname':
      return [ran, toNode(cluster, node, { kind: 'change-hostname', hostname: command.hostname })];
    case 'set-ip':
      return [ran, toNode(cluster, node, { kind: 'change-ip', address: command.address })];
    case 'show-itl':
    case 'show-ctl':
    case 'show-cert-list':
      return [ran]; // read-only; the training shell prints them
  }
}

/** The TFTP nodes running Cisco Tftp now (a bulk ITL reset reaches the active ones [SCLI]). */
function runningTftp(world: World, cluster: string): string[] {
  return tftpNodesOf(world, cluster)
    .filter((n) => runs(n, 'tftp'))
    .map((n) => n.name);
}

/**
 * The CTL client with the two USB eTokens (before 14 only [S14]): puts the cluster in mixed mode if needed
 * and builds a token-based CTL signed by Token1 (§5) [S125CTL].
 */
export function runCtlClient(world: World, cluster: string): Dispatch[] {
  const state = world.cluster(cluster);
  const unavailable = ctlKindUnavailable(world.release(cluster), 'token');
  if (unavailable) return [toCluster(cluster, { kind: 'refuse-ctl-client', reason: unavailable })];
  return [
    toCluster(cluster, { kind: 'register-tokens' }),
    toCluster(cluster, { kind: 'change-ctl-kind', to: 'token', command: 'CTL client' }),
    ...(state.security !== 'mixed' ? [toCluster(cluster, { kind: 'set-security', security: 'mixed' })] : []),
    toCluster(cluster, { kind: 'update-ctl', mode: 'normal', cause: 'CTL client (USB eTokens)' }),
  ];
}
