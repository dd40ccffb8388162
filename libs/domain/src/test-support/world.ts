import { defaultAssumptions, type Assumptions } from '../assumptions/assumptions';
import { NO_CLUSTER, type ClusterState } from '../cluster/cluster-state';
import type { CertificateFacts, KeyRef } from '../core/refs';
import type { NodeState } from '../node/node-state';
import type { ConfigFileView } from '../phone/config-decision';
import { parseRelease } from '../release/release';
import type { TrustListView } from '../shared/trust-list-view';
import type { TftpState } from '../tftp/tftp-state';
import type { TvsState } from '../tvs/tvs-state';
import type { IdentityDescription, World } from '../world/world';
import type { ScheduledWork } from '../clock/clock-state';

export const KEY = (label: string): KeyRef => ({ label, kind: 'rsa', size: 2048 });

/** A certificate's facts without a certificate: what the rules read, for specs that need no real one. */
export function facts(fingerprint: string, extra: Partial<CertificateFacts> = {}): CertificateFacts {
  return {
    fingerprint,
    commonName: fingerprint,
    serialHex: '1',
    subject: { CN: fingerprint },
    issuer: { CN: fingerprint },
    notBefore: new Date('2026-01-01T00:00:00Z'),
    notAfter: new Date('2031-01-01T00:00:00Z'),
    keyType: 'RSA',
    keyBits: 2048,
    selfSigned: true,
    subjectAltNames: [],
    keyUsage: [],
    publicKeySpki: new Uint8Array([1]),
    der: new Uint8Array([2]),
    ...extra,
  };
}

/** A node with identities named `<node>/<purpose>/1` and the given services. */
export function node(cluster: string, name: string, services: string[], extra: Partial<NodeState> = {}): NodeState {
  const purposes = ['CallManager', 'TVS', 'tomcat', 'ipsec', ...(extra.publisher ? ['ITLRecovery'] : []), ...(extra.publisher && services.includes('capf') ? ['CAPF'] : [])];
  return {
    cluster,
    name,
    publisher: false,
    services,
    fqdn: `${name}.${cluster}.example.com`,
    ip: `10.0.0.${name.length}`,
    powered: true,
    identities: Object.fromEntries(purposes.map((p) => [p, { fingerprint: `${name}/${p}/1`, generation: 1, key: KEY(`${cluster}/${name}/${p}/1`) }])),
    stores: {},
    pendingCsrs: {},
    ...extra,
  };
}

/** A World over plain states, for the rules that read across aggregates. */
export function world(parts: {
  cluster?: Partial<ClusterState>;
  nodes: NodeState[];
  tftp?: Record<string, TftpState>;
  tvs?: Record<string, TvsState>;
  trustLists?: Record<string, TrustListView>;
  configs?: Record<string, ConfigFileView>;
  assumptions?: Partial<Assumptions>;
  now?: number;
  pendingWork?: readonly ScheduledWork[];
}): World {
  const name = parts.nodes[0]?.cluster ?? 'hq';
  const cluster: ClusterState = { ...NO_CLUSTER, name, release: '12.5(1)SU3', nodes: parts.nodes.map((n) => n.name), ...parts.cluster };
  const byFp = new Map<string, IdentityDescription>();
  for (const n of parts.nodes) for (const [purpose, id] of Object.entries(n.identities)) byFp.set(id.fingerprint, { cluster: name, node: n.name, purpose, generation: id.generation, commonName: id.fingerprint, key: id.key });
  return {
    now: parts.now ?? Date.parse('2026-01-05T08:00:00Z'),
    elapsed: 0,
    assumptions: { ...defaultAssumptions(), ...parts.assumptions },
    cluster: () => cluster,
    release: () => parseRelease(cluster.release),
    nodes: () => parts.nodes,
    node: (_c, n) => parts.nodes.find((x) => x.name === n),
    tftp: (_c, n) => parts.tftp?.[n],
    tvs: (_c, n) => parts.tvs?.[n],
    certificate: (fp) => facts(fp),
    trustList: (id) => parts.trustLists![id],
    configFile: (id) => parts.configs![id],
    identity: (fp) => byFp.get(fp),
    pendingWork: () => parts.pendingWork ?? [],
  };
}
