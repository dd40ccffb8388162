import { basename } from 'node:path';
import { STATUSES } from '../engine/phone-fleet';
import { ReportInput } from './report-input';
import { ReportExpectation, ReportRefusal, RunReport, RunReportOptions, toRunReport } from './run-report';
import { xmlAttr, xmlText } from './xml-escape';

/*
 * `--report junit`: the JUnit XML that CI servers (Jenkins, GitLab, GitHub test reporters) read. One
 * <testsuite> per scenario, one <testcase> per expectation, so CI names the expectation that failed.
 * The shape follows the common Ant/Jenkins schema (__fixtures__/junit.xsd), which has no suite-level
 * <error>: a run that did not complete or did not run becomes one extra testcase, "the run completes",
 * with an <error>. That is what other tools do for collection errors too.
 */

/** A scenario of a library run that produced no RunResult (it failed to load or stopped with an error). */
export interface FailedRun {
  file: string;
  /** The scenario name, when the file got far enough to have one. */
  scenario?: string;
  error: unknown;
}

export type LibraryRun = ReportInput | FailedRun;

export const RUN_COMPLETES = 'the run completes';

export function toJUnitXml(result: ReportInput, options?: RunReportOptions): string {
  return toJUnitXmlForRuns([result], options);
}

/** A library run (`trustsim run <dir>`): one <testsuite> per scenario inside one <testsuites>. */
export function toJUnitXmlForRuns(runs: readonly LibraryRun[], options?: RunReportOptions): string {
  return runReportsToJUnit(runs.map((r) => (isFailedRun(r) ? r : toRunReport(r, { ...options, includePhones: false }))));
}

function isFailedRun(r: LibraryRun | RunReport): r is FailedRun {
  return 'error' in r && !('runId' in r);
}

/** One rendered <testsuite> and its counts, which the document's totals add up. */
export interface JUnitSuite {
  xml: string;
  tests: number;
  failures: number;
  errors: number;
  seconds: number;
}
type Suite = JUnitSuite;

/** Renders from the stable JSON document, so the JUnit and JSON reports can never disagree. */
export function runReportsToJUnit(reports: readonly (RunReport | FailedRun)[]): string {
  return junitDocument(reports.map((r, i) => (isFailedRun(r) ? failedSuite(r, i) : suite(r, i))));
}

