import { PhoneStatus } from '@trustsim/domain';
import type { PhoneOutcome } from '@trustsim/domain';
import { STATUSES } from '../engine/phone-fleet';
import { AssumptionInForce, assumptionsInForce } from './assumptions-in-force';
import { ExplainedOutcome, ReportInput } from './report-input';
import { formatSimTime, simInstant } from './sim-time';
import { ToolInfo, toolInfo } from './tool-info';
import { twinKeysNote } from './twin-note';

/*
 * The run report (`--report json`): a public, versioned document that CI jobs and dashboards parse.
 *
 * ADDITIVE CHANGES ONLY while `format_version` is 1: a new key may appear anywhere, and a new value
 * may appear in an open list (a new status, a new `origin`). No key is renamed or removed, and no key
 * changes its meaning or type. A change that breaks this is format_version 2, and readers
 * must check the version. Keys are snake_case. A fact the run did not have is `null`, not missing. The
 * exceptions are `phones` (present only when asked for) and `explanation` (present only when the
 * simulation explains the phone).
 *
 * The same RunResult always gives the same document: nothing here reads the clock. The only wall-clock
 * figures (`figures.wall_ms`, `store_ms`) are copied from the RunResult.
 */
export const REPORT_FORMAT_VERSION = 1;

/** Statuses that call for action, worst first: the order failing phones are listed in. */
export const FAILING_STATUSES = ['locked', 'unregistered', 'degraded'] as const satisfies readonly PhoneStatus[];

export type StatusCounts = Record<PhoneStatus, number>;

export interface ReportSigner {
  cluster: string;
  node: string;
  purpose: string;
  generation: number;
}

export interface ReportTimelineEntry {
  /** 0-based index into the scenario's steps, or the run's own phases. */
  step: number | 'install' | 'settle';
  /** As printed: "3. resetPhones all …", "clusters installed". */
  label: string;
  text: string;
  /** Simulated time since the start. */
  at_ms: number;
  at_label: string;
  /** The scenario's `start` plus `at_ms`. */
  at_iso: string;
  counts: StatusCounts;
  /** Events stored by this step. */
  events: number;
}

export interface ReportSignerCount {
  /** null: the phone holds no ITL (no Security by Default, or factory new). */
  signer: ReportSigner | null;
  label: string;
  phones: number;
}

export interface ReportTvsAnswer {
  /** A phone's last TVS answer, as the terminal's "last TVS answer" column shows it: "old/sub1 vouched". */
  answer: string;
  phones: number;
}

export interface ReportGroup {
  cluster: string;
  group: string;
  model: string;
  phones: number;
  counts: StatusCounts;
  /** ITL signers the group's phones hold, most phones first. */
  itl_signers: ReportSignerCount[];
  /**
   * Which TVS vouched for what: the distinct last TVS answers of the group's phones, most phones first.
   * Phones that never got a TVS answer are left out, so the counts may add up to less than `phones`
   * ([] when none did).
   */
  tvs: ReportTvsAnswer[];
  /** Phones whose trust list must be deleted on the phone (or restored from the cluster side). */
  needs_manual_itl_delete: number;
  /** Phones in a failing status, and how many of them `failing_phones` lists. */
  failing: number;
  failing_listed: number;
}

export interface ReportExpectation {
  /** `file:line:column` of the expectation. */
  location: string;
  /** 0-based index of the `expect` step it belongs to; null for the final `expect`. */
  step: number | null;
  description: string;
  passed: boolean;
  detail: string;
}

/** Something CUCM refused during the run (run/refusals.ts). */
export interface ReportRefusal {
  /** 0-based step, or 'install' / 'settle'. */
  step: number | 'install' | 'settle';
  node: string;
  event: string;
  action: string;
  reason: string;
  /** Whether an expectation covered it; when false it is a warning (`run --strict` fails on it). */
  expected: boolean;
}

export interface ReportPhone {
  name: string;
  cluster: string;
  group: string;
  model: string;
  status: PhoneStatus;
  itl: string | null;
  config: string | null;
  registration: string;
  registered_to: string | null;
  itl_signer: ReportSigner | null;
  needs_manual_itl_delete: boolean;
  /** The phone's CTL decision in mixed mode (added in format 1 as an optional field: absent when it never saw a CTL). */
  ctl?: string;
  /** Whether it trusts its HTTPS services' server (optional: Security-by-Default phones with a configuration). */
  https_services?: string;
  /** Why the phone ended here, one sentence per line; only when the simulation explains it. */
  explanation?: string[];
}

