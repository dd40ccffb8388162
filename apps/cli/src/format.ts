import Table from 'cli-table3';
import { AllAssumptionsResult, formatSimTime, ReportedRefusal, RunDiff, RunListing, RunResult, TimelineEntry, twinKeysNote, type TwinOrigin } from '@trustsim/application';
import type { ChapterNote, PhoneOutcome } from '@trustsim/domain';
import type { LibraryRow } from './library-scenario';

const PLAIN = { head: [], border: [], compact: true };

/** Simulated time as an engineer reads it (the reports' rule, so terminal and report agree). */
export const formatDuration = formatSimTime;

export function timelineTable(entries: readonly TimelineEntry[]): string {
  const table = new Table({ head: ['time', 'step', 'trusted', 'degraded', 'locked', 'unregistered', 'off'], style: PLAIN });
  for (const e of entries) {
    const label = typeof e.step === 'number' ? `${e.step + 1}. ${e.text}` : e.text;
    table.push([formatDuration(e.at), label, e.counts.trusted, e.counts.degraded, e.counts.locked, e.counts.unregistered, e.counts.off]);
  }
  return table.toString();
}

function signerLabel(o: PhoneOutcome): string {
  const s = o.itlSigner;
  return s ? `${s.purpose} ${s.cluster}/${s.node} gen ${s.generation}` : '-';
}

/** One row per group (and per ITL signer within it), the way an engineer scans a rollout. */
export function outcomeTable(outcomes: readonly PhoneOutcome[]): string {
  const table = new Table({
    head: ['group', 'model', 'phones', 'trusted', 'degraded', 'locked', 'unregistered', 'off', 'ITL signer held', 'last TVS answer', 'manual ITL delete'],
    style: PLAIN,
  });
  const rows = new Map<string, { o: PhoneOutcome; n: number; counts: Record<string, number>; manual: number }>();
  for (const o of outcomes) {
    const key = `${o.cluster}/${o.group}|${o.model}|${signerLabel(o)}|${o.tvs ?? '-'}`;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { o, n: 0, counts: {}, manual: 0 }));
    row.n++;
    row.counts[o.status] = (row.counts[o.status] ?? 0) + 1;
    if (o.needsManualTrustListDelete) row.manual++;
  }
  for (const { o, n, counts, manual } of rows.values()) {
    const c = (s: string) => counts[s] ?? 0;
    table.push([`${o.cluster}/${o.group}`, o.model, n, c('trusted'), c('degraded'), c('locked'), c('unregistered'), c('off'), signerLabel(o), o.tvs ?? '-', manual]);
  }
  return table.toString();
}

/** What the run report needs: a fresh RunResult or a run read back from the store. */
export interface ReportableRun {
  runId: string;
  /** `twin`: a twin of a real cluster, whose report says once that its keys were minted. */
  scenario: { name: string; title?: string; seed: number; twin?: TwinOrigin };
  timeline: readonly TimelineEntry[];
  outcomes: readonly PhoneOutcome[];
  expectations: RunResult['expectations'];
  events: number;
  figures?: { wallMs: number };
  /** `show --at`: the tables stand after this step (0 = installed). */
  at?: number;
  /** A run that stopped before its end: the last step it completed and the one it was in. */
  incomplete?: { reached: number; during?: string };
  /** What CUCM refused during the run. */
  refusals: readonly ReportedRefusal[];
  /** Where the chapter says otherwise (chapter-says-otherwise.ts). */
  chapterNotes?: readonly ChapterNote[];
}

export function expectationLines(result: ReportableRun): string {
  return result.expectations
    .map((e) => `  ${e.passed ? 'PASS' : 'FAIL'}  ${e.location}${e.step !== undefined ? ` (after step ${e.step + 1})` : ''}  ${e.description} — ${e.detail}`)
    .join('\n');
}

function forkNote(result: ReportableRun): string {
  const fork = (result as Partial<Pick<RunResult, 'forkedFrom'>>).forkedFrom;
  return fork ? ` (fork of run ${fork.run} after step ${fork.afterStep})` : '';
}

