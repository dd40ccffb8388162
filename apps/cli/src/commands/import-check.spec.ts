import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario } from '@trustsim/scenarios';
import { runCheck } from '@trustsim/twin';
import { EXIT, runCli } from '../cli';
import { installedStateOnly, snapshotFromApplication } from './snapshot-from-application';

const root = join(__dirname, '../../../..');
const examples = join(root, 'examples/twin');
const library = join(root, 'scenarios');
const keys = join(tmpdir(), 'trustsim-twin-round-trip'); // shared with the round-trip spec: keys derived once

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['node', 'trustsim', ...args], { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('trustsim import (command)', () => {
  const cwd = process.cwd();
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'twin-cli-'));
    cpSync(examples, join(dir, 'twin'), { recursive: true });
    process.chdir(join(dir, 'twin'));
  });
  afterAll(() => process.chdir(cwd));

  it('writes the twin and a mapping template; exit 0 when everything was read or said', async () => {
    const { code, err } = await cli('import', '--trust-files', 'trust-files', '--certificates', 'certificates', '--phones', 'phones.csv', '--mapping', 'mapping.yaml', '--mapping-template', 'out/template.yaml', '--now', '2026-01-05T09:00:00Z', '--out', 'out/twin.yaml');
    expect(code).toBe(EXIT.ok);
    expect(err).toMatch(/^phones\.csv:24: warning: 'CSFJDOE' is not a phone name/m);
    expect(err).toMatch(/twin of 'corp' \(12\.5\(1\)SU3, mixed\): 3 nodes, 20 identity and 2 trust certificates, 22 of 23 phones in 4 groups/);
    expect(err.split('Private keys stay on the cluster').length).toBe(2);
    expect(readFileSync('out/template.yaml', 'utf8')).toMatch(/"HQ-Desk": {3}# 13 phones\n {4}callManagerGroup: \[cucm-pub, cucm-sub1, cucm-sub2\]/);
    // Sources are named relative to the twin's own folder, so `check` finds the trust files again.
    expect(readFileSync('out/twin.yaml', 'utf8')).toMatch(/sources:\n {4}- "\.\.\/trust-files\/corp\/cucm-pub\/CTLFile\.tlv"/);
    const check = await cli('check', 'out/twin.yaml');
    expect(check.out).toMatch(/^HIGH {3}corp: the CTL \(\.\.\/trust-files\/corp\/cucm-pub\/CTLFile\.tlv\) lacks the current CallManager of cucm-sub1$/m);
  });

  it('exit 1 when a part could not be read (listed), the twin written all the same', async () => {
    mkdirSync('broken/cucm-pub', { recursive: true });
    writeFileSync('broken/cucm-pub/ITLFile.tlv', readFileSync('trust-files/corp/cucm-pub/ITLFile.tlv').subarray(0, 100));
    cpSync('trust-files/corp/cucm-sub1', 'broken/cucm-sub1', { recursive: true });
    const { code, err } = await cli('import', '--trust-files', 'broken', '--out', 'out/broken.yaml');
    expect(code).toBe(1);
    expect(err).toMatch(/^broken\/cucm-pub\/ITLFile\.tlv \(offset \d+\): error: not a readable ITL\/CTL file/m);
    expect(existsSync('out/broken.yaml')).toBe(true);
  });

  it('exit 2 without trust files or certificates, or with a release it cannot read', async () => {
    expect(await cli('import', '--phones', 'phones.csv')).toMatchObject({ code: EXIT.invalid, err: expect.stringMatching(/give --trust-files <dir> and\/or --certificates <dir>/) });
    expect(await cli('import', '--trust-files', 'trust-files', '--version', '16.9')).toMatchObject({ code: EXIT.invalid, err: expect.stringMatching(/trustsim models CUCM 8\.0 to 15/) });
  });
});

