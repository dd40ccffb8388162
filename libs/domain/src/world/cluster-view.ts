import { createHash } from 'node:crypto';
import type { IdentityRef } from '../core/refs';
import { runs, storeOf, type NodeState } from '../node/node-state';
import { hasItlRecovery } from '../release/release-profile';
import type { TvsKnowledge } from '../tvs/tvs-roles';
import { peek } from '../assumptions/consulted';
import { publisherOf, type World } from './world';

/** A node's identity certificate, with the node that holds it. */
export interface OwnedIdentity extends IdentityRef {
  readonly node: NodeState;
  readonly purpose: string;
}

export function identityOn(node: NodeState, purpose: string): OwnedIdentity | undefined {
  const id = node.identities[purpose];
  return id && { ...id, node, purpose };
}

/** The cluster-wide ITLRecovery certificate, kept on the publisher (one certificate from 12.5 [SREGEN]); none before 10.0 [SITL10]. */
export function itlRecoveryOf(world: World, cluster: string): OwnedIdentity | undefined {
  return hasItlRecovery(world.release(cluster)) ? identityOn(publisherOf(world, cluster), 'ITLRecovery') : undefined;
}

/** The node running the CAPF service with its CAPF certificate (the publisher [chapter] table 3). */
export function capfNodeOf(world: World, cluster: string): NodeState | undefined {
  return world.nodes(cluster).find((n) => n.services.includes('capf') && n.identities.CAPF);
}

/** The cluster's TFTP nodes (configured with Cisco Tftp), in order. */
export function tftpNodesOf(world: World, cluster: string): NodeState[] {
  return world.nodes(cluster).filter((n) => n.services.includes('tftp'));
}

/**
 * CAPF certificates whose LSCs a node's CallManager accepts: the cluster's current CAPF and any CAPF
 * certificate in its CAPF-trust or CallManager-trust (how another cluster's LSCs are accepted in a secure
 * migration [S125CTL] [SSECMIG]); a regenerated CAPF no longer vouches for old LSCs [SREGEN-T].
 */
export function trustedCapfFingerprints(world: World, cluster: string, node: NodeState): Set<string> {
  const capf = capfNodeOf(world, cluster)?.identities.CAPF?.fingerprint;
  return new Set([...(capf ? [capf] : []), ...Object.values(storeOf(node, 'CAPF-trust')), ...Object.values(storeOf(node, 'CallManager-trust'))]);
}

/**
 * What a node's TVS knows (tvs-roles.ts): every node's CallManager certificate, the cluster's ITLRecovery,
 * this node's Phone-SAST-trust, every node's tomcat certificate and this node's tomcat-trust [SCN], and in
 * mixed mode the cluster's current CTL [STOKENLESS].
 */
export function tvsKnowledge(world: World, cluster: string, node: NodeState): TvsKnowledge {
  const nodes = world.nodes(cluster);
  const state = world.cluster(cluster);
  return {
    callManagerCertificates: new Set(nodes.flatMap((n) => (n.identities.CallManager ? [n.identities.CallManager.fingerprint] : []))),
    itlRecoveryCertificate: itlRecoveryOf(world, cluster)?.fingerprint,
    phoneSastTrust: new Set(Object.values(storeOf(node, 'Phone-SAST-trust'))),
    applicationServers: new Set([...nodes.flatMap((n) => (n.identities.tomcat ? [n.identities.tomcat.fingerprint] : [])), ...Object.values(storeOf(node, 'tomcat-trust'))]),
    // What TVS loads depends on these two readings, but a phone's answer only once it asks about the one
    // certificate concerned: the phone's view consults them then (phone-view.ts), so they are peeked here.
    tvsVouchesForOwnItlRecovery: peek(world.assumptions, 'tvsVouchesForOwnItlRecovery') === true,
    ctlRoles: state.security === 'mixed' && state.ctl ? world.trustList(state.ctl.file).roles : undefined,
    tvsVouchesForCtlSigners: peek(world.assumptions, 'tvsVouchesForCtlSigners') === true,
  };
}

/**
 * The assumptions a TVS's answer about a certificate rests on (tvs-roles.ts): its own cluster's
 * ITLRecovery (tvsVouchesForOwnItlRecovery), a SAST of the CTL it caches (tvsVouchesForCtlSigners).
 */
export function tvsAnswerAssumptions(world: World, cluster: string, fingerprint: string): ('tvsVouchesForOwnItlRecovery' | 'tvsVouchesForCtlSigners')[] {
  const out: ('tvsVouchesForOwnItlRecovery' | 'tvsVouchesForCtlSigners')[] = [];
  const identity = world.identity(fingerprint);
  if (identity?.cluster === cluster && identity.purpose === 'ITLRecovery') out.push('tvsVouchesForOwnItlRecovery');
  const state = world.cluster(cluster);
  if (state.security === 'mixed' && state.ctl && world.trustList(state.ctl.file).roles.get(fingerprint)?.has('SAST')) out.push('tvsVouchesForCtlSigners');
  return out;
}

/**
 * The CallManager group a cluster configures a phone group with: the group's own in its home cluster; in
 * another cluster (a phone moved there by DHCP option 150, taken as provisioned there as after a bulk
 * phone import [scenario-language]), that cluster's first three CallManager nodes.
 */
export function callManagerGroupFor(world: World, cluster: string, home: { cluster: string; callManagerGroup: readonly string[] }): readonly string[] {
  if (home.cluster === cluster) return home.callManagerGroup;
  return world
    .nodes(cluster)
    .filter((n) => n.services.includes('callmanager'))
    .slice(0, 3)
    .map((n) => n.name);
}

/** The configuration content a cluster serves a phone group: its CallManager group and security profile. */
export function configContent(group: string, callManagerGroup: readonly string[], securityProfile: string): string {
  return `<device><group>${group}</group><callManagerGroup>${callManagerGroup.join(',')}</callManagerGroup><securityProfile>${securityProfile}</securityProfile></device>`;
}

/**
 * A configuration file's identity: its content and the certificate that signs it. The signature itself is
 * deterministic for a key, so the pair names the file; a reader can tell which file a TFTP node would serve
 * without signing it again.
 */
export function configFileId(content: string, signerFingerprint: string): string {
  return createHash('sha256').update(`${signerFingerprint}\n${content}`).digest('hex');
}

/** Whether the node runs Cisco Tftp now and serves an ITL. */
export function servesItl(world: World, cluster: string, node: NodeState): boolean {
  return runs(node, 'tftp') && !!world.tftp(cluster, node.name)?.itl;
}
