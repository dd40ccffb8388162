import type { TrustRecordPlan } from '../core/ports';
import { storeOf, type NodeState } from '../node/node-state';
import { ctlRecords, ctlRecordsCarryCertificateSignature, ctlSigner } from '../tftp/ctl-plan';
import { NO_SERVER_RECORD_NAME, serverRecordName } from '../tftp/record-names';
import { signerOf, type FileSigner } from '../tftp/itl-build';
import { capfNodeOf, identityOn, itlRecoveryOf } from '../world/cluster-view';
import { publisherOf, type World } from '../world/world';
import type { CtlMode } from './cluster-events';

/**
 * The CTL a cluster builds from its current certificates (§5) [S125CTL]: the same file on every TFTP node,
 * signed by the publisher's keys or Token1 (ctl-plan.ts: by kind, release and mode), server by server in
 * the published order [STOKENLESS]. Phone-SAST-trust certificates join as SAST at a CTL update (another
 * cluster's, for migrations) [S125CTL]. After `utils ctl set-cluster non-secure-mode` the file stays,
 * keeps its SAST and CAPF entries and reduces each server entry to a stub without certificate, so phones
 * still verify it and then hold no CallManager or TFTP entry [SNONSECURE].
 */
export function planCtl(world: World, cluster: string, mode: CtlMode): { records: TrustRecordPlan[]; signer: FileSigner } {
  const state = world.cluster(cluster);
  const release = world.release(cluster);
  const nodes = world.nodes(cluster);
  const pub = publisherOf(world, cluster);
  const must = (n: NodeState, purpose: string) => {
    const id = identityOn(n, purpose);
    if (!id) throw new Error(`${cluster}/${n.name} has no ${purpose} certificate`);
    return { fingerprint: id.fingerprint, node: n.name, purpose };
  };
  const tokens = state.ctlKind === 'token' ? state.tokens : undefined;
  if (state.ctlKind === 'token' && (!tokens || tokens.length < 2)) throw new Error(`cluster ${cluster} has a token-based CTL but no eTokens`);
  const itlRecovery = itlRecoveryOf(world, cluster);
  const capf = capfNodeOf(world, cluster);
  const servers = nodes
    .filter((n) => n.services.includes('callmanager') || n.services.includes('tftp') || n === capf)
    .map((n) => {
      const ecdsa = identityOn(n, 'CallManager-ECDSA');
      return {
        node: n.name,
        callManager: must(n, 'CallManager'),
        callManagerEcdsa: ecdsa && { fingerprint: ecdsa.fingerprint, node: n.name, purpose: 'CallManager-ECDSA' },
        runsCallManager: n.services.includes('callmanager'),
        runsTftp: n.services.includes('tftp'),
        capf: n === capf ? must(n, 'CAPF') : undefined,
      };
    });
  const plan = ctlRecords(
    release,
    {
      publisherCallManager: must(pub, 'CallManager'),
      servers,
      itlRecovery: itlRecovery && { fingerprint: itlRecovery.fingerprint, node: pub.name, purpose: 'ITLRecovery' },
      phoneSast: [],
      tokens: tokens && [
        { fingerprint: tokens[0].fingerprint, node: pub.name, purpose: tokens[0].token },
        { fingerprint: tokens[1].fingerprint, node: pub.name, purpose: tokens[1].token },
      ],
    },
    state.ctlKind,
    state.security,
  );
  const purpose = ctlSigner(release, mode, state.ctlKind);
  const signer =
    purpose === 'Token1'
      ? signerOf(cluster, tokens![0], pub.name, tokens![0].token)
      : purpose === 'ITLRecovery' && itlRecovery
        ? signerOf(cluster, itlRecovery, pub.name, 'ITLRecovery')
        : signerOf(cluster, pub.identities.CallManager, pub.name, 'CallManager');
  const certificateSignature = ctlRecordsCarryCertificateSignature(state.ctlKind);
  const tokenPrints = new Set((tokens ?? []).map((t) => t.fingerprint));
  const records: TrustRecordPlan[] = plan.map((r) => {
    if ('stubOf' in r) {
      const owner = nodes.find((n) => n.name === r.stubOf)!;
      return { role: r.role, dnsName: serverRecordName(owner.fqdn), ipAddress: owner.ip };
    }
    // A USB eToken is nobody's node: its record has an empty name [SNONSECURE].
    if (tokenPrints.has(r.certificate.fingerprint)) return { fingerprint: r.certificate.fingerprint, role: r.role, dnsName: NO_SERVER_RECORD_NAME, ipAddress: '0.0.0.0', certificateSignature };
    const owner = nodes.find((n) => n.name === r.certificate.node)!;
    return { fingerprint: r.certificate.fingerprint, role: r.role, dnsName: serverRecordName(owner.fqdn), ipAddress: owner.ip, certificateSignature };
  });
  // Non-secure mode keeps every SAST [SNONSECURE], Phone-SAST-trust certificates included.
  for (const fp of Object.values(storeOf(pub, 'Phone-SAST-trust'))) records.push({ fingerprint: fp, role: 'SAST', dnsName: NO_SERVER_RECORD_NAME, ipAddress: '0.0.0.0', certificateSignature });
  return { records, signer };
}
