import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CommandBus } from '@nestjs/cqrs';
import { ExplainedOutcome, Explanation, ExplainPhoneCommand, FailedRun, renderReport, RunResult, toJUnitXmlForRuns } from '@trustsim/application';

export type ReportFormat = 'json' | 'junit' | 'html';
const EXTENSION: Record<ReportFormat, string> = { json: 'json', junit: 'xml', html: 'html' };

/**
 * Explains up to `limit` failing phones (one per group), re-running the scenario for each (the run is
 * deterministic, so the re-run is the same run), for the reports that show explanations.
 */
export async function explainFailing(bus: CommandBus, file: string, result: RunResult, limit = 3): Promise<ExplainedOutcome[]> {
  const outcomes: ExplainedOutcome[] = [...result.outcomes];
  const seen = new Set<string>();
  for (const [i, o] of outcomes.entries()) {
    if (seen.size >= limit || o.status === 'trusted' || o.status === 'off' || seen.has(`${o.cluster}/${o.group}`)) continue;
    seen.add(`${o.cluster}/${o.group}`);
    const explanation: Explanation = await bus.execute(new ExplainPhoneCommand(file, o.name, { assumptions: result.assumptions as Record<string, string | boolean> }));
    outcomes[i] = { ...o, explanation: [...explanation.lines, '', explanation.verdict] };
  }
  return outcomes;
}

/** Writes the reports of one run into `dir` as `<scenario>.json|xml|html`; returns the paths. */
export async function writeRunReports(bus: CommandBus, file: string, result: RunResult, formats: ReportFormat[], dir: string): Promise<string[]> {
  if (!formats.length) return [];
  mkdirSync(dir, { recursive: true });
  const explained = formats.some((f) => f !== 'junit') ? { ...result, outcomes: await explainFailing(bus, file, result) } : result;
  return formats.map((format) => {
    const path = join(dir, `${result.scenario.name}.${EXTENSION[format]}`);
    writeFileSync(path, renderReport(explained, format));
    return path;
  });
}

/** A library run's JUnit file: one testsuite per scenario, an error testcase for a file that could not run. */
export function writeLibraryJUnit(runs: readonly (RunResult | FailedRun)[], dir: string, folder: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${basename(folder) || 'scenarios'}.xml`);
  writeFileSync(path, toJUnitXmlForRuns(runs));
  return path;
}
