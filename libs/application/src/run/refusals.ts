import type { DomainEvent } from '@trustsim/domain';
import type { ExpectationResult } from './expectation-result';
import type { TimelineEntry } from './run-events';

/**
 * What CUCM refused during a run — an upload, a regeneration, a delete, a platform command — with its
 * reason. A refusal is often the point of a rehearsal (`expect: upload: rejected`), but one that nothing
 * expected is a plan that did not do what its author thought: the reports show every refusal under its
 * step and count the unexpected ones as warnings (`run --strict` fails on them).
 */
export interface Refusal {
  /** The step it happened in (0-based; 'install' or 'settle' for background work). */
  step: TimelineEntry['step'];
  node: string;
  /** The event that recorded it (an `events:` expectation on this type covers it). */
  event: string;
  /** What was refused, in words: "upload into tomcat-trust", "regenerate CallManager (RSA 8192, SHA256)". */
  action: string;
  reason: string;
}

export interface ReportedRefusal extends Refusal {
  /** Whether an expectation of the run checked it: `upload: rejected` right after its step, or `events:` on its type. */
  expected: boolean;
}

/** The refusal an event records, if it is one (`node`: the node whose stream it is on). */
export function refusalOf(event: DomainEvent, node: string): Omit<Refusal, 'step'> | undefined {
  const d = event.data as Record<string, string | number>;
  switch (event.type) {
    case 'CertificateUploadRejected':
      return { node, event: event.type, action: `upload into ${d.store}`, reason: String(d.reason) };
    case 'CertRegenerationRefused':
      return { node, event: event.type, action: `regenerate ${d.purpose} (${d.keyLength} bits, ${d.hash})`, reason: String(d.reason) };
    case 'CertificateDeleteRejected':
      return { node, event: event.type, action: `delete ${d.commonName} from ${d.store}`, reason: String(d.reason) };
    case 'PlatformCommandFailed':
      return { node, event: event.type, action: `${d.command}`, reason: String(d.reason) };
    default:
      return undefined;
  }
}

/**
 * Whether the run's expectations checked a refusal: an `events:` expectation on its event type anywhere,
 * or, for an upload, an `upload: rejected` in the expect steps that directly follow its step (the
 * contract: `upload:` looks at the upload step just before it).
 */
export function refusalExpected(refusal: Refusal, expectations: readonly ExpectationResult[], timeline: readonly TimelineEntry[]): boolean {
  if (expectations.some((e) => e.description.startsWith(`events ${refusal.event}:`))) return true;
  if (refusal.event !== 'CertificateUploadRejected' || typeof refusal.step !== 'number') return false;
  const after = refusal.step;
  const kinds = new Map(timeline.filter((t) => typeof t.step === 'number').map((t) => [t.step as number, t.kind]));
  return expectations.some((e) => {
    if (e.step === undefined || e.step <= after || e.description !== 'upload rejected') return false;
    for (let s = after + 1; s < e.step; s++) if (kinds.get(s) !== 'expect') return false;
    return true;
  });
}

export function reportRefusals(refusals: readonly Refusal[], expectations: readonly ExpectationResult[], timeline: readonly TimelineEntry[]): ReportedRefusal[] {
  return refusals.map((r) => ({ ...r, expected: refusalExpected(r, expectations, timeline) }));
}

/** The refusals a run's timeline entries carry, each with its step. */
export function refusalsOfTimeline(timeline: readonly TimelineEntry[]): Refusal[] {
  return timeline.flatMap((t) => (t.refusals ?? []).map((r) => ({ step: t.step, ...r })));
}

/** The refusals no expectation covered: warnings (`run --strict` fails on them). */
export function unexpectedRefusals(refusals: readonly ReportedRefusal[]): ReportedRefusal[] {
  return refusals.filter((r) => !r.expected);
}
