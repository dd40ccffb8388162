import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { QueryBus } from '@nestjs/cqrs';
import { ExplainedOutcome, Explanation, ExplainPhoneQuery, FailedRun, renderReport, RunReport, RunResult, runReportsToJUnit } from '@trustsim/application';

export type ReportFormat = 'json' | 'junit' | 'html';
const EXTENSION: Record<ReportFormat, string> = { json: 'json', junit: 'xml', html: 'html' };

/** Explains up to `limit` failing phones (one per group), read from the stored run, for the reports that show explanations. */
export async function explainFailing(queries: QueryBus, result: RunResult, limit = 3): Promise<ExplainedOutcome[]> {
  const outcomes: ExplainedOutcome[] = [...result.outcomes];
  const seen = new Set<string>();
  for (const [i, o] of outcomes.entries()) {
    if (seen.size >= limit || o.status === 'trusted' || o.status === 'off' || seen.has(`${o.cluster}/${o.group}`)) continue;
    seen.add(`${o.cluster}/${o.group}`);
    const explanation: Explanation = await queries.execute(new ExplainPhoneQuery(result.runId, o.name));
    const named = explanation.assumptions.map((a) => `assumption: ${a}`);
    const chapter = explanation.chapter.map((c) => `the chapter says otherwise: ${c}`);
    outcomes[i] = { ...o, explanation: [...explanation.lines, '', explanation.verdict, ...named, ...chapter] };
  }
  return outcomes;
}

/** Writes the reports of one run into `dir` as `<scenario>.json|xml|html`; returns the paths. */
export async function writeRunReports(queries: QueryBus, result: RunResult, formats: ReportFormat[], dir: string): Promise<string[]> {
  if (!formats.length) return [];
  mkdirSync(dir, { recursive: true });
  const explained = formats.some((f) => f !== 'junit') ? { ...result, outcomes: await explainFailing(queries, result) } : result;
  return formats.map((format) => {
    const path = join(dir, `${result.scenario.name}.${EXTENSION[format]}`);
    writeFileSync(path, renderReport(explained, format));
    return path;
  });
}

/**
 * A library run's JUnit file: one testsuite per scenario, an error testcase for a file that could not
 * run. `<folder>.xml`; a shard's is `<folder>-shard-2-of-4.xml`, so a CI job can gather every shard's
 * file into one folder for `trustsim merge-reports`.
 */
export function writeLibraryJUnit(runs: readonly (RunReport | FailedRun)[], dir: string, folder: string, shard?: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${basename(folder) || 'scenarios'}${shard ? `-${shard}` : ''}.xml`);
  writeFileSync(path, runReportsToJUnit(runs));
  return path;
}
