/**
 * An ITL phones can no longer load: more than 39 certificates exceed 64 KB and phones fail to load it
 * and to register [S125DEF] (trust-files' limits.ts). Close means within 4 certificates or 10 % of the
 * bytes: the next node or certificate added may cross it. The ITLs of several TFTP nodes that are alike
 * (same certificate count, same verdict) are one finding naming the nodes.
 *
 * Without the files, the ITL each TFTP node builds is counted from the cluster as the simulator builds it
 * (domain itl-plan.ts): ITLRecovery, the node's CallManager twice and its CallManager-ECDSA from 11.0,
 * every TVS, CAPF [S125DEF] [SREGEN] — and its bytes estimated from the certificates' key sizes, so a
 * cluster whose certificates went to 4096 bits is caught before the count is. In mixed mode the CTL is
 * counted too, Phone-SAST-trust included (its certificates join the CTL as SAST at the next update
 * [S125CTL]). Whether Phone-SAST-trust also joins the ITL is not documented (trustsim's assumption
 * itlCarriesPhoneSastTrust): where that reading alone takes an ITL past the limit, a medium finding says so.
 */
import { hasEcdsaIdentities, isAtLeast, parseRelease } from '@trustsim/domain';
import { MAX_PHONE_CERTIFICATES, MAX_PHONE_FILE_BYTES } from '@trustsim/trust-files';
import type { CheckRule, Finding } from '../finding';
import type { ClusterSnapshot, SnapshotCertificate } from '../snapshot';

export const CLOSE_CERTIFICATES = 4;
export const CLOSE_BYTES = Math.floor(MAX_PHONE_FILE_BYTES * 0.9);

/** The signed header of a trust file without its records (TAC 118893's dump: 336 bytes with a 1024-bit signer, plus the larger signature). */
const HEADER_BYTES = 350;

/**
 * The bytes of one record for a certificate with this key, from TAC 118893's `show ctl` dump: a 1024-bit
 * server record is 1156 bytes [STOKENLESS]; every further 8 bits of modulus add about 4 bytes (the public
 * key and the self-signature, each in the record and again in the certificate). An EC record is about 900.
 */
export function estimatedRecordBytes(keyType: 'RSA' | 'EC' = 'RSA', bits = 2048): number {
  if (keyType === 'EC') return 900;
  return 1156 + ((bits - 1024) / 8) * 4;
}

/** A trust file as the rule counts it: read from the cluster, or counted from it (`estimated`, its size then an estimate). */
interface CountedFile {
  kind: 'ITL' | 'CTL';
  node?: string;
  estimated: boolean;
  count: number;
  size?: number;
}

/** What a finding is about: alike files of several nodes, their count and sizes, the verdict, and how it was reached. */
interface Alike {
  kind: string;
  count: number;
  over: boolean;
  estimated: boolean;
  nodes: string[];
  sizes: number[];
  /** Only if the ITL also listed this many Phone-SAST-trust certificates (the undocumented reading). */
  withPhoneSastTrust?: number;
  documented?: number;
}

