import type { AllStreamResolvedEvent, ResolvedEvent } from '@kurrent/kurrentdb-client';
import {
  AppendFailedError,
  AppendResult,
  EventStore,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StoreUnavailableError,
  StreamAppend,
  SubscribeOptions,
  Subscription,
  WrongExpectedRevisionError,
} from './event-store';
import {
  Chunk,
  fromCurrentState,
  planChunks,
  PreparedAppend,
  PreparedEvent,
  prepareBatch,
  retryStart,
  satisfies,
  toStreamState,
} from './kurrentdb-append-plan';
import { KurrentDbConnection, ServerFeatures } from './kurrentdb-client';
import { isErrorType, isUnavailable } from './kurrentdb-errors';
import { isSystemStream, LivePiece, positionOf, revisionAfter, serverFilter, toAppendRequest, toClientEvent, toRecordedEvent } from './kurrentdb-events';
import { KurrentSubscription, rethrowUncaught } from './kurrentdb-subscription';
import { KurrentDbTarget, unavailableMessage } from './kurrentdb-connection';
import { compareKurrentPositions, decodeKurrentPosition, encodeKurrentPosition } from './kurrentdb-position';
import { errorMessage } from './stored-event';
import { streamFilter } from './stream-filter';

/** The server's default maximum append size (`MaxAppendSize`, 1 MiB). */
export const KURRENTDB_DEFAULT_MAX_APPEND_BYTES = 1024 * 1024;
/** How long `openKurrentDbEventStore` waits for the server before it reports it unreachable. */
export const KURRENTDB_DEFAULT_PROBE_TIMEOUT_MS = 3000;

export interface KurrentDbEventStoreOptions {
  /**
   * The most bytes the adapter sends in one append call. Keep it at or below the server's
   * `MaxAppendSize` (1 MiB unless `KURRENTDB_MAX_APPEND_SIZE` raises it): a batch above it is split.
   */
  maxAppendBytes?: number;
  /** How long opening waits for the server to answer (ms). */
  probeTimeoutMs?: number;
  /** Tests: a stand-in for the client instead of a connection to the URL's server. */
  connection?: KurrentDbConnection;
}

/** What this store can promise, which depends on the server it talks to. */
export interface KurrentDbCapabilities {
  readonly serverVersion: string;
  /**
   * True when the server takes multi-stream appends (KurrentDB 25.1+): a batch within `maxAppendBytes` is
   * then written all-or-nothing, like the local stores. False on older servers (EventStoreDB 20.x–24.x,
   * KurrentDB 25.0): a batch is written stream by stream in batch order, each stream's append atomic on its
   * own, and a failure leaves the streams before it written. See `append`.
   */
  readonly atomicBatches: boolean;
  readonly maxAppendBytes: number;
}

/**
 * The event store on an EventStoreDB (20.x+) or KurrentDB server, through `@kurrent/kurrentdb-client`.
 *
 * - Streams keep the names they are given: the simulator's `<category>-<runId>.<id>` names feed the
 *   server's `$ce-<category>` and `$et-<type>` projections as they are. Events are JSON (data and metadata),
 *   so projections and the admin UI read them.
 * - Reads and subscriptions leave out the server's own streams (names starting with `$`: projections'
 *   links and state, statistics), which the local stores do not have either.
 * - Positions are `$all` positions (commit, prepare) encoded as ordered strings (`kurrentdb-position.ts`).
 * - Retries are idempotent: a batch sent again with the same event ids is recognised, by the server and,
 *   should it not recognise one (a multi-stream append, a stream that moved on), by the adapter reading the
 *   stream where the expected revision puts the events.
 */
export class KurrentDbEventStore implements EventStore {
  private closed = false;
  private multiStream: boolean;
  private readonly subscriptions = new Set<KurrentSubscription>();
  private readonly maxAppendBytes: number;

  constructor(
    private readonly connection: KurrentDbConnection,
    readonly target: KurrentDbTarget,
    private readonly features: ServerFeatures,
    options: KurrentDbEventStoreOptions = {},
  ) {
    this.multiStream = features.multiStreamAppend;
    this.maxAppendBytes = options.maxAppendBytes ?? KURRENTDB_DEFAULT_MAX_APPEND_BYTES;
  }

  get capabilities(): KurrentDbCapabilities {
    return { serverVersion: this.features.version, atomicBatches: this.multiStream, maxAppendBytes: this.maxAppendBytes };
  }