export interface RunReport {
  format_version: typeof REPORT_FORMAT_VERSION;
  tool: ToolInfo;
  run: {
    id: string;
    /** False when the run was asked to stop after a step (`--at`). */
    completed: boolean;
    /** The 0-based step the run stopped after, when it did not complete. */
    stopped_after_step: number | null;
    scenario: string;
    title: string | null;
    file: string;
    seed: number;
    /** When the simulated clock starts (ISO 8601). */
    start: string;
  };
  /**
   * A twin of a real cluster (`trustsim import`, added in format 1): its keys were minted by trustsim, the
   * real ones stayed on the cluster (`note` says so in one sentence); null for any other scenario.
   */
  twin: { keys: 'minted'; imported_at: string; sources: string[]; note: string } | null;
  /** Every expectation holds, as the run decided it (a run without expectations passes). */
  passed: boolean;
  assumptions: AssumptionInForce[];
  summary: {
    phones: number;
    counts: StatusCounts;
    needs_manual_itl_delete: number;
    expectations: number;
    expectations_failed: number;
    /** Refusals no expectation covered (added in format 1 as an optional field). */
    warnings?: number;
  };
  timeline: ReportTimelineEntry[];
  /** Everything CUCM refused, step by step (added in format 1 as an optional field: absent when nothing was). */
  refusals?: ReportRefusal[];
  groups: ReportGroup[];
  expectations: ReportExpectation[];
  failing_phones: {
    statuses: PhoneStatus[];
    /** At most this many phones per group are listed (worst status first). */
    per_group_limit: number;
    /** All failing phones, listed or not. */
    total: number;
    phones: ReportPhone[];
  };
  /** Every phone, when asked for (`includePhones`). */
  phones?: ReportPhone[];
  /**
   * Where the chapter's blanket statement and the simulation disagree for this run (added in format 1:
   * [] when none): the chapter's words, what the simulation predicts instead and why, and the groups.
   */
  chapter_says_otherwise: ReportChapterNote[];
  /** The assumptions the run's rules read (added in format 1; null when the run did not record them). */
  assumptions_consulted: string[] | null;
  figures: {
    events: number;
    phone_boots: number;
    decisions: number;
    trust_list_verifications: number;
    /** Wall-clock figures of the run itself; they vary from one run to the next. */
    wall_ms: number;
    store_ms: number;
  };
}

export interface ReportChapterNote {
  id: string;
  cluster: string;
  chapter: string;
  simulation: string;
  groups: string[];
  phones: number;
}

export interface RunReportOptions {
  /** Add every phone's outcome (`phones`); large for big scenarios. Default false. */
  includePhones?: boolean;
  /** How many failing phones to list per group. Default 10. */
  maxExplainedPerGroup?: number;
  /** Overrides the name and version read from package.json (tests, embedding tools). */
  tool?: ToolInfo;
}

export const DEFAULT_FAILING_PER_GROUP = 10;