export function runReport(result: ReportableRun, storeLabel: string): string {
  const s = result.scenario;
  const failed = result.expectations.filter((e) => !e.passed).length;
  const incomplete = result.incomplete;
  return [
    ...(incomplete
      ? [`incomplete: the run stopped ${incomplete.during ? `during ${incomplete.during}` : 'before its end'}; the tables show the state after ${incomplete.reached === 0 ? 'install' : `step ${incomplete.reached}`}`, '']
      : []),
    `${s.title ?? s.name}`,
    `scenario ${s.name} · seed ${s.seed} · run ${result.runId}${forkNote(result)} · ${result.outcomes.length} phones`,
    ...(s.twin ? [`${twinKeysNote(s.twin)} (imported ${s.twin.importedAt})`] : []),
    '',
    result.at === undefined ? 'Timeline (phones per status after each step)' : `Timeline up to ${result.at === 0 ? 'install' : `step ${result.at}`}; outcomes as they stood after ${result.at === 0 ? 'install' : `step ${result.at}`}`,
    timelineTable(result.timeline),
    '',
    ...refusalLines(result.refusals),
    'Outcomes',
    outcomeTable(result.outcomes),
    '',
    `Expectations`,
    expectationLines(result) || '  (none)',
    ...chapterNoteLines(result.chapterNotes),
    '',
    ...warningLine(result.refusals),
    `${result.expectations.length - failed} of ${result.expectations.length} expectations hold · ${result.events} events ${result.figures ? `stored in ${storeLabel} · ${(result.figures.wallMs / 1000).toFixed(1)} s` : `read from ${storeLabel}`}`,
  ].join('\n');
}

/**
 * Where the chapter's blanket statement and the simulation disagree (chapter-says-otherwise.ts): the
 * chapter's words, what the simulation predicts instead and why, for the engineer to plan for both.
 */
function chapterNoteLines(notes: readonly ChapterNote[] | undefined): string[] {
  if (!notes?.length) return [];
  return ['', 'The chapter says otherwise', ...notes.flatMap((n) => [`  ${n.id} (${n.groups.join(', ')}: ${n.phones} phones)`, `    chapter: ${n.chapter}`, `    simulation: ${n.simulation}`])];
}

/** `trustsim run <dir>`: one line per scenario. */
export function libraryTable(rows: readonly Pick<LibraryRow, 'file' | 'summary' | 'error'>[]): string {
  const table = new Table({ head: ['scenario', 'phones', 'expectations', 'result', 'time'], style: PLAIN });
  for (const r of rows) {
    const s = r.summary;
    if (!s) {
      table.push([r.file, '', '', 'INVALID', '']);
      continue;
    }
    const verdict = `${s.passed ? 'PASS' : 'FAIL'}${s.warnings ? ` (${s.warnings} warning${s.warnings === 1 ? '' : 's'})` : ''}`;
    table.push([r.file, s.phones, `${s.expectations - s.failedExpectations}/${s.expectations}`, verdict, `${(s.wallMs / 1000).toFixed(1)} s`]);
  }
  const passed = rows.filter((r) => r.summary?.passed).length;
  const errors = rows.filter((r) => r.error !== undefined).map((r) => `\n${r.file}:\n${r.error}`).join('');
  return `${table.toString()}\n${passed} of ${rows.length} scenarios pass${errors}`;
}

function countsText(counts: Record<string, number>): string {
  return Object.entries(counts).map(([s, n]) => `${n} ${s}`).join(', ') || 'no phones';
}

/**
 * `trustsim run --all-assumptions`: the combinations grouped by what came of them (thousands of
 * near-identical combinations hide the one that matters), each group named by the readings its
 * combinations share, then the outcomes that depend on an assumption. Only the assumptions the scenario
 * consults are varied (assumption-variants.ts): the report says how many runs that took and which.
 */
export function allAssumptionsReport(result: AllAssumptionsResult, file?: string): string {
  const table = new Table({ head: ['readings', 'combinations', 'expectations', 'groups'], style: PLAIN });
  const buckets = new Map<string, AllAssumptionsResult['variants'][number][]>();
  for (const v of result.variants) {
    const key = JSON.stringify([v.passed, v.failedExpectations, v.groups]);
    buckets.set(key, [...(buckets.get(key) ?? []), v]);
  }
  for (const variants of buckets.values()) {
    const first = variants[0];
    table.push([
      sharedReadings(variants, buckets.size),
      String(variants.reduce((n, v) => n + v.combinations, 0)),
      first.passed ? 'all hold' : `${first.failedExpectations.length} fail`,
      Object.entries(first.groups).map(([g, c]) => `${g}: ${countsText(c)}`).join('\n'),
    ]);
  }
  const deps = result.dependencies.length
    ? result.dependencies.map((d) => `  ${d.group} depends on ${d.assumption}${whenText(d.when)}: ${d.outcomes.map((o) => `${String(o.value)} → ${countsText(o.counts)}`).join('; ')}`).join('\n')
    : '  none: every group ends the same under every reading';
  const failing = [...buckets.values()]
    .filter((variants) => !variants[0].passed)
    .map((variants) => [
      `  under ${sharedReadings(variants, buckets.size).replace(/\n/g, ', ')}:`,
      ...variants[0].failedExpectations.map((e) => `    ${e}`),
      ...(file ? [`    rehearse and store it: ${rerunCommand(file, variants[0])}`] : []),
    ].join('\n'));
  const distinct = buckets.size === 1 ? 'one outcome under all of them' : `${buckets.size} distinct outcomes`;
  return [
    `${result.scenario} under ${result.combinations} combinations of assumptions: ${distinct}`,
    consultedLine(result),
    table.toString(),
    ...(failing.length ? ['Expectations that fail', ...failing] : []),
    'Outcomes that depend on an assumption',
    deps,
    storedLine(result),
    result.safeUnderEveryReading ? 'The plan holds under every reading.' : 'The plan does NOT hold under every reading: see the combinations where expectations fail.',
  ].join('\n');
}