  /**
   * Every event of the batch is checked (ids, JSON) before anything is sent, so a bad event stores nothing.
   * Then:
   * - A batch of one stream within `maxAppendBytes` is one append: all or nothing.
   * - A batch of several streams within `maxAppendBytes` is one multi-stream append on KurrentDB 25.1+:
   *   all or nothing. On older servers it is appended stream by stream, in batch order; a conflict or an
   *   outage then leaves the streams before it written (`capabilities.atomicBatches` is false).
   * - A larger batch cannot be atomic on any server (the server refuses appends above its maximum size):
   *   it is cut into consecutive appends under the limit, each all-or-nothing, streams kept whole when they
   *   fit, and the pieces of a longer stream pinned to the exact revision the previous piece left, so
   *   nothing else can slip in between unnoticed. A failure leaves the earlier appends written.
   * In every case sending the same batch again (same ids, same expected revisions) completes it exactly
   * once: what is already stored is recognised, the rest is written. A conflict rejects with
   * `WrongExpectedRevisionError`, a lost server with `StoreUnavailableError`, anything else with
   * `AppendFailedError` (saying how much of the batch was stored when that is not nothing).
   */
  async append(batch: StreamAppend[]): Promise<AppendResult> {
    this.assertOpen();
    const appends = prepareBatch(batch);
    const last: (number | undefined)[] = appends.map(() => undefined);

    // Appends without events only check their expectation, as in the local stores.
    for (const [index, { stream, expected, events }] of appends.entries()) {
      if (events.length > 0) continue;
      const current = await this.call('append', () => this.revisionOf(stream));
      if (!satisfies(expected, current)) throw new WrongExpectedRevisionError(stream, expected, current);
      last[index] = current;
    }

    const chunks = planChunks(
      appends.map(({ stream, events }) => ({ stream, sizes: events.map((event) => event.bytes) })),
      { maxBytes: this.maxAppendBytes, multiStream: this.multiStream },
    );
    for (const [index, chunk] of chunks.entries()) {
      try {
        await this.writeChunk(chunk, appends, last);
      } catch (error) {
        throw this.appendFailure(error, index, chunks.length);
      }
    }

    const revisions = new Map<string, number>();
    appends.forEach(({ stream }, index) => {
      if (last[index] !== undefined) revisions.set(stream, last[index]);
    });
    const position = await this.call('append', () => this.lastPosition(appends, last));
    return { revisions: Object.fromEntries(revisions), position };
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const from = Math.max(0, options.fromRevision ?? 0);
    if (options.maxCount !== undefined && options.maxCount <= 0) return [];
    const events = await this.call('read', () => this.readRaw(stream, from, options.maxCount));
    return events.map((resolved) => toRecordedEvent(resolved.event!, positionOf(resolved)));
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    return this.readAllEvents(options);
  }

