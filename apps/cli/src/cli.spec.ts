import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ASSUMPTIONS } from '@trustsim/domain';
import { EXIT, runCli } from './cli';

const scenarios = join(__dirname, '../../../scenarios');
const fixtures = join(__dirname, '__fixtures__');

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['node', 'trustsim', ...args], { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('the trustsim command', () => {
  const cwd = process.cwd();
  beforeAll(() => process.chdir(mkdtempSync(join(tmpdir(), 'trustsim-cli-'))));
  afterAll(() => process.chdir(cwd));

  it('--version prints the version of the package, and exits 0', async () => {
    const { version } = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const { code, out } = await cli(flag);
      expect(code).toBe(EXIT.ok);
      expect(out).toBe(version);
    }
  });

  it('validate: a valid file passes with a one-line summary', async () => {
    const { code, out } = await cli('validate', join(scenarios, 'itl-recovery-nonsecure.yaml'));
    expect(code).toBe(EXIT.ok);
    expect(out).toMatch(/valid \(1 cluster\(s\), 6 steps, 520 phones\)/);
  });

  it('validate: a typo names the file, line, column and field, and exits 2', async () => {
    const { code, err } = await cli('validate', join(fixtures, 'typo.yaml'));
    expect(code).toBe(EXIT.invalid);
    expect(err).toMatch(/typo\.yaml:10:\d+: .*batchsize.*batchSize/);
  });

  it('run: a run too big for the memory store is refused before it starts, saying which store takes it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'trustsim-big-')), 'big.yaml');
    writeFileSync(file, readFileSync(join(scenarios, 'itl-recovery-nonsecure.yaml'), 'utf8').replace('count: 500', 'count: 90000'));
    const { code, err } = await cli('run', file, '--store', 'memory:', '--beyond-cucm-limits');
    expect(code).toBe(EXIT.invalid);
    expect(err).toMatch(/big\.yaml: 90,020 phones are more than the memory store takes .*at most 80,000.*SQLite store/);
  });

  it('run: prints the timeline and outcomes and exits 0 when every expectation holds', async () => {
    const { code, out } = await cli('run', join(scenarios, 'regen-tvs-then-callmanager-11.5.yaml'), '--store', 'memory:');
    expect(code).toBe(EXIT.ok);
    expect(out).toMatch(/Timeline/);
    expect(out).toMatch(/hq\/floor1/);
    expect(out).toMatch(/5 of 5 expectations hold/);
  }, 60_000);

  it('run: exits 1 when an expectation fails, saying what was found instead', async () => {
    const { code, out } = await cli('run', join(fixtures, 'failing-expectation.yaml'), '--store', 'memory:');
    expect(code).toBe(EXIT.expectationFailed);
    expect(out).toMatch(/FAIL .*failing-expectation\.yaml:\d+:\d+ .*5 with status locked/);
  }, 60_000);

  it('explain: a locked phone of the 11.5 "CallManager and TVS together" scenario is locked by the TVS handshake failure', async () => {
    const { parseScenario } = await import('@trustsim/scenarios');
    const { readFileSync } = await import('node:fs');
    const file = join(scenarios, 'regen-callmanager-and-tvs-together-11.5.yaml');
    const phone = parseScenario(readFileSync(file, 'utf8'), file).clusters[0].phones[0].names[0];
    const { code, out } = await cli('explain', file, phone);
    expect(code).toBe(EXIT.ok);
    expect(out).toMatch(new RegExp(`${phone}: locked`));
    expect(out).toMatch(/TVS hq\/sub1: TLS handshake failed — it presents TVS hq\/sub1 generation 2/);
    expect(out).toMatch(/Trust List Update Failed/);
    expect(out).toMatch(/locked: .*TVS handshake fails/);
  }, 60_000);

  it('run <folder>: runs the whole scenario library and prints a summary; exit 0 when every scenario passes', async () => {
    const { code, out } = await cli('run', scenarios, '--store', 'memory:');
    expect(out).toMatch(/(\d+) of \1 scenarios pass/);
    expect(code).toBe(EXIT.ok);
  }, 300_000);

  it('run --all-assumptions: lists the outcomes that depend on an assumption [§16.2], exit 1 when the plan fails under one reading', async () => {
    const { code, out } = await cli('run', join(scenarios, 'itl-recovery-without-reset-localkey.yaml'), '--all-assumptions', '--store', 'memory:');
    // Every combination of every assumption's values, whatever the catalogue holds; half of them read the ITLRecovery one each way.
    const combinations = Object.values(ASSUMPTIONS).reduce((n, d) => n * d.values.length, 1);
    expect(out).toContain(`under ${combinations} combinations of assumptions: 2 distinct outcomes`);
    // Only the assumptions the scenario consults are varied: far fewer runs than combinations.
    expect(out).toMatch(/\n(\d+) runs: only the assumptions the scenario consults were varied \(.*tvsVouchesForOwnItlRecovery.*\)/);
    expect(Number(/\n(\d+) runs:/.exec(out)![1])).toBeLessThan(combinations / 100);
    expect(out).toMatch(new RegExp(`│ tvsVouchesForOwnItlRecovery=false │ ${combinations / 2} +│ all hold +│ hq/lobby: 500 locked +│`));
    expect(out).toMatch(/Expectations that fail\n {2}under tvsVouchesForOwnItlRecovery=true:\n {4}\S*itl-recovery-without-reset-localkey\.yaml:\d+:\d+ /);
    expect(out).toMatch(/hq\/lobby depends on tvsVouchesForOwnItlRecovery: false → 500 locked; true → 500 trusted/);
    expect(out).not.toMatch(/legacy depends/);
    expect(code).toBe(EXIT.expectationFailed);
  }, 120_000);

  it('run --all-assumptions stores the defaults\' run only, and prints the command that rehearses and stores a failing reading, which fails the same way', async () => {
    const store = join(process.cwd(), 'readings.db');
    const file = join(scenarios, 'itl-recovery-without-reset-localkey.yaml');
    const { out } = await cli('run', file, '--all-assumptions', '--store', store);
    const stored = /Stored: the run under the defaults, ([0-9a-f]{12}) \(trustsim show \1\); the (\d+) other readings were rehearsed for their outcome only/.exec(out);
    expect(stored).not.toBeNull();
    const listed = await cli('runs', '--store', store);
    expect([...listed.out.matchAll(/│ ([0-9a-f]{12}) │/g)].map((m) => m[1])).toEqual([stored![1]]);
    const rerun = /rehearse and store it: trustsim run (\S+) --assume ([^\n]+)\n/.exec(out);
    const values = rerun![2].split(' ');
    expect(values).toContain('tvsVouchesForOwnItlRecovery=true');
    const again = await cli('run', rerun![1], '--assume', ...values, '--store', store);
    expect(again.code).toBe(EXIT.expectationFailed);
    expect(again.out).toMatch(/FAIL .*itl-recovery-without-reset-localkey\.yaml:\d+:\d+ +group lobby: status locked/);
    expect((await cli('runs', '--store', store)).out.match(/│ [0-9a-f]{12} │/g)).toHaveLength(2);
    // Every reading's run, when asked.
    const every = await cli('run', file, '--all-assumptions', '--store-every-reading', '--store', store);
    expect(every.out).toMatch(/Stored: the run of every reading/);
    expect((await cli('runs', '--store', store)).out.match(/│ [0-9a-f]{12} │/g)).toHaveLength(2 + Number(stored![2]) + 1);
    expect((await cli('run', file, '--store-every-reading', '--store', store)).code).toBe(EXIT.invalid);
  }, 180_000);

  it('runs / show / diff: runs live in the event log; the wrong-order run differs in exactly every phone', async () => {
    const store = join(process.cwd(), 'runs.db');
    await cli('run', join(scenarios, 'regen-tvs-then-callmanager-11.5.yaml'), '--store', store);
    await cli('run', join(scenarios, 'regen-callmanager-and-tvs-together-11.5.yaml'), '--store', store);
    const listed = await cli('runs', '--store', store);
    const ids = [...listed.out.matchAll(/│ ([0-9a-f]{12}) │/g)].map((m) => m[1]);
    expect(ids).toHaveLength(2);
    const shown = await cli('show', ids[1].slice(0, 6), '--store', store);
    expect(shown.out).toMatch(/hq\/floor1 .* 300 .* 300 /);
    const diff = await cli('diff', ids[0], ids[1], '--store', store);
    expect(diff.out).toMatch(/^500 phones changed, 0 unchanged/);
    expect(diff.out).toMatch(/300 {2}hq\/floor1: trusted .* → locked itl trust-list-update-failed/);
    expect(diff.out).toMatch(/200 {2}hq\/floor2: trusted .* → locked/);
    const same = await cli('diff', ids[0], ids[0], '--store', store);
    expect(same.out).toMatch(/^0 phones changed, 500 unchanged/);
  }, 120_000);

  it('run --fork <run>@<step>: the right order, forked from the wrong-order run before its mistake, leaves every phone trusted', async () => {
    const store = join(process.cwd(), 'fork.db');
    await cli('run', join(scenarios, 'regen-callmanager-and-tvs-together-11.5.yaml'), '--store', store);
    const wrong = /│ ([0-9a-f]{12}) │/.exec((await cli('runs', '--store', store)).out)![1];
    const fork = await cli('run', join(scenarios, 'regen-tvs-then-callmanager-11.5.yaml'), '--fork', `${wrong.slice(0, 5)}@1`, '--store', store);
    expect(fork.code).toBe(EXIT.ok);
    expect(fork.out).toContain(`(fork of run ${wrong} after step 1)`);
    expect(fork.out).toMatch(/hq\/floor1 .* 300 .* 300 /);
    const forkId = /run ([0-9a-f]{12}) \(fork/.exec(fork.out)![1];
    expect((await cli('runs', '--store', store)).out).toMatch(new RegExp(`${forkId} .* ${wrong}@1`));
    const diff = await cli('diff', wrong, forkId, '--store', store);
    expect(diff.out).toMatch(/^500 phones changed, 0 unchanged/);
    const mismatch = await cli('run', join(scenarios, 'regen-tvs-then-callmanager-11.5.yaml'), '--fork', `${wrong}@2`, '--store', store);
    expect(mismatch.code).toBe(EXIT.invalid);
    expect(mismatch.err).toMatch(/step 2 \("waitFor all settled"\) differs from step 2 of run/);
    const malformed = await cli('run', join(scenarios, 'regen-tvs-then-callmanager-11.5.yaml'), '--fork', wrong, '--store', store);
    expect(malformed.err).toMatch(/expected <run>@<step>/);
  }, 120_000);

  it('every read works from the stored run alone: with the scenario file deleted, show, show --at, diff, explain, itl export and cert list', async () => {
    const { copyFileSync, rmSync, existsSync } = await import('node:fs');
    const store = join(process.cwd(), 'reads.db');
    const file = join(process.cwd(), 'wrong-order.yaml');
    copyFileSync(join(scenarios, 'regen-callmanager-and-tvs-together-11.5.yaml'), file);
    const run = await cli('run', file, '--store', store);
    expect(run.code).toBe(EXIT.ok);
    const id = /run ([0-9a-f]{12})/.exec(run.out)![1];
    const { parseScenario } = await import('@trustsim/scenarios');
    const { readFileSync } = await import('node:fs');
    const phone = parseScenario(readFileSync(file, 'utf8'), file).clusters[0].phones[0].names[0];
    rmSync(file);
    expect(existsSync(file)).toBe(false);

    const shown = await cli('show', id, '--store', store);
    expect(shown.code).toBe(EXIT.ok);
    expect(shown.out).toMatch(/hq\/floor1 .* 300 .* 300 /);
    // After step 1 (TVS regenerated) phones are only waiting for a reset; after step 2 (CallManager too) every
    // phone would refuse the new ITL — before any of them has reset.
    const atOne = await cli('show', id, '--at', '1', '--store', store);
    expect(atOne.out).toMatch(/outcomes as they stood after step 1/);
    expect(atOne.out).toMatch(/hq\/floor1 +│ CP-8845 +│ 300 +│ 0 +│ 300 +│ 0 /);
    const atTwo = await cli('show', id, '--at', '2', '--store', store);
    expect(atTwo.out).toMatch(/hq\/floor1 +│ CP-8845 +│ 300 +│ 0 +│ 0 +│ 300 /);
    const installed = await cli('show', id, '--at', '0', '--store', store);
    expect(installed.out).toMatch(/hq\/floor1 +│ CP-8845 +│ 300 +│ 300 +│/);

    const explained = await cli('explain', id, phone, '--store', store);
    expect(explained.out).toMatch(new RegExp(`${phone}: locked`));
    expect(explained.out).toMatch(/TLS handshake failed/);

    const out = join(process.cwd(), 'itl-from-run');
    const exported = await cli('itl', 'export', '--run', id, '--at', '1', '--out', out, '--store', store);
    expect(exported.code).toBe(EXIT.ok);
    const shownItl = await cli('itl', 'show', join(out, 'hq', 'pub', 'ITLFile.tlv'));
    expect(shownItl.out).toMatch(/verified successfully/);

    const listed = await cli('cert', 'list', '--run', id, '--node', 'pub', '--usage', 'identity', '--store', store);
    expect(listed.out).toMatch(/CallManager .*generation 2/);
    const before = await cli('cert', 'list', '--run', id, '--at', '0', '--node', 'pub', '--usage', 'identity', '--store', store);
    expect(before.out).not.toMatch(/generation 2/);

    const diff = await cli('diff', id, id, '--store', store);
    expect(diff.out).toMatch(/^0 phones changed, 500 unchanged/);
  }, 120_000);

  it('[S15CAPF] cert phone: the LSC CAPF issued is a real certificate signed by that CAPF key; a phone without one says so', async () => {
    const { X509Certificate } = await import('node:crypto');
    const { readFileSync } = await import('node:fs');
    const out = join(process.cwd(), 'phone-certs');
    const file = join(scenarios, 'mixed-mode/capf-install-lsc-14.yaml');
    const issued = await cli('cert', 'phone', '--scenario', file, '--phone', 'SEP001D4530390D', '--out', out);
    expect(issued.code).toBe(EXIT.ok);
    const lsc = new X509Certificate(readFileSync(join(out, 'SEP001D4530390D-LSC.pem')));
    const capf = new X509Certificate(readFileSync(join(out, 'SEP001D4530390D-LSC-issuer.pem')));
    expect(lsc.subject).toContain('CN=SEP001D4530390D');
    expect(lsc.verify(capf.publicKey)).toBe(true);
    expect(capf.subject).toMatch(/CN=CAPF-/);
    // Before the CAPF step (after step 1) the phone has no LSC yet.
    const before = await cli('cert', 'phone', '--scenario', file, '--phone', 'SEP001D4530390D', '--at', '1', '--out', out);
    expect(before.out).toContain('SEP001D4530390D has no LSC');
  }, 60_000);

  const HAS_OPENSSL = (() => {
    try {
      require('node:child_process').execFileSync('openssl', ['version']);
      return true;
    } catch {
      return false;
    }
  })();

  it('cert export: writes each identity certificate as <purpose>.pem', async () => {
    const out = join(process.cwd(), 'certs');
    const exported = await cli('cert', 'export', '--scenario', join(scenarios, 'itl-recovery-nonsecure.yaml'), '--node', 'pub', '--out', out);
    expect(exported.out).toMatch(/CallManager\.pem {2}pub/);
    expect(exported.out).toMatch(/ITLRecovery\.pem {2}ITLRECOVERY_pub/);
  }, 60_000);

  (HAS_OPENSSL ? it : it.skip)(`[chapter Table 3] cert export: openssl reads the CallManager certificate with its key usages and SAN${HAS_OPENSSL ? '' : ' (skipped: openssl is not installed)'}`, async () => {
    const { execFileSync } = await import('node:child_process');
    const out = join(process.cwd(), 'certs-openssl');
    await cli('cert', 'export', '--scenario', join(scenarios, 'itl-recovery-nonsecure.yaml'), '--node', 'pub', '--out', out);
    const text = execFileSync('openssl', ['x509', '-in', join(out, 'CallManager.pem'), '-noout', '-text']).toString();
    expect(text).toMatch(/Digital Signature, Key Encipherment, Data Encipherment/);
    expect(text).toMatch(/TLS Web Server Authentication, TLS Web Client Authentication/);
    expect(text).toMatch(/DNS:pub\.hq\.example\.com/);
  }, 60_000);

  it('run --report: writes the JSON, JUnit and HTML reports, with the explanation of a failing phone', async () => {
    const dir = join(process.cwd(), 'out');
    const { code } = await cli('run', join(scenarios, 'regen-callmanager-and-tvs-together-11.5.yaml'), '--store', 'memory:', '--report', 'json', 'junit', 'html', '--report-dir', dir);
    expect(code).toBe(EXIT.ok);
    const { readFileSync } = await import('node:fs');
    const json = JSON.parse(readFileSync(join(dir, 'regen-callmanager-and-tvs-together-11.5.json'), 'utf8'));
    expect(json.format_version).toBe(1);
    expect(JSON.stringify(json)).toMatch(/TLS handshake failed/);
    expect(readFileSync(join(dir, 'regen-callmanager-and-tvs-together-11.5.xml'), 'utf8')).toMatch(/<testcase /);
    expect(readFileSync(join(dir, 'regen-callmanager-and-tvs-together-11.5.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/i);
  }, 60_000);

  it('run: stores events in .trustsim/trustsim.db under the working directory by default', async () => {
    const { code, out } = await cli('run', join(fixtures, 'failing-expectation.yaml'));
    expect(code).toBe(EXIT.expectationFailed);
    expect(out).toMatch(/events stored in \.trustsim\/trustsim\.db/);
  }, 60_000);
});
