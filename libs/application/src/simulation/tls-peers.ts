import { ocspAllowsConnection, OcspStatus, Assumptions } from '@trustsim/domain';
import { ClusterRuntime, NodeRuntime } from './cluster-runtime';
import { RunContext } from './run-context';

/** What TLS peers need from the running simulation. */
export interface TlsPeersContext extends Pick<RunContext, 'record'> {
  readonly assumptions: Assumptions;
}

/**
 * Servers and trunks that TLS-connect to a node (SIP trunks, CUBE, syslog, ILS, LBM, ...): the node
 * accepts the peer if its certificate, or the CA that issued it, is in the node's CallManager-trust
 * (or tomcat-trust) [chapter] (§2.1), and — with "Enable OCSP" on — if the OCSP answer allows it, which
 * depends on Common Criteria mode [chapter "Certificate Revocation"] (monitoring/ocsp.ts).
 */
export class TlsPeers {
  constructor(private readonly ctx: TlsPeersContext) {}

  connect(cluster: ClusterRuntime, node: NodeRuntime, peer: string, ocsp: OcspStatus): void {
    const stream = `${cluster.name}.${node.name}`;
    const trusted = ['CallManager-trust', 'tomcat-trust'].some((store) => node.store(store).has(peer));
    if (!trusted) {
      this.ctx.record('node', stream, 'TlsConnectionRefused', { peer, reason: `${peer} is in neither CallManager-trust nor tomcat-trust of ${node.name} [chapter]` });
      return;
    }
    if (cluster.parameters.ocspEnabled === true) {
      const verdict = ocspAllowsConnection(ocsp, cluster.parameters.commonCriteria === true, this.ctx.assumptions);
      if (!verdict.allowed) {
        this.ctx.record('node', stream, 'TlsConnectionRefused', { peer, ocsp, reason: verdict.reason });
        return;
      }
    }
    this.ctx.record('node', stream, 'TlsConnectionAccepted', { peer, ocsp: cluster.parameters.ocspEnabled === true ? ocsp : 'not checked' });
  }
}
