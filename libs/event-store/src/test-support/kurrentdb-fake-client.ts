import { randomUUID } from 'node:crypto';
import type {
  AllStreamResolvedEvent,
  AppendResult as ClientAppendResult,
  AppendStreamRequest,
  AppendStreamState,
  EventData as ClientEventData,
  Filter,
  MultiAppendResult,
  Position,
  ReadAllOptions as ClientReadAllOptions,
  ReadStreamOptions as ClientReadStreamOptions,
  ResolvedEvent,
  SubscribeToAllOptions,
} from '@kurrent/kurrentdb-client';
import type { KurrentDbConnection, KurrentDbSubscription, ServerFeatures } from '../kurrentdb-client';

/**
 * TEST SUPPORT ONLY. An in-memory imitation of a KurrentDB server behind the `KurrentDbConnection`
 * interface, so that the adapter's own logic (splitting, conflicts, retries, positions, filters,
 * subscriptions) runs the contract suite on a machine without a container runtime. It models the server
 * as documented and as its source reads (expected revisions, idempotent appends, the maximum append size,
 * multi-stream appends and the metadata they give readers, `$all` positions as (commit, prepare), the
 * `$ce-`/`$et-` projections' link events), but it is a model: the integration test against a real server
 * is what proves the adapter against KurrentDB itself.
 */
export interface FakeKurrentDbOptions {
  /** KurrentDB 25.1+ (multi-stream appends), or an older server. */
  multiStreamAppend?: boolean;
  /**
   * Whether a single-stream append repeated with the same ids succeeds on the server's side without writing
   * again (EventStoreDB and KurrentDB do; false makes the adapter's own recognition do the work).
   */
  idempotentAppends?: boolean;
  /** The server's `MaxAppendSize` in bytes (KURRENTDB_MAX_APPEND_SIZE). */
  maxAppendSize?: number;
  /** Run the standard `$by_category` / `$by_event_type` projections (their link events land in `$all`). */
  projections?: boolean;
}

interface StoredRecord {
  stream: string;
  id: string;
  type: string;
  revision: bigint;
  data: string;
  metadata: string;
  isJson: boolean;
  position: Position;
  created: Date;
}

class FakeError extends Error {
  constructor(
    readonly type: string,
    message: string,
    extra: Record<string, unknown> = {},
  ) {
    super(message);
    Object.assign(this, extra);
  }
}

export class FakeKurrentDbServer {
  readonly log: StoredRecord[] = [];
  private readonly streams = new Map<string, StoredRecord[]>();
  private nextOffset = 1000n;
  private readonly listeners = new Set<() => void>();
  /** While true, every call fails as an unreachable server would. */
  down = false;
  /** Every append call the server received, with its size in the server's terms. */
  readonly calls: { kind: 'append' | 'multi'; streams: string[]; bytes: number }[] = [];
  readonly options: Required<FakeKurrentDbOptions>;

  constructor(options: FakeKurrentDbOptions = {}) {
    this.options = {
      multiStreamAppend: options.multiStreamAppend ?? true,
      idempotentAppends: options.idempotentAppends ?? true,
      maxAppendSize: options.maxAppendSize ?? 8 * 1024 * 1024,
      projections: options.projections ?? true,
    };
  }

  connect(): KurrentDbConnection {
    return new FakeConnection(this);
  }

  revision(stream: string): bigint | undefined {
    const events = this.streams.get(stream);
    return events && events.length > 0 ? BigInt(events.length - 1) : undefined;
  }

  events(stream: string): StoredRecord[] {
    return this.streams.get(stream) ?? [];
  }

  check(): void {
    if (this.down) throw new FakeError('unavailable', 'UnavailableError', { code: 14 });
  }

  /** Throws the server's conflict unless `expected` holds; returns where the events would start. */
  expect(stream: string, expected: AppendStreamState): void {
    const current = this.revision(stream);
    const ok =
      expected === 'any' ||
      (expected === 'no_stream' && current === undefined) ||
      (expected === 'stream_exists' && current !== undefined) ||
      (typeof expected === 'bigint' && current === expected);
    if (!ok) {
      throw new FakeError('wrong-expected-version', `WrongExpectedVersion on ${stream}`, {
        streamName: stream,
        expectedState: expected,
        actualState: current ?? 'no_stream',
      });
    }
  }

  /** The last revision of an earlier append of exactly these ids where `expected` puts them, if any. */
  idempotent(stream: string, expected: AppendStreamState, ids: string[]): bigint | undefined {
    const events = this.events(stream);
    const starts =
      expected === 'no_stream' ? [0] : typeof expected === 'bigint' ? [Number(expected) + 1] : events.map((_, index) => index);
    for (const start of starts) {
      if (ids.length > 0 && ids.every((id, offset) => events[start + offset]?.id === id)) return BigInt(start + ids.length - 1);
    }
    return undefined;
  }

