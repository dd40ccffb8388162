/**
 * The simulated clock and the background work waiting on it (phone reset batches, automatic reset
 * waves). Jobs at the same instant run in the order they were scheduled, so a run is deterministic.
 */
interface Job {
  at: number;
  seq: number;
  /** Work that must finish before the cluster is "settled" (waitFor settled). */
  label: string;
  run: () => void;
}

export class Scheduler {
  private jobs: Job[] = [];
  private seq = 0;
  now = 0;

  schedule(at: number, label: string, run: () => void): void {
    const job = { at: Math.max(at, this.now), seq: this.seq++, label, run };
    // Insertion keeps the queue sorted by (at, seq); queues stay short (batches, not phones).
    let i = this.jobs.length;
    while (i > 0 && (this.jobs[i - 1].at > job.at || (this.jobs[i - 1].at === job.at && this.jobs[i - 1].seq > job.seq))) i--;
    this.jobs.splice(i, 0, job);
  }

  get pending(): number {
    return this.jobs.length;
  }

  /** Runs every job due up to `until` (inclusive), then sets the clock there. */
  advanceTo(until: number): void {
    while (this.jobs.length && this.jobs[0].at <= until) this.runNext();
    this.now = Math.max(this.now, until);
  }

  /** Runs jobs until none is left (jobs may schedule more); returns the time it took. */
  settle(limitMs = 365 * 24 * 3600_000): number {
    const start = this.now;
    while (this.jobs.length) {
      if (this.jobs[0].at - start > limitMs) throw new Error(`background work did not settle within ${limitMs} ms`);
      this.runNext();
    }
    return this.now - start;
  }

  private runNext(): void {
    const job = this.jobs.shift()!;
    this.now = Math.max(this.now, job.at);
    job.run();
  }
}