/** The <testsuites> document around rendered suites, its totals summed from them (also junit-merge.ts). */
export function junitDocument(suites: readonly JUnitSuite[]): string {
  const sum = (f: (s: Suite) => number) => suites.reduce((n, s) => n + f(s), 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="trustsim" tests="${sum((s) => s.tests)}" failures="${sum((s) => s.failures)}" errors="${sum((s) => s.errors)}" time="${seconds(sum((s) => s.seconds))}">`,
    ...suites.map((s) => s.xml),
    '</testsuites>',
    '',
  ].join('\n');
}

function suite(report: RunReport, id: number): Suite {
  const run = report.run;
  const cases = report.expectations.map((e) => testcase(report, e));
  // A refusal no expectation covered is a warning: a skipped test case CI shows beside the expectations.
  const warnings = (report.refusals ?? []).filter((r) => !r.expected);
  cases.push(...warnings.map((r) => refusalCase(report, r)));
  let errors = 0;
  if (!run.completed) {
    errors = 1;
    const where = run.stopped_after_step === null ? 'before its first step' : `after step ${run.stopped_after_step + 1}`;
    const message = `the run was stopped ${where} (--at); expectations after that point were not checked`;
    cases.push(errorCase(run.scenario, 'RunIncomplete', message));
  }
  const failures = report.expectations.filter((e) => !e.passed).length;
  const properties: [string, string | number][] = [
    ['trustsim.version', report.tool.version],
    ['scenario.file', run.file],
    ...(run.title !== null ? [['scenario.title', run.title] as [string, string]] : []),
    ['seed', run.seed],
    ['run_id', run.id],
    ['start', run.start],
    ...(report.twin ? ([['twin.keys', report.twin.keys], ['twin.imported_at', report.twin.imported_at], ['twin.note', report.twin.note]] as [string, string][]) : []),
    ...report.assumptions.map((a): [string, string] => [`assumption.${a.name}`, String(a.value)]),
  ];
  const secs = report.figures.wall_ms / 1000;
  const xml = [
    `  <testsuite name="${xmlAttr(run.scenario)}" tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="${warnings.length}" time="${seconds(secs)}" id="${id}" package="trustsim">`,
    '    <properties>',
    ...properties.map(([name, value]) => `      <property name="${xmlAttr(name)}" value="${xmlAttr(value)}"/>`),
    '    </properties>',
    ...cases,
    `    <system-out>${xmlText(summaryText(report))}</system-out>`,
    '  </testsuite>',
  ].join('\n');
  return { xml, tests: cases.length, failures, errors, seconds: secs };
}

function failedSuite(run: FailedRun, id: number): Suite {
  const name = run.scenario ?? basename(run.file);
  const message = run.error instanceof Error ? run.error.message : String(run.error);
  const xml = [
    `  <testsuite name="${xmlAttr(name)}" tests="1" failures="0" errors="1" skipped="0" time="0" id="${id}" package="trustsim">`,
    '    <properties>',
    `      <property name="scenario.file" value="${xmlAttr(run.file)}"/>`,
    '    </properties>',
    errorCase(name, 'RunFailed', message),
    '  </testsuite>',
  ].join('\n');
  return { xml, tests: 1, failures: 0, errors: 1, seconds: 0 };
}

/** Scenario name plus where the expectation is written; unique per expectation, so CI keeps them apart. */
export function testcaseClassname(report: RunReport, e: ReportExpectation): string {
  const inScenario = e.location.startsWith(`${report.run.file}:`);
  return `${report.run.scenario}:${inScenario ? e.location.slice(report.run.file.length + 1) : e.location}`;
}

function refusalCase(report: RunReport, r: ReportRefusal): string {
  const step = typeof r.step === 'number' ? `step ${r.step + 1}` : r.step;
  const message = `warning: ${r.node}: ${r.action} refused — ${r.reason} (no expectation covers it)`;
  return [`    <testcase name="${xmlAttr(`refused in ${step}: ${r.action} on ${r.node}`)}" classname="${xmlAttr(`${report.run.scenario}:refusals`)}">`, `      <skipped message="${xmlAttr(message)}"/>`, '    </testcase>'].join('\n');
}

function testcase(report: RunReport, e: ReportExpectation): string {
  const open = `    <testcase name="${xmlAttr(e.description)}" classname="${xmlAttr(testcaseClassname(report, e))}"`;
  if (e.passed) return `${open}/>`;
  const when = e.step === null ? 'at the end of the run' : `after step ${e.step + 1}`;
  const body = `${e.description}\nfound: ${e.detail}\nchecked ${when}, written at ${e.location}`;
  return [`${open}>`, `      <failure message="${xmlAttr(e.detail)}" type="ExpectationFailed">${xmlText(body)}</failure>`, '    </testcase>'].join('\n');
}

function errorCase(classname: string, type: string, message: string): string {
  return [
    `    <testcase name="${RUN_COMPLETES}" classname="${xmlAttr(classname)}">`,
    `      <error message="${xmlAttr(message)}" type="${type}">${xmlText(message)}</error>`,
    '    </testcase>',
  ].join('\n');
}

function seconds(s: number): string {
  return s.toFixed(3);
}

/** The timeline and group counts as plain text: what a CI log viewer shows under the suite. */
function summaryText(report: RunReport): string {
  const head = ['time', ...STATUSES, 'step'];
  const rows = report.timeline.map((t) => [t.at_label, ...STATUSES.map((s) => String(t.counts[s])), t.label]);
  const groups = report.groups.map((g) => [`${g.cluster}/${g.group}`, g.model, String(g.phones), ...STATUSES.map((s) => String(g.counts[s]))]);
  return [
    `${report.run.title ?? report.run.scenario} (seed ${report.run.seed}, run ${report.run.id})`,
    '',
    columns([head, ...rows]),
    '',
    columns([['group', 'model', 'phones', ...STATUSES], ...groups]),
    '',
  ].join('\n');
}

function columns(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  // The last column (step text) is free width: it is not padded.
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ')).join('\n');
}
