/**
 * Refusals visible (issue 13 item 5): an upload CUCM refuses prints under the timeline with its reason,
 * reaches the JSON, JUnit and HTML reports, counts as a warning when no expectation covers it, and
 * `--strict` turns the warning into exit 1; an `upload: rejected` expectation covers it.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT, runCli } from './cli';

const dir = mkdtempSync(join(tmpdir(), 'trustsim-refusals-'));
writeFileSync(join(dir, 'garbage.pem'), '-----BEGIN CERTIFICATE-----\nZ2FyYmFnZQ==\n-----END CERTIFICATE-----\n');
const scenario = (expect: string) =>
  [
    'scenario: refused-upload',
    'seed: 1',
    'clusters:',
    '  hq:',
    '    version: "14SU2"',
    '    nodes:',
    '      - { name: pub, role: publisher, services: [callmanager, tftp, tvs, capf] }',
    '    phones:',
    '      - { group: desk, count: 2, model: CP-8845 }',
    'steps:',
    '  - uploadCertificate: { cluster: hq, node: pub, store: tomcat-trust, certificate: { path: garbage.pem } }',
    expect,
    '',
  ].join('\n');
const unexpected = join(dir, 'unexpected.yaml');
writeFileSync(unexpected, scenario(''));
const expected = join(dir, 'expected.yaml');
writeFileSync(expected, scenario('  - expect:\n      - upload: rejected'));

async function cli(...args: string[]) {
  const out: string[] = [];
  const code = await runCli(['node', 'trustsim', ...args], { out: (s) => out.push(s), err: (s) => out.push(s) });
  return { code, out: out.join('\n') };
}

describe('refused uploads are visible [issue 13]', () => {
  it('prints the refusal under the timeline with its reason and a warning; exit 0, or 1 with --strict', async () => {
    const run = await cli('run', unexpected, '--store', 'memory:');
    expect(run.code).toBe(EXIT.ok);
    expect(run.out).toMatch(/Refused by CUCM\n {2}WARNING 1\. hq\/pub: upload into tomcat-trust refused — the uploaded file holds no readable X.509 certificate \(the PEM block holds no DER certificate/);
    expect(run.out).toMatch(/1 warning: a refusal no expectation covers/);
    expect((await cli('run', unexpected, '--store', 'memory:', '--strict')).code).toBe(EXIT.expectationFailed);
  }, 60_000);

  it('an `upload: rejected` expectation covers it: no warning, and --strict passes', async () => {
    const run = await cli('run', expected, '--store', 'memory:', '--strict');
    expect(run.code).toBe(EXIT.ok);
    expect(run.out).toMatch(/hq\/pub: upload into tomcat-trust refused — .*\(expected\)/);
    expect(run.out).not.toMatch(/warning/);
  }, 60_000);

  it('the JSON, JUnit and HTML reports carry it', async () => {
    const reports = join(dir, 'reports');
    await cli('run', unexpected, '--store', 'memory:', '--report', 'json', 'junit', 'html', '--report-dir', reports);
    const files = readdirSync(reports);
    const read = (ext: string) => readFileSync(join(reports, files.find((f) => f.endsWith(ext))!), 'utf8');
    const json = JSON.parse(read('.json'));
    expect(json.summary.warnings).toBe(1);
    expect(json.refusals).toEqual([expect.objectContaining({ step: 0, node: 'hq/pub', event: 'CertificateUploadRejected', action: 'upload into tomcat-trust', expected: false })]);
    expect(read('.xml')).toMatch(/<testcase name="refused in step 1: upload into tomcat-trust on hq\/pub"[^>]*>\s*<skipped message="warning: hq\/pub: upload into tomcat-trust refused/);
    expect(read('.html')).toMatch(/<h3 id="refusals">Refused by CUCM<\/h3>/);
  }, 60_000);

  it('show reads the refusals back from the stored run alone', async () => {
    const store = `sqlite:${join(dir, 'store.db')}`;
    const run = await cli('run', unexpected, '--store', store);
    const id = /run ([0-9a-f]{12})/.exec(run.out)![1];
    const show = await cli('show', id, '--store', store);
    expect(show.out).toMatch(/WARNING 1\. hq\/pub: upload into tomcat-trust refused/);
  }, 60_000);
});