  /** Writes one transaction: its events share a commit position, each has its own prepare position. */
  write(entries: { stream: string; event: { id: string; type: string; data: string; metadata: string; isJson: boolean } }[]): Position {
    const commit = this.nextOffset;
    let position: Position = { commit, prepare: commit };
    const written: StoredRecord[] = [];
    for (const { stream, event } of entries) {
      const events = this.streams.get(stream) ?? [];
      this.streams.set(stream, events);
      position = { commit, prepare: this.nextOffset };
      const record: StoredRecord = { stream, ...event, revision: BigInt(events.length), position, created: new Date() };
      events.push(record);
      this.log.push(record);
      written.push(record);
      this.nextOffset += BigInt(100 + event.data.length + event.metadata.length);
    }
    this.notify();
    const projected = written.filter((record) => !record.stream.startsWith('$'));
    if (this.options.projections && projected.length > 0) {
      // The standard projections run after the write, as the server's do: their links interleave in $all.
      setImmediate(() => this.project(projected));
    }
    return position;
  }

  private project(records: StoredRecord[]): void {
    const links: Parameters<FakeKurrentDbServer['write']>[0] = [];
    for (const record of records) {
      const dash = record.stream.indexOf('-');
      const link = { id: randomUUID(), type: '$>', data: `${record.revision}@${record.stream}`, metadata: '', isJson: false };
      if (dash > 0) links.push({ stream: `$ce-${record.stream.slice(0, dash)}`, event: link });
      links.push({ stream: `$et-${record.type}`, event: { ...link, id: randomUUID() } });
    }
    if (links.length > 0) this.write(links);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Wakes the subscriptions (they read on, and find the server down if it is). */
  notify(): void {
    for (const listener of this.listeners) listener();
  }
}

function eventBytes(type: string, data: string, metadata: string): number {
  return Buffer.byteLength(data) + Buffer.byteLength(metadata) + 2 * type.length;
}

function toResolved(record: StoredRecord): AllStreamResolvedEvent & ResolvedEvent {
  const metadata = record.metadata === '' ? undefined : (JSON.parse(record.metadata) as Record<string, unknown>);
  const event = {
    streamId: record.stream,
    id: record.id,
    type: record.type,
    revision: record.revision,
    created: record.created,
    isJson: record.isJson,
    data: record.isJson ? JSON.parse(record.data) : new Uint8Array(Buffer.from(record.data)),
    metadata,
    position: { ...record.position },
  };
  return { event, commitPosition: record.position.commit } as unknown as AllStreamResolvedEvent & ResolvedEvent;
}

function before(a: Position, b: Position): boolean {
  return a.commit < b.commit || (a.commit === b.commit && a.prepare < b.prepare);
}

function matches(filter: Filter | undefined, stream: string): boolean {
  if (!filter) return true;
  if ('prefixes' in filter) return filter.prefixes.some((prefix) => stream.startsWith(prefix));
  return new RegExp(filter.regex).test(stream);
}

class FakeConnection implements KurrentDbConnection {
  private disposed = false;

  constructor(private readonly server: FakeKurrentDbServer) {}

  async appendToStream(stream: string, events: ClientEventData[], { streamState }: { streamState: AppendStreamState }): Promise<ClientAppendResult> {
    this.check();
    const encoded = events.map((event) => ({
      id: event.id,
      type: event.type,
      data: JSON.stringify(event.data),
      // The client sends JSON metadata when there is any (`if (event.metadata)`).
      metadata: event.metadata ? JSON.stringify(event.metadata) : '',
      isJson: event.contentType === 'application/json',
    }));
    const bytes = encoded.reduce((sum, e) => sum + eventBytes(e.type, e.data, e.metadata), 0);
    this.server.calls.push({ kind: 'append', streams: [stream], bytes });
    if (bytes > this.server.options.maxAppendSize) {
      throw new FakeError('maximum-append-size-exceeded', 'Maximum Append Size Exceeded', { maxAppendSize: this.server.options.maxAppendSize });
    }
    // The server recognises a repeat by its ids: where the expected revision puts them, or (for 'any' and
    // 'stream_exists') among the stream's recent events, best effort; the model looks through it all.
    const repeat = this.server.options.idempotentAppends ? this.server.idempotent(stream, streamState, encoded.map((e) => e.id)) : undefined;
    if (repeat !== undefined) return { success: true, nextExpectedRevision: repeat, position: undefined };
    this.server.expect(stream, streamState);
    if (encoded.length === 0) return { success: true, nextExpectedRevision: this.server.revision(stream) ?? -1n, position: undefined };
    const position = this.server.write(encoded.map((event) => ({ stream, event })));
    return { success: true, nextExpectedRevision: this.server.revision(stream)!, position };
  }