  async subscribeToAll(options: SubscribeOptions, onEvent: (event: RecordedEvent) => void | Promise<void>): Promise<Subscription> {
    this.assertOpen();
    const filter = streamFilter({ streamRegex: options.streamRegex });
    const after = options.after === undefined ? undefined : decodeKurrentPosition(options.after);
    const source = this.connection.subscribeToAll({ fromPosition: after ?? 'start', filter: serverFilter(filter), resolveLinkTos: false });
    const subscription = new KurrentSubscription(
      source,
      after,
      onEvent,
      options.onError ?? rethrowUncaught,
      (error) => this.failure('subscription', error),
      () => this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async streamRevision(stream: string): Promise<number | undefined> {
    this.assertOpen();
    return this.call('read', () => this.revisionOf(stream));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    // Without this the client's channels keep the process (and jest) alive.
    await this.connection.dispose().catch(() => undefined);
  }

  // -------------------------------------------------------------------------------------------------
  // Appending

  /** Writes one chunk: one single-stream append, or one multi-stream append of distinct streams. */
  private async writeChunk(chunk: Chunk, appends: readonly PreparedAppend[], last: (number | undefined)[]): Promise<void> {
    const pieces = chunk.pieces.map(({ append, from, to }): LivePiece => {
      const { stream, expected, events } = appends[append];
      // A later piece of a split stream must land exactly after the piece before it.
      const pinned = from === 0 ? expected : last[append];
      if (pinned === undefined) throw new AppendFailedError(`stream ${stream}: the previous part of its events left no revision`);
      return { append, stream, expected: pinned, events: events.slice(from, to) };
    });
    if (pieces.length > 1 && this.multiStream) {
      try {
        const result = await this.connection.multiStreamAppend(pieces.map(toAppendRequest));
        const revisions = new Map(result.responses.map(({ streamName, revision }) => [streamName, Number(revision)]));
        for (const piece of pieces) last[piece.append] = revisionAfter(piece, revisions.get(piece.stream));
        return;
      } catch (error) {
        if (isErrorType(error, 'wrong-expected-version')) return this.settleConflict(pieces, error, last);
        if (!isErrorType(error, 'unsupported')) throw error;
        // The server does not take multi-stream appends after all: say so, and go stream by stream.
        this.multiStream = false;
      }
    }
    for (const piece of pieces) {
      try {
        const result = await this.connection.appendToStream(
          piece.stream,
          piece.events.map((event) => toClientEvent(event, { stringValuesOnly: false })),
          { streamState: toStreamState(piece.expected) },
        );
        last[piece.append] = revisionAfter(piece, Number(result.nextExpectedRevision));
      } catch (error) {
        if (!isErrorType(error, 'wrong-expected-version')) throw error;
        await this.settleConflict([piece], error, last);
      }
    }
  }

  /**
   * A conflict is a retry when every piece's events are already stored where its expectation puts them:
   * then the call succeeded before (the server may not say so for multi-stream appends) and counts as done.
   * Otherwise it is a real conflict.
   */
  private async settleConflict(pieces: readonly LivePiece[], error: unknown, last: (number | undefined)[]): Promise<void> {
    const found = await Promise.all(pieces.map((piece) => this.findStored(piece.stream, piece.expected, piece.events)));
    if (found.every((revision) => revision !== undefined)) {
      pieces.forEach((piece, index) => (last[piece.append] = found[index]));
      return;
    }
    const named = (error as { streamName?: unknown }).streamName;
    const piece = pieces.find(({ stream }) => stream === named) ?? pieces.find((_, index) => found[index] === undefined)!;
    const reported = (error as { actualState?: unknown }).actualState;
    const actual =
      piece.stream === named && (typeof reported === 'bigint' || reported === 'no_stream')
        ? fromCurrentState(reported)
        : await this.revisionOf(piece.stream);
    throw new WrongExpectedRevisionError(piece.stream, piece.expected, actual);
  }

  /** Revision of the last of `events` when they are stored, in order, where `expected` puts them. */
  private async findStored(stream: string, expected: ExpectedRevision, events: readonly PreparedEvent[]): Promise<number | undefined> {
    if (events.length === 0) return undefined;
    const start = retryStart(expected);
    if (start !== undefined) {
      const stored = await this.readRaw(stream, start, events.length);
      const same = stored.length === events.length && stored.every((resolved, index) => resolved.event!.id === events[index].id);
      return same ? start + events.length - 1 : undefined;
    }
    // 'any' and 'stream_exists' put no bound on where: look through the stream (rare: conflicts only).
    const stored = await this.readRaw(stream, 0, undefined);
    for (let index = 0; index + events.length <= stored.length; index++) {
      if (events.every((event, offset) => stored[index + offset].event!.id === event.id)) {
        return Number(stored[index + events.length - 1].event!.revision);
      }
    }
    return undefined;
  }

  /** Position of the batch's last event, read back so that it is exactly what `readAll` reports for it. */
  private async lastPosition(appends: readonly PreparedAppend[], last: readonly (number | undefined)[]): Promise<string> {
    for (let index = appends.length - 1; index >= 0; index--) {
      const { stream, events } = appends[index];
      const revision = last[index];
      if (events.length === 0 || revision === undefined) continue;
      const id = events[events.length - 1].id;
      const [resolved] = await this.readRaw(stream, revision, 1);
      if (resolved?.event?.id === id) return encodeKurrentPosition(positionOf(resolved));
      const all = await this.readRaw(stream, 0, undefined);
      const found = all.find((candidate) => candidate.event?.id === id);
      if (found) return encodeKurrentPosition(positionOf(found));
      throw new AppendFailedError(`stream ${stream}: event ${id} was appended but cannot be read back`);
    }
    // Nothing written: the head of the log, as the local stores answer.
    for await (const resolved of this.connection.readAll({ direction: 'backwards', fromPosition: 'end', maxCount: 1 })) {
      return encodeKurrentPosition(positionOf(resolved));
    }
    return encodeKurrentPosition({ commit: 0n, prepare: 0n });
  }

  private appendFailure(error: unknown, chunk: number, chunks: number): Error {
    if (error instanceof WrongExpectedRevisionError || error instanceof AppendFailedError || error instanceof StoreUnavailableError) {
      return error;
    }
    const stored =
      chunk === 0 ? 'nothing of the batch was stored' : `${chunk} of the ${chunks} appends of the batch were stored; sending the same batch again completes it`;
    if (isUnavailable(error)) {
      return new StoreUnavailableError(`${unavailableMessage(this.target, error)}; ${stored}`, error);
    }
    if (isErrorType(error, 'maximum-append-size-exceeded') || isErrorType(error, 'append-record-size-exceeded')) {
      const limit = (error as { maxAppendSize?: number; maxSize?: number }).maxAppendSize ?? (error as { maxSize?: number }).maxSize;
      return new AppendFailedError(
        `KurrentDB at ${this.target.address} refused an append above its maximum append size` +
          `${limit ? ` of ${limit} bytes` : ''} (an event that large needs KURRENTDB_MAX_APPEND_SIZE raised on the server, up to 16 MiB); ${stored}`,
        error,
      );
    }
    if (isErrorType(error, 'stream-deleted') || isErrorType(error, 'stream-tombstoned')) {
      return new AppendFailedError(`a stream of the batch is deleted on the server; ${stored}`, error);
    }
    return new AppendFailedError(`append to KurrentDB at ${this.target.address} failed: ${errorMessage(error)}; ${stored}`, error);
  }

  // -------------------------------------------------------------------------------------------------
  // Reading

  private async *readAllEvents(options: ReadAllOptions): AsyncGenerator<RecordedEvent> {
    this.assertOpen();
    const filter = streamFilter(options);
    const after = options.after === undefined ? undefined : decodeKurrentPosition(options.after);
    const to = options.to === undefined ? undefined : decodeKurrentPosition(options.to);
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    if (remaining <= 0) return;
    // A read from a position starts at that position: ask for one more and skip it.
    const maxCount = Number.isFinite(remaining) ? remaining + (after ? 1 : 0) : undefined;
    const source = this.connection.readAll({
      fromPosition: after ?? 'start',
      filter: serverFilter(filter),
      resolveLinkTos: false,
      ...(maxCount !== undefined && { maxCount }),
    });
    const iterator = source[Symbol.asyncIterator]();
    for (;;) {
      let next: IteratorResult<AllStreamResolvedEvent>;
      try {
        next = await iterator.next();
      } catch (error) {
        throw this.failure('read', error);
      }
      if (next.done) return;
      const resolved = next.value;
      const event = resolved.event;
      if (!event || isSystemStream(event.streamId)) continue;
      const position = positionOf(resolved);
      if (after && compareKurrentPositions(position, after) <= 0) continue;
      if (to && compareKurrentPositions(position, to) > 0) {
        await iterator.return?.();
        return;
      }
      yield toRecordedEvent(event, position);
      remaining -= 1;
      if (remaining <= 0) {
        await iterator.return?.();
        return;
      }
    }
  }

  /** The stream's events from `from` (at most `maxCount`), or none when the stream does not exist. */
  private async readRaw(stream: string, from: number, maxCount: number | undefined): Promise<ResolvedEvent[]> {
    const events: ResolvedEvent[] = [];
    try {
      for await (const resolved of this.connection.readStream(stream, {
        fromRevision: BigInt(from),
        resolveLinkTos: false,
        ...(maxCount !== undefined && { maxCount }),
      })) {
        if (resolved.event) events.push(resolved);
      }
    } catch (error) {
      if (isErrorType(error, 'stream-not-found') || isErrorType(error, 'stream-deleted')) return [];
      throw error;
    }
    return events;
  }

  private async revisionOf(stream: string): Promise<number | undefined> {
    try {
      for await (const resolved of this.connection.readStream(stream, { direction: 'backwards', fromRevision: 'end', maxCount: 1 })) {
        if (resolved.event) return Number(resolved.event.revision);
      }
    } catch (error) {
      if (isErrorType(error, 'stream-not-found') || isErrorType(error, 'stream-deleted')) return undefined;
      throw error;
    }
    return undefined;
  }

  /** Runs a server call, turning a lost or refusing server into `StoreUnavailableError`. */
  private async call<T>(what: 'read' | 'append', action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      throw this.failure(what, error);
    }
  }

  private failure(what: 'read' | 'append' | 'subscription', error: unknown): unknown {
    if (error instanceof StoreUnavailableError || error instanceof WrongExpectedRevisionError || error instanceof AppendFailedError) return error;
    if (isUnavailable(error) || isErrorType(error, 'access-denied')) {
      return new StoreUnavailableError(`${unavailableMessage(this.target, error)} (during a ${what})`, error);
    }
    return error;
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreUnavailableError(`the KurrentDB event store at ${this.target.address} is closed`);
  }
}

