/**
 * `trustsim run <folder> --jobs N`, `--shard i/n` and `merge-reports` (issue 17): a library run in
 * parallel gives the summary, exit code, reports and events of the same run one scenario after another,
 * and the shards of a library merge back into the JUnit file of the unsharded run.
 */
import Database from 'better-sqlite3';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { comparePaths } from '@trustsim/application';
import { EXIT, runCli } from './cli';
import { LibraryJobError } from './cli-context';
import { scenarioFiles } from './library';
import { runInJobs } from './library-jobs';
import { libraryExit, LibraryRow } from './library-scenario';
import { itWithXmllint, junitSchemaErrors } from '../../../libs/application/src/reports/test-support/xmllint';

const scenarios = join(__dirname, '../../../scenarios');
const fixtures = join(__dirname, '__fixtures__');
const SCRIPTED_JOB = join(__dirname, 'test-support', 'scripted-library-job.js');

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['node', 'trustsim', ...args], { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The summary without what differs between any two runs: the time column and where reports went. */
function summary(out: string): string {
  return out
    .split('\n')
    .map((line) => (line.includes('│') ? line.split('│').map((c) => c.trim()).slice(1, 5).join(' | ') : line.replace(/^report: [^/]+\//, 'report: ')))
    .join('\n');
}

/** A JUnit file without timings and run ids (random per run, sequential or not). */
function junit(file: string): string {
  return readFileSync(file, 'utf8')
    .replace(/ time="[\d.]+"/g, ' time="T"')
    .replace(/name="run_id" value="[0-9a-f]+"/g, 'name="run_id" value="R"')
    .replace(/\(seed (\d+), run [0-9a-f]+\)/g, '(seed $1, run R)');
}

/** A JSON report without its run id and wall-clock figures. */
function jsonReport(file: string): unknown {
  const report = JSON.parse(readFileSync(file, 'utf8')) as { run: { id?: string }; figures: { wall_ms?: number; store_ms?: number } };
  delete report.run.id;
  delete report.figures.wall_ms;
  delete report.figures.store_ms;
  return report;
}

/** Each stored run's events, keyed by scenario file, with the run id taken out: what must be byte for byte the same. */
function eventsByScenario(store: string): Map<string, string[]> {
  const db = new Database(store, { readonly: true });
  try {
    const rows = db.prepare('SELECT s.name AS stream, e.revision, e.type, e.data, e.metadata FROM events e JOIN streams s ON s.id = e.stream ORDER BY e.position').all() as { stream: string; revision: number; type: string; data: string; metadata: string }[];
    const byRun = new Map<string, string[]>();
    const fileOf = new Map<string, string>();
    for (const row of rows) {
      const run = /-([0-9a-f]{12})(?:\.|$)/.exec(row.stream)![1];
      if (row.type === 'RunStarted') fileOf.set(run, (JSON.parse(row.data) as { file: string }).file);
      const line = [row.stream, row.revision, row.type, row.data, row.metadata].join(' ').split(run).join('<run>');
      byRun.set(run, [...(byRun.get(run) ?? []), line]);
    }
    return new Map([...byRun].map(([run, lines]) => [fileOf.get(run)!, lines]));
  } finally {
    db.close();
  }
}

describe('a scenario library in parallel (--jobs) and across machines (--shard, merge-reports)', () => {
  const cwd = process.cwd();
  const dir = mkdtempSync(join(tmpdir(), 'trustsim-jobs-'));
  // A small library: quick scenarios, one in a sub-folder with warnings, one failing, one invalid.
  const library = 'lib';
  beforeAll(() => {
    process.chdir(dir);
    mkdirSync(join(library, 'migration'), { recursive: true });
    for (const f of ['hostname-change-single-node-12.5.yaml', 'regen-tvs-then-callmanager-11.5.yaml', 'mixed-mode-ctl-export-12.5.yaml', 'migration/emcc-after-tftp-regeneration-11.5.yaml']) {
      copyFileSync(join(scenarios, f), join(library, f));
    }
    copyFileSync(join(fixtures, 'failing-expectation.yaml'), join(library, 'failing-expectation.yaml'));
    copyFileSync(join(fixtures, 'typo.yaml'), join(library, 'typo.yaml'));
  });
  afterAll(() => {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  });

  let sequential: Awaited<ReturnType<typeof cli>>;
  let parallel: Awaited<ReturnType<typeof cli>>;
  beforeAll(async () => {
    sequential = await cli('run', library, '--jobs', '1', '--store', 'one.db', '--report', 'json', 'junit', '--report-dir', 'one');
    parallel = await cli('run', library, '--jobs', '2', '--store', 'two.db', '--report', 'json', 'junit', '--report-dir', 'two');
  }, 240_000);

  it('--jobs 2 prints the summary of --jobs 1: same rows, same order, same exit code', () => {
    expect(sequential.code).toBe(EXIT.invalid);
    expect(sequential.out).toMatch(/4 of 6 scenarios pass\nlib\/typo\.yaml:\nlib\/typo\.yaml:10:\d+: steps\[0\]\.resetPhones\.batchsize/);
    expect(sequential.out).toMatch(/lib\/migration\/emcc-after-tftp-regeneration-11\.5\.yaml +│ \d+ +│ 8\/8 +│ PASS \(4 warnings\)/);
    expect(parallel.code).toBe(sequential.code);
    expect(summary(parallel.out)).toBe(summary(sequential.out));
    expect(parallel.err).toBe(sequential.err);
  });

  it('writes the same reports: the library JUnit file and one JSON report per scenario', () => {
    expect(readdirSync('two').sort()).toEqual(readdirSync('one').sort());
    expect(readdirSync('one')).toHaveLength(6);
    expect(junit('two/lib.xml')).toBe(junit('one/lib.xml'));
    for (const f of readdirSync('one').filter((f) => f.endsWith('.json'))) expect(jsonReport(join('two', f))).toEqual(jsonReport(join('one', f)));
  });

  it('stores the same events for every run, byte for byte but the run id, in a SQLite file the jobs share', () => {
    const one = eventsByScenario('one.db');
    const two = eventsByScenario('two.db');
    expect([...one.keys()].sort()).toEqual(scenarioFiles(library).filter((f) => !f.endsWith('typo.yaml')));
    for (const [file, events] of one) {
      expect(events.length).toBeGreaterThan(10);
      expect(two.get(file)).toEqual(events);
    }
  });

  itWithXmllint('shards merged with merge-reports give the unsharded JUnit file, which passes the schema', async () => {
    const one = await cli('run', library, '--shard', '1/2', '--jobs', '2', '--store', 'memory:', '--report', 'junit', '--report-dir', 'shard1');
    const two = await cli('run', library, '--shard', '2/2', '--jobs', '1', '--store', 'memory:', '--report', 'junit', '--report-dir', 'shard2');
    expect(one.out).toContain('shard 1 of 2: 3 of 6 scenarios');
    expect(two.out).toContain('shard 2 of 2: 3 of 6 scenarios');
    // Round-robin over the sorted paths.
    const files = scenarioFiles(library);
    for (const [k, file] of files.entries()) expect((k % 2 ? two : one).out).toContain(file);
    expect(one.code).toBe(EXIT.expectationFailed); // failing-expectation.yaml
    expect(two.code).toBe(EXIT.invalid); // typo.yaml

    const merged = await cli('merge-reports', 'shard2/lib-shard-2-of-2.xml', 'shard1/lib-shard-1-of-2.xml', '--out', 'merged/lib.xml');
    expect(merged.code).toBe(EXIT.ok);
    const tests = /<testsuites [^>]*tests="(\d+)"/.exec(readFileSync('one/lib.xml', 'utf8'))![1];
    expect(merged.out).toBe(`merged 6 scenarios from 2 files: ${tests} tests, 1 failures, 1 errors into merged/lib.xml`);
    expect(junit('merged/lib.xml')).toBe(junit('one/lib.xml'));
    expect(junitSchemaErrors(readFileSync('merged/lib.xml', 'utf8'))).toBe('');

    const printed = await cli('merge-reports', 'shard1/lib-shard-1-of-2.xml', 'shard2/lib-shard-2-of-2.xml');
    expect(`${printed.out}\n`).toBe(readFileSync('merged/lib.xml', 'utf8'));
    expect(printed.err).toBe(`merged 6 scenarios from 2 files: ${tests} tests, 1 failures, 1 errors`);
  }, 120_000);

  it('merge-reports puts suites in the order the folder walk runs the files', () => {
    const tree = mkdtempSync(join(tmpdir(), 'trustsim-order-'));
    try {
      for (const f of ['b.yaml', 'a/x.yaml', 'a.yaml', 'a-b.yaml', 'A.yaml', 'a/b/c.yaml', 'a/a.yaml', 'ab/y.yaml', 'é.yaml', 'a b.yaml']) {
        mkdirSync(join(tree, f, '..'), { recursive: true });
        writeFileSync(join(tree, f), '');
      }
      const walked = scenarioFiles(tree).map((p) => relative(tree, p));
      expect(walked).toHaveLength(10);
      expect([...walked].reverse().sort(comparePaths)).toEqual(walked);
    } finally {
      rmSync(tree, { recursive: true, force: true });
    }
  });

  it('a store the jobs cannot open fails the run as it does in one process (exit 2, the same message)', async () => {
    writeFileSync('not-a-folder', '');
    const one = await cli('run', library, '--jobs', '1', '--store', 'not-a-folder/x.db');
    const two = await cli('run', library, '--jobs', '2', '--store', 'not-a-folder/x.db');
    expect(one.code).toBe(EXIT.invalid);
    expect(one.err).toMatch(/^trustsim: cannot open the SQLite event store at .*not-a-folder\/x\.db/);
    expect(two.code).toBe(EXIT.invalid);
    // The same words; in this test's process Node's error crosses jest's sandbox and is printed with its class name.
    expect(two.err).toBe(one.err.replace(': Error: EEXIST', ': EEXIST'));
  }, 60_000);

  describe('bad input is a usage error (exit 2) that says what is expected', () => {
    it.each([
      [['--shard', '0/2'], /^trustsim: --shard 0\/2: expected i\/n with 1 ≤ i ≤ n, e\.g\. --shard 2\/4/],
      [['--shard', '3/2'], /^trustsim: --shard 3\/2: expected i\/n/],
      [['--shard', 'two'], /^trustsim: --shard two: expected i\/n/],
      [['--jobs', '0'], /^trustsim: --jobs 0: expected how many scenarios run at once, a whole number ≥ 1/],
      [['--jobs', 'many'], /^trustsim: --jobs many: expected/],
    ])('run <folder> %p', async (args, message) => {
      const { code, err, out } = await cli('run', library, ...args, '--store', 'memory:');
      expect(code).toBe(EXIT.invalid);
      expect(err).toMatch(message);
      expect(out).toBe('');
    });

    it('--shard on a file', async () => {
      const { code, err } = await cli('run', join(library, 'typo.yaml'), '--shard', '1/2');
      expect(code).toBe(EXIT.invalid);
      expect(err).toBe('trustsim: --shard splits the scenarios of a folder; lib/typo.yaml is a file');
    });

    it('merge-reports of a file that is missing or not trustsim JUnit names the file', async () => {
      writeFileSync('other.xml', '<testsuite name="x" tests="0"/>');
      const missing = await cli('merge-reports', 'one/lib.xml', 'nowhere.xml');
      expect(missing.code).toBe(EXIT.invalid);
      expect(missing.err).toMatch(/^trustsim: nowhere\.xml: cannot read it \(ENOENT/);
      const foreign = await cli('merge-reports', 'one/lib.xml', 'other.xml', '--out', 'never.xml');
      expect(foreign.code).toBe(EXIT.invalid);
      expect(foreign.err).toMatch(/^trustsim: other\.xml: its root element is <testsuite>, not <testsuites>/);
      expect(readdirSync('.')).not.toContain('never.xml');
      const twice = await cli('merge-reports', 'one/lib.xml', 'two/lib.xml');
      expect(twice.code).toBe(EXIT.invalid);
      expect(twice.err).toMatch(/^trustsim: two\/lib\.xml:\d+: lib\/failing-expectation\.yaml is also in one\/lib\.xml:\d+/);
    });
  });
});

describe('the parent side of --jobs, with jobs scripted to fail', () => {
  const options = { assumptions: {}, report: [], reportDir: 'reports' };

  it('a job that dies costs the file it was running (an error row); the other files all run, in order', async () => {
    const files = ['a.yaml', 'b-die-7.yaml', 'c.yaml', 'd.yaml', 'e-die-3.yaml', 'f.yaml', 'g.yaml'];
    const told: string[] = [];
    const rows: LibraryRow[] = await runInJobs(files, 2, undefined, options, (row) => told.push(row.file), SCRIPTED_JOB);
    expect(rows.map((r) => r.file)).toEqual(files);
    expect(told).toEqual(files);
    expect(rows[1].error).toBe('the job running this scenario exited with code 7; it printed:\ndying on b-die-7.yaml');
    expect(rows[4].error).toMatch(/^the job running this scenario exited with code 3/);
    expect(rows.filter((r) => r.summary?.passed)).toHaveLength(5);
    expect(libraryExit(rows, false)).toBe(EXIT.invalid);
  }, 30_000);

  it('a new job takes over from one that died', async () => {
    // One job at a time, so which process runs which file is certain: a new one after each death.
    const files = ['a.yaml', 'b-die-7.yaml', 'c.yaml', 'd.yaml', 'e-die-3.yaml', 'f.yaml'];
    const rows = await runInJobs(files, 1, undefined, options, undefined, SCRIPTED_JOB);
    const pid = (i: number) => rows[i].written[0];
    expect([rows[1].error, rows[4].error].map((e) => /code (\d)/.exec(e!)![1])).toEqual(['7', '3']);
    expect(pid(2)).toBe(pid(3));
    expect(new Set([pid(0), pid(2), pid(5)]).size).toBe(3);
  }, 30_000);

  it('a job that cannot open its store ends the run with its reason', async () => {
    await expect(runInJobs(['a.yaml', 'b.yaml'], 2, 'refuse:cannot open the store x.db', options, undefined, SCRIPTED_JOB)).rejects.toEqual(new LibraryJobError('cannot open the store x.db'));
  }, 30_000);

  it('a job that exits before it is ready ends the run, saying so', async () => {
    await expect(runInJobs(['a.yaml', 'b.yaml'], 2, 'silent', options, undefined, SCRIPTED_JOB)).rejects.toThrow('a parallel job exited with code 9 before it could run anything');
  }, 30_000);

  it('--strict makes a warning fail the library, in either path', () => {
    const row = (passed: boolean, warnings: number): LibraryRow => ({ file: 'x', summary: { phones: 1, expectations: 1, failedExpectations: passed ? 0 : 1, passed, warnings, wallMs: 1 }, written: [] });
    expect(libraryExit([row(true, 0), row(true, 2)], false)).toBe(EXIT.ok);
    expect(libraryExit([row(true, 0), row(true, 2)], true)).toBe(EXIT.expectationFailed);
    expect(libraryExit([row(true, 0), row(false, 0)], false)).toBe(EXIT.expectationFailed);
    expect(libraryExit([], false)).toBe(EXIT.ok);
  });
});