  async multiStreamAppend(requests: AppendStreamRequest[]): Promise<MultiAppendResult> {
    this.check();
    if (!this.server.options.multiStreamAppend) throw new FakeError('unsupported', 'multiStreamAppend requires server version 25.1 or higher.');
    const seen = new Set<string>();
    let bytes = 0;
    const entries: Parameters<FakeKurrentDbServer['write']>[0] = [];
    for (const { streamName, events } of requests) {
      if (events.length === 0) throw new FakeError('invalid-argument', `Write to stream "${streamName}" does not have any records`);
      if (seen.has(streamName)) throw new FakeError('invalid-argument', `Two AppendStreamRequests for one stream: "${streamName}"`);
      seen.add(streamName);
      for (const event of events) {
        const metadata = (event.metadata ?? {}) as Record<string, unknown>;
        if (typeof metadata !== 'object' || Object.values(metadata).some((value) => typeof value !== 'string')) {
          // As the real client does, before anything is sent.
          throw new Error('multiStreamAppend requires metadata to be a plain object with string keys and string values.');
        }
        // Readers see the properties as JSON metadata, with the schema the server adds.
        const properties = JSON.stringify({ ...metadata, '$schema.data-format': 'Json', '$schema.name': event.type });
        const data = JSON.stringify(event.data);
        bytes += eventBytes(event.type, data, properties) + Buffer.byteLength(properties);
        entries.push({ stream: streamName, event: { id: event.id, type: event.type, data, metadata: properties, isJson: true } });
      }
    }
    this.server.calls.push({ kind: 'multi', streams: [...seen], bytes });
    if (bytes > this.server.options.maxAppendSize) {
      throw new FakeError('maximum-append-size-exceeded', 'Maximum Append Size Exceeded', { maxAppendSize: this.server.options.maxAppendSize });
    }
    for (const { streamName, expectedState } of requests) this.server.expect(streamName, expectedState);
    const position = this.server.write(entries);
    return {
      position: position.commit,
      responses: requests.map(({ streamName }) => ({ streamName, revision: this.server.revision(streamName)! })),
    };
  }

  readStream(stream: string, options: ClientReadStreamOptions = {}): AsyncIterable<ResolvedEvent> {
    const self = this;
    return (async function* () {
      self.check();
      const events = self.server.events(stream);
      if (events.length === 0) throw new FakeError('stream-not-found', `${stream} not found`);
      const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
      const from = options.fromRevision ?? (options.direction === 'backwards' ? 'end' : 'start');
      const ordered = options.direction === 'backwards' ? [...events].reverse() : events;
      let count = 0;
      for (const record of ordered) {
        if (count >= max) return;
        if (typeof from === 'bigint' && (options.direction === 'backwards' ? record.revision > from : record.revision < from)) continue;
        count += 1;
        yield toResolved(record);
      }
    })();
  }

  readAll(options: ClientReadAllOptions = {}): AsyncIterable<AllStreamResolvedEvent> {
    const self = this;
    return (async function* () {
      self.check();
      const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
      const from = options.fromPosition ?? 'start';
      const log = options.direction === 'backwards' ? [...self.server.log].reverse() : self.server.log.slice();
      let count = 0;
      for (const record of log) {
        if (count >= max) return;
        // A read from a position includes the event at that position.
        if (typeof from === 'object' && before(record.position, from)) continue;
        if (!matches(options.filter, record.stream)) continue;
        count += 1;
        yield toResolved(record);
      }
    })();
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): KurrentDbSubscription {
    this.check();
    return new FakeSubscription(this.server, options);
  }

  async serverFeatures(): Promise<ServerFeatures> {
    this.check();
    return { version: this.server.options.multiStreamAppend ? '25.1.0' : '24.10.0', multiStreamAppend: this.server.options.multiStreamAppend };
  }

  async dispose(): Promise<void> {
    this.disposed = true;
  }

  private check(): void {
    if (this.disposed) throw new FakeError('unavailable', 'the client was disposed');
    this.server.check();
  }
}

/** Catch-up subscription: stored events after the position (exclusive), then live ones. */
class FakeSubscription implements KurrentDbSubscription {
  private next = 0;
  private ended = false;
  private wake: (() => void) | undefined;
  private readonly unlisten: () => void;

  constructor(
    private readonly server: FakeKurrentDbServer,
    private readonly options: SubscribeToAllOptions,
  ) {
    const from = options.fromPosition ?? 'start';
    if (from === 'end') this.next = server.log.length;
    else if (typeof from === 'object') this.next = server.log.findIndex((record) => before(from, record.position));
    if (this.next < 0) this.next = server.log.length;
    this.unlisten = server.subscribe(() => this.wakeUp());
  }

  async *[Symbol.asyncIterator](): AsyncIterator<AllStreamResolvedEvent> {
    while (!this.ended) {
      this.server.check();
      if (this.next < this.server.log.length) {
        const record = this.server.log[this.next++];
        if (matches(this.options.filter, record.stream)) yield toResolved(record);
        continue;
      }
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  async unsubscribe(): Promise<void> {
    this.destroy();
  }

  destroy(): void {
    this.ended = true;
    this.unlisten();
    this.wakeUp();
  }

  private wakeUp(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
