import { FORMER_RESET_WAVE, expiryMonitorDelay, hasPendingWork, nextDue, runExpiryMonitor, toCluster, toNode, type ScheduledWork, type TrustStoreName, type Work } from '@trustsim/domain';
import type { Engine } from './engine';
import type { PhoneFleet } from './phone-fleet';
import { indexesOf, runsOf } from './phone-selection';

/** How long `waitFor`/the end of a run lets background work take before it gives up: a year of simulated time. */
export const SETTLE_LIMIT_MS = 365 * 24 * 3600_000;

/**
 * The simulated clock at work: background work waiting on it (reset batches, automatic waves,
 * replication, the expiry monitor) runs when its time comes, in order, each start recorded on the
 * clock's stream. What each kind of work does is here; when it is due is the clock's state.
 */
export class BackgroundWork {
  constructor(
    private readonly engine: Engine,
    private readonly fleet: PhoneFleet,
  ) {}

  get now(): number {
    return this.engine.states.clock.now;
  }

  /**
   * Runs every work item due up to `until` (inclusive), then sets the clock there. With `maxPending`, stops
   * early once that many events wait to be stored and returns false: the caller stores them and calls
   * again, so a long wait full of periodic work (years of hourly expiry-monitor runs) runs in bounded memory.
   */
  advanceTo(until: number, maxPending = Infinity): boolean {
    for (let due = nextDue(this.engine.states.clock, until); due; due = nextDue(this.engine.states.clock, until)) {
      this.run(due);
      if (this.engine.log.unflushedCount >= maxPending) return false;
    }
    if (this.now < until) this.engine.commitClock({ type: 'ClockAdvanced', data: { to: until } }, until);
    return true;
  }

  /** Runs work until none but periodic work is left (work may schedule more); returns the time it took. */
  settle(limitMs = SETTLE_LIMIT_MS): number {
    const start = this.now;
    while (hasPendingWork(this.engine.states.clock)) {
      const next = this.engine.states.clock.pending[0];
      if (next.at - start > limitMs) throw new Error(`background work (${next.work.kind}) did not settle within ${limitMs} ms`);
      this.run(next);
    }
    return this.now - start;
  }

  /** Schedules work `delay` ms from now. */
  schedule(delay: number, work: Work): void {
    this.engine.execute([{ to: 'clock', delay, work }]);
  }

  /** Resets phones in batches (`interval` apart), one work item per batch. */
  scheduleBatches(indexes: readonly number[], batchSize: number, interval: number, cause: string): void {
    const size = Math.max(1, batchSize);
    for (let i = 0, b = 0; i < indexes.length; i += size, b++) this.schedule(b * interval, { kind: 'phone-resets', phones: runsOf(indexes.slice(i, i + size)), cause });
  }

  private run(item: ScheduledWork): void {
    this.engine.commitClock({ type: 'WorkStarted', data: { seq: item.seq, kind: item.work.kind } }, item.at);
    const work = item.work;
    switch (work.kind) {
      case 'phone-resets':
        return this.fleet.resetBatch(indexesOf(work.phones), work.cause);
      case 'phone-power-on':
        return this.fleet.boot(work.phone, 'power on');
      case 'automatic-resets': {
        // The wave's time has come: the phones the cluster serves reset in batches (automatic-resets.ts).
        this.engine.execute([toCluster(work.cluster, { kind: 'start-reset-wave', cause: work.cause })]);
        const phones = this.fleet.phones.map((_, i) => i).filter((i) => this.fleet.state(i).tftp[0]?.cluster === work.cluster);
        return this.scheduleBatches(phones, work.batchSize ?? FORMER_RESET_WAVE.batchSize, work.intervalMs ?? FORMER_RESET_WAVE.intervalMs, work.cause);
      }
      case 'trust-replication': {
        // Every other node gets the certificate; a node that is off does not [SCN].
        const world = this.engine.view();
        const certificate = this.engine.artefacts.certificate(work.certificate);
        const others = world.nodes(work.cluster).filter((n) => n.name !== work.node);
        return this.engine.execute(others.map((n) => toNode(work.cluster, n.name, { kind: 'replicate-trust', store: work.store as TrustStoreName, certificate, from: work.node })));
      }
      case 'expiry-monitor': {
        const world = this.engine.view();
        return this.engine.execute(runExpiryMonitor(work.cluster, expiryMonitorDelay(world.cluster(work.cluster), world)));
      }
    }
  }
}
