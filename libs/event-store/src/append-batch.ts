import {
  AppendFailedError,
  AppendResult,
  ExpectedRevision,
  StreamAppend,
  WrongExpectedRevisionError,
} from './event-store';
import { errorMessage, JsonOfSharedObjects, SerializedEvent, serializeEvent } from './stored-event';

/**
 * The append rules of the local stores (memory, SQLite), run inside the store's own transaction:
 * expected revisions and EventStoreDB-style idempotent retries. The store provides the storage as a
 * `BatchTarget` and undoes the whole batch when `writeBatch` throws.
 */
export interface BatchTarget {
  /** The stream's last revision as this transaction sees it, or undefined when it has no events. */
  revision(stream: string): number | undefined;
  /** Where an event id is stored, this transaction's own writes included. */
  locate(id: string): StoredId | undefined;
  /** Ids of up to `count` events of the stream, from revision `from` on, in revision order. */
  ids(stream: string, from: number, count: number): string[];
  /** Stores one event and returns its position, or undefined (storing nothing) when its id is taken. */
  insert(stream: string, revision: number, event: SerializedEvent): number | undefined;
}

export interface StoredId {
  readonly stream: string;
  readonly revision: number;
  readonly position: number;
}

export interface BatchOutcome {
  /**
   * Each append's stream's last revision after it, in batch order (-1: the stream has no events). Numbers,
   * not a record by stream name: the writer thread sends them back as they are, and the store pairs them
   * with the streams it already has (`appendResult`).
   */
  readonly revisions: number[];
  /** Position of the last event written, or of the last one found already stored by a retry. */
  readonly lastPosition: number | undefined;
}

interface StreamOutcome {
  readonly revision: number | undefined;
  readonly lastPosition: number | undefined;
}

/** An append checked and serialized, ready for a store's transaction (it may cross to a writer thread as it is). */
export interface PreparedAppend {
  readonly stream: string;
  readonly expectedRevision: ExpectedRevision;
  readonly events: readonly SerializedEvent[];
}

/**
 * Checks every append of a batch and serializes its events, before any transaction: a batch that cannot be
 * stored fails whole, naming the stream and the event, and the store is never touched. The JSON of objects
 * that events of a batch share (metadata, and the data of phones in the same situation) is made once per object.
 */
export function prepareBatch(batch: readonly StreamAppend[]): PreparedAppend[] {
  const shared = new JsonOfSharedObjects();
  return batch.map((append) => {
    checkAppend(append);
    const { stream, expectedRevision, events } = append;
    const serialized = new Array<SerializedEvent>(events.length);
    // The hot loop of a large batch: plain indexing, no per-event allocation beyond the JSON.
    for (let index = 0; index < events.length; index++) serialized[index] = serializeEvent(events[index], stream, shared);
    return { stream, expectedRevision, events: serialized };
  });
}

/** Writes the appends in order; `batch` is iterated once (the writer thread decodes it on the way). */
export function writeBatch(batch: Iterable<PreparedAppend>, target: BatchTarget): BatchOutcome {
  const revisions: number[] = [];
  let lastPosition: number | undefined;
  for (const append of batch) {
    const outcome = writeStream(append, target);
    revisions.push(outcome.revision ?? -1);
    if (outcome.lastPosition !== undefined) lastPosition = Math.max(lastPosition ?? 0, outcome.lastPosition);
  }
  return { revisions, lastPosition };
}

/**
 * The result of a batch whose appends named `streams` and ended at `revisions` (BatchOutcome). The record
 * by stream name is built when first read: 40,000 names are some 50 ms of a step, and the engine never
 * reads them.
 */
export function appendResult(streams: readonly string[], revisions: readonly number[], position: string): AppendResult {
  return lazyAppendResult(position, () => {
    const last = new Map<string, number>();
    for (let index = 0; index < streams.length; index++) if (revisions[index] >= 0) last.set(streams[index], revisions[index]);
    return last;
  });
}

/** An AppendResult whose record of revisions is made from `revisions` when first read, then kept. */
export function lazyAppendResult(position: string, revisions: () => ReadonlyMap<string, number>): AppendResult {
  const result = { position } as AppendResult;
  Object.defineProperty(result, 'revisions', {
    enumerable: true,
    configurable: true,
    get(this: AppendResult) {
      // From a Map, not an object literal, so that a stream called "__proto__" is just a name.
      const value = Object.fromEntries(revisions());
      Object.defineProperty(this, 'revisions', { value, enumerable: true, configurable: true, writable: true });
      return value;
    },
  });
  return result;
}

