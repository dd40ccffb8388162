import { CertificateInfo } from '@trustsim/pki';
import { ClusterRuntime } from './cluster-runtime';
import { IdentityCertificate } from './identity-issuer';

export interface NodeBackup {
  identities: Map<string, IdentityCertificate>;
  stores: Map<string, Map<string, CertificateInfo>>;
}

/**
 * Disaster Recovery System backups of a run: every node's certificates with their private keys (since
 * 10.0 the TFTP certificate and key are in the encrypted package [chapter]) and its trust stores, kept in
 * memory — they are cluster-side state, never events.
 */
export class DrsBackups {
  private readonly backups = new Map<string, Map<string, NodeBackup>>();

  /** Takes a backup; returns what it holds, for the event a person reads. */
  take(cluster: ClusterRuntime, name: string): { node: string; purpose: string; generation: number }[] {
    const nodes = new Map<string, NodeBackup>();
    for (const n of cluster.nodes.values()) {
      nodes.set(n.name, { identities: new Map(n.identities), stores: new Map([...n.stores].map(([k, v]) => [k, new Map(v)])) });
    }
    this.backups.set(`${cluster.name}/${name}`, nodes);
    return [...cluster.nodes.values()].flatMap((n) => [...n.identities.values()].map((id) => ({ node: n.name, purpose: id.purpose, generation: id.generation })));
  }

  /** Every backup by `<cluster>/<name>` (for checkpoints). */
  entries(): [string, Map<string, NodeBackup>][] {
    return [...this.backups];
  }

  /** Puts a backup back as a checkpoint recorded it. */
  put(key: string, nodes: Map<string, NodeBackup>): void {
    this.backups.set(key, nodes);
  }

  has(cluster: string, name: string): boolean {
    return this.backups.has(`${cluster}/${name}`);
  }

  /** Puts the backup's certificates, keys and trust stores back on every node it covers. */
  restore(cluster: ClusterRuntime, name: string): void {
    const saved = this.backups.get(`${cluster.name}/${name}`);
    if (!saved) throw new RangeError(`no backup "${name}" of cluster ${cluster.name} was taken before this restore`);
    for (const node of cluster.nodes.values()) {
      const copy = saved.get(node.name);
      if (!copy) continue;
      node.identities.clear();
      for (const [purpose, id] of copy.identities) node.identities.set(purpose, id);
      node.stores.clear();
      for (const [store, entries] of copy.stores) node.stores.set(store, new Map(entries));
      node.itlMode = 'normal';
      node.tftpTomcatOn('tftp-restarted'); // services restart after a restore
    }
  }
}
