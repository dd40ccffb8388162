import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Command, Option } from 'commander';
import { ofType } from '@nestjs/cqrs';
import { AllAssumptionsResult, RehearsalStepStored, RunAllAssumptionsCommand, RunResult, RunScenarioCommand, unexpectedRefusals } from '@trustsim/application';
import { formatIssueReport, ScenarioError } from '@trustsim/scenarios';
import { BEYOND_CUCM_LIMITS, CliContext, CliUsageError, EXIT, parseAssumptions, storeLabel } from '../cli-context';
import { allAssumptionsReport, formatDuration, libraryAssumptionsReport, libraryTable, runReport } from '../format';
import { ASSUMPTIONS, TIMING_RULES } from '@trustsim/domain';
import { scenarioFiles } from '../library';
import { runInJobs } from '../library-jobs';
import { junitRuns, libraryExit, LibraryRow, LibraryRunOptions, runLibraryScenario } from '../library-scenario';
import { parseShard, Shard, shardFiles, shardLabel } from '../library-shard';
import { ReportFormat, writeLibraryJUnit, writeRunReports } from '../reports';

interface RunOptions {
  store?: string;
  seed?: number;
  assume?: string[];
  allAssumptions?: boolean;
  storeEveryReading?: boolean;
  report?: ReportFormat[];
  reportDir: string;
  fork?: string;
  beyondCucmLimits?: boolean;
  strict?: boolean;
  jobs?: string;
  shard?: string;
}

/** The exit code of a run: its expectations, and with `--strict` its warnings (refusals no expectation covers). */
function verdict(result: RunResult, strict: boolean | undefined): number {
  if (!result.passed) return EXIT.expectationFailed;
  return strict && unexpectedRefusals(result.refusals).length ? EXIT.expectationFailed : EXIT.ok;
}

/** `--fork 3f2a9c@2`: a run id (or a unique prefix) and a step number. */
function parseFork(text: string): { run: string; afterStep: number } {
  const m = /^([^@\s]+)@(\d+)$/.exec(text.trim());
  if (!m) throw new CliUsageError(`--fork ${text}: expected <run>@<step>, e.g. --fork 3f2a9c@2 (see \`trustsim runs\`)`);
  return { run: m[1], afterStep: Number(m[2]) };
}

/** `--jobs N`: a whole number of processes, at least 1. */
function parseJobs(text: string | undefined): number {
  if (text === undefined) return availableParallelism();
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || n < 1) throw new CliUsageError(`--jobs ${text}: expected how many scenarios run at once, a whole number ≥ 1 (1 runs them one after another in this process)`);
  return n;
}

/** `trustsim run <file|folder>`: a rehearsal, the whole library, every reading of the assumptions, or a fork. */
export function registerRun(program: Command, ctx: CliContext): void {
  program
    .command('run')
    .description('run a scenario file, or every scenario of a folder: timeline and outcome per phone group; exit 0 only if every expectation holds')
    .argument('<path>', 'scenario file (YAML; the language: docs/scenario-language.md) or a folder of them')
    .option('--store <url>', 'event store: a SQLite file path (default .trustsim/trustsim.db), sqlite:<path>, memory:, or kurrentdb://host:2113?tls=false (EventStoreDB/KurrentDB)')
    .option('--seed <n>', 'override the scenario seed', (v) => Number.parseInt(v, 10))
    .addOption(new Option('--assume <name=value...>', 'set an assumption (docs/scenario-language.md, "Assumptions")'))
    .option('--all-assumptions', 'run under every combination of assumptions and list the outcomes that depend on one; the run under the defaults is stored, the other readings are made for their outcome only (each can be stored with its --assume values, which the report prints)')
    .option('--store-every-reading', 'with --all-assumptions: store the run of every reading, not only the defaults\' (slower: each is a full event log)')
    .addOption(new Option('--report <format...>', 'also write reports: json (versioned), junit (a test case per expectation), html (one self-contained file)').choices(['json', 'junit', 'html']))
    .option('--report-dir <dir>', 'where reports go', 'reports')
    .option(...BEYOND_CUCM_LIMITS)
    .option('--strict', 'also exit 1 on warnings: something CUCM refused (an upload, a regeneration...) that no expectation covers (for CI)')
    .option('--jobs <n>', `a folder: how many scenarios run at once, each job a process of its own (default: the number of cores, here ${availableParallelism()}; 1 runs them one after another in this process; with --store memory: each job keeps its own memory store). A file with --all-assumptions: how many readings run at once, this thread and worker threads (default: the number of cores; one at a time with --store-every-reading on SQLite)`)
    .option('--shard <i/n>', 'a folder: run only the i-th of n parts (1-based), dealt round-robin from the sorted file paths, so n CI machines split a library; the JUnit report is then <folder>-shard-<i>-of-<n>.xml (join them with `trustsim merge-reports`)')
    .option('--fork <run@step>', 'start from the state a stored run had after that step (1-based; 0 = installed), without replaying the steps before; the file must begin with the same steps')
    .action((path: string, opts: RunOptions) =>
      ctx.action(async () => {
        const assumptions = parseAssumptions(opts.assume);
        const fork = opts.fork === undefined ? undefined : parseFork(opts.fork);
        const folder = statSync(path).isDirectory();
        if (fork && (opts.allAssumptions || folder)) throw new CliUsageError('--fork runs one scenario file, not a folder or --all-assumptions');
        const shard = opts.shard === undefined ? undefined : parseShard(opts.shard);
        const jobs = parseJobs(opts.jobs);
        if (shard && !folder) throw new CliUsageError(`--shard splits the scenarios of a folder; ${path} is a file`);
        if (folder && opts.allAssumptions) return runLibraryUnderEveryReading(ctx, path, opts, shard);
        if (folder) return runLibrary(ctx, path, opts, assumptions, jobs, shard);
        if (opts.storeEveryReading && !opts.allAssumptions) throw new CliUsageError('--store-every-reading goes with --all-assumptions');
        if (opts.allAssumptions) {
          const options = { beyondCucmLimits: opts.beyondCucmLimits, storeEveryReading: opts.storeEveryReading, concurrency: opts.jobs === undefined ? undefined : jobs };
          const result: AllAssumptionsResult = await ctx.withApp(opts.store, ({ commands }) =>
            commands.execute(new RunAllAssumptionsCommand(path, options, progressShown() ? (v, i, n) => process.stderr.write(`  run ${i + 1}/${n} ${v.passed ? 'passes' : 'fails'}\n`) : undefined)),
          );
          ctx.io.out(allAssumptionsReport(result, path));
          return result.safeUnderEveryReading ? EXIT.ok : EXIT.expectationFailed;
        }
        const result: RunResult = await ctx.withApp(opts.store, async (buses) => {
          // Progress comes from the EventBus: one integration event per stored step.
          const progress = progressShown()
            ? buses.events.pipe(ofType(RehearsalStepStored)).subscribe((e) => process.stderr.write(`  ${formatDuration(e.entry.at)} ${e.entry.text}\n`))
            : undefined;
          try {
            const run: RunResult = await buses.commands.execute(new RunScenarioCommand(path, { seed: opts.seed, assumptions, fork, beyondCucmLimits: opts.beyondCucmLimits }));
            for (const written of await writeRunReports(buses.queries, run, opts.report ?? [], opts.reportDir)) ctx.io.err(`report: ${written}`);
            return run;
          } finally {
            progress?.unsubscribe();
          }
        });
        ctx.io.out(runReport(result, storeLabel(opts.store)));
        return verdict(result, opts.strict);
      }),
    );
}

