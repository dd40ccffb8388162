import { statSync } from 'node:fs';
import { Command, Option } from 'commander';
import { ofType } from '@nestjs/cqrs';
import { AllAssumptionsResult, RehearsalStepStored, RunAllAssumptionsCommand, RunResult, RunScenarioCommand, unexpectedRefusals } from '@trustsim/application';
import { formatIssueReport, ScenarioError } from '@trustsim/scenarios';
import { BEYOND_CUCM_LIMITS, CliContext, CliUsageError, EXIT, parseAssumptions, storeLabel } from '../cli-context';
import { allAssumptionsReport, formatDuration, libraryAssumptionsReport, libraryTable, runReport } from '../format';
import { ASSUMPTIONS, TIMING_RULES } from '@trustsim/domain';
import { scenarioFiles } from '../library';
import { ReportFormat, writeLibraryJUnit, writeRunReports } from '../reports';

interface RunOptions {
  store?: string;
  seed?: number;
  assume?: string[];
  allAssumptions?: boolean;
  report?: ReportFormat[];
  reportDir: string;
  fork?: string;
  beyondCucmLimits?: boolean;
  strict?: boolean;
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

/** `trustsim run <file|folder>`: a rehearsal, the whole library, every reading of the assumptions, or a fork. */
export function registerRun(program: Command, ctx: CliContext): void {
  program
    .command('run')
    .description('run a scenario file, or every scenario of a folder: timeline and outcome per phone group; exit 0 only if every expectation holds')
    .argument('<path>', 'scenario file (YAML; the language: docs/scenario-language.md) or a folder of them')
    .option('--store <url>', 'event store: a SQLite file path (default .trustsim/trustsim.db), sqlite:<path>, memory:, or kurrentdb://host:2113?tls=false (EventStoreDB/KurrentDB)')
    .option('--seed <n>', 'override the scenario seed', (v) => Number.parseInt(v, 10))
    .addOption(new Option('--assume <name=value...>', 'set an assumption (docs/scenario-language.md, "Assumptions")'))
    .option('--all-assumptions', 'run under every combination of assumptions and list the outcomes that depend on one')
    .addOption(new Option('--report <format...>', 'also write reports: json (versioned), junit (a test case per expectation), html (one self-contained file)').choices(['json', 'junit', 'html']))
    .option('--report-dir <dir>', 'where reports go', 'reports')
    .option(...BEYOND_CUCM_LIMITS)
    .option('--strict', 'also exit 1 on warnings: something CUCM refused (an upload, a regeneration...) that no expectation covers (for CI)')
    .option('--fork <run@step>', 'start from the state a stored run had after that step (1-based; 0 = installed), without replaying the steps before; the file must begin with the same steps')
    .action((path: string, opts: RunOptions) =>
      ctx.action(async () => {
        const assumptions = parseAssumptions(opts.assume);
        const fork = opts.fork === undefined ? undefined : parseFork(opts.fork);
        const folder = statSync(path).isDirectory();
        if (fork && (opts.allAssumptions || folder)) throw new CliUsageError('--fork runs one scenario file, not a folder or --all-assumptions');
        if (folder && opts.allAssumptions) return runLibraryUnderEveryReading(ctx, path, opts);
        if (folder) return runLibrary(ctx, path, opts, assumptions);
        if (opts.allAssumptions) {
          const result: AllAssumptionsResult = await ctx.withApp(opts.store, ({ commands }) =>
            commands.execute(new RunAllAssumptionsCommand(path, { beyondCucmLimits: opts.beyondCucmLimits }, progressShown() ? (v, i, n) => process.stderr.write(`  run ${i + 1}/${n} ${v.passed ? 'passes' : 'fails'}\n`) : undefined)),
          );
          ctx.io.out(allAssumptionsReport(result));
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
async function runLibraryUnderEveryReading(ctx: CliContext, path: string, opts: RunOptions): Promise<number> {
  const rows: { file: string; result?: AllAssumptionsResult; error?: string }[] = [];
  await ctx.withApp(opts.store, async ({ commands }) => {
    for (const file of scenarioFiles(path)) {
      try {
        if (progressShown()) process.stderr.write(`  ${file}\n`);
        rows.push({ file, result: await commands.execute(new RunAllAssumptionsCommand(file, { beyondCucmLimits: opts.beyondCucmLimits })) });
      } catch (error) {
        rows.push({ file, error: error instanceof ScenarioError ? formatIssueReport(error.issues) : (error as Error).message });
      }
    }
  });
  ctx.io.out(libraryAssumptionsReport(rows, Object.values(ASSUMPTIONS), TIMING_RULES));
  return rows.some((r) => r.error) ? EXIT.invalid : rows.every((r) => r.result!.safeUnderEveryReading) ? EXIT.ok : EXIT.expectationFailed;
}

/** `trustsim run <folder>`: every scenario, one summary line each; an invalid file is a row, not the end. */
async function runLibrary(ctx: CliContext, path: string, opts: RunOptions, assumptions: Record<string, string | boolean>): Promise<number> {
  const rows: { file: string; result?: RunResult; error?: string }[] = [];
  await ctx.withApp(opts.store, async ({ commands, queries }) => {
    for (const file of scenarioFiles(path)) {
      try {
        const result: RunResult = await commands.execute(new RunScenarioCommand(file, { seed: opts.seed, assumptions, beyondCucmLimits: opts.beyondCucmLimits }));
        rows.push({ file, result });
        for (const written of await writeRunReports(queries, result, (opts.report ?? []).filter((f) => f !== 'junit'), opts.reportDir)) ctx.io.out(`report: ${written}`);
      } catch (error) {
        rows.push({ file, error: error instanceof ScenarioError ? formatIssueReport(error.issues) : (error as Error).message });
      }
    }
  });
  if (opts.report?.includes('junit')) ctx.io.out(`report: ${writeLibraryJUnit(rows.map((r) => r.result ?? { file: r.file, error: new Error(r.error) }), opts.reportDir, path)}`);
  ctx.io.out(libraryTable(rows));
  return rows.some((r) => r.error) ? EXIT.invalid : rows.every((r) => verdict(r.result!, opts.strict) === EXIT.ok) ? EXIT.ok : EXIT.expectationFailed;
}
