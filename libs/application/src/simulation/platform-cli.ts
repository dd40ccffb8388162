import { ctlKindUnavailable, hostnameChangeEffects, ipChangeEffects, NetworkChangeEffects } from '@trustsim/domain';
import { parseCliCommand, ServiceName, SERVICE_NAMES } from '@trustsim/scenarios';
import { CertRegenerated } from '../events/certificate-events';
import { ClusterRuntime, NodeRuntime } from './cluster-runtime';
import { NodeIdentities } from './node-identities';
import { PhoneFleet } from './phone-fleet';
import { RunContext } from './run-context';
import { StepNotSimulatedError } from './simulation-errors';
import { TrustListSigning } from './trust-list-signing';

/** What the platform CLI needs from the running simulation. */
export interface PlatformCliContext extends Pick<RunContext, 'runId' | 'record' | 'publish' | 'changed'> {
  readonly identities: Pick<NodeIdentities, 'issue' | 'regenerate' | 'issueTokens'>;
  readonly trustLists: Pick<TrustListSigning, 'rebuildItl' | 'updateCtl'>;
  readonly fleet: Pick<PhoneFleet, 'scheduleResetWave'>;
}

/** Reads the services a step names ("Cisco Tftp") as node services (tftp). */
function serviceOf(name: string): ServiceName | undefined {
  return (SERVICE_NAMES as Record<string, ServiceName | undefined>)[name];
}

/**
 * The platform CLI of a node (`admin:` on the console or over SSH), and the service restarts that the
 * CLI and Cisco Unified Serviceability both do: ITL resets with the local or the ITLRecovery key, the
 * ITLRecovery.p12 export, cluster security mode and CTL updates, certificate regeneration, hostname
 * changes. The commands are read with the scenario language's own parser, so a scenario and the training
 * shell accept the same forms.
 */
export class PlatformCli {
  constructor(private readonly ctx: PlatformCliContext) {}

  /** A platform CLI command typed on a node, read with the scenario language's own parser. */
  run(cluster: ClusterRuntime, node: NodeRuntime, command: string): void {
    const text = command.trim().replace(/\s+/g, ' ');
    this.ctx.record('node', `${cluster.name}.${node.name}`, 'PlatformCommandRun', { command: text });
    const parsed = parseCliCommand(text);
    if (!parsed.ok) throw new StepNotSimulatedError(`platform command "${text}": ${parsed.message}`);
    const c = parsed.command;
    const mixed = cluster.security === 'mixed';
    switch (c.kind) {
      case 'itl-reset-localkey':
        return this.itlResetLocalkey(cluster, node);
      case 'itl-reset-remotekey':
        return this.itlResetRemotekey(cluster, node, text);
      case 'file-get-itlrecovery':
        return this.exportItlRecovery(cluster, node, text);
      case 'ctl-set-cluster':
        return this.setClusterSecurity(cluster, node, c.mode, text);
      case 'authz-signing-key-regen':
        // SIP OAuth tokens signed with the old key stop working; phones' trust lists are not involved [chapter].
        return this.ctx.record('node', `${cluster.name}.${node.name}`, 'AuthzSigningKeyRegenerated', { effect: 'OAuth access and refresh tokens issued before are invalid; clients sign in again' });
      case 'ctl-update-ctlfile':
      case 'ctl-reset-localkey':
        // Both need a CTL: a non-secure cluster has none to update or re-sign [S125CTL].
        if (!mixed) return this.ctx.record('node', `${cluster.name}.${node.name}`, 'PlatformCommandFailed', { command: text, reason: 'the cluster is not in mixed mode: there is no CTL file' });
        if (!this.tokenless(cluster, node, text)) return;
        cluster.ctlMode = c.kind === 'ctl-reset-localkey' ? 'reset-localkey' : 'normal';
        return this.ctx.trustLists.updateCtl(cluster, text);
      case 'cert-regen':
        return this.ctx.identities.regenerate(cluster, node, c.purpose, undefined, undefined);
      case 'service-restart':
        return this.restartService(cluster, node, c.service);
      case 'set-hostname':
        return this.changeHostname(cluster, node, c.hostname);
      case 'set-ip':
        return this.changeIp(cluster, node, c.address);
      case 'show-itl':
      case 'show-ctl':
      case 'show-cert-list':
        return; // read-only; the training shell prints them
      default:
        throw new StepNotSimulatedError(`platform command "${text}" is not simulated yet by this version of trustsim`);
    }
  }

