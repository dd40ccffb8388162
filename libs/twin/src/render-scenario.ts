/**
 * A twin written as a scenario file (docs/scenario-language.md plus its twin fields): the cluster section,
 * ready for steps. Written by hand rather than through a YAML library so that comments can say where
 * each part came from, and so that 40,000 phone names cost milliseconds (they go in flow lists, six a
 * line). Every string that YAML could read as something else is quoted.
 */
import { KEY_LENGTHS } from '@trustsim/scenarios';
import { summarizeDiagnostics } from './diagnostics';
import type { Twin, TwinCertificate, TwinPhoneGroup, TwinTrustCertificate } from './twin-model';
import type { CertificateFacts } from './certificate-facts';

export interface RenderOptions {
  /** Source paths as the scenario file should name them (relative to its folder). */
  sources: string[];
  tool: string;
}

const NAMES_PER_LINE = 6;

export function renderTwinScenario(twin: Twin, options: RenderOptions): string {
  const c = twin.cluster;
  const out: string[] = [];
  const phones = c.phones.reduce((n, g) => n + g.names.length, 0);
  out.push(
    `# A twin of the real cluster '${c.name}', made by \`trustsim import\` at ${twin.importedAt}.`,
    '# Private keys stay on the cluster: trustsim mints its own keys for these identities (twin.keys: minted).',
    `# ${c.nodes.length} node${c.nodes.length === 1 ? '' : 's'}, ${c.certificates.length} identity certificates, ${c.trustCertificates.length} trust certificates, ${phones} phones in ${c.phones.length} group${c.phones.length === 1 ? '' : 's'}.`,
    '# Check it: trustsim check <this file>. Add the steps you plan at the end, then: trustsim run <this file>.',
    `scenario: ${scalar(`twin-${c.name}`)}`,
    `title: ${quote(`Twin of ${c.name} (imported ${twin.importedAt.slice(0, 10)})`)}`,
    `start: ${twin.importedAt}`,
    'twin:',
    `  importedAt: ${twin.importedAt}`,
    `  tool: ${quote(options.tool)}`,
    '  keys: minted',
  );
  list(out, '  ', 'sources', options.sources);
  list(out, '  ', 'assumed', twin.diagnostics.filter((d) => d.level === 'assumed').map((d) => summarizeDiagnostics([d])[0].replace(/(^|: )assumed: /, '$1')));
  list(out, '  ', 'unread', summarizeDiagnostics(twin.diagnostics.filter((d) => d.level === 'error' || d.level === 'warning')));
  out.push('clusters:', `  ${scalar(c.name)}:`);
  out.push(`    version: ${quote(c.version)}${c.family ? `   # the trust files say: ${c.family}` : ''}`);
  out.push(`    security: ${c.security}`);
  if (c.ctl) out.push(`    ctl: ${c.ctl}`);
  out.push('    nodes:');
  for (const n of c.nodes) {
    const fields = [`name: ${scalar(n.name)}`, ...(n.publisher ? ['role: publisher'] : []), `services: [${[...n.services].filter((s) => s !== 'tomcat').sort(serviceOrder).join(', ')}]`];
    if (n.address) fields.push(`address: ${quote(n.address)}`);
    if (n.fqdn) fields.push(`fqdn: ${scalar(n.fqdn)}`);
    out.push(`      - { ${fields.join(', ')} }`);
  }
  if (c.certificates.length) {
    out.push('    certificates:');
    for (const cert of c.certificates) certificate(out, cert);
  }
  if (c.trustCertificates.length) {
    out.push('    trustCertificates:');
    for (const cert of c.trustCertificates) trustCertificate(out, cert);
  }
  if (c.servedCtl) {
    out.push('    servedCtl:   # the CTL as the TFTP servers serve it: it no longer matches the certificates above');
    out.push(`      signer: { subject: ${quote(c.servedCtl.signer.subject)}, serial: ${quote(c.servedCtl.signer.serial)} }`);
    out.push('      records:');
    for (const r of c.servedCtl.records) {
      const fields = [`role: ${quote(r.role)}`, `subject: ${quote(r.subject)}`, ...(r.issuer ? [`issuer: ${quote(r.issuer)}`] : []), `serial: ${quote(r.serial)}`, ...(r.node ? [`node: ${scalar(r.node)}`] : []), ...(r.purpose ? [`purpose: ${r.purpose}`] : [])];
      out.push(`        - { ${fields.join(', ')} }`);
    }
  }
  if (c.phones.length) {
    out.push('    phones:');
    for (const g of c.phones) phoneGroup(out, g, c.name);
  }
  out.push(
    '# Add the change you plan, for example:',
    '# steps:',
    `#   - regenerate: { cluster: ${c.name}, node: ${c.nodes.find((n) => n.publisher)?.name ?? c.nodes[0]?.name ?? 'pub'}, purpose: ITLRecovery }`,
    `#   - cli: { cluster: ${c.name}, node: ${c.nodes.find((n) => n.publisher)?.name ?? c.nodes[0]?.name ?? 'pub'}, command: "utils itl reset localkey" }`,
    `#   - resetPhones: { cluster: ${c.name}, phones: all, batchSize: 500, interval: 5m }`,
    '#   - waitFor: { phones: all, settled: true }',
  );
  return `${out.join('\n')}\n`;
}

function certificate(out: string[], cert: TwinCertificate): void {
  out.push(`      # ${cert.node} ${cert.purpose}, from ${cert.source}`);
  out.push(`      - node: ${scalar(cert.node)}`, `        purpose: ${cert.purpose}`);
  facts(out, cert.facts, '        ');
}

function trustCertificate(out: string[], cert: TwinTrustCertificate): void {
  out.push(`      # from ${cert.source}`);
  out.push(`      - store: ${cert.store}`);
  if (cert.nodes) out.push(`        nodes: [${cert.nodes.map(scalar).join(', ')}]`);
  facts(out, cert.facts, '        ');
}

function facts(out: string[], f: CertificateFacts, pad: string): void {
  out.push(`${pad}keyType: ${f.keyType}`);
  if ((KEY_LENGTHS as readonly number[]).includes(f.keyLength)) out.push(`${pad}keyLength: ${f.keyLength}`);
  else out.push(`${pad}# keyLength ${f.keyLength}: not a length the scenario language takes; left to the default`);
  if (f.hash) out.push(`${pad}hash: ${f.hash}`);
  else out.push(`${pad}# signature ${f.signatureAlgorithm}: no hash the scenario language takes; left to the default`);
  out.push(`${pad}subject: ${quote(f.subject)}`, `${pad}issuer: ${quote(f.issuer)}`, `${pad}serial: ${quote(f.serial)}`, `${pad}notBefore: ${f.notBefore}`, `${pad}notAfter: ${f.notAfter}`);
  if (f.sans.length) out.push(`${pad}sans: [${f.sans.map(quote).join(', ')}]`);
  out.push(`${pad}fingerprint: ${f.fingerprint}`);
}

function phoneGroup(out: string[], g: TwinPhoneGroup, cluster: string): void {
  out.push(`      # device pool ${g.pool}: ${g.names.length} × ${g.model}, ${g.securityProfile}${g.lsc ? ', with LSC' : ''}`);
  out.push(`      - group: ${scalar(g.group)}`, `        model: ${scalar(g.model)}`, `        securityProfile: ${g.securityProfile}`);
  if (g.callManagerGroup) out.push(`        callManagerGroup: [${g.callManagerGroup.map(scalar).join(', ')}]`);
  if (g.tftp) out.push(`        tftp: [${g.tftp.map(scalar).join(', ')}]`);
  if (g.lsc) out.push(`        lsc: { issuer: ${scalar(cluster)} }`);
  if (g.names.length <= NAMES_PER_LINE) {
    out.push(`        names: [${g.names.join(', ')}]`);
    return;
  }
  out.push('        names: [');
  for (let i = 0; i < g.names.length; i += NAMES_PER_LINE) {
    const last = i + NAMES_PER_LINE >= g.names.length;
    out.push(`          ${g.names.slice(i, i + NAMES_PER_LINE).join(', ')}${last ? '' : ','}`);
  }
  out.push('        ]');
}

function list(out: string[], pad: string, key: string, items: readonly string[]): void {
  if (items.length === 0) return;
  out.push(`${pad}${key}:`);
  for (const item of items) out.push(`${pad}  - ${quote(item)}`);
}

const PLAIN = /^[A-Za-z][A-Za-z0-9._/-]*$/;
const YAML_WORDS = /^(true|false|yes|no|on|off|null|y|n|~)$/i;

/** A name, plain when YAML reads it back as the same string. */
function scalar(text: string): string {
  return PLAIN.test(text) && !YAML_WORDS.test(text) ? text : quote(text);
}

/** Always quoted (JSON strings are YAML double-quoted scalars). */
function quote(text: string): string {
  return JSON.stringify(text);
}

const SERVICE_ORDER = ['callmanager', 'tftp', 'tvs', 'capf', 'ctimanager', 'tomcat'];
function serviceOrder(a: string, b: string): number {
  return SERVICE_ORDER.indexOf(a) - SERVICE_ORDER.indexOf(b);
}