/** Which runs the store now holds: every reading's, or the defaults' only (the others are made for their outcome, and stored on demand). */
function storedLine(result: AllAssumptionsResult): string {
  if (result.storedEveryReading) return `Stored: the run of every reading (${result.variants.map((v) => v.runId).join(', ')}).`;
  const first = result.variants[0]?.runId;
  const others = result.variants.length - 1;
  return `Stored: the run under the defaults${first ? `, ${first} (trustsim show ${first})` : ''}${others > 0 ? `; the ${others} other reading${others === 1 ? ' was' : 's were'} rehearsed for their outcome only (run one with its --assume values to store it, or all with --store-every-reading)` : ''}.`;
}

/**
 * The command that rehearses and stores one reading: the scenario with the value of every assumption the
 * reading consulted. All of them, not only those off the catalogue's defaults: the file may set some
 * itself, and `--assume` is what overrides the file.
 */
function rerunCommand(file: string, variant: { assumptions: Record<string, unknown>; consulted: readonly string[] }): string {
  const values = variant.consulted.map((name) => `${name}=${String(variant.assumptions[name])}`);
  return `trustsim run ${file}${values.length ? ` --assume ${values.join(' ')}` : ''}`;
}

/** ` (when a=x, b=y)`: the other readings a dependency shows beside. */
function whenText(when: Record<string, unknown> | undefined): string {
  const entries = Object.entries(when ?? {});
  return entries.length ? ` (when ${entries.map(([k, v]) => `${k}=${String(v)}`).join(', ')})` : '';
}

/** Which assumptions were varied, and that the others cannot change this scenario. */
function consultedLine(result: AllAssumptionsResult): string {
  const runs = `${result.variants.length} run${result.variants.length === 1 ? '' : 's'}`;
  if (!result.consulted.length) return `${runs}: the scenario consults no assumption, so no reading can change it`;
  return `${runs}: only the assumptions the scenario consults were varied (${result.consulted.join(', ')}); no other can change its outcome`;
}

/** The assumption values every combination of a group shares ("every reading" when the outcome never changes). */
function sharedReadings(variants: readonly { fixed: Record<string, unknown> }[], groups: number): string {
  if (groups === 1) return 'every reading';
  const [first, ...rest] = variants;
  const shared = Object.entries(first.fixed).filter(([k, v]) => rest.every((r) => k in r.fixed && r.fixed[k] === v));
  return shared.length ? shared.map(([k, v]) => `${k}=${String(v)}`).join('\n') : 'the other readings';
}

/**
 * `trustsim run <folder> --all-assumptions`: per scenario, how many combinations and runs, what it
 * consults and what depends on it; then per assumption, the scenarios whose outcome depends on it — what
 * a library's owner checks before trusting a plan under every reading. Documented durations, which are
 * rules and not varied, close the report.
 */
