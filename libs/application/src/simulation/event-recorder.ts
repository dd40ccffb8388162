import { EventData, EventStore, StreamAppend } from '@trustsim/event-store';

/**
 * Collects the events of one simulation step and appends them in one transaction. Stream names follow
 * EventStoreDB's category convention: `<category>-<runId>.<id>` with dash-free categories, so the run id
 * keeps runs apart and `$ce-phone` still groups every phone. Event ids are derived from the run id and
 * a counter, so a retried append is idempotent.
 */
export class EventRecorder {
  private pending = new Map<string, EventData[]>();
  private revisions = new Map<string, number>();
  private counter = 0;
  /** Events appended so far (for figures). */
  appended = 0;
  /** Events recorded so far, by type (for `expect: events`). */
  readonly countsByType = new Map<string, number>();
  /** Every event of the run in append order, kept only when asked (tests, determinism checks). */
  readonly log: { stream: string; type: string; data: unknown; metadata: Record<string, unknown> }[] | undefined;

  private readonly keep?: (stream: string) => boolean;

  /** `keepLog`: true keeps every event, a predicate keeps the events of the streams it accepts. */
  constructor(
    private readonly store: EventStore,
    readonly runId: string,
    keepLog: boolean | ((stream: string) => boolean) = false,
  ) {
    this.log = keepLog ? [] : undefined;
    if (typeof keepLog === 'function') this.keep = keepLog;
  }

  stream(category: string, id: string): string {
    return `${category}-${this.runId}.${id}`;
  }

  record(stream: string, type: string, data: unknown, metadata: Record<string, unknown>): void {
    let list = this.pending.get(stream);
    if (!list) this.pending.set(stream, (list = []));
    list.push({ id: this.nextId(), type, data, metadata });
    this.countsByType.set(type, (this.countsByType.get(type) ?? 0) + 1);
    if (this.log && (!this.keep || this.keep(stream))) this.log.push({ stream: stream.replace(this.runId, '<run>'), type, data, metadata });
  }

  get pendingCount(): number {
    let n = 0;
    for (const list of this.pending.values()) n += list.length;
    return n;
  }

  /** Appends everything recorded since the last flush, all streams in one transaction. */
  async flush(): Promise<number> {
    if (this.pending.size === 0) return 0;
    const batch: StreamAppend[] = [];
    for (const [stream, events] of this.pending) {
      const last = this.revisions.get(stream);
      batch.push({ stream, expectedRevision: last === undefined ? 'no_stream' : last, events });
    }
    const count = this.pendingCount;
    await this.store.append(batch);
    for (const { stream, events } of batch) {
      this.revisions.set(stream, (this.revisions.get(stream) ?? -1) + events.length);
    }
    this.pending = new Map();
    this.appended += count;
    return count;
  }

  private nextId(): string {
    const c = (this.counter++).toString(16).padStart(18, '0');
    const r = this.runId.padEnd(12, '0');
    return `${r.slice(0, 8)}-${r.slice(8, 12)}-4${c.slice(0, 3)}-8${c.slice(3, 6)}-${c.slice(6, 18)}`;
  }
}
