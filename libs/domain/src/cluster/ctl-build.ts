import type { TrustRecordPlan } from '../core/ports';
import { storeOf, type NodeState } from '../node/node-state';
import { ctlRecords, ctlSigner, type CtlRecordPlan } from '../tftp/ctl-plan';
import { signerOf, type FileSigner } from '../tftp/itl-build';
import { capfNodeOf, identityOn, itlRecoveryOf } from '../world/cluster-view';
import { publisherOf, type World } from '../world/world';
import type { CtlMode } from './cluster-events';

/**
 * The CTL a cluster builds from its current certificates (§5) [S125CTL]: the same file on every TFTP node,
 * signed by the publisher's keys (ctl-plan.ts: by kind, release and mode). Phone-SAST-trust certificates
 * join as SAST at a CTL update (another cluster's, for migrations) [S125CTL]. After `utils ctl
 * set-cluster non-secure-mode` the file stays but its entries' certificates are removed: only the
 * signer's record is left, so phones still verify it and then hold no CallManager or TFTP entry [S125CTL].
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
  const plan = ctlRecords(
    release,
    {
      publisherCallManager: must(pub, 'CallManager'),
      callManagers: nodes.filter((n) => n.services.includes('callmanager') || n.services.includes('tftp')).map((n) => must(n, 'CallManager')),
      itlRecovery: itlRecovery && { fingerprint: itlRecovery.fingerprint, node: pub.name, purpose: 'ITLRecovery' },
      capf: capf && must(capf, 'CAPF'),
      phoneSast: [],
      tokens: tokens && [
        { fingerprint: tokens[0].fingerprint, node: pub.name, purpose: tokens[0].token },
        { fingerprint: tokens[1].fingerprint, node: pub.name, purpose: tokens[1].token },
      ],
    },
    state.ctlKind,
  );
  const purpose = ctlSigner(release, mode, state.ctlKind);
  const signer =
    purpose === 'Token1'
      ? signerOf(cluster, tokens![0], pub.name, tokens![0].token)
      : purpose === 'ITLRecovery' && itlRecovery
        ? signerOf(cluster, itlRecovery, pub.name, 'ITLRecovery')
        : signerOf(cluster, pub.identities.CallManager, pub.name, 'CallManager');
  const mixed = state.security === 'mixed';
  const kept: CtlRecordPlan[] = mixed ? plan : plan.filter((r) => r.certificate.fingerprint === signer.fingerprint);
  const tokenNames = new Map((tokens ?? []).map((t) => [t.fingerprint, t.commonName]));
  const records: TrustRecordPlan[] = kept.map((r) => {
    // A USB eToken is nobody's node: its record names the token.
    const token = tokenNames.get(r.certificate.fingerprint);
    if (token !== undefined) return { fingerprint: r.certificate.fingerprint, role: r.role, dnsName: token, ipAddress: '0.0.0.0' };
    const owner = nodes.find((n) => n.name === r.certificate.node)!;
    return { fingerprint: r.certificate.fingerprint, role: r.role, dnsName: owner.fqdn, ipAddress: owner.ip };
  });
  if (mixed) {
    for (const [commonName, fp] of Object.entries(storeOf(pub, 'Phone-SAST-trust'))) records.push({ fingerprint: fp, role: 'SAST', dnsName: commonName, ipAddress: '0.0.0.0' });
  }
  return { records, signer };
}