  /** Restarting Cisco Tftp rebuilds the ITL with the release's signer, ending a reset ITL (§4.4) [chapter] [S125DEF]. */
  restartService(cluster: ClusterRuntime, node: NodeRuntime, service: string): void {
    this.ctx.record('node', `${cluster.name}.${node.name}`, 'ServiceRestarted', { service });
    if (serviceOf(service) === 'tftp' && node.services.has('tftp')) {
      node.itlMode = 'normal';
      if (node.tftpTomcat) this.ctx.record('node', `${cluster.name}.${node.name}`, 'TftpTomcatCertificateReloaded', { offered: node.identity('tomcat').certificate.fingerprint, was: node.tftpTomcat });
      node.tftpTomcatOn('tftp-restarted');
      this.ctx.trustLists.rebuildItl(cluster, node, 'Cisco Tftp restarted');
    }
  }

  /**
   * `set network hostname`: the node's self-signed certificates regenerated under the new name and all
   * devices reset, as network-change.ts says [SHOST] (§10.6).
   */
  private changeHostname(cluster: ClusterRuntime, node: NodeRuntime, hostname: string): void {
    const domain = node.fqdn.split('.').slice(1).join('.');
    node.fqdn = `${hostname}.${domain}`;
    this.ctx.record('node', `${cluster.name}.${node.name}`, 'HostnameChanged', { hostname, fqdn: node.fqdn });
    const effects = hostnameChangeEffects([...node.identities.values()].map((i) => ({ purpose: i.purpose, selfSigned: i.certificate.selfSigned })));
    this.follow(cluster, node, effects, `hostname change of ${node.name}`);
  }

  /**
   * `set network ip`: certificates stay, every TFTP node rebuilds its ITL and devices reset, as
   * network-change.ts says [SHOST] (§10.6). The CTL keeps the old address until `utils ctl update CTLFile`:
   * secure connections to the node fail until then (secure-registration.ts).
   */
  private changeIp(cluster: ClusterRuntime, node: NodeRuntime, address: string): void {
    const from = node.ip;
    node.ip = address;
    this.ctx.record('node', `${cluster.name}.${node.name}`, 'IpAddressChanged', { from, to: address });
    this.ctx.changed(cluster);
    this.follow(cluster, node, ipChangeEffects(), `IP address change of ${node.name}`, `IP address of ${node.name} changed`);
  }

  /** Does what follows a hostname or IP change: regenerations, ITL rebuilds, the reset wave. */
  private follow(cluster: ClusterRuntime, node: NodeRuntime, effects: NetworkChangeEffects, resetReason: string, rebuildReason = resetReason): void {
    for (const purpose of effects.regenerate) {
      const identity = node.identity(purpose);
      this.ctx.identities.issue(cluster, node, purpose, identity.generation + 1, 'CertRegenerated', identity.certificate.keyBits);
      this.ctx.publish(new CertRegenerated(this.ctx.runId, cluster.name, node.name, purpose, identity.generation + 1));
    }
    if (effects.rebuildItls) for (const tftp of cluster.tftpNodes) this.ctx.trustLists.rebuildItl(cluster, tftp, rebuildReason);
    if (effects.resetDevices) this.ctx.fleet.scheduleResetWave(cluster, resetReason);
  }

  /**
   * `utils itl reset localkey` (publisher only): the publisher's ITL re-signed by its CallManager key,
   * pushed to every active TFTP node, until their TFTP service restarts [S125DEF] [SCLI] (§10.5).
   */
  private itlResetLocalkey(cluster: ClusterRuntime, node: NodeRuntime): void {
    if (!node.isPublisher) throw new StepNotSimulatedError(`utils itl reset localkey runs on the publisher, not on ${cluster.name}/${node.name} [SCLI]`);
    for (const tftp of cluster.tftpNodes.filter((n) => n.runs('tftp'))) {
      tftp.itlMode = 'reset-localkey';
      this.ctx.trustLists.rebuildItl(cluster, tftp, 'utils itl reset localkey');
    }
  }

  /**
   * `file get tftp ITLRecovery.p12`: the ITLRecovery pair leaves the publisher for safekeeping (do it at
   * install, keep it with the DRS backups) [S125DEF].
   */
  private exportItlRecovery(cluster: ClusterRuntime, node: NodeRuntime, text: string): void {
    const identity = cluster.itlRecovery;
    if (!node.isPublisher || !identity) {
      return this.ctx.record('node', `${cluster.name}.${node.name}`, 'PlatformCommandFailed', { command: text, reason: node.isPublisher ? `release ${cluster.releaseName} has no ITLRecovery certificate` : 'ITLRecovery.p12 is on the publisher' });
    }
    cluster.exportedItlRecovery = identity;
    this.ctx.record('node', `${cluster.name}.${node.name}`, 'ItlRecoveryExported', { generation: identity.generation, fingerprint: identity.certificate.fingerprint });
  }