/** Progress lines on a terminal, not in CI logs or pipes. */
function progressShown(): boolean {
  return process.stderr.isTTY === true && !process.env.CI;
}

/** `trustsim run <folder> --all-assumptions`: every scenario under every reading, and which outcomes depend on which assumption. */
async function runLibraryUnderEveryReading(ctx: CliContext, path: string, opts: RunOptions, shard: Shard | undefined): Promise<number> {
  const rows: { file: string; result?: AllAssumptionsResult; error?: string }[] = [];
  await ctx.withApp(opts.store, async ({ commands }) => {
    for (const file of libraryFiles(path, shard)) {
      try {
        if (progressShown()) process.stderr.write(`  ${file}\n`);
        rows.push({ file, result: await commands.execute(new RunAllAssumptionsCommand(file, { beyondCucmLimits: opts.beyondCucmLimits, storeEveryReading: opts.storeEveryReading })) });
      } catch (error) {
        rows.push({ file, error: error instanceof ScenarioError ? formatIssueReport(error.issues) : (error as Error).message });
      }
    }
  });
  ctx.io.out(libraryAssumptionsReport(rows, Object.values(ASSUMPTIONS), TIMING_RULES));
  return rows.some((r) => r.error) ? EXIT.invalid : rows.every((r) => r.result!.safeUnderEveryReading) ? EXIT.ok : EXIT.expectationFailed;
}

/** The files of a library run: the folder's, or the shard's part of them. */
function libraryFiles(path: string, shard: Shard | undefined): string[] {
  const files = scenarioFiles(path);
  return shard ? shardFiles(files, shard) : files;
}

/**
 * `trustsim run <folder>`: every scenario, one summary line each; an invalid file is a row, not the end.
 * With more than one job the scenarios run in child processes (library-jobs.ts); the rows, their order,
 * the reports and the exit code are the same as one after another here.
 */
async function runLibrary(ctx: CliContext, path: string, opts: RunOptions, assumptions: Record<string, string | boolean>, jobs: number, shard: Shard | undefined): Promise<number> {
  const files = libraryFiles(path, shard);
  const options: LibraryRunOptions = { seed: opts.seed, assumptions, beyondCucmLimits: opts.beyondCucmLimits, report: opts.report ?? [], reportDir: opts.reportDir };
  const announce = (row: LibraryRow) => row.written.forEach((written) => ctx.io.out(`report: ${written}`));
  let rows: LibraryRow[];
  if (jobs > 1 && files.length > 1) {
    rows = await runInJobs(files, jobs, opts.store, options, announce);
  } else {
    rows = [];
    await ctx.withApp(opts.store, async (buses) => {
      for (const file of files) {
        const row = await runLibraryScenario(buses, file, options);
        announce(row);
        rows.push(row);
      }
    });
  }
  if (opts.report?.includes('junit')) ctx.io.out(`report: ${writeLibraryJUnit(junitRuns(rows), opts.reportDir, path, shard && shardLabel(shard))}`);
  if (shard) ctx.io.out(`shard ${shard.index} of ${shard.count}: ${files.length} of ${scenarioFiles(path).length} scenarios`);
  ctx.io.out(libraryTable(rows));
  return libraryExit(rows, opts.strict);
}
