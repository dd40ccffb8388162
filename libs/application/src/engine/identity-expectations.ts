import { isMultiServerCertificate, type NodeState } from '@trustsim/domain';
import { CertificateInfo, Dn, DN_ATTRIBUTES, DnSyntaxError, formatDn, parseCsr, parseDn } from '@trustsim/pki';
import type { IdentityExpectation, NodeSelector, PendingCsrFacts } from '@trustsim/scenarios';
import type { ExpectationResult } from '../run/expectation-result';

type Check = Omit<ExpectationResult, 'location' | 'step'>;

/** What an identity expectation reads of one node: the certificate it holds for the purpose, and its pending CSR. */
export interface IdentityOnNode {
  readonly node: string;
  readonly certificate?: CertificateInfo;
  readonly generation?: number;
  /** The pending CSR for the purpose, PEM. */
  readonly pendingCsr?: string;
}

/** What the check needs of the cluster: each node's view, and the names by which a certificate may name a node. */
export interface IdentityWorld {
  readonly nodes: readonly NodeState[];
  certificate(fingerprint: string): CertificateInfo;
}

/**
 * `identity: {cluster, node(s), purpose, subject?, issuer? | selfSigned?, serial?, keyType?, keyLength?,
 * hash?, multiServer?, generation?, pendingCsr?}`: every selected node's certificate for the purpose has
 * every fact asked. A node without that certificate fails the check (validation refuses the cases it can
 * see coming); nothing is passed unseen.
 */
export function checkIdentityExpectation(e: IdentityExpectation, world: IdentityWorld): Check {
  const selected = selectNodes(world.nodes, e.nodes);
  const facts = identityFacts(e, world.nodes);
  const description = `${e.cluster}/${describeNodes(e.nodes)} ${e.purpose}: ${facts.map((f) => `${f.label} ${f.wanted}`).join(', ')}`;
  if (selected.length === 0) return { description, passed: false, detail: `no node of ${e.cluster} is selected` };
  const problems: string[] = [];
  for (const node of selected) {
    const seen = onNode(node, e.purpose, world);
    if (!seen.certificate) {
      problems.push(`${node.name} has no ${e.purpose} certificate`);
      continue;
    }
    const wrong = facts.filter((f) => !f.holds(seen)).map((f) => `${f.label} ${f.actual(seen)}`);
    if (wrong.length) problems.push(`${node.name}: ${wrong.join(', ')}`);
  }
  if (problems.length) return { description, passed: false, detail: problems.join('; ') };
  const first = onNode(selected[0], e.purpose, world);
  const held = `${first.certificate!.commonName} (serial ${first.certificate!.serialHex})`;
  return { description, passed: true, detail: `${selected.map((n) => n.name).join(', ')}: ${selected.length > 1 ? 'each holds' : 'holds'} ${held}${facts.length ? ` with ${facts.map((f) => `${f.label} ${f.actual(first)}`).join(', ')}` : ''}` };
}

interface IdentityFact {
  readonly label: string;
  readonly wanted: string;
  holds(seen: IdentityOnNode): boolean;
  actual(seen: IdentityOnNode): string;
}

function fact(label: string, wanted: unknown, actual: (seen: IdentityOnNode) => unknown, holds?: (seen: IdentityOnNode) => boolean): IdentityFact {
  return {
    label,
    wanted: String(wanted),
    actual: (seen) => String(actual(seen)),
    holds: holds ?? ((seen) => actual(seen) === wanted),
  };
}

/** The facts asked, each with how to read it from a node's certificate. */
function identityFacts(e: IdentityExpectation, nodes: readonly NodeState[]): IdentityFact[] {
  const facts: IdentityFact[] = [];
  const cert = (seen: IdentityOnNode) => seen.certificate!;
  if (e.subject !== undefined) facts.push(fact('subject', e.subject, (s) => formatDn(cert(s).subject), (s) => nameMatches(e.subject!, cert(s).subject)));
  if (e.issuer !== undefined) facts.push(fact('issuer', e.issuer, (s) => formatDn(cert(s).issuer), (s) => nameMatches(e.issuer!, cert(s).issuer)));
  if (e.selfSigned !== undefined) facts.push(fact('selfSigned', e.selfSigned, (s) => cert(s).selfSigned));
  if (e.serial !== undefined) facts.push(fact('serial', normaliseSerial(e.serial), (s) => cert(s).serialHex));
  if (e.keyType !== undefined) facts.push(fact('keyType', e.keyType, (s) => cert(s).keyType));
  if (e.keyLength !== undefined) facts.push(fact('keyLength', e.keyLength, (s) => cert(s).keyBits));
  if (e.hash !== undefined) facts.push(fact('hash', e.hash, (s) => signatureHash(cert(s).signatureAlgorithm)));
  if (e.multiServer !== undefined) facts.push(fact('multiServer', e.multiServer, (s) => isMultiServer(cert(s), nodes)));
  if (e.generation !== undefined) facts.push(fact('generation', e.generation, (s) => s.generation));
  if (e.pendingCsr !== undefined) facts.push(pendingCsrFact(e.pendingCsr, nodes));
  return facts;
}

