import { appendResult, asAppendFailure, BatchTarget, prepareBatch, StoredId, writeBatch } from './append-batch';
import { AppendResult, ReadStreamOptions, RecordedEvent, StreamAppend } from './event-store';
import { LocalEventStore } from './local-event-store';
import { LogPage } from './log-pages';
import { encodePosition } from './position';
import { StoredEvent, toRecordedEvent } from './stored-event';
import { matchesStream, StreamFilter } from './stream-filter';

export interface MemoryEventStoreOptions {
  /** Events per page of `readAll` and of subscriptions catching up. */
  pageSize?: number;
}

/** The event store in this process's memory: for tests and `--store memory:`. Nothing survives `close`. */
export class MemoryEventStore extends LocalEventStore {
  /** Every event in commit order: the event at position p is `log[p - 1]`. */
  private readonly log: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly byId = new Map<string, StoredEvent>();

  constructor(options: MemoryEventStoreOptions = {}) {
    super('the in-memory event store', { pageSize: options.pageSize });
  }

  async append(batch: StreamAppend[]): Promise<AppendResult> {
    this.assertOpen();
    const committed = this.log.length;
    let lastPosition: number | undefined;
    let revisions: number[];
    try {
      ({ revisions, lastPosition } = writeBatch(prepareBatch(batch), this.target));
    } catch (error) {
      this.rollBackTo(committed);
      throw asAppendFailure(error);
    }
    if (this.log.length > committed) this.subscriptions.notify();
    return appendResult(batch.map((append) => append.stream), revisions, encodePosition(lastPosition ?? this.log.length));
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const from = Math.max(0, options.fromRevision ?? 0);
    const to = options.maxCount === undefined ? undefined : from + Math.max(0, options.maxCount);
    // Revision r of a stream is its event at index r.
    return (this.streams.get(stream) ?? []).slice(from, to).map((e) => toRecordedEvent(e, this.json));
  }

  private readonly target: BatchTarget = {
    revision: (stream) => this.revision(stream),
    locate: (id): StoredId | undefined => this.byId.get(id),
    ids: (stream, from, count) => (this.streams.get(stream) ?? []).slice(from, from + count).map((event) => event.id),
    insert: (stream, revision, event) => {
      if (this.byId.has(event.id)) return undefined;
      const stored: StoredEvent = { position: this.log.length + 1, stream, revision, ...event };
      this.log.push(stored);
      this.byId.set(stored.id, stored);
      const events = this.streams.get(stream);
      if (events) events.push(stored);
      else this.streams.set(stream, [stored]);
      return stored.position;
    },
  };

  /** Undoes a failed batch: everything after the first `length` events of the log goes. */
  private rollBackTo(length: number): void {
    while (this.log.length > length) {
      const stored = this.log.pop()!;
      this.byId.delete(stored.id);
      const events = this.streams.get(stored.stream)!;
      events.pop();
      if (events.length === 0) this.streams.delete(stored.stream);
    }
  }

  protected revision(stream: string): number | undefined {
    const events = this.streams.get(stream);
    return events ? events.length - 1 : undefined;
  }

  protected readPage(after: number, filter: StreamFilter | undefined, limit: number, upTo = Number.POSITIVE_INFINITY): LogPage {
    this.assertOpen();
    const events: RecordedEvent[] = [];
    const end = Math.min(this.log.length, upTo);
    let next = after;
    while (next < end && events.length < limit) {
      const stored = this.log[next++];
      if (matchesStream(filter, stored.stream)) events.push(toRecordedEvent(stored, this.json));
    }
    return { events, end: next };
  }
}
