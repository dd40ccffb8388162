import { EventData, EventStore, StreamAppend } from '@trustsim/event-store';

/** One logged event, as tests and determinism checks keep it (the run id blanked). */
export interface LoggedEvent {
  stream: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
}

/**
 * The write side of a run's event log: events are recorded as they are decided (and folded at once by
 * the engine), and each step's events are appended in one transaction, every stream at the revision the
 * run has tracked for it — the aggregate's version — so a store that holds anything else for it refuses
 * the step. The run's own stream goes last in each batch: its StepCompleted marks the end of the step in
 * the log. Event ids derive from the run id and a counter, so a retried append is recognised.
 */
export class RunLog {
  private pending = new Map<string, EventData[]>();
  private readonly versions = new Map<string, number>();
  private counter = 0;
  /** Events appended so far. */
  appended = 0;
  /** Events recorded so far, by type (`expect: events`). */
  readonly countsByType = new Map<string, number>();
  /** Every event of the run in append order, when asked (tests, determinism checks, explanations). */
  readonly log: LoggedEvent[] | undefined;
  private readonly keep?: (stream: string) => boolean;

  constructor(
    private readonly store: EventStore,
    readonly runId: string,
    keepLog: boolean | ((stream: string) => boolean) = false,
  ) {
    this.log = keepLog ? [] : undefined;
    if (typeof keepLog === 'function') this.keep = keepLog;
  }

  record(stream: string, type: string, data: unknown, metadata: Record<string, unknown>): void {
    let list = this.pending.get(stream);
    if (!list) this.pending.set(stream, (list = []));
    list.push({ id: this.nextId(), type, data, metadata });
    this.countsByType.set(type, (this.countsByType.get(type) ?? 0) + 1);
  }

  get pendingCount(): number {
    let n = 0;
    for (const list of this.pending.values()) n += list.length;
    return n;
  }

  /** The pending events in the order they will be committed (the run's stream last). */
  *pendingInCommitOrder(): Iterable<{ stream: string; event: EventData }> {
    for (const [stream, events] of this.ordered()) for (const event of events) yield { stream, event };
  }

  /** Appends everything recorded since the last flush, all streams in one transaction, each at its tracked version. */
  async flush(): Promise<number> {
    if (this.pending.size === 0) return 0;
    const batch: StreamAppend[] = this.ordered().map(([stream, events]) => {
      const version = this.versions.get(stream);
      return { stream, expectedRevision: version === undefined ? 'no_stream' : version - 1, events };
    });
    const count = this.pendingCount;
    await this.store.append(batch);
    for (const { stream, events } of batch) {
      this.versions.set(stream, (this.versions.get(stream) ?? 0) + events.length);
      if (this.log && (!this.keep || this.keep(stream))) {
        const named = stream.replace(this.runId, '<run>');
        for (const e of events) this.log.push({ stream: named, type: e.type, data: e.data, metadata: e.metadata! });
      }
    }
    this.pending = new Map();
    this.appended += count;
    return count;
  }

  /** Forgets what was recorded since the last flush (a step that failed: nothing of it is stored). */
  discard(): void {
    this.pending = new Map();
  }

  private ordered(): [string, EventData[]][] {
    const run = `run-${this.runId}`;
    const entries = [...this.pending].filter(([stream]) => stream !== run);
    const own = this.pending.get(run);
    return own ? [...entries, [run, own]] : entries;
  }

  private nextId(): string {
    const c = (this.counter++).toString(16).padStart(18, '0');
    const r = this.runId.padEnd(12, '0');
    return `${r.slice(0, 8)}-${r.slice(8, 12)}-4${c.slice(0, 3)}-8${c.slice(3, 6)}-${c.slice(6, 18)}`;
  }
}