/** `pendingCsr: none | pending | {subject?, multiServer?}`: the CSR the node generated last and no upload answered yet. */
function pendingCsrFact(wanted: PendingCsrFacts, nodes: readonly NodeState[]): IdentityFact {
  const describe = (seen: IdentityOnNode): string => {
    if (!seen.pendingCsr) return 'none';
    const csr = parseCsr(seen.pendingCsr);
    return `${formatDn(csr.subject)}${isMultiServer(csr, nodes) ? ' (multi-server)' : ''}`;
  };
  if (wanted === 'none') return fact('pendingCsr', 'none', describe);
  const label = Object.keys(wanted).length ? JSON.stringify(wanted).replace(/"/g, '') : 'pending';
  return {
    label: 'pendingCsr',
    wanted: label,
    actual: describe,
    holds: (seen) => {
      if (!seen.pendingCsr) return false;
      const csr = parseCsr(seen.pendingCsr);
      return (wanted.subject === undefined || nameMatches(wanted.subject, csr.subject)) && (wanted.multiServer === undefined || isMultiServer(csr, nodes) === wanted.multiServer);
    },
  };
}

function onNode(node: NodeState, purpose: string, world: IdentityWorld): IdentityOnNode {
  const id = node.identities[purpose];
  return {
    node: node.name,
    ...(id ? { certificate: world.certificate(id.fingerprint), generation: id.generation } : {}),
    ...(node.pendingCsrs[purpose] ? { pendingCsr: node.pendingCsrs[purpose] } : {}),
  };
}

/**
 * A name as a scenario writes it: a bare common name (`pub-ms.hq.example.com`), or a DN (`CN=Corp CA, O=Corp`)
 * whose every attribute must be the certificate's. Values compare exactly; attribute types ignore case.
 */
export function nameMatches(wanted: string, dn: Dn): boolean {
  if (!wanted.includes('=')) return dn.CN === wanted;
  let parsed: Dn;
  try {
    parsed = parseDn(wanted);
  } catch (error) {
    if (error instanceof DnSyntaxError) return false;
    throw error;
  }
  const six = DN_ATTRIBUTES.every((type) => parsed[type] === undefined || dn[type] === parsed[type]);
  return six && (parsed.extra ?? []).every((x) => (dn.extra ?? []).some((y) => y.type.toLowerCase() === x.type.toLowerCase() && y.value === x.value));
}

/** The hash of a signature algorithm as the Certificate List shows it (`sha384WithRSAEncryption` → SHA384). */
export function signatureHash(algorithm: string): string {
  const match = /sha-?(1|224|256|384|512)/i.exec(algorithm);
  return match ? `SHA${match[1]}` : algorithm;
}

/**
 * A multi-server (SAN) certificate or CSR: its CN is `<host>-ms.<domain>` [chapter Table 5] or its names
 * cover more than one node of the cluster — the same reading the upload rules apply (identity-upload-rules.ts).
 */
function isMultiServer(named: { commonName: string; subjectAltNames: readonly string[] }, nodes: readonly NodeState[]): boolean {
  const names = new Set([named.commonName, ...named.subjectAltNames].map((n) => n.toLowerCase()));
  const covered = nodes.filter((n) => [n.name, n.fqdn, n.ip].some((a) => names.has(a.toLowerCase()))).map((n) => n.name);
  return isMultiServerCertificate(named, covered);
}

function normaliseSerial(serial: string): string {
  return serial.replace(/[:\s]/g, '').toLowerCase().replace(/^0+(?=.)/, '');
}

function selectNodes(nodes: readonly NodeState[], selector: NodeSelector): NodeState[] {
  return 'all' in selector ? [...nodes] : selector.names.map((name) => nodes.find((n) => n.name === name)).filter((n): n is NodeState => n !== undefined);
}

function describeNodes(selector: NodeSelector): string {
  return 'all' in selector ? '(every node)' : selector.names.join(',');
}
