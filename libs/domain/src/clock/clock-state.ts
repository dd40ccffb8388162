import { EventMeta, unreachable } from '../core/event';
import type { ClockEvent, Work } from './clock-events';

export interface ScheduledWork {
  readonly at: number;
  readonly seq: number;
  readonly work: Work;
}

/**
 * The simulated clock: the time (ms since the run's start) and the work waiting on it, in the order it
 * will run — by time, then replication before other work of the same instant (precedence), then by when
 * it was scheduled, so a run is deterministic.
 */
export interface ClockState {
  readonly now: number;
  readonly nextSeq: number;
  readonly pending: readonly ScheduledWork[];
}

export const CLOCK_AT_START: ClockState = Object.freeze({ now: 0, nextSeq: 0, pending: [] });

export function evolveClock(state: ClockState, event: ClockEvent, _meta: EventMeta): ClockState {
  switch (event.type) {
    case 'WorkScheduled': {
      const item: ScheduledWork = { at: event.data.at, seq: event.data.seq, work: event.data.work };
      return { ...state, nextSeq: Math.max(state.nextSeq, item.seq + 1), pending: insert(state.pending, item) };
    }
    case 'WorkStarted': {
      const started = state.pending.find((p) => p.seq === event.data.seq);
      if (!started) return state;
      return { ...state, now: Math.max(state.now, started.at), pending: state.pending.filter((p) => p !== started) };
    }
    case 'WorkCancelled':
      return { ...state, pending: state.pending.filter((p) => p.seq !== event.data.seq) };
    case 'ClockAdvanced':
      return { ...state, now: Math.max(state.now, event.data.to) };
    default:
      return unreachable(event, 'clock event');
  }
}

/**
 * Which work of one instant runs first: trust replication before anything else. A trust certificate
 * uploaded or imported at an instant has reached the other nodes before the phone resets of that
 * instant ask their TVS (assumption trustReplicationDelay, `immediate`), whichever step came first —
 * steps themselves all happen before the background work of their instant [scenario-language].
 */
export function precedence(work: Work): number {
  return work.kind === 'trust-replication' ? 0 : 1;
}

/** Keeps the queue sorted by (at, precedence, seq). */
function insert(pending: readonly ScheduledWork[], item: ScheduledWork): ScheduledWork[] {
  const after = (a: ScheduledWork, b: ScheduledWork) =>
    a.at !== b.at ? a.at > b.at : precedence(a.work) !== precedence(b.work) ? precedence(a.work) > precedence(b.work) : a.seq > b.seq;
  let i = pending.length;
  while (i > 0 && after(pending[i - 1], item)) i--;
  return [...pending.slice(0, i), item, ...pending.slice(i)];
}

/** Periodic work reschedules itself forever: settling the clock must not wait for it. */
export function isPeriodic(work: Work): boolean {
  return work.kind === 'expiry-monitor';
}

/** The next work due at or before `until`, if any. */
export function nextDue(state: ClockState, until: number): ScheduledWork | undefined {
  const first = state.pending[0];
  return first && first.at <= until ? first : undefined;
}

/** Whether work other than periodic work is still waiting. */
export function hasPendingWork(state: ClockState): boolean {
  return state.pending.some((p) => !isPeriodic(p.work));
}

/** The events that schedule work at `at` (never in the past). */
export function schedule(state: ClockState, at: number, work: Work): ClockEvent {
  return { type: 'WorkScheduled', data: { seq: state.nextSeq, at: Math.max(at, state.now), work } };
}

/** The same periodic work: the Certificate Expiry Monitor of the same cluster. */
function samePeriodicWork(a: Work, b: Work): boolean {
  return a.kind === 'expiry-monitor' && b.kind === 'expiry-monitor' && a.cluster === b.cluster;
}

/**
 * Periodic work restarted: its pending run is cancelled and the next one scheduled at `at` (a service
 * restart starts its schedule afresh, e.g. the expiry monitor's "next schedule ... only after 24 hours"
 * [chapter]).
 */
export function restartPeriodic(state: ClockState, at: number, work: Work, reason: string): ClockEvent[] {
  const cancelled: ClockEvent[] = state.pending
    .filter((p) => samePeriodicWork(p.work, work))
    .map((p) => ({ type: 'WorkCancelled', data: { seq: p.seq, kind: p.work.kind, reason } }));
  return [...cancelled, schedule(state, at, work)];
}
