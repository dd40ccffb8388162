/**
 * The simulated clock and the background work waiting on it (phone reset batches, automatic reset
 * waves, replication). Jobs at the same instant run in the order they were scheduled, so a run is
 * deterministic. Jobs are data, not closures, so the work still pending after a step can be stored
 * with the step's checkpoint and picked up again by a fork.
 */
export interface ScheduledJob<J> {
  at: number;
  seq: number;
  job: J;
}

export class Scheduler<J extends { kind: string }> {
  private jobs: ScheduledJob<J>[] = [];
  private seq = 0;
  now = 0;

  constructor(
    private readonly run: (job: J) => void,
    /** Work that reschedules itself for ever (a monitor): `settle` does not wait for it. */
    private readonly periodic: (job: J) => boolean = () => false,
  ) {}

  schedule(at: number, job: J): void {
    this.insert({ at: Math.max(at, this.now), seq: this.seq++, job });
  }

  get pending(): number {
    return this.jobs.length;
  }

  /** The work still waiting, in the order it will run (for checkpoints). */
  pendingJobs(): readonly ScheduledJob<J>[] {
    return this.jobs;
  }

  /** Puts the clock and the pending work back as a checkpoint recorded them. */
  restore(now: number, nextSeq: number, jobs: ScheduledJob<J>[]): void {
    this.now = now;
    this.seq = nextSeq;
    this.jobs = [];
    for (const job of jobs) this.insert(job);
  }

  get nextSeq(): number {
    return this.seq;
  }

  /** Runs every job due up to `until` (inclusive), then sets the clock there. */
  advanceTo(until: number): void {
    while (this.jobs.length && this.jobs[0].at <= until) this.runNext();
    this.now = Math.max(this.now, until);
  }

  /** Runs jobs until no non-periodic one is left (jobs may schedule more); returns the time it took. */
  settle(limitMs = 365 * 24 * 3600_000): number {
    const start = this.now;
    while (this.jobs.some((j) => !this.periodic(j.job))) {
      if (this.jobs[0].at - start > limitMs) throw new Error(`background work (${this.jobs[0].job.kind}) did not settle within ${limitMs} ms`);
      this.runNext();
    }
    return this.now - start;
  }

  /** Insertion keeps the queue sorted by (at, seq); queues stay short (batches, not phones). */
  private insert(job: ScheduledJob<J>): void {
    let i = this.jobs.length;
    while (i > 0 && (this.jobs[i - 1].at > job.at || (this.jobs[i - 1].at === job.at && this.jobs[i - 1].seq > job.seq))) i--;
    this.jobs.splice(i, 0, job);
  }

  private runNext(): void {
    const next = this.jobs.shift()!;
    this.now = Math.max(this.now, next.at);
    this.run(next.job);
  }
}
