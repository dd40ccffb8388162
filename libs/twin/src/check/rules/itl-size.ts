/**
 * An ITL phones can no longer load: more than 39 certificates exceed 64 KB and phones fail to load it
 * and to register [S125DEF] (trust-files' limits.ts). Close means within 4 certificates or 10 % of the
 * bytes: the next node or certificate added may cross it. Without the files, the ITL a TFTP node builds
 * is counted from the cluster (ITLRecovery, its CallManager twice and its CallManager-ECDSA from 11.0,
 * every TVS, CAPF [S125DEF]: domain itl-plan.ts). The ITLs of several TFTP nodes that are alike (same
 * certificate count, same verdict) are one finding naming the nodes.
 */
import { hasEcdsaIdentities, isAtLeast, parseRelease } from '@trustsim/domain';
import { MAX_PHONE_CERTIFICATES, MAX_PHONE_FILE_BYTES } from '@trustsim/trust-files';
import type { CheckRule, Finding } from '../finding';
import type { ClusterSnapshot } from '../snapshot';

export const CLOSE_CERTIFICATES = 4;
export const CLOSE_BYTES = Math.floor(MAX_PHONE_FILE_BYTES * 0.9);

export const itlSize: CheckRule = {
  id: 'itl-size',
  sources: ['S125DEF'],
  looksFor: `ITL or CTL files over or close to what phones load (${MAX_PHONE_CERTIFICATES} certificates, 64 KB)`,
  check(cluster: ClusterSnapshot): Finding[] {
    const files = cluster.trustFiles.length ? cluster.trustFiles.map((f) => ({ ...f, estimated: false })) : estimate(cluster);
    const alike = new Map<string, { kind: string; count: number; over: boolean; estimated: boolean; nodes: string[]; sizes: number[] }>();
    for (const f of files) {
      const count = f.records.length;
      const over = count > MAX_PHONE_CERTIFICATES || (f.size ?? 0) > MAX_PHONE_FILE_BYTES;
      const close = count > MAX_PHONE_CERTIFICATES - CLOSE_CERTIFICATES || (f.size ?? 0) > CLOSE_BYTES;
      if (!over && !close) continue;
      const key = JSON.stringify([f.kind, count, over, f.estimated]);
      const entry = alike.get(key) ?? { kind: f.kind, count, over, estimated: f.estimated, nodes: [], sizes: [] };
      if (f.node) entry.nodes.push(f.node);
      if (f.size !== undefined) entry.sizes.push(f.size);
      alike.set(key, entry);
    }
    return [...alike.values()].map((f) => {
      const where = f.nodes.length === 1 ? ` of ${f.nodes[0]}` : f.nodes.length > 1 ? ` of ${f.nodes.length} TFTP nodes (${listed(f.nodes)})` : '';
      const what = `${f.kind}${where}${f.estimated ? ' (counted from the cluster)' : ''}`;
      const low = Math.min(...f.sizes);
      const high = Math.max(...f.sizes);
      const size = f.sizes.length === 0 ? '' : low === high ? `, ${low} bytes` : `, ${low}–${high} bytes`;
      const reached = cluster.phoneGroups.filter((g) => f.nodes.length === 0 || g.tftp.some((t) => f.nodes.includes(t)));
      return {
        rule: this.id,
        severity: f.over ? 'high' : 'medium',
        sources: [...this.sources],
        cluster: cluster.name,
        title: `${cluster.name} ${what}: ${f.count} certificates${size} — ${f.over ? 'more than phones load' : 'close to what phones load'}`,
        detail: `Phones cannot load an ITL of more than ${MAX_PHONE_CERTIFICATES} certificates (over 64 KB) and then fail to register [S125DEF]. ${f.over ? 'Remove what it need not carry before phones next reset.' : 'The next node or certificate may cross the limit: plan for it.'}`,
        ...(reached.length && { phones: { groups: reached.map((g) => `${cluster.name}/${g.group}`), count: reached.reduce((n, g) => n + g.count, 0) } }),
      };
    });
  },
};

/** At most five names, then how many more. */
function listed(nodes: readonly string[]): string {
  return nodes.length <= 5 ? nodes.join(', ') : `${nodes.slice(0, 5).join(', ')} and ${nodes.length - 5} more`;
}

function estimate(cluster: ClusterSnapshot) {
  const release = parseRelease(cluster.version);
  const tvs = cluster.nodes.length; // TVS runs on every node [S125DEF]
  const capf = cluster.nodes.some((n) => n.services.includes('capf')) ? 1 : 0;
  const ecdsa = hasEcdsaIdentities(release) ? 1 : 0; // CallManager-ECDSA beside CallManager from 11.0 (domain ecdsaTwinRecords)
  const count = (isAtLeast(release, '10.0') ? 1 : 0) + 2 + ecdsa + tvs + capf;
  const record = { role: 'TVS', subject: '', serial: '' };
  return [{ kind: 'ITL' as const, estimated: true, signer: { subject: '', serial: '' }, records: Array.from({ length: count }, () => record), size: undefined, node: undefined }];
}
