/**
 * The round trip of issue 15: a library scenario's installed cluster is exported with trustsim's own
 * commands (`itl export`, `cert export`), its phones written as a BAT export with a mapping file, and
 * imported back (`trustsim import`). The twin must be the same cluster — nodes, roles, services,
 * certificates' identities, release family, security mode, CTL kind, phone groups — and running the
 * original steps on it must give the same outcome per group, every expectation holding.
 *
 * What cannot be tested yet (notes/issue-15.md): the engine mints its own certificates and ignores the
 * imported subjects, serials and validity, so the run is the same because the twin keeps the original's
 * seed and names (its certificates are then the original's again); and the release within a family is
 * assumed by the import, so the run pins the original's release.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, parse, parseDocument, stringify } from 'yaml';
import { isAtLeast, parseRelease } from '@trustsim/domain';
import { loadScenario, type Scenario } from '@trustsim/scenarios';
import { certificateFacts } from '@trustsim/twin';
import { parseCertificate } from '@trustsim/pki';
import { parseTrustFile } from '@trustsim/trust-files';
import { runCli } from '../cli';

const library = join(__dirname, '../../../../scenarios');
/** Keys derived once and kept across runs (the simulator caches them under the working directory). */
const work = join(tmpdir(), 'trustsim-twin-round-trip');

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['node', 'trustsim', ...args], { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const DEVICE_TYPE: Record<string, string> = { 'CP-8845': 'Cisco 8845', 'CP-8865': 'Cisco 8865', 'CP-7960': 'Cisco 7960' };
const PROFILE = { 'non-secure': 'Standard SIP Non-Secure Profile', authenticated: 'Standard SIP Authenticated Profile', encrypted: 'Standard SIP Encrypted Profile' };

/** The phones of a scenario as a BAT export: device pool = group, LSC status from `lsc:`. */
function phoneExport(scenario: Scenario): string {
  const rows = ['Device Name,Description,Device Pool,Device Type,Device Security Profile,LSC Status'];
  for (const group of scenario.clusters[0].phones) {
    for (const name of group.names) rows.push(`${name},"${group.group}, exported",${group.group},${DEVICE_TYPE[group.model]},${group.model.replace('CP-', 'Cisco ')} - ${PROFILE[group.securityProfile]},${group.lsc ? 'Installed' : 'None'}`);
  }
  return `${rows.join('\n')}\n`;
}

function mapping(scenario: Scenario): string {
  const pools = Object.fromEntries(scenario.clusters[0].phones.map((g) => [g.group, { callManagerGroup: g.callManagerGroup, tftp: g.tftp }]));
  return stringify({ pools });
}

async function roundTrip(file: string) {
  const original = loadScenario(join(library, file));
  const cluster = original.clusters[0];
  const dir = mkdtempSync(join(work, 'case-'));
  // The installed state: the file without its steps (itl/cert export run a scenario to its end).
  const installed = parseDocument(readFileSync(original.file, 'utf8'));
  installed.delete('steps');
  installed.delete('expect');
  writeFileSync(join(dir, 'installed.yaml'), installed.toString());
  expect((await cli('itl', 'export', '--scenario', join(dir, 'installed.yaml'), '--out', join(dir, 'tftp'))).code).toBe(0);
  for (const node of cluster.nodes) {
    expect((await cli('cert', 'export', '--scenario', join(dir, 'installed.yaml'), '--node', node.name, '--out', join(dir, 'certs', node.name))).code).toBe(0);
  }
  writeFileSync(join(dir, 'phones.csv'), phoneExport(original));
  writeFileSync(join(dir, 'mapping.yaml'), mapping(original));
  const imported = await cli('import', '--trust-files', join(dir, 'tftp'), '--certificates', join(dir, 'certs'), '--phones', join(dir, 'phones.csv'), '--mapping', join(dir, 'mapping.yaml'), '--now', original.start, '--out', join(dir, 'twin.yaml'));
  expect(imported.err).not.toMatch(/: (error|warning): /);
  expect(imported.code).toBe(0);
  return { original, cluster, dir, twin: loadScenario(join(dir, 'twin.yaml')) };
}

/** Every certificate the exports hold, by serial: what the twin must keep. */
function exportedCertificates(dir: string): Map<string, ReturnType<typeof certificateFacts>> {
  const found = new Map<string, ReturnType<typeof certificateFacts>>();
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.pem') && !d.endsWith('-trust')) {
        const facts = certificateFacts(parseCertificate(readFileSync(path)));
        found.set(facts.serial, facts);
      } else if (entry.name.endsWith('.tlv')) {
        for (const r of parseTrustFile(readFileSync(path)).records) {
          if (r.certificateDer && !/SAST-ADN/.test(r.subject)) {
            const facts = certificateFacts(parseCertificate(r.certificateDer));
            found.set(facts.serial, facts);
          }
        }
      }
    }
  };
  walk(dir);
  return found;
}