export function toRunReport(result: ReportInput, options: RunReportOptions = {}): RunReport {
  const limit = Math.max(0, options.maxExplainedPerGroup ?? DEFAULT_FAILING_PER_GROUP);
  const s = result.scenario;
  const failing = failingPhones(result.outcomes, limit);
  const failedExpectations = result.expectations.filter((e) => !e.passed).length;
  const report: RunReport = {
    format_version: REPORT_FORMAT_VERSION,
    tool: options.tool ?? toolInfo(),
    run: {
      id: result.runId,
      completed: result.completed,
      stopped_after_step: result.completed ? null : lastStep(result),
      scenario: s.name,
      title: s.title ?? null,
      file: s.file,
      seed: s.seed,
      start: s.start,
    },
    twin: s.twin ? { keys: s.twin.keys, imported_at: s.twin.importedAt, sources: [...s.twin.sources], note: twinKeysNote(s.twin)! } : null,
    passed: result.passed,
    assumptions: assumptionsInForce(result),
    summary: {
      phones: result.outcomes.length,
      counts: countsOf(result.outcomes),
      needs_manual_itl_delete: result.outcomes.filter((o) => o.needsManualTrustListDelete).length,
      expectations: result.expectations.length,
      expectations_failed: failedExpectations,
    },
    timeline: result.timeline.map((t) => ({
      step: t.step,
      label: typeof t.step === 'number' ? `${t.step + 1}. ${t.text}` : t.text,
      text: t.text,
      at_ms: t.at,
      at_label: formatSimTime(t.at),
      at_iso: simInstant(s.start, t.at),
      counts: { ...zeroCounts(), ...t.counts },
      events: t.events,
    })),
    groups: groupsOf(result.outcomes, failing.listedPerGroup),
    expectations: result.expectations.map((e) => ({ location: e.location, step: e.step ?? null, description: e.description, passed: e.passed, detail: e.detail })),
    failing_phones: { statuses: [...FAILING_STATUSES], per_group_limit: limit, total: failing.total, phones: failing.listed.map(phoneOf) },
    chapter_says_otherwise: (result.chapterNotes ?? []).map((n) => ({ id: n.id, cluster: n.cluster, chapter: n.chapter, simulation: n.simulation, groups: [...n.groups], phones: n.phones })),
    assumptions_consulted: result.consulted ? [...result.consulted] : null,
    figures: {
      events: result.events,
      phone_boots: result.figures.phoneBoots,
      decisions: result.figures.decisions,
      trust_list_verifications: result.figures.trustListVerifications,
      wall_ms: result.figures.wallMs,
      store_ms: result.figures.storeMs,
    },
  };
  if (result.refusals.length) {
    report.refusals = result.refusals.map((r) => ({ step: r.step, node: r.node, event: r.event, action: r.action, reason: r.reason, expected: r.expected }));
    report.summary.warnings = result.refusals.filter((r) => !r.expected).length;
  }
  if (options.includePhones) report.phones = result.outcomes.map(phoneOf);
  return report;
}

/** The document as written to disk: 2-space indented, newline-terminated. */
export function toRunReportJson(result: ReportInput, options?: RunReportOptions): string {
  return `${JSON.stringify(toRunReport(result, options), null, 2)}\n`;
}

function zeroCounts(): StatusCounts {
  return Object.fromEntries(STATUSES.map((s) => [s, 0])) as StatusCounts;
}

function countsOf(outcomes: readonly ExplainedOutcome[]): StatusCounts {
  const counts = zeroCounts();
  for (const o of outcomes) counts[o.status] = (counts[o.status] ?? 0) + 1;
  return counts;
}

function lastStep(result: ReportInput): number | null {
  const steps = result.timeline.map((t) => t.step).filter((s): s is number => typeof s === 'number');
  return steps.length ? steps[steps.length - 1] : null;
}

export function signerLabel(s: ReportSigner | null | undefined): string {
  return s ? `${s.purpose} ${s.cluster}/${s.node} gen ${s.generation}` : 'none';
}

type GroupedOutcome = Pick<PhoneOutcome, 'cluster' | 'group' | 'model'>;

/** The key a phone's group has in the report (and in `tvsAnswersByGroup`). */
export function reportGroupKey(o: GroupedOutcome): string {
  // A group name is unique within a cluster; the model is part of the key in case one name is reused.
  return JSON.stringify([o.cluster, o.group, o.model]);
}

/** Most phones first, then by label, so equal counts keep a stable order. */
function mostPhonesFirst<T extends { phones: number }>(label: (x: T) => string): (a: T, b: T) => number {
  return (a, b) => b.phones - a.phones || (label(a) < label(b) ? -1 : label(a) > label(b) ? 1 : 0);
}

/**
 * Which TVS vouched for what, per group (keyed by `reportGroupKey`): each distinct last TVS answer
 * (`PhoneOutcome.tvs`) with how many of the group's phones got it, most phones first. Phones without
 * an answer are left out; a group none of whose phones has one is absent from the map.
 */