export const itlSize: CheckRule = {
  id: 'itl-size',
  sources: ['S125DEF'],
  looksFor: `ITL or CTL files over or close to what phones load (${MAX_PHONE_CERTIFICATES} certificates, 64 KB)`,
  check(cluster: ClusterSnapshot): Finding[] {
    const files: CountedFile[] = cluster.trustFiles.length
      ? cluster.trustFiles.map((f) => ({ kind: f.kind, node: f.node, estimated: false, count: f.records.length, size: f.size }))
      : estimate(cluster);
    const alike = new Map<string, Alike>();
    const add = (f: CountedFile, count: number, size: number | undefined, extra: Pick<Alike, 'withPhoneSastTrust' | 'documented'> = {}) => {
      const over = count > MAX_PHONE_CERTIFICATES || (size ?? 0) > MAX_PHONE_FILE_BYTES;
      const close = count > MAX_PHONE_CERTIFICATES - CLOSE_CERTIFICATES || (size ?? 0) > CLOSE_BYTES;
      if (!over && !close) return false;
      const key = JSON.stringify([f.kind, count, over, f.estimated, extra.withPhoneSastTrust ?? 0]);
      const entry = alike.get(key) ?? { kind: f.kind, count, over, estimated: f.estimated, nodes: [], sizes: [], ...extra };
      if (f.node) entry.nodes.push(f.node);
      if (size !== undefined) entry.sizes.push(size);
      alike.set(key, entry);
      return true;
    };
    for (const f of files) {
      if (add(f, f.count, f.size)) continue;
      // The reading under which the ITL also lists Phone-SAST-trust.
      const sast = phoneSastTrustOf(cluster, f.node);
      if (f.kind !== 'ITL' || !sast.length) continue;
      const size = f.size === undefined ? undefined : f.size + sast.reduce((n, c) => n + estimatedRecordBytes(c.keyType, c.keyLength), 0);
      add({ ...f, estimated: true }, f.count + sast.length, size, { withPhoneSastTrust: sast.length, documented: f.count });
    }
    return [...alike.values()].map((f): Finding => {
      const where = f.nodes.length === 1 ? ` of ${f.nodes[0]}` : f.nodes.length > 1 ? ` of ${f.nodes.length} TFTP nodes (${listed(f.nodes)})` : '';
      const what = `${f.kind}${where}${f.estimated ? ' (counted from the cluster)' : ''}`;
      const low = Math.min(...f.sizes);
      const high = Math.max(...f.sizes);
      const about = f.estimated ? 'about ' : '';
      const size = f.sizes.length === 0 ? '' : low === high ? `, ${about}${low} bytes` : `, ${about}${low}–${high} bytes`;
      const reached = cluster.phoneGroups.filter((g) => f.nodes.length === 0 || g.tftp.some((t) => f.nodes.includes(t)));
      const verdict = f.over ? 'more than phones load' : 'close to what phones load';
      const phones = reached.length ? { phones: { groups: reached.map((g) => `${cluster.name}/${g.group}`), count: reached.reduce((n, g) => n + g.count, 0) } } : {};
      if (f.withPhoneSastTrust) {
        return {
          rule: this.id,
          severity: 'medium',
          sources: ['S125DEF', 'S125CTL'],
          cluster: cluster.name,
          title: `${cluster.name} ${what}: ${f.count} certificates${size} if it also lists the ${f.withPhoneSastTrust} of Phone-SAST-trust — ${verdict}`,
          detail: `The documented ITL holds ${f.documented} here [S125DEF] [SREGEN]; the 12.5 guide counts "more than 39 certificates" of the cluster against the ITL's 64 KB [S125DEF], and whether Phone-SAST-trust (another cluster's certificates for a migration or EMCC) joins the ITL is not documented — trustsim's assumption itlCarriesPhoneSastTrust. Keep Phone-SAST-trust to the clusters still needed, and rehearse with --assume itlCarriesPhoneSastTrust=true.`,
          ...phones,
        };
      }
      return {
        rule: this.id,
        severity: f.over ? 'high' : 'medium',
        sources: [...this.sources],
        cluster: cluster.name,
        title: `${cluster.name} ${what}: ${f.count} certificates${size} — ${verdict}`,
        detail: `Phones cannot load an ITL of more than ${MAX_PHONE_CERTIFICATES} certificates (over 64 KB) and then fail to register [S125DEF]. ${f.over ? 'Remove what it need not carry before phones next reset.' : 'The next node or certificate may cross the limit: plan for it.'}`,
        ...phones,
      };
    });
  },
};

/** At most five names, then how many more. */
function listed(nodes: readonly string[]): string {
  return nodes.length <= 5 ? nodes.join(', ') : `${nodes.slice(0, 5).join(', ')} and ${nodes.length - 5} more`;
}

