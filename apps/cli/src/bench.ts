import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { RunResult, RunScenarioCommand, simulatorValidationContext, TrustsimModule } from '@trustsim/application';
import { SqliteEventStore } from '@trustsim/event-store';
import { measureAppendRate } from './store-append-rate';
import { parseScenario, validateScenario, ScenarioError } from '@trustsim/scenarios';
import { KeyPool } from '@trustsim/pki';
import { pkiFigures } from './bench-pki';
import { whatIfFigures } from './bench-what-if';

export interface BenchOptions {
  phones: number;
  scenario: string;
  cwd: string;
  /** Also run the scenario under every reading of the assumptions (bench-what-if.ts). */
  whatIf?: boolean;
}

/**
 * `npm run bench`: the ITLRecovery rehearsal scaled to a full cluster (40,000 phones, CUCM's maximum)
 * on the embedded SQLite store, then the raw SQLite batch-append rate in the same process, so the
 * share of the run spent in the store is visible.
 */
export async function bench(options: BenchOptions, out: (s: string) => void): Promise<void> {
  const file = resolve(options.cwd, options.scenario);
  const doc = parseDocument(readFileSync(file, 'utf8'));
  // The first cluster with phones grows to the asked size through its first group (the others keep theirs).
  type Groups = { items: { get(k: string): unknown; set(k: string, v: unknown): void }[] };
  const clusters = (doc.get('clusters') as { items: { key: { value: string } }[] }).items.map((i) => String(i.key.value));
  const withPhones = clusters.map((c) => doc.getIn(['clusters', c, 'phones']) as Groups | undefined).filter((g): g is Groups => !!g && g.items.length > 0);
  if (withPhones.length === 0) throw new RangeError(`${options.scenario} has no phone group to scale`);
  const all = withPhones.flatMap((g) => g.items);
  const others = all.slice(1).reduce((n, g) => n + Number(g.get('count') ?? 0), 0);
  all[0].set('count', options.phones - others);
  const scenario = parseScenario(doc.toString(), file);
  const issues = validateScenario(scenario, simulatorValidationContext({ beyondCucmLimits: true }));
  if (issues.length) throw new ScenarioError(issues);

  const dir = mkdtempSync(join(tmpdir(), 'trustsim-bench-'));
  try {
    // The real composition root, on a SQLite file of its own; keys come from the usual cache.
    const app = await NestFactory.createApplicationContext(TrustsimModule.forRoot({ store: join(dir, 'bench.db'), cwd: options.cwd }), { logger: false, abortOnError: false });
    let result: RunResult;
    const t0 = process.hrtime.bigint();
    try {
      result = await app.get(CommandBus).execute(new RunScenarioCommand(file, {}, scenario));
    } finally {
      await app.close();
    }
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const rssAfterRun = process.memoryUsage().rss;

    const rawStore = new SqliteEventStore(join(dir, 'raw.db'));
    const raw = await measureAppendRate(rawStore, 160_000, 40_000);
    await rawStore.close();

    const lines = [
      `trustsim bench: ${scenario.name} with ${result.outcomes.length} phones on SQLite (${process.version}, ${process.arch})`,
      `  expectations        ${result.expectations.filter((e) => e.passed).length}/${result.expectations.length} hold`,
      `  wall time           ${seconds.toFixed(2)} s (store appends ${(result.figures.storeMs / 1000).toFixed(2)} s)`,
      `  phone resets        ${result.figures.phoneBoots} → ${Math.round(result.figures.phoneBoots / seconds)} resets/s`,
      `  events              ${result.events} → ${Math.round(result.events / seconds)} events/s`,
      `  distinct decisions  ${result.figures.decisions} (trust lists verified: ${result.figures.trustListVerifications})`,
      `  peak RSS            ${Math.round(Math.max(rssAfterRun, process.resourceUsage().maxRSS * 1024) / 1048576)} MiB`,
      `  raw SQLite appends  ${Math.round(raw.perSecond)} events/s (${raw.events} events over 40000 streams in one batch)`,
      `  simulation / raw    ${((result.events / seconds) / raw.perSecond).toFixed(2)}`,
    ];
    if (options.whatIf) lines.push('', ...(await whatIfFigures({ file, scenario, cwd: options.cwd, dir, singleSeconds: seconds })));
    lines.push('', 'certificates and trust files (one core)', ...pkiFigures(new KeyPool({ seed: scenario.seed, cacheDir: join(options.cwd, '.trustsim', 'keys') })));
    lines.forEach((l) => out(l));
    if (!result.passed) throw new Error('the benchmark scenario did not pass its expectations');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