export function tvsAnswersByGroup(outcomes: readonly (GroupedOutcome & Pick<PhoneOutcome, 'tvs'>)[]): Map<string, ReportTvsAnswer[]> {
  const counts = new Map<string, Map<string, number>>();
  for (const o of outcomes) {
    if (!o.tvs) continue;
    const key = reportGroupKey(o);
    const answers = counts.get(key) ?? new Map<string, number>();
    answers.set(o.tvs, (answers.get(o.tvs) ?? 0) + 1);
    counts.set(key, answers);
  }
  const byGroup = new Map<string, ReportTvsAnswer[]>();
  for (const [key, answers] of counts) {
    byGroup.set(key, [...answers].map(([answer, phones]) => ({ answer, phones })).sort(mostPhonesFirst((a) => a.answer)));
  }
  return byGroup;
}

/** Groups in the order their first phone appears (scenario order), so the document is stable. */
function groupsOf(outcomes: readonly ExplainedOutcome[], listed: Map<string, number>): ReportGroup[] {
  const tvs = tvsAnswersByGroup(outcomes);
  const groups = new Map<string, ReportGroup & { signers: Map<string, ReportSignerCount> }>();
  for (const o of outcomes) {
    const key = reportGroupKey(o);
    let g = groups.get(key);
    if (!g) {
      g = { cluster: o.cluster, group: o.group, model: o.model, phones: 0, counts: zeroCounts(), itl_signers: [], tvs: tvs.get(key) ?? [], needs_manual_itl_delete: 0, failing: 0, failing_listed: listed.get(key) ?? 0, signers: new Map() };
      groups.set(key, g);
    }
    g.phones++;
    g.counts[o.status] = (g.counts[o.status] ?? 0) + 1;
    if (o.needsManualTrustListDelete) g.needs_manual_itl_delete++;
    if (isFailing(o)) g.failing++;
    const label = signerLabel(o.itlSigner);
    const signer = g.signers.get(label) ?? { signer: o.itlSigner ? { ...o.itlSigner } : null, label, phones: 0 };
    signer.phones++;
    g.signers.set(label, signer);
  }
  return [...groups.values()].map(({ signers, ...g }) => ({
    ...g,
    itl_signers: [...signers.values()].sort(mostPhonesFirst((s) => s.label)),
  }));
}

function isFailing(o: ExplainedOutcome): boolean {
  return (FAILING_STATUSES as readonly string[]).includes(o.status);
}

/** Up to `limit` failing phones per group, worst status first, then in scenario order. */
function failingPhones(outcomes: readonly ExplainedOutcome[], limit: number) {
  const severity = (o: ExplainedOutcome) => (FAILING_STATUSES as readonly string[]).indexOf(o.status);
  const failing = outcomes.map((o, i) => ({ o, i })).filter(({ o }) => isFailing(o));
  failing.sort((a, b) => severity(a.o) - severity(b.o) || a.i - b.i);
  const listedPerGroup = new Map<string, number>();
  const picked: { o: ExplainedOutcome; i: number }[] = [];
  for (const f of failing) {
    const key = reportGroupKey(f.o);
    const n = listedPerGroup.get(key) ?? 0;
    if (n >= limit) continue;
    listedPerGroup.set(key, n + 1);
    picked.push(f);
  }
  // Listed grouped by group (scenario order), worst first inside a group.
  const firstIndex = new Map<string, number>();
  outcomes.forEach((o, i) => firstIndex.has(reportGroupKey(o)) || firstIndex.set(reportGroupKey(o), i));
  picked.sort((a, b) => firstIndex.get(reportGroupKey(a.o))! - firstIndex.get(reportGroupKey(b.o))! || severity(a.o) - severity(b.o) || a.i - b.i);
  return { total: failing.length, listed: picked.map((p) => p.o), listedPerGroup };
}

function phoneOf(o: ExplainedOutcome): ReportPhone {
  const phone: ReportPhone = {
    name: o.name,
    cluster: o.cluster,
    group: o.group,
    model: o.model,
    status: o.status,
    itl: o.itl ?? null,
    config: o.config ?? null,
    registration: o.registration,
    registered_to: o.registeredTo ?? null,
    itl_signer: o.itlSigner ? { ...o.itlSigner } : null,
    needs_manual_itl_delete: o.needsManualTrustListDelete,
  };
  if (o.ctl) phone.ctl = o.ctl;
  if (o.httpsServices) phone.https_services = o.httpsServices;
  if (o.explanation && o.explanation.length > 0) phone.explanation = [...o.explanation];
  return phone;
}
