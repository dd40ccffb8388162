import { SubscriptionHub } from './catch-up-subscription';
import { AppendResult, EventStore, ReadAllOptions, ReadStreamOptions, RecordedEvent, StoreUnavailableError, StreamAppend, SubscribeOptions, Subscription } from './event-store';
import { JsonInterner } from './json-intern';
import { LogPage, readEventPages, readPages } from './log-pages';
import { StreamFilter } from './stream-filter';

/**
 * What the stores that hold their log in this process share (memory, SQLite): `readAll` and catch-up
 * subscriptions page through the log with the store's own `readPage`, and nothing is served once closed.
 * A store adds how it appends, reads a stream, pages the log and knows a stream's revision.
 */
export abstract class LocalEventStore implements EventStore {
  protected readonly pageSize: number;
  /** Parses what is read back, once per distinct text. */
  protected readonly json = new JsonInterner();
  protected readonly subscriptions: SubscriptionHub;
  protected closed = false;

  constructor(
    /** How the store names itself when closed ("the in-memory event store"). */
    private readonly name: string,
    options: { pageSize?: number; pollIntervalMs?: number },
  ) {
    this.pageSize = options.pageSize ?? 2000;
    const page = (after: number, filter: StreamFilter | undefined, limit: number) => this.readPage(after, filter, limit);
    this.subscriptions = new SubscriptionHub(page, {
      pageSize: this.pageSize,
      // Other processes' commits are seen only by polling, where the store can tell (SQLite).
      ...(options.pollIntervalMs !== undefined ? { poll: { intervalMs: options.pollIntervalMs, otherCommits: () => this.otherCommits() } } : {}),
    });
  }

  abstract append(batch: StreamAppend[]): Promise<AppendResult>;
  abstract readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** One page of the log after a position (and up to `upTo`, when given), filtered; `end` is how far it scanned. */
  protected abstract readPage(after: number, filter: StreamFilter | undefined, limit: number, upTo?: number): LogPage;
  protected abstract revision(stream: string): number | undefined;

  /** Whether another connection committed since the last look (only a shared file can tell). */
  protected otherCommits(): boolean {
    return false;
  }

  /** What closing releases besides the subscriptions (a database handle). */
  protected release(): void {}

  readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    return readPages((after, filter, limit, upTo) => this.readPage(after, filter, limit, upTo), options, this.pageSize);
  }

  readAllPages(options: ReadAllOptions = {}): AsyncIterable<readonly RecordedEvent[]> {
    return readEventPages((after, filter, limit, upTo) => this.readPage(after, filter, limit, upTo), options, this.pageSize);
  }

  async subscribeToAll(options: SubscribeOptions, onEvent: (event: RecordedEvent) => void | Promise<void>): Promise<Subscription> {
    this.assertOpen();
    return this.subscriptions.subscribe(options, onEvent);
  }

  async streamRevision(stream: string): Promise<number | undefined> {
    this.assertOpen();
    return this.revision(stream);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.subscriptions.closeAll();
    this.release();
  }

  protected assertOpen(): void {
    if (this.closed) throw new StoreUnavailableError(`${this.name} is closed`);
  }
}
