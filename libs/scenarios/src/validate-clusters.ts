/** Semantic checks of the clusters: unique names, and phone groups that point at real, suitable nodes. */
import { didYouMean } from './did-you-mean';
import { distinguishedNameProblem } from './distinguished-names';
import type { CertificateIdentity, ClusterSpec, PhoneGroupSpec, ServiceName, SourceLocation } from './model';
import { readRelease, RELEASE_EXPECTED } from './releases';
import { EC_KEY_LENGTHS, RSA_KEY_LENGTHS } from './vocabulary';
import type { ClusterEntry, ValidationKit } from './validation-kit';
import type { Path } from './yaml-source';

export function checkClusters(kit: ValidationKit): void {
  const groupsSeen = new Map<string, PhoneGroupSpec>();
  const phonesSeen = new Map<string, string>(); // phone name → group
  for (const cluster of kit.scenario.clusters) {
    const base: Path = ['clusters', cluster.name];
    const entry = kit.clusters.get(cluster.name)!;
    checkNodes(kit, cluster, base);
    // The parser refuses these already; a scenario built in code is checked here.
    const release = readRelease(cluster.version);
    if ('problem' in release) kit.report([...base, 'version'], cluster.loc, release.problem, { expected: RELEASE_EXPECTED });
    const unavailable = cluster.ctl && kit.context.ctlKindUnavailable?.(cluster.version, cluster.ctl);
    if (unavailable) kit.report([...base, 'ctl'], cluster.loc, `${cluster.version} cannot make a ${cluster.ctl} CTL: ${unavailable}`, { expected: 'token before 14, tokenless from 10.0' });
    checkCertificates(kit, entry, base);
    checkTrustCertificates(kit, entry, base);
    checkServedCtl(kit, entry, base);
    cluster.phones.forEach((group, k) => {
      const path: Path = [...base, 'phones', k];
      const earlier = groupsSeen.get(group.group);
      if (earlier) {
        kit.report([...path, 'group'], group.loc, `phone group '${group.group}' is already defined in cluster '${earlier.cluster}'`, {
          expected: 'group names unique across the scenario',
        });
      } else groupsSeen.set(group.group, group);
      group.names.forEach((name, j) => {
        const owner = phonesSeen.get(name);
        if (owner !== undefined) kit.report([...path, 'names', j], group.loc, `phone '${name}' is already in group '${owner}'`, { expected: 'each phone in one group' });
        else phonesSeen.set(name, group.group);
      });
      checkGroup(kit, entry, group, path);
    });
  }
}

function checkNodes(kit: ValidationKit, cluster: ClusterSpec, base: Path): void {
  const seen = new Set<string>();
  const addresses = new Map<string, string>();
  const fqdns = new Map<string, string>();
  cluster.nodes.forEach((node, j) => {
    if (seen.has(node.name)) kit.report([...base, 'nodes', j, 'name'], node.loc, `cluster '${cluster.name}' already has a node '${node.name}'`);
    // Twins: two nodes cannot share an address or an FQDN (a trust-file record names exactly one node).
    for (const [key, taken] of [['address', addresses], ['fqdn', fqdns]] as const) {
      const value = node[key]?.toLowerCase();
      if (value === undefined) continue;
      const owner = taken.get(value);
      if (owner !== undefined) kit.report([...base, 'nodes', j, key], node.loc, `node '${owner}' already has ${key} ${node[key]}`, { expected: `a ${key} of its own` });
      else taken.set(value, node.name);
    }
    // The CAPF service runs on the publisher [chapter] table 3 ("publisher only"); from 14 its certificate is only there [SREGEN].
    if (node.role !== 'publisher' && node.services.includes('capf')) {
      kit.report([...base, 'nodes', j, 'services'], node.loc, `node '${node.name}' is not the publisher: CAPF runs on the publisher only`, { expected: 'capf in the services of the publisher' });
    }
    seen.add(node.name);
  });
}

function checkCertificates(kit: ValidationKit, cluster: ClusterEntry, base: Path): void {
  const seen = new Set<string>();
  cluster.spec.certificates.forEach((cert, j) => {
    const path: Path = [...base, 'certificates', j];
    kit.node([...path, 'node'], cert.loc, cluster, cert.node);
    const key = `${cert.node}/${cert.purpose}`;
    if (seen.has(key)) kit.report(path, cert.loc, `certificate ${cert.purpose} of node '${cert.node}' is described twice`);
    seen.add(key);
    // ECDSA purposes carry EC keys; the others RSA (docs/trust-model.md §1).
    const ecdsa = cert.purpose.endsWith('-ECDSA');
    if (cert.keyType !== undefined && (cert.keyType === 'EC') !== ecdsa) {
      kit.report([...path, 'keyType'], cert.loc, `${cert.purpose} cannot have a ${cert.keyType} key`, { expected: ecdsa ? 'EC' : 'RSA' });
    }
    checkKeyLength(kit, path, cert, cert.keyType === 'EC' || ecdsa);
    checkValidity(kit, path, cert);
    checkNames(kit, path, cert.loc, cert);
  });
}

/** Twins: a subject or issuer the simulator issues a certificate with must be a name it can read. */
function checkNames(kit: ValidationKit, path: Path, loc: SourceLocation, names: { subject?: string; issuer?: string }): void {
  for (const field of ['subject', 'issuer'] as const) {
    const value = names[field];
    const why = value === undefined ? undefined : distinguishedNameProblem(value);
    if (why) kit.report([...path, field], loc, `${field} '${value}' is not a distinguished name: ${why}`, { expected: 'CN=…, OU=…, O=… (display form)' });
  }
}

