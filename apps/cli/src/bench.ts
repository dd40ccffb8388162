import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { QueryBus } from '@nestjs/cqrs';
import { RunStateQuery, simulatorValidationContext, TrustsimModule } from '@trustsim/application';
import { SqliteEventStore } from '@trustsim/event-store';
import { KeyPool } from '@trustsim/pki';
import { parseScenario, ScenarioError, validateScenario } from '@trustsim/scenarios';
import { pkiFigures } from './bench-pki';
import { scaledScenario, spreadOverClusters } from './bench-scenarios';
import { whatIfFigures } from './bench-what-if';
import { measureAppendRate } from './store-append-rate';

export interface BenchOptions {
  phones: number;
  scenario: string;
  cwd: string;
  /** Phones of the large run across clusters (0: skip it). */
  largePhones: number;
  /** Also run the full-cluster scenario under every reading of the assumptions (bench-what-if.ts). */
  whatIf?: boolean;
}

/** What the benchmark reads of a `trustsim run` it timed as its own process. */
interface TimedRun {
  seconds: number;
  peakRssMiB: number;
  runId: string;
  passed: boolean;
  expectations: string;
  events: number;
  phones: number;
  boots: number;
  storeSeconds: number;
}

const TARGETS = {
  wallSeconds: 5,
  peakRssMiB: 1024,
  engineShareOfRaw: 0.8,
  foldEventsPerSecond: 250_000,
  stateAtStepMs: 300,
  largeSeconds: 30,
  largeRssMiB: 1536,
  /** Every reading of the assumptions, in single runs' time. */
  whatIfRatio: 3,
};

/**
 * `npm run bench`: the ITLRecovery rehearsal scaled to a full cluster (40,000 phones, CUCM's maximum) run
 * as `trustsim run` in a process of its own on a SQLite file (wall time and peak RSS of the whole command);
 * the raw SQLite batch-append rate measured in the same sitting beside it; reading that run back (the fold
 * `show` does, `show` itself, the state after a step as the studio asks for it); the same rehearsal on
 * 200,000 phones across five clusters; certificates and trust files per second. Each figure is printed
 * with its target.
 */