  /**
   * `utils itl reset remotekey <host> <user> ITLRecovery.p12` (publisher only): a new ITL signed with the
   * recovery key imported from the SFTP server, pushed to every TFTP node until Cisco Tftp restarts [SCLI]
   * [S125DEF]. It helps exactly the phones that still trust that ITLRecovery certificate.
   */
  private itlResetRemotekey(cluster: ClusterRuntime, node: NodeRuntime, text: string): void {
    const stream = `${cluster.name}.${node.name}`;
    if (!node.isPublisher) throw new StepNotSimulatedError(`utils itl reset remotekey runs on the publisher, not on ${cluster.name}/${node.name} [SCLI]`);
    if (!cluster.exportedItlRecovery) {
      return this.ctx.record('node', stream, 'PlatformCommandFailed', { command: text, reason: 'no ITLRecovery.p12 on the SFTP server: export it first with `file get tftp ITLRecovery.p12` [S125DEF]' });
    }
    for (const tftp of cluster.tftpNodes.filter((n) => n.runs('tftp'))) {
      tftp.itlMode = 'reset-remotekey';
      this.ctx.trustLists.rebuildItl(cluster, tftp, 'utils itl reset remotekey');
    }
  }

  /**
   * `utils ctl` makes tokenless CTLs (10.0(1)+ [SITL10]): on a cluster whose CTL the CTL client made with USB
   * eTokens it moves the cluster to the tokenless CTL — phones accept the change only if the token CTL they
   * hold lists the new signer as SAST (ctl-plan.ts: from 11.5 by the table of [S125CTL]; the guide's
   * procedure asks for a token CTL made on 12.0(1)+ [S125CTL], so the 11.5 case is [uncertain]).
   * Returns false, recording why, where the release has no `utils ctl`.
   */
  private tokenless(cluster: ClusterRuntime, node: NodeRuntime, text: string): boolean {
    const unavailable = ctlKindUnavailable(cluster.release, 'tokenless');
    if (unavailable) {
      this.ctx.record('node', `${cluster.name}.${node.name}`, 'PlatformCommandFailed', { command: text, reason: unavailable });
      return false;
    }
    if (cluster.ctlKind === 'token') {
      cluster.ctlKind = 'tokenless';
      this.ctx.record('cluster', cluster.name, 'CtlKindChanged', { from: 'token', to: 'tokenless', command: text });
    }
    return true;
  }

  /**
   * The CTL client with the two USB eTokens (extension step `ctlClient`; before 14 only [S14]): puts the
   * cluster in mixed mode if needed and builds a token-based CTL signed by Token1 (§5) [S125CTL].
   */
  runCtlClient(cluster: ClusterRuntime): void {
    const unavailable = ctlKindUnavailable(cluster.release, 'token');
    if (unavailable) {
      this.ctx.record('cluster', cluster.name, 'CtlClientFailed', { reason: unavailable });
      return;
    }
    this.ctx.identities.issueTokens(cluster);
    if (cluster.ctlKind !== 'token') this.ctx.record('cluster', cluster.name, 'CtlKindChanged', { from: cluster.ctlKind, to: 'token', command: 'CTL client' });
    cluster.ctlKind = 'token';
    cluster.ctlMode = 'normal';
    if (cluster.security !== 'mixed') {
      cluster.security = 'mixed';
      this.ctx.record('cluster', cluster.name, 'ClusterSecurityModeChanged', { security: cluster.security });
    }
    this.ctx.trustLists.updateCtl(cluster, 'CTL client (USB eTokens)');
  }

  /**
   * `utils ctl set-cluster mixed-mode` builds the first CTL; `non-secure-mode` keeps the file without its
   * entries' certificates, so phones ask for unsigned configurations and register non-secure [S125CTL].
   */
  private setClusterSecurity(cluster: ClusterRuntime, node: NodeRuntime, mode: 'mixed-mode' | 'non-secure-mode', text: string): void {
    if (!node.isPublisher) throw new StepNotSimulatedError(`utils ctl set-cluster runs on the publisher, not on ${cluster.name}/${node.name} [S125CTL]`);
    // Checks first, then changes: a refused command leaves the cluster as it was.
    if (!this.tokenless(cluster, node, text)) return;
    cluster.security = mode === 'mixed-mode' ? 'mixed' : 'non-secure';
    this.ctx.record('cluster', cluster.name, 'ClusterSecurityModeChanged', { security: cluster.security });
    if (mode === 'mixed-mode' || cluster.ctl) {
      cluster.ctlMode = 'normal';
      this.ctx.trustLists.updateCtl(cluster, text);
    }
  }
}