function checkKeyLength(kit: ValidationKit, path: Path, cert: { keyLength?: number; loc: SourceLocation }, ec: boolean): void {
  const lengths: readonly number[] = ec ? EC_KEY_LENGTHS : RSA_KEY_LENGTHS;
  if (cert.keyLength !== undefined && !lengths.includes(cert.keyLength)) {
    kit.report([...path, 'keyLength'], cert.loc, `${cert.keyLength} is not a key length for this key type`, { expected: `one of ${lengths.join(', ')}` });
  }
}

/** Twins: a certificate's validity must be a period (notBefore before notAfter). */
function checkValidity(kit: ValidationKit, path: Path, cert: CertificateIdentity & { loc: SourceLocation }): void {
  if (cert.notBefore !== undefined && cert.notAfter !== undefined && Date.parse(cert.notAfter) <= Date.parse(cert.notBefore)) {
    kit.report([...path, 'notAfter'], cert.loc, `notAfter ${cert.notAfter} is not after notBefore ${cert.notBefore}`, { expected: 'a notAfter later than notBefore' });
  }
}

/** Twins: trust-store certificates name nodes of their cluster. */
function checkTrustCertificates(kit: ValidationKit, cluster: ClusterEntry, base: Path): void {
  cluster.spec.trustCertificates?.forEach((cert, j) => {
    const path: Path = [...base, 'trustCertificates', j];
    cert.nodes?.forEach((name, k) => kit.node([...path, 'nodes', k], cert.loc, cluster, name));
    checkKeyLength(kit, path, cert, cert.keyType === 'EC');
    checkValidity(kit, path, cert);
    checkNames(kit, path, cert.loc, cert);
  });
}

/** Twins: the served CTL's records name nodes of their cluster, and its signer is one of its SAST records [trust-file-format]. */
function checkServedCtl(kit: ValidationKit, cluster: ClusterEntry, base: Path): void {
  const ctl = cluster.spec.servedCtl;
  if (!ctl) return;
  const path: Path = [...base, 'servedCtl'];
  checkNames(kit, [...path, 'signer'], ctl.loc, ctl.signer);
  ctl.records.forEach((record, j) => {
    if (record.node !== undefined) kit.node([...path, 'records', j, 'node'], ctl.loc, cluster, record.node);
    checkNames(kit, [...path, 'records', j], ctl.loc, record);
  });
  if (!ctl.records.some((r) => r.role === 'SAST' && r.serial === ctl.signer.serial)) {
    kit.report([...path, 'signer', 'serial'], ctl.loc, `no SAST record has the signer's serial ${ctl.signer.serial}`, { expected: 'the serial of a SAST record' });
  }
}

function checkGroup(kit: ValidationKit, cluster: ClusterEntry, group: PhoneGroupSpec, path: Path): void {
  const known = kit.context.knownModels;
  if (known && !known.includes(group.model)) {
    kit.report([...path, 'model'], group.loc, `unknown phone model '${group.model}'${didYouMean(group.model, known)}`, { expected: `one of ${known.join(', ')}` });
  }
  checkServers(kit, cluster, group, path, 'tftp', 'tftp');
  checkServers(kit, cluster, group, path, 'callManagerGroup', 'callmanager');
  if (group.lsc) {
    // The LSC comes from that cluster's CAPF (docs/trust-model.md §8): it must run one.
    const issuer = kit.cluster([...path, 'lsc', 'issuer'], group.loc, group.lsc.issuer);
    if (issuer && !issuer.spec.nodes.some((n) => n.services.includes('capf'))) {
      kit.report([...path, 'lsc', 'issuer'], group.loc, `cluster '${group.lsc.issuer}' runs no CAPF, so it cannot have issued these phones' LSCs`, {
        expected: 'a cluster with capf in the services of its publisher',
      });
    }
  }
  if (typeof group.trust === 'object' && !kit.snapshots.has(group.trust.snapshot)) {
    const names = [...kit.snapshots];
    kit.report([...path, 'trust'], group.loc, `no snapshot step is named '${group.trust.snapshot}'${didYouMean(group.trust.snapshot, names)}`, {
      expected: names.length ? `current, none or one of ${names.join(', ')}` : 'current, none, or the name of a snapshot step',
    });
  }
}

/** The group's TFTP list / CallManager group: nodes of its cluster that run the service. */
function checkServers(kit: ValidationKit, cluster: ClusterEntry, group: PhoneGroupSpec, path: Path, key: 'tftp' | 'callManagerGroup', service: ServiceName): void {
  const running = cluster.spec.nodes.filter((n) => n.services.includes(service)).map((n) => n.name);
  if (group[key].length === 0) {
    kit.report(kit.has([...path, key]) ? [...path, key] : path, group.loc, `phone group '${group.group}' has no ${key === 'tftp' ? 'TFTP server' : 'CallManager'}: no node of '${cluster.spec.name}' runs ${service}`, {
      expected: `a node with ${service} in its services`,
    });
    return;
  }
  group[key].forEach((name, j) => {
    const node = kit.node([...path, key, j], group.loc, cluster, name);
    if (node && !node.services.includes(service)) {
      kit.report([...path, key, j], group.loc, `node '${name}' does not run ${service}`, { expected: running.length ? `one of ${running.join(', ')}` : `a node running ${service}` });
    }
  });
}