async function groupOutcomes(file: string, reports: string): Promise<{ passed: boolean; groups: unknown[] }> {
  const run = await cli('run', file, '--store', 'memory:', '--report', 'json', '--report-dir', reports);
  const name = parse(readFileSync(file, 'utf8')).scenario as string;
  const report = JSON.parse(readFileSync(join(reports, `${name}.json`), 'utf8'));
  expect(run.code).toBe(report.passed ? 0 : 1);
  return { passed: report.passed, groups: report.groups.map((g: Record<string, unknown>) => ({ cluster: g.cluster, group: g.group, model: g.model, phones: g.phones, counts: g.counts, itl_signers: g.itl_signers, needs_manual_itl_delete: g.needs_manual_itl_delete })) };
}

describe('round trip: export a library scenario\'s cluster with trustsim, import it, get the same cluster and the same outcomes', () => {
  const cwd = process.cwd();
  beforeAll(() => {
    mkdirSync(work, { recursive: true });
    process.chdir(work);
  });
  afterAll(() => process.chdir(cwd));

  it.each([
    'itl-recovery-nonsecure.yaml',
    'regen-tvs-then-callmanager-11.5.yaml',
    'mixed-mode/regen-callmanager-needs-ctl-update-14.yaml',
    'mixed-mode/token-ctl-to-tokenless-11.5.yaml',
    'upgrade-refresh-fn70613-itlrecovery.yaml',
  ])(
    '%s',
    async (file) => {
      const { original, cluster, dir, twin } = await roundTrip(file);
      const copy = twin.clusters[0];
      // The same cluster: name, nodes, roles, services, release family, security mode, CTL kind.
      expect(copy.name).toBe(cluster.name);
      const services = (s: readonly string[]) => s.filter((x) => x !== 'tvs' && x !== 'tomcat').sort();
      expect(copy.nodes.map((n) => [n.name, n.role, services(n.services)])).toEqual(cluster.nodes.map((n) => [n.name, n.role, services(n.services)]));
      expect(isAtLeast(parseRelease(copy.version), '12.0')).toBe(isAtLeast(parseRelease(cluster.version), '12.0'));
      expect(copy.security).toBe(cluster.security);
      if (cluster.security === 'mixed') expect(copy.ctl).toBe(cluster.ctl ?? 'tokenless');
      // The same certificates: every identity the exports hold, with its subject, serial, validity, key and hash.
      const exported = exportedCertificates(dir);
      for (const c of copy.certificates) {
        const real = exported.get(c.serial!)!;
        expect([c.subject, c.issuer, c.notBefore, c.notAfter, c.keyType, c.keyLength, c.hash, c.fingerprint]).toEqual([real.subject, real.issuer, real.notBefore, real.notAfter, real.keyType, real.keyLength, real.hash, real.fingerprint]);
      }
      const purposes = new Set(copy.certificates.map((c) => `${c.node}/${c.purpose}`));
      for (const node of cluster.nodes) for (const purpose of ['CallManager', 'TVS', 'tomcat', 'ipsec']) expect(purposes).toContain(`${node.name}/${purpose}`);
      // The same phones, in the same groups, with the same servers.
      expect(copy.phones.map((g) => [g.group, g.model, g.securityProfile, g.lsc !== undefined, g.callManagerGroup, g.tftp, g.names])).toEqual(
        cluster.phones.map((g) => [g.group, g.model, g.securityProfile, g.lsc !== undefined, g.callManagerGroup, g.tftp, g.names]),
      );

      // The original steps on the twin: same outcome per group, every expectation holding. The release within
      // its family is the import's assumption and the seed the twin's own choice: both pinned to the original's.
      const source = parse(readFileSync(original.file, 'utf8'));
      const twinText = readFileSync(join(dir, 'twin.yaml'), 'utf8')
        .replace(/^start: .*$/m, (line) => `${line}\nseed: ${original.seed}`)
        .replace(/^ {4}version: .*$/m, `    version: "${cluster.version}"`);
      const extra = new Document({ steps: source.steps, ...(source.expect && { expect: source.expect }), ...(source.assumptions && { assumptions: source.assumptions }) });
      writeFileSync(join(dir, 'twin-run.yaml'), `${twinText}${extra.toString()}`);
      const before = await groupOutcomes(original.file, join(dir, 'reports-original'));
      const after = await groupOutcomes(join(dir, 'twin-run.yaml'), join(dir, 'reports-twin'));
      expect(after.passed).toBe(true);
      expect(after.groups).toEqual(before.groups);
    },
    180_000,
  );
});
