import type { KeyRef, SignerRef } from '../core/refs';
import type { TrustRecordPlan } from '../core/ports';
import type { NodeState } from '../node/node-state';
import { capfNodeOf, identityOn, itlRecoveryOf, type OwnedIdentity } from '../world/cluster-view';
import { publisherOf, type World } from '../world/world';
import { itlRecords, itlSigner, phoneSastTrustItlRecords, rollbackItlRecords, type ItlSigningMode } from './itl-plan';
import { NO_SERVER_RECORD_NAME, serverRecordName } from './record-names';
import { storeOf } from '../node/node-state';
import { hasItlRecovery } from '../release/release-profile';
import { isAtLeast } from '../release/release';

/** A trust file's signer: its certificate, the key that signs, and how a reader names it. */
export interface FileSigner {
  readonly fingerprint: string;
  readonly key: KeyRef;
  readonly ref: SignerRef;
}

export function signerOf(cluster: string, id: { fingerprint: string; generation: number; key: KeyRef }, node: string, purpose: string): FileSigner {
  return { fingerprint: id.fingerprint, key: id.key, ref: { cluster, node, purpose, generation: id.generation, fingerprint: id.fingerprint } };
}

/**
 * The ITL one TFTP node builds from the cluster's current certificates (§4.2, §4.3): the records of
 * itl-plan.ts, each naming the node whose certificate it is, and the signer of `itlSigner`. In
 * reset-localkey mode the publisher's ITL is re-signed by the publisher's CallManager key [S125DEF] [SCLI];
 * in reset-remotekey mode the imported ITLRecovery key signs and, no longer being the cluster's, joins as
 * the signing SAST [SCLI]. With "Prepare Cluster for Rollback to pre-8.0" only the signer stays [S125DEF].
 * Records name the server by its short host name [STOKENLESS].
 */
export function planItl(world: World, cluster: string, node: NodeState, mode: ItlSigningMode): { records: TrustRecordPlan[]; signer: FileSigner } {
  const nodes = world.nodes(cluster);
  const state = world.cluster(cluster);
  const release = world.release(cluster);
  const publisher = publisherOf(world, cluster);
  const contentNode = mode === 'reset-localkey' ? publisher : node;
  const must = (n: NodeState, purpose: string): OwnedIdentity => {
    const id = identityOn(n, purpose);
    if (!id) throw new Error(`${cluster}/${n.name} has no ${purpose} certificate`);
    return id;
  };
  const itlRecovery = itlRecoveryOf(world, cluster);
  const capf = capfNodeOf(world, cluster);
  const ecdsa = identityOn(contentNode, 'CallManager-ECDSA');
  const full = itlRecords(
    {
      callManager: ref(must(contentNode, 'CallManager')),
      callManagerEcdsa: ecdsa && ref(ecdsa),
      itlRecovery: itlRecovery && ref(itlRecovery),
      tvs: nodes.filter((n) => n.identities.TVS).map((n) => ref(must(n, 'TVS'))),
      capf: capf && ref(must(capf, 'CAPF')),
    },
    // Only a 10.x/11.x ITL depends on the reading (itlListsItlRecovery): 12.0+ always lists its signer.
    { release, security: state.security, itlRecoveryInItlBefore12: hasItlRecovery(release) && !isAtLeast(release, '12.0') ? world.assumptions.itlRecoveryInItlBefore12 === true : true },
  );
  const plan = state.parameters.prepareClusterForRollbackToPre80 === true ? rollbackItlRecords(full) : full;
  const rule = itlSigner(release, mode);
  let signer: FileSigner;
  if (mode === 'reset-remotekey') {
    const exported = state.exportedItlRecovery;
    if (!exported) throw new Error(`cluster ${cluster} has no exported ITLRecovery.p12`);
    signer = signerOf(cluster, exported, exported.node, 'ITLRecovery');
  } else if (rule.purpose === 'ITLRecovery') {
    if (!itlRecovery) throw new Error(`cluster ${cluster} (release ${state.release}) has no ITLRecovery certificate`);
    signer = signerOf(cluster, itlRecovery, itlRecovery.node.name, 'ITLRecovery');
  } else {
    const owner = rule.publisherOnly ? publisher : node;
    signer = signerOf(cluster, must(owner, 'CallManager'), owner.name, 'CallManager');
  }
  const byFingerprint = (fp: string) => plan.some((r) => r.certificate.fingerprint === fp);
  // Another cluster's certificates, where the reading puts them in the ITL; read only when there are some (itl-plan.ts).
  const sastTrust = Object.values(storeOf(contentNode, 'Phone-SAST-trust')).filter((fp) => !byFingerprint(fp));
  const foreign = state.parameters.prepareClusterForRollbackToPre80 === true || !sastTrust.length ? [] : phoneSastTrustItlRecords(sastTrust, world.assumptions.itlCarriesPhoneSastTrust === true);
  const records: TrustRecordPlan[] = [
    // The imported recovery key of `reset remotekey` is no longer the cluster's: it joins as the signing SAST [SCLI].
    ...(byFingerprint(signer.fingerprint) ? [] : [{ fingerprint: signer.fingerprint, role: 'SAST', dnsName: serverRecordName(publisher.fqdn), ipAddress: publisher.ip }]),
    ...plan.map((r) => {
      const owner = nodes.find((n) => n.name === r.certificate.node)!;
      return { fingerprint: r.certificate.fingerprint, role: r.role, dnsName: serverRecordName(owner.fqdn), ipAddress: owner.ip };
    }),
    // They name no server of this cluster, as in the CTL [uncertain] (record-names.ts).
    ...foreign.map((r) => ({ fingerprint: r.fingerprint, role: r.role, dnsName: NO_SERVER_RECORD_NAME, ipAddress: '0.0.0.0' })),
  ];
  return { records, signer };
}

function ref(id: OwnedIdentity) {
  return { fingerprint: id.fingerprint, node: id.node.name, purpose: id.purpose };
}
