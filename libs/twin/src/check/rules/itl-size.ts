/**
 * An ITL phones can no longer load: more than 39 certificates exceed 64 KB and phones fail to load it
 * and to register [S125DEF] (trust-files' limits.ts). Close means within 4 certificates or 10 % of the
 * bytes: the next node or certificate added may cross it. Without the files, the ITL a TFTP node builds
 * is counted from the cluster (ITLRecovery, its CallManager twice, every TVS, CAPF [S125DEF]).
 */
import { isAtLeast, parseRelease } from '@trustsim/domain';
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
    const findings: Finding[] = [];
    for (const f of files) {
      const count = f.records.length;
      const over = count > MAX_PHONE_CERTIFICATES || (f.size ?? 0) > MAX_PHONE_FILE_BYTES;
      const close = count > MAX_PHONE_CERTIFICATES - CLOSE_CERTIFICATES || (f.size ?? 0) > CLOSE_BYTES;
      if (!over && !close) continue;
      const what = `${f.kind}${f.node ? ` of ${f.node}` : ''}${f.estimated ? ' (counted from the cluster)' : ''}`;
      const size = f.size === undefined ? '' : `, ${f.size} bytes`;
      findings.push({
        rule: this.id,
        severity: over ? 'high' : 'medium',
        sources: [...this.sources],
        cluster: cluster.name,
        title: `${cluster.name} ${what}: ${count} certificates${size} — ${over ? 'more than phones load' : 'close to what phones load'}`,
        detail: `Phones cannot load an ITL of more than ${MAX_PHONE_CERTIFICATES} certificates (over 64 KB) and then fail to register [S125DEF]. ${over ? 'Remove what it need not carry before phones next reset.' : 'The next node or certificate may cross the limit: plan for it.'}`,
        ...(cluster.phoneGroups.length && { phones: { groups: cluster.phoneGroups.filter((g) => !f.node || g.tftp.includes(f.node)).map((g) => `${cluster.name}/${g.group}`), count: cluster.phoneGroups.filter((g) => !f.node || g.tftp.includes(f.node)).reduce((n, g) => n + g.count, 0) } }),
      });
    }
    return findings;
  },
};

function estimate(cluster: ClusterSnapshot) {
  const release = parseRelease(cluster.version);
  const tvs = cluster.nodes.length; // TVS runs on every node [S125DEF]
  const capf = cluster.nodes.some((n) => n.services.includes('capf')) ? 1 : 0;
  const count = (isAtLeast(release, '10.0') ? 1 : 0) + 2 + tvs + capf;
  const record = { role: 'TVS', subject: '', serial: '' };
  return [{ kind: 'ITL' as const, estimated: true, signer: { subject: '', serial: '' }, records: Array.from({ length: count }, () => record), size: undefined, node: undefined }];
}