export async function bench(options: BenchOptions, line: (s: string) => void): Promise<void> {
  const out = (...lines: string[]) => lines.forEach((l) => line(l));
  const dir = mkdtempSync(join(tmpdir(), 'trustsim-bench-'));
  const failures: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) failures.push(what);
    return ok ? 'meets' : 'MISSES';
  };
  try {
    const template = resolve(options.cwd, options.scenario);
    const file = join(dir, 'full-cluster.yaml');
    writeFileSync(file, scaledScenario(readFileSync(template, 'utf8'), options.phones));
    checkValid(file);

    out(`trustsim bench (${process.version}, ${process.arch}, ${availableParallelism()} cores, load average ${loadavg()[0].toFixed(2)} at the start)`);
    const db = join(dir, 'bench.db');
    const run = timedRun(file, db, dir, options.cwd);
    const fold = foldRate(db, run.runId, options.cwd);
    const raw = await rawAppendRate(join(dir, 'raw.db'));
    const engineRate = run.events / run.seconds;
    out('', `rehearsal: ${options.scenario} with ${run.phones} phones, SQLite, as \`trustsim run\` in its own process`);
    out(`  expectations         ${run.expectations} hold`);
    out(`  wall time            ${run.seconds.toFixed(2)} s, whole process (target ≤ ${TARGETS.wallSeconds} s: ${check(run.seconds <= TARGETS.wallSeconds, 'wall time')})`);
    out(`  peak RSS             ${run.peakRssMiB} MiB (target ≤ ${TARGETS.peakRssMiB} MiB: ${check(run.peakRssMiB <= TARGETS.peakRssMiB, 'peak RSS')})`);
    out(`  phone resets         ${run.boots} → ${Math.round(run.boots / run.seconds)} resets/s`);
    out(`  events               ${run.events} → ${Math.round(engineRate)} events/s`);
    out(`  waiting for store    ${run.storeSeconds.toFixed(2)} s (the rest of the writing overlaps the engine on the writer thread)`);
    out(`  raw SQLite appends   ${Math.round(raw)} events/s (one batch of 160,000 events over 40,000 streams, same sitting)`);
    const share = engineRate / raw;
    out(`  engine / raw         ${share.toFixed(2)} (target ≥ ${TARGETS.engineShareOfRaw}: ${check(share >= TARGETS.engineShareOfRaw, 'engine / raw')})`);

    out('', 'reading the stored run back');
    out(`  fold (show's)        ${fold.events} events in ${fold.seconds.toFixed(2)} s → ${Math.round(fold.events / fold.seconds)} events/s (target ≥ ${TARGETS.foldEventsPerSecond}: ${check(fold.events / fold.seconds >= TARGETS.foldEventsPerSecond, 'fold rate')})`);
    out(`                       median of ${fold.all.length} folds, each a process of its own: ${fold.all.map((s) => s.toFixed(2)).join(', ')} s`);
    const show = timedCommand(['show', run.runId, '--store', db], dir, options.cwd);
    out(`  \`trustsim show\`      ${show.seconds.toFixed(2)} s, whole process, peak RSS ${show.peakRssMiB} MiB`);
    const state = await stateAtStep(db, options.cwd, run.runId);
    out(`  state after a step   first ask ${state.firstMs} ms (reads the frames the run recorded), then ${state.laterMs} ms per step (target ≤ ${TARGETS.stateAtStepMs} ms: ${check(state.firstMs <= TARGETS.stateAtStepMs, 'state after a step')})`);

    if (options.whatIf) {
      const scenario = parseScenario(readFileSync(file, 'utf8'), file);
      out('', ...(await whatIfFigures({ file, scenario, cwd: options.cwd, dir, singleSeconds: run.seconds, target: TARGETS.whatIfRatio }, check)));
    }

    if (options.largePhones > 0) {
      const large = join(dir, 'across-clusters.yaml');
      writeFileSync(large, spreadOverClusters(readFileSync(template, 'utf8'), options.largePhones, 5));
      checkValid(large);
      const big = timedRun(large, join(dir, 'large.db'), dir, options.cwd);
      out('', `${big.phones} phones across 5 clusters (--beyond-cucm-limits)`);
      out(`  expectations         ${big.expectations} hold`);
      out(`  wall time            ${big.seconds.toFixed(2)} s (target ≤ ${TARGETS.largeSeconds} s: ${check(big.seconds <= TARGETS.largeSeconds, 'large wall time')})`);
      out(`  peak RSS             ${big.peakRssMiB} MiB (target ≤ ${TARGETS.largeRssMiB} MiB: ${check(big.peakRssMiB <= TARGETS.largeRssMiB, 'large peak RSS')})`);
      out(`  events               ${big.events} → ${Math.round(big.events / big.seconds)} events/s`);
    }

    out('', 'certificates and trust files (one core)', ...pkiFigures(new KeyPool({ seed: 7, cacheDir: join(options.cwd, '.trustsim', 'keys') })));
    if (!run.passed) throw new Error('the benchmark scenario did not pass its expectations');
    out('', failures.length ? `${failures.length} figure(s) miss their target: ${failures.join(', ')}` : 'every figure meets its target');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function checkValid(file: string): void {
  const scenario = parseScenario(readFileSync(file, 'utf8'), file);
  const issues = validateScenario(scenario, simulatorValidationContext({ beyondCucmLimits: true }));
  if (issues.length) throw new ScenarioError(issues);
}

/** `trustsim run` of a file in a process of its own, timed from outside, with its JSON report read back. */
function timedRun(file: string, db: string, dir: string, cwd: string): TimedRun {
  const reports = mkdtempSync(join(dir, 'reports-'));
  const timed = timedCommand(['run', file, '--store', db, '--beyond-cucm-limits', '--report', 'json', '--report-dir', reports], dir, cwd);
  const name = readdirSync(reports).find((f) => f.endsWith('.json'));
  if (!name) throw new Error(`trustsim run ${file} wrote no report (exit ${timed.status}): ${timed.stderr}`);
  const report = JSON.parse(readFileSync(join(reports, name), 'utf8')) as {
    run: { id: string };
    passed: boolean;
    summary: { phones: number; expectations: number; expectations_failed: number };
    figures: { events: number; phone_boots: number; store_ms: number };
  };
  return {
    seconds: timed.seconds,
    peakRssMiB: timed.peakRssMiB,
    runId: report.run.id,
    passed: report.passed,
    expectations: `${report.summary.expectations - report.summary.expectations_failed}/${report.summary.expectations}`,
    events: report.figures.events,
    phones: report.summary.phones,
    boots: report.figures.phone_boots,
    storeSeconds: report.figures.store_ms / 1000,
  };
}

/** A trustsim command in a process of its own: wall time from outside, peak RSS from inside (bench-usage.ts). */
function timedCommand(args: string[], dir: string, cwd: string): { seconds: number; peakRssMiB: number; status: number | null; stderr: string } {
  const usage = join(dir, `usage-${args[0]}-${Date.now()}.json`);
  const bin = resolve(__dirname, '..', '..', '..', '..', 'bin', 'trustsim.js');
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['--require', join(__dirname, 'bench-usage.js'), bin, ...args], {
    cwd,
    env: { ...process.env, TRUSTSIM_BENCH_USAGE: usage, CI: '1' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const peak = (JSON.parse(readFileSync(usage, 'utf8')) as { maxRSS: number }).maxRSS;
  return { seconds, peakRssMiB: Math.round(peak / 1024), status: child.status, stderr: child.stderr };
}

/** The raw rate: one batch straight into a new SQLite file on this thread, no engine, no writer thread. */
async function rawAppendRate(file: string): Promise<number> {
  const store = new SqliteEventStore(file);
  try {
    return (await measureAppendRate(store, 160_000, 40_000)).perSecond;
  } finally {
    await store.close();
  }
}

/**
 * The fold `show` makes of a stored run, FOLDS_MEASURED times, each in a process of its own (bench-fold.ts):
 * the median and every time. One fold alone, on a machine shared with other work, was now and then a third
 * slower than the others of the same sitting.
 */
function foldRate(db: string, runId: string, cwd: string): { events: number; seconds: number; all: number[] } {
  const folds = Array.from({ length: FOLDS_MEASURED }, () => {
    const child = spawnSync(process.execPath, [join(__dirname, 'bench-fold.js'), db, runId], { cwd, encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`the benchmark's fold of run ${runId} failed: ${child.stderr.trim()}`);
    return JSON.parse(child.stdout) as { events: number; seconds: number };
  });
  const all = folds.map((f) => f.seconds);
  return { events: folds[0].events, seconds: [...all].sort((a, b) => a - b)[Math.floor(all.length / 2)], all };
}

const FOLDS_MEASURED = 3;

/** The studio's question, through the QueryBus of a fresh application: every phone's status after step 4, then after step 2. */
async function stateAtStep(db: string, cwd: string, runId: string): Promise<{ firstMs: number; laterMs: number }> {
  const app = await NestFactory.createApplicationContext(TrustsimModule.forRoot({ store: db, cwd }), { logger: false, abortOnError: false });
  try {
    const queries = app.get(QueryBus);
    const time = async (at: number) => {
      const start = process.hrtime.bigint();
      await queries.execute(new RunStateQuery(runId, at));
      return Math.round(Number(process.hrtime.bigint() - start) / 1e6);
    };
    const firstMs = await time(4);
    const laterMs = await time(2);
    return { firstMs, laterMs };
  } finally {
    await app.close();
  }
}
