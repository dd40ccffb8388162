import { decideTlsPeer, OcspStatus, Assumptions, TLS_PEER_TRUST_STORES } from '@trustsim/domain';
import { ClusterRuntime, NodeRuntime } from './cluster-runtime';
import { RunContext } from './run-context';

/** What TLS peers need from the running simulation. */
export interface TlsPeersContext extends Pick<RunContext, 'record'> {
  readonly assumptions: Assumptions;
}

/**
 * Servers and trunks that TLS-connect to a node (SIP trunks, CUBE, syslog, ILS, LBM, ...): gathers what the
 * node knows and records what the trust model decides (trust-store/tls-peer.ts: CallManager-trust or
 * tomcat-trust [chapter] (§2.1), then OCSP with Common Criteria [chapter "Certificate Revocation"]).
 */
export class TlsPeers {
  constructor(private readonly ctx: TlsPeersContext) {}

  connect(cluster: ClusterRuntime, node: NodeRuntime, peer: string, ocsp: OcspStatus): void {
    const stream = `${cluster.name}.${node.name}`;
    // Read through `stores`, not node.store(), which would create an empty store (and checkpoints show stores).
    const holding = TLS_PEER_TRUST_STORES.filter((store) => node.stores.get(store)?.has(peer));
    const decision = decideTlsPeer(
      {
        peer,
        node: node.name,
        storesHoldingPeer: holding,
        ocspEnabled: cluster.parameters.ocspEnabled === true,
        ocsp,
        commonCriteria: cluster.parameters.commonCriteria === true,
      },
      this.ctx.assumptions,
    );
    if (decision.accepted) {
      this.ctx.record('node', stream, 'TlsConnectionAccepted', { peer, ocsp: decision.ocsp });
    } else {
      this.ctx.record('node', stream, 'TlsConnectionRefused', decision.ocsp === undefined ? { peer, reason: decision.reason } : { peer, ocsp: decision.ocsp, reason: decision.reason });
    }
  }
}