/** The error an append rejects with when something other than a revision conflict stopped it. */
export function asAppendFailure(error: unknown): Error {
  if (error instanceof WrongExpectedRevisionError || error instanceof AppendFailedError) return error;
  return new AppendFailedError(`append failed, nothing of the batch was stored: ${errorMessage(error)}`, error);
}

function writeStream(append: PreparedAppend, target: BatchTarget): StreamOutcome {
  const { stream, expectedRevision, events } = append;
  const current = target.revision(stream);
  if (!satisfies(expectedRevision, current)) {
    const earlier = earlierAppend(append, target);
    if (earlier) return earlier;
    throw new WrongExpectedRevisionError(stream, expectedRevision, current);
  }
  let revision = current ?? -1;
  let lastPosition: number | undefined;
  for (let index = 0; index < events.length; index++) {
    const position = target.insert(stream, revision + 1, events[index]);
    if (position === undefined) {
      // A taken id is fine only as the first event of a complete retry; the id lookup this needs
      // happens here, on the rare path, instead of once per stream on every append.
      const earlier = index === 0 ? earlierAppend(append, target) : undefined;
      if (earlier) return earlier;
      throw reusedId(stream, events[index].id, target.locate(events[index].id)!);
    }
    revision += 1;
    lastPosition = position;
  }
  return { revision: revision >= 0 ? revision : undefined, lastPosition };
}

/**
 * The outcome of an earlier append of exactly these events, when this one retries it; undefined when
 * none of its ids is stored. Throws when its first id is stored somewhere a retry cannot put it, or
 * the ids after it differ: an id was reused for a different event.
 */
function earlierAppend({ stream, expectedRevision, events }: PreparedAppend, target: BatchTarget): StreamOutcome | undefined {
  if (events.length === 0) return undefined;
  const first = target.locate(events[0].id);
  if (first === undefined) return undefined;
  const start = retryStart(expectedRevision);
  if (first.stream !== stream || (start !== undefined && first.revision !== start)) {
    throw reusedId(stream, events[0].id, first);
  }
  const stored = target.ids(stream, first.revision, events.length);
  const same = stored.length === events.length && stored.every((id, index) => id === events[index].id);
  if (!same) throw reusedId(stream, events[0].id, first, 'but the events after it differ');
  const revision = first.revision + events.length - 1;
  return { revision, lastPosition: target.locate(events[events.length - 1].id)!.position };
}

/** Where a retry must find its first event: right after the expected revision, when that names one. */
export function retryStart(expected: ExpectedRevision): number | undefined {
  if (expected === 'no_stream') return 0;
  return typeof expected === 'number' ? expected + 1 : undefined;
}

/** Whether a stream at `current` (undefined: none) meets an append's expected revision. */
export function satisfies(expected: ExpectedRevision, current: number | undefined): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current === undefined;
    case 'stream_exists':
      return current !== undefined;
    default:
      return current === expected;
  }
}

export function checkAppend({ stream, expectedRevision, events }: StreamAppend): void {
  if (typeof stream !== 'string' || stream === '') throw new AppendFailedError('a stream name must be a non-empty string');
  const valid =
    expectedRevision === 'any' ||
    expectedRevision === 'no_stream' ||
    expectedRevision === 'stream_exists' ||
    (Number.isSafeInteger(expectedRevision) && expectedRevision >= 0);
  if (!valid) throw new AppendFailedError(`stream ${stream}: invalid expected revision ${String(expectedRevision)}`);
  if (!Array.isArray(events)) throw new AppendFailedError(`stream ${stream}: events must be an array`);
}

function reusedId(stream: string, id: string, stored: StoredId, detail = ''): AppendFailedError {
  const where = `stream ${stored.stream} at revision ${stored.revision}${detail ? `, ${detail}` : ''}`;
  return new AppendFailedError(
    `stream ${stream}: event id ${id} is already stored in ${where}; ` +
      'an id names one event, so a retry must repeat the same events where the expected revision puts them',
  );
}