/** The Phone-SAST-trust certificates a node holds (absent `nodes`: every node). */
function phoneSastTrustOf(cluster: ClusterSnapshot, node?: string) {
  return cluster.trustCertificates.filter((c) => c.store === 'Phone-SAST-trust' && (!node || !c.nodes || c.nodes.includes(node)));
}

/** The files counted from the cluster: each TFTP node's ITL (one, when they count alike), and the CTL in mixed mode. */
function estimate(cluster: ClusterSnapshot): CountedFile[] {
  const release = parseRelease(cluster.version);
  const ecdsa = hasEcdsaIdentities(release); // CallManager-ECDSA beside CallManager from 11.0 (domain ecdsaTwinRecords)
  const identity = (node: string, purpose: string): SnapshotCertificate | undefined => cluster.identities.find((c) => c.node === node && c.purpose === purpose);
  const publisher = cluster.nodes.find((n) => n.publisher) ?? cluster.nodes[0];
  const recordBytes = (node: string, purpose: string) => {
    const c = identity(node, purpose);
    const ec = purpose.endsWith('-ECDSA');
    return estimatedRecordBytes(c?.keyType ?? (ec ? 'EC' : 'RSA'), c?.keyLength ?? (ec ? 256 : 2048));
  };
  const tvs = cluster.nodes.map((n) => recordBytes(n.name, 'TVS')); // TVS runs on every node [S125DEF]
  const capfNode = cluster.nodes.find((n) => n.services.includes('capf'));
  const shared = [
    ...(isAtLeast(release, '10.0') && publisher ? [recordBytes(publisher.name, 'ITLRecovery')] : []),
    ...tvs,
    ...(capfNode ? [recordBytes(capfNode.name, 'CAPF')] : []),
  ];
  const tftpNodes = cluster.nodes.filter((n) => n.services.includes('tftp'));
  const itls = (tftpNodes.length ? tftpNodes : [undefined]).map((n): CountedFile => {
    const node = n?.name ?? publisher?.name ?? '';
    const records = [...shared, recordBytes(node, 'CallManager'), recordBytes(node, 'CallManager'), ...(ecdsa ? [recordBytes(node, 'CallManager-ECDSA')] : [])];
    return { kind: 'ITL', node: n?.name, estimated: true, count: records.length, size: HEADER_BYTES + records.reduce((a, b) => a + b, 0) };
  });
  // TFTP nodes whose ITLs count the same are one file, not one per node.
  const distinct = itls.every((f) => f.count === itls[0].count && f.size === itls[0].size) ? [{ ...itls[0], node: itls.length > 1 ? undefined : itls[0].node }] : itls;
  if (cluster.security !== 'mixed') return distinct;
  // The CTL: the publisher's CallManager and ITLRecovery as SAST, each CallManager/TFTP server's entry
  // (and its ECDSA twin from 11.0), CAPF, and Phone-SAST-trust as SAST [S125CTL] [STOKENLESS].
  const servers = cluster.nodes.filter((n) => n.services.includes('callmanager') || n.services.includes('tftp'));
  const ctl = [
    ...(publisher ? [recordBytes(publisher.name, 'CallManager')] : []),
    ...(isAtLeast(release, '10.5') && publisher ? [recordBytes(publisher.name, 'ITLRecovery')] : []),
    ...servers.flatMap((n) => [recordBytes(n.name, 'CallManager'), ...(ecdsa ? [recordBytes(n.name, 'CallManager-ECDSA')] : [])]),
    ...(capfNode ? [recordBytes(capfNode.name, 'CAPF')] : []),
    ...phoneSastTrustOf(cluster).map((c) => estimatedRecordBytes(c.keyType, c.keyLength)),
  ];
  return [...distinct, { kind: 'CTL', estimated: true, count: ctl.length, size: HEADER_BYTES + ctl.reduce((a, b) => a + b, 0) }];
}