export function libraryAssumptionsReport(rows: readonly { file: string; result?: AllAssumptionsResult; error?: string }[], catalogue: readonly { name: string; default: unknown; values: readonly unknown[] }[], timingRules: readonly { name: string; rule: string; source: string }[]): string {
  const table = new Table({ head: ['scenario', 'runs', 'consults', 'depends on', 'under every reading'], style: PLAIN });
  for (const r of rows) {
    if (!r.result) {
      table.push([r.file, '', '', '', 'INVALID']);
      continue;
    }
    const depends = [...new Set(r.result.dependencies.map((d) => d.assumption))];
    table.push([r.file, String(r.result.variants.length), r.result.consulted.join('\n') || '-', depends.join('\n') || '-', r.result.safeUnderEveryReading ? 'holds' : 'FAILS']);
  }
  const byAssumption = catalogue.map((def) => {
    const dependents = rows.flatMap((r) => (r.result?.dependencies ?? []).filter((d) => d.assumption === def.name).map((d) => ({ file: r.file, d })));
    const consulting = rows.filter((r) => r.result?.consulted.includes(def.name)).length;
    const head = `  ${def.name} (default ${String(def.default)}; ${def.values.map(String).join(' | ')}): consulted by ${consulting} scenario${consulting === 1 ? '' : 's'}, ${dependents.length ? 'decides' : 'decides no outcome'}`;
    return [head, ...dependents.map(({ file, d }) => `    ${file} ${d.group}${whenText(d.when)}: ${d.outcomes.map((o) => `${String(o.value)} → ${countsText(o.counts)}`).join('; ')}`)].join('\n');
  });
  const safe = rows.filter((r) => r.result?.safeUnderEveryReading).length;
  const errors = rows.filter((r) => r.error).map((r) => `\n${r.file}:\n${r.error}`).join('');
  return [
    table.toString(),
    `${safe} of ${rows.length} scenarios hold under every reading of the assumptions`,
    'Assumptions, and the scenarios whose outcome depends on them',
    ...byAssumption,
    'Documented durations (rules, not varied)',
    ...timingRules.map((t) => `  ${t.name}: ${t.rule} — ${t.source}`),
  ].join('\n') + errors;
}

/** `trustsim runs` */
export function runsTable(runs: readonly RunListing[]): string {
  const table = new Table({ head: ['run', 'scenario', 'seed', 'steps', 'result', 'forked from'], style: PLAIN });
  for (const r of runs) {
    table.push([r.runId, r.scenario, r.seed, r.steps, r.completed ? (r.passed ? 'PASS' : 'FAIL') : 'incomplete', r.forkedFrom ? `${r.forkedFrom.run}@${r.forkedFrom.afterStep}` : '']);
  }
  return `${table.toString()}\n${runs.length} run${runs.length === 1 ? '' : 's'}`;
}

/** `trustsim diff`: changes grouped and counted first, then the phones. */
export function diffReport(diff: RunDiff, listPhones = 20): string {
  const changed = diff.changes.reduce((n, c) => n + c.phones.length, 0);
  const lines = [`${changed} phone${changed === 1 ? '' : 's'} changed, ${diff.unchanged} unchanged (run ${diff.a} → run ${diff.b})`];
  for (const c of diff.changes) lines.push(`  ${String(c.phones.length).padStart(6)}  ${c.group}: ${c.from} → ${c.to}`);
  for (const c of diff.changes) {
    const shown = c.phones.slice(0, listPhones);
    lines.push('', `${c.group}: ${c.from} → ${c.to}`, `  ${shown.join(' ')}${c.phones.length > shown.length ? ` … and ${c.phones.length - shown.length} more` : ''}`);
  }
  if (diff.onlyInA.length) lines.push('', `only in ${diff.a}: ${diff.onlyInA.length} phones`);
  if (diff.onlyInB.length) lines.push('', `only in ${diff.b}: ${diff.onlyInB.length} phones`);
  return lines.join('\n');
}

function stepLabel(step: TimelineEntry['step']): string {
  return typeof step === 'number' ? `${step + 1}.` : step;
}

/** Under the timeline: each refusal with its step and reason; the ones no expectation covered marked as warnings. */
export function refusalLines(refusals: readonly ReportedRefusal[]): string[] {
  if (refusals.length === 0) return [];
  return [
    'Refused by CUCM',
    ...refusals.map((r) => `  ${r.expected ? '        ' : 'WARNING '}${stepLabel(r.step)} ${r.node}: ${r.action} refused — ${r.reason}${r.expected ? ' (expected)' : ''}`),
    '',
  ];
}

/** Unexpected refusals, counted where the verdict is: `--strict` turns them into a failure. */
export function warningLine(refusals: readonly ReportedRefusal[]): string[] {
  const n = refusals.filter((r) => !r.expected).length;
  return n ? [`${n} warning${n === 1 ? '' : 's'}: ${n === 1 ? 'a refusal' : 'refusals'} no expectation covers (add \`expect: - upload: rejected\` or \`events:\`; \`run --strict\` fails on warnings)`] : [];
}
