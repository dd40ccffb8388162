/**
 * The event-store port. Every adapter (memory, SQLite, EventStoreDB/KurrentDB) implements it and passes
 * the one contract suite in `event-store.contract.ts`.
 *
 * Revisions are per stream and start at 0. Positions are opaque strings that compare, as plain strings,
 * in the order the store committed the events (an adapter may encode a bigint commit position in them):
 * callers hand them back to `readAll`/`subscribeToAll` or compare them, they never do arithmetic on them.
 */

/** What a writer expects the stream's last revision to be before its append. */
export type ExpectedRevision =
  | number // the stream's last revision must be exactly this
  | 'no_stream' // the stream must not exist yet
  | 'stream_exists'
  | 'any';

export interface EventData {
  /**
   * Stable id (a UUID); one id names one event. As in EventStoreDB, a retried append is recognised by its
   * ids: when the stream already holds these ids, in this order, where the expected revision puts them
   * (anywhere in the stream for 'any' and 'stream_exists'), the append succeeds without writing them
   * again. The local stores (memory, SQLite) reject an id stored anywhere else as reused. Ids that sort
   * in creation order (run prefix + counter, UUIDv7) keep SQLite's id index cheap.
   */
  id: string;
  type: string;
  data: unknown;
  metadata?: Record<string, unknown>;
}

export interface RecordedEvent {
  id: string;
  stream: string;
  revision: number;
  /** Opaque, ordered; see the note above. */
  position: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
}

export interface StreamAppend {
  stream: string;
  expectedRevision: ExpectedRevision;
  events: EventData[];
}

export interface AppendResult {
  /** Next expected revision of every stream written, by stream name. */
  revisions: Record<string, number>;
  /** Position of the last event written. */
  position: string;
}

/**
 * One transaction handed over in parts: the store writes each part as it comes and `commit` stores them
 * all, with a last part, as one transaction — a reader sees all of it or none of it, as with `append`.
 * A stream may appear in several parts; each part's expected revisions count the parts before it. A part
 * that cannot be written fails the unit: `commit` then rejects with that part's error and nothing is
 * stored. `abandon` drops the unit and what was written of it.
 */
export interface AppendUnit {
  part(batch: StreamAppend[]): void;
  commit(batch: StreamAppend[]): Promise<AppendResult>;
  abandon(): void;
}

export interface ReadStreamOptions {
  fromRevision?: number;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Omit to start at the beginning. */
  after?: string;
  /**
   * Inclusive: no event after this position (one the store handed out). Omit to read to the end. A reader
   * that knows where what it wants ends (a complete run) stops there instead of scanning every later event.
   */
  to?: string;
  maxCount?: number;
  /** Only streams whose name starts with this prefix... */
  streamPrefix?: string;
  /** ...or matches this regular expression (source text, as a server would receive it)... */
  streamRegex?: string;
  /**
   * ...or is one of these: a stream named in `names`, or one whose name starts with one of `prefixes`. The
   * streams of one run are a handful of names and a prefix per category; a local store tests that natively
   * per event instead of calling back into a regular expression (a fifth of a 560,000-event fold).
   */
  streams?: StreamSelection;
}

/** Streams named one by one, and families of streams by the prefix of their names (ReadAllOptions.streams). */
export interface StreamSelection {
  names?: readonly string[];
  prefixes?: readonly string[];
}

export interface Subscription {
  close(): Promise<void>;
}

export interface SubscribeOptions {
  after?: string;
  streamRegex?: string;
  /**
   * Called once when the handler throws or the store fails; the subscription has then stopped (the failed
   * event is not delivered again). Without it the error is rethrown as an uncaught exception, so it is
   * never lost.
   */
  onError?: (error: unknown) => void;
}

export interface EventStore {
  /**
   * Appends to every stream of the batch in one transaction: all of it is stored, or none of it.
   * Rejects with `WrongExpectedRevisionError` when a stream is not at its expected revision, and with
   * `AppendFailedError` for any other failure (e.g. data that is not JSON-serializable).
   */
  append(batch: StreamAppend[]): Promise<AppendResult>;
  /**
   * Optional (the SQLite store with a writer thread has it): one append written in parts, so that a writer
   * hands over the first events of a large transaction while it still produces the rest. See AppendUnit.
   */
  beginAppendUnit?(): AppendUnit;
  /** Events of one stream in revision order; an unknown stream reads as empty. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Every event in commit order, streamed page by page. */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  /**
   * Optional (the local stores have it): the same events as `readAll`, a page at a time. A reader that folds
   * hundreds of thousands of events then pays the async iteration once per page instead of once per event
   * (0.2 s of a 560,000-event fold). `readAllInPages` falls back on `readAll` for a store without it.
   */
  readAllPages?(options?: ReadAllOptions): AsyncIterable<readonly RecordedEvent[]>;
  /**
   * Catch-up subscription: first what is stored after `after`, then every new event as it lands, in commit
   * order, each once; an async handler is awaited before the next event. Events arrive from a later turn
   * of the event loop, so the caller holds the `Subscription` before the first one.
   */
  subscribeToAll(
    options: SubscribeOptions,
    onEvent: (event: RecordedEvent) => void | Promise<void>,
  ): Promise<Subscription>;
  /** Last revision of a stream, or undefined when it does not exist. */
  streamRevision(stream: string): Promise<number | undefined>;
  close(): Promise<void>;
}

export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | undefined,
  ) {
    super(
      `stream ${stream}: expected revision ${String(expected)}, but it is ${actual === undefined ? 'absent' : actual}`,
    );
    this.name = 'WrongExpectedRevisionError';
  }
}

/**
 * An append the store could not complete. Local stores and an atomic server store nothing of the batch;
 * a server that cannot append a batch atomically (see the adapter's capabilities) says in the message
 * how much was stored, and a resend of the same batch completes it exactly once.
 */
export class AppendFailedError extends Error {
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'AppendFailedError';
  }
}

/**
 * Another process held the store's write lock for longer than this one waits (a SQLite file shared by two
 * trustsim processes). Nothing of the batch was stored; trying again once the other has finished works.
 */
export class StoreBusyError extends AppendFailedError {
  constructor(
    message: string,
    readonly file: string,
    override readonly cause?: unknown,
  ) {
    super(message, cause);
    this.name = 'StoreBusyError';
  }
}

/** The store cannot be reached or opened (one line for the user: where, and what to check). */
export class StoreUnavailableError extends Error {
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'StoreUnavailableError';
  }
}
