import { FailedRun, RunReport, RunResult, RunScenarioCommand, toRunReport, unexpectedRefusals } from '@trustsim/application';
import { formatIssueReport, ScenarioError } from '@trustsim/scenarios';
import { Buses, EXIT } from './cli-context';
import { ReportFormat, writeRunReports } from './reports';

/** How every scenario of a library is run: the same for each, whichever process runs it. */
export interface LibraryRunOptions {
  seed?: number;
  assumptions: Record<string, string | boolean>;
  beyondCucmLimits?: boolean;
  /** The reports asked for; JUnit is one file for the whole library, written by whoever assembles the rows. */
  report: ReportFormat[];
  reportDir: string;
}

/** What the library's summary line of a scenario reads (format.ts `libraryTable`) and its exit code. */
export interface ScenarioSummary {
  phones: number;
  expectations: number;
  failedExpectations: number;
  passed: boolean;
  /** Refusals no expectation covers: warnings, that fail the run under `--strict`. */
  warnings: number;
  wallMs: number;
}

/**
 * One scenario of a library run, as plain data: it crosses a process boundary when the library runs
 * in parallel (`--jobs`), so the in-process path builds exactly the same thing and the summary, the
 * exit code and the JUnit file cannot depend on where a scenario ran.
 */
export interface LibraryRow {
  file: string;
  summary?: ScenarioSummary;
  /** The JUnit-ready document (no phones), when a JUnit report was asked for. */
  report?: RunReport;
  /** Why the file did not run: its problems (file:line:column) or the error that stopped it. */
  error?: string;
  /** The per-scenario reports written (json, html), in the order written. */
  written: string[];
}

/** Runs one file of a library; an invalid or failing file is a row with an error, never a throw. */
export async function runLibraryScenario({ commands, queries }: Buses, file: string, options: LibraryRunOptions): Promise<LibraryRow> {
  try {
    const result: RunResult = await commands.execute(new RunScenarioCommand(file, { seed: options.seed, assumptions: options.assumptions, beyondCucmLimits: options.beyondCucmLimits }));
    const written = await writeRunReports(
      queries,
      result,
      options.report.filter((f) => f !== 'junit'),
      options.reportDir,
    );
    return { file, summary: summarise(result), report: options.report.includes('junit') ? toRunReport(result, { includePhones: false }) : undefined, written };
  } catch (error) {
    return { file, error: error instanceof ScenarioError ? formatIssueReport(error.issues) : (error as Error).message, written: [] };
  }
}

function summarise(result: RunResult): ScenarioSummary {
  const failedExpectations = result.expectations.filter((e) => !e.passed).length;
  return {
    phones: result.outcomes.length,
    expectations: result.expectations.length,
    failedExpectations,
    passed: result.passed,
    warnings: unexpectedRefusals(result.refusals).length,
    wallMs: result.figures.wallMs,
  };
}

/** The library's exit code: 2 if a file could not run, else 1 if a scenario fails (with `--strict`, or warns), else 0. */
export function libraryExit(rows: readonly LibraryRow[], strict: boolean | undefined): number {
  if (rows.some((r) => r.error !== undefined)) return EXIT.invalid;
  const fails = (s: ScenarioSummary) => !s.passed || (strict === true && s.warnings > 0);
  return rows.some((r) => fails(r.summary!)) ? EXIT.expectationFailed : EXIT.ok;
}

/** The rows as the JUnit writer takes them: a file that did not run is an error test case. */
export function junitRuns(rows: readonly LibraryRow[]): (RunReport | FailedRun)[] {
  return rows.map((r) => (r.error !== undefined || !r.report ? { file: r.file, error: new Error(r.error ?? 'no report was made for this scenario') } : r.report));
}