describe('trustsim check (command)', () => {
  const cwd = process.cwd();
  beforeAll(() => {
    mkdirSync(keys, { recursive: true });
    process.chdir(keys);
  });
  afterAll(() => process.chdir(cwd));

  it('a twin: exit 1 on a high risk, 0 with --fail-on above it; --json and --html', async () => {
    const file = join(examples, 'twin.yaml');
    expect((await cli('check', file)).code).toBe(1);
    const html = join(mkdtempSync(join(tmpdir(), 'check-html-')), 'risks.html');
    const json = await cli('check', file, '--json', '--html', html, '--fail-on', 'high');
    const doc = JSON.parse(json.out);
    expect(doc).toMatchObject({ format: 'trustsim-check', format_version: 1, source: 'twin', failed: true, counts: { high: 1, medium: 1 } });
    expect(readFileSync(html, 'utf8')).toMatch(/<section id="risks"/);
    expect((await cli('check', join(examples, 'check/healthy.yaml'), '--fail-on', 'info')).code).toBe(0);
    expect((await cli('check', join(examples, 'check/no-security-by-default.yaml'))).code).toBe(0);
    expect((await cli('check', join(examples, 'check/no-security-by-default.yaml'), '--fail-on', 'medium')).code).toBe(1);
  });

  it('[SFN] any scenario, through the simulator: FN70613 in the scenario\'s own upgrade step, or in --target', async () => {
    const fn = await cli('check', join(library, 'upgrade-refresh-fn70613-itlrecovery.yaml'));
    expect(fn.code).toBe(1);
    expect(fn.out).toMatch(/rule fn70613-refresh-upgrade \[SFN\]/);
    const target = await cli('check', join(library, 'regen-tvs-then-callmanager-11.5.yaml'), '--target', '12.5(1)SU1');
    expect(target.out).toMatch(/^HIGH {3}hq: the refresh upgrade 11\.5\(1\)SU9 → 12\.5\(1\)SU1 \(--target\) regenerates ITLRecovery$/m);
    const l2 = await cli('check', join(library, 'regen-tvs-then-callmanager-11.5.yaml'), '--target', '12.5(1)SU1', '--method', 'l2');
    expect(l2).toMatchObject({ code: 0, out: expect.stringMatching(/No risk found/) });
  }, 60_000);

  it('exit 2 for a file that does not validate, or a bad option', async () => {
    expect((await cli('check', join(__dirname, '../__fixtures__/typo.yaml'))).code).toBe(EXIT.invalid);
    expect((await cli('check', join(examples, 'twin.yaml'), '--now', 'yesterday-ish')).code).toBe(EXIT.invalid);
    expect((await cli('check', join(examples, 'twin.yaml'), '--fail-on', 'critical')).code).toBe(EXIT.invalid);
  });
});

describe('the application adapter (snapshot-from-application.ts)', () => {
  const cwd = process.cwd();
  beforeAll(() => process.chdir(keys));
  afterAll(() => process.chdir(cwd));

  it('keeps the cluster, drops steps, expectations and phones from the copy it installs', () => {
    const text = installedStateOnly(readFileSync(join(library, 'itl-recovery-nonsecure.yaml'), 'utf8'));
    expect(text).not.toMatch(/^(steps|expect):/m);
    expect(text).not.toMatch(/phones:/);
    expect(text).toMatch(/- \{ name: pub, role: publisher, services: \[ callmanager, tftp, tvs, capf \] \}/);
  });

  it('a mixed-mode 14 cluster as the simulator installs it: every identity, the ITL of each TFTP node, the CTL, the phone groups', async () => {
    const scenario = loadScenario(join(library, 'mixed-mode/regen-callmanager-needs-ctl-update-14.yaml'));
    const set = await snapshotFromApplication(scenario, { cwd: keys });
    const [hq] = set.clusters;
    expect(set).toMatchObject({ source: 'simulator', keysMinted: false, now: '2026-01-05T08:00:00.000Z' });
    expect(hq.identities.map((c) => `${c.node}/${c.purpose}`).sort()).toEqual(
      ['CAPF', 'CallManager', 'CallManager-ECDSA', 'ITLRecovery', 'TVS', 'ipsec', 'tomcat', 'tomcat-ECDSA'].map((p) => `pub/${p}`).concat(['CallManager', 'CallManager-ECDSA', 'TVS', 'ipsec', 'tomcat', 'tomcat-ECDSA'].map((p) => `sub1/${p}`)).sort(),
    );
    expect(hq.identities.find((c) => c.node === 'pub' && c.purpose === 'CallManager')).toMatchObject({ keyType: 'RSA', keyLength: 2048, hash: 'SHA256', notBefore: '2026-01-05T08:00:00Z', notAfter: '2029-01-04T08:00:00Z' });
    expect(hq.trustFiles.map((f) => [f.kind, f.node])).toEqual([
      ['ITL', 'pub'],
      ['CTL', undefined],
      ['ITL', 'sub1'],
      ['CTL', undefined],
    ]);
    expect(hq.trustFiles[0].records.map((r) => [r.role, r.node])).toEqual([
      ['SAST', 'pub'],
      ['CCM+TFTP', 'pub'],
      ['CCM+TFTP', 'pub'], // its CallManager-ECDSA beside it, same role (docs/trust-files.md)
      ['SAST', 'pub'],
      ['TVS', 'pub'],
      ['TVS', 'sub1'],
      ['CAPF', 'pub'],
    ]);
    expect(hq.trustCertificates.map((t) => [t.store, t.nodes])).toEqual([
      ['CallManager-trust', undefined],
      ['CAPF-trust', undefined],
    ]);
    expect(hq.phoneGroups.map((g) => [g.group, g.count, g.securityProfile, g.lsc])).toEqual([
      ['secure', 200, 'encrypted', true],
      ['plain', 100, 'non-secure', false],
    ]);
    // The installed state is healthy: the CTL matches, nothing is due.
    expect(runCheck(set, { days: 90, failOn: 'high' }).findings).toEqual([]);
  }, 60_000);
});
