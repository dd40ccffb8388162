/**
 * Pieces of a snapshot that do not depend on who builds it: nodes, phone groups and planned upgrades from
 * the scenario model; identity facts from a parsed certificate; trust-file records tied to the nodes
 * they name.
 */
import type { ClusterSpec, Scenario } from '@trustsim/scenarios';
import type { CertificateFacts } from '../certificate-facts';
import type { TrustRecordRead } from '../read-trust-files';
import type { PlannedUpgrade, SnapshotCertificate, SnapshotNode, SnapshotPhoneGroup, SnapshotTrustFile } from './snapshot';

export function nodesOf(cluster: ClusterSpec): SnapshotNode[] {
  return cluster.nodes.map((n) => ({ name: n.name, publisher: n.role === 'publisher', services: [...n.services], ...(n.fqdn && { fqdn: n.fqdn }), ...(n.address && { address: n.address }) }));
}

export function phoneGroupsOf(cluster: ClusterSpec): SnapshotPhoneGroup[] {
  return cluster.phones.map((g) => ({
    group: g.group,
    model: g.model,
    count: g.names.length,
    securityProfile: g.securityProfile,
    lsc: g.lsc !== undefined,
    callManagerGroup: [...g.callManagerGroup],
    tftp: [...g.tftp],
    ...(g.keySizes && { keySizes: [...g.keySizes] }),
  }));
}

/** The scenario's own `upgrade` steps, from the release each starts at, and any `--target` release. */
export function plannedUpgradesOf(scenario: Scenario, cluster: ClusterSpec, target?: { to: string; method: 'refresh' | 'l2' }): PlannedUpgrade[] {
  const plans: PlannedUpgrade[] = [];
  let from = cluster.version;
  for (const step of scenario.steps) {
    if (step.kind !== 'upgrade' || step.cluster !== cluster.name) continue;
    plans.push({ from, to: step.to, method: step.method, where: `step ${step.index + 1}, ${step.loc.file}:${step.loc.line}` });
    from = step.to;
  }
  if (target) plans.push({ from: cluster.version, to: target.to, method: target.method, where: '--target' });
  return plans;
}

export function identityFromFacts(node: string, purpose: string, facts: CertificateFacts): SnapshotCertificate {
  return {
    node,
    purpose,
    subject: facts.subject,
    issuer: facts.issuer,
    serial: facts.serial,
    notBefore: facts.notBefore,
    notAfter: facts.notAfter,
    keyType: facts.keyType,
    keyLength: facts.keyLength,
    ...(facts.hash && { hash: facts.hash }),
    fingerprint: facts.fingerprint,
  };
}

/** Which of the nodes a record names: its DNS name, its address, or its certificate's CN. */
export function nodeNamedBy(nodes: readonly SnapshotNode[], r: Pick<TrustRecordRead, 'dnsName' | 'ipAddress' | 'subject' | 'certificate'>): string | undefined {
  const names = [r.dnsName, r.ipAddress, r.certificate?.commonName, /(?:^|[;,]\s*)CN=([^;,]+)/.exec(r.subject)?.[1]].filter((s): s is string => !!s).map((s) => s.toLowerCase());
  for (const name of names) {
    const host = name.split('.')[0];
    const node = nodes.find((n) => n.fqdn?.toLowerCase() === name || n.address === name || n.name.toLowerCase() === name || n.name.toLowerCase() === host);
    if (node) return node.name;
  }
  return undefined;
}

/**
 * A read trust file as the snapshot keeps it; an ITL is served by the node of its own server record:
 * CCM+TFTP in mixed mode, TFTP in a non-secure cluster [S125DEF] [SPA12].
 */
export function trustFileSnapshot(file: { kind: 'ITL' | 'CTL'; shown?: string; size?: number; signer: { subject: string; serial: string }; records: readonly TrustRecordRead[] }, nodes: readonly SnapshotNode[]): SnapshotTrustFile {
  const own = file.kind === 'ITL' ? (file.records.find((r) => r.role === 'CCM+TFTP') ?? file.records.find((r) => r.role === 'TFTP')) : undefined;
  const node = own && nodeNamedBy(nodes, own);
  return {
    kind: file.kind,
    ...(node && { node }),
    ...(file.shown && { file: file.shown }),
    ...(file.size !== undefined && { size: file.size }),
    signer: { subject: file.signer.subject, serial: file.signer.serial },
    records: file.records.map((r) => {
      const named = nodeNamedBy(nodes, r);
      return { role: r.role, subject: r.subject, serial: r.serial, ...(named && { node: named }) };
    }),
  };
}
