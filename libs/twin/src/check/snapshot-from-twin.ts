/**
 * The snapshot of a twin (a scenario file with a `twin:` block): its certificates as the real cluster
 * has them (subject, serial, validity, key, hash — the twin fields), and the trust files it was imported
 * from, read again from `twin.sources` (relative to the scenario file). Nothing is simulated: this is the
 * real cluster's state as the files said at import time.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { hasItlRecovery, parseRelease } from '@trustsim/domain';
import type { ClusterSpec, Scenario } from '@trustsim/scenarios';
import { Diagnostics, formatDiagnostic } from '../diagnostics';
import { readTrustFile } from '../read-trust-files';
import type { ClusterSnapshot, SnapshotCertificate, SnapshotSet, SnapshotTrustFile } from './snapshot';
import { nodesOf, phoneGroupsOf, plannedUpgradesOf, trustFileSnapshot } from './snapshot-parts';

export interface SnapshotOptions {
  /** The moment to judge at; default the scenario's start (for a twin: the import). */
  now?: Date;
  /** `--target <release>`: an upgrade being considered. */
  target?: { to: string; method: 'refresh' | 'l2' };
}

export function snapshotFromTwin(scenario: Scenario, options: SnapshotOptions = {}): SnapshotSet {
  const base = dirname(scenario.file);
  const diagnostics = new Diagnostics();
  const files = (scenario.twin?.sources ?? []).filter((s) => /\.tlv$/i.test(s));
  const read = files.flatMap((source) => {
    const path = isAbsolute(source) ? source : join(base, source);
    try {
      const file = readTrustFile(readFileSync(path), { shown: source, name: basename(source), folders: [] }, diagnostics);
      return file ? [file] : [];
    } catch (error) {
      diagnostics.error({ file: source }, `not found again (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      return [];
    }
  });
  const clusters = scenario.clusters.map((cluster, i): ClusterSnapshot => {
    const nodes = nodesOf(cluster);
    const gaps: string[] = i === 0 ? diagnostics.items.map((d) => `${formatDiagnostic(d)}`) : [];
    // The import's trust files belong to the imported cluster (the first); another added by hand has none.
    const trustFiles: SnapshotTrustFile[] = i === 0 ? read.map((f) => trustFileSnapshot(f, nodes)) : [];
    if (cluster.security === 'mixed' && !trustFiles.some((f) => f.kind === 'CTL') && cluster.servedCtl) trustFiles.push(servedCtlSnapshot(cluster));
    if (trustFiles.length === 0) gaps.push('no trust file: the ITL is counted from the cluster, the CTL not compared');
    const identities = cluster.certificates.map(
      (c): SnapshotCertificate => ({
        node: c.node,
        purpose: c.purpose,
        ...(c.subject && { subject: c.subject }),
        ...(c.issuer && { issuer: c.issuer }),
        ...(c.serial && { serial: c.serial }),
        ...(c.notBefore && { notBefore: c.notBefore }),
        ...(c.notAfter && { notAfter: c.notAfter }),
        ...(c.keyType && { keyType: c.keyType }),
        ...(c.keyLength && { keyLength: c.keyLength }),
        ...(c.hash && { hash: c.hash }),
        ...(c.fingerprint && { fingerprint: c.fingerprint }),
      }),
    );
    gaps.push(...missingIdentities(cluster));
    return {
      name: cluster.name,
      version: cluster.version,
      security: cluster.security,
      ...(cluster.ctl && { ctl: cluster.ctl }),
      nodes,
      identities,
      trustCertificates: (cluster.trustCertificates ?? []).map(({ loc: _loc, ...t }) => t),
      trustFiles,
      phoneGroups: phoneGroupsOf(cluster),
      plannedUpgrades: plannedUpgradesOf(scenario, cluster, options.target),
      gaps,
    };
  });
  return {
    scenario: scenario.name,
    file: scenario.file,
    now: (options.now ?? new Date(scenario.start)).toISOString(),
    keysMinted: true,
    source: 'twin',
    clusters,
  };
}

function servedCtlSnapshot(cluster: ClusterSpec): SnapshotTrustFile {
  const ctl = cluster.servedCtl!;
  return { kind: 'CTL', signer: ctl.signer, records: ctl.records.map((r) => ({ role: r.role, subject: r.subject, serial: r.serial, ...(r.node && { node: r.node }) })) };
}

/** Identity certificates a node has but the twin does not describe: their expiry is not checked. */
function missingIdentities(cluster: ClusterSpec): string[] {
  const has = new Set(cluster.certificates.filter((c) => c.notAfter).map((c) => `${c.node}/${c.purpose}`));
  const missing = new Map<string, string[]>();
  for (const node of cluster.nodes) {
    const purposes = ['CallManager', 'TVS', 'tomcat', 'ipsec', ...(node.role === 'publisher' && hasItlRecovery(parseRelease(cluster.version)) ? ['ITLRecovery'] : [])];
    for (const purpose of purposes) if (!has.has(`${node.name}/${purpose}`)) missing.set(purpose, [...(missing.get(purpose) ?? []), node.name]);
  }
  return [...missing].map(([purpose, nodes]) => `${purpose} of ${nodes.join(', ')}: not in the twin, its expiry not checked`);
}
