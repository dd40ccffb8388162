import { randomUUID } from 'node:crypto';
import { AppendFailedError, EventData, RecordedEvent, StoreUnavailableError, WrongExpectedRevisionError } from './event-store';
import { describeEventStoreContract } from './event-store.contract';
import { PACKED_METADATA_KEY } from './kurrentdb-append-plan';
import type { KurrentDbConnection } from './kurrentdb-client';
import { KurrentDbEventStore } from './kurrentdb-event-store';
import { openKurrentDbEventStore } from './kurrentdb-open';
import { FakeKurrentDbServer } from './test-support/kurrentdb-fake-client';
import { openEventStore } from './open-event-store';

// The adapter's logic on the shared contract, against an in-memory imitation of the server (no container
// runtime here). The integration test (kurrentdb-event-store.int.spec.ts) runs the same suite on a real
// KurrentDB 25.1 in a container.
const URL = 'kurrentdb://fake:2113?tls=false';

const current = new FakeKurrentDbServer({ multiStreamAppend: true, idempotentAppends: true });
describeEventStoreContract('KurrentDbEventStore on a KurrentDB 25.1 stand-in', () => openKurrentDbEventStore(URL, { connection: current.connect() }));

// An EventStoreDB 24.10 / KurrentDB 25.0: no multi-stream appends.
const older = new FakeKurrentDbServer({ multiStreamAppend: false });
describeEventStoreContract('KurrentDbEventStore on an EventStoreDB 24.10 stand-in', () => openKurrentDbEventStore(URL, { connection: older.connect() }), {
  atomicBatches: false,
});

describe('KurrentDbEventStore', () => {
  const stores: KurrentDbEventStore[] = [];
  const open = async (server: FakeKurrentDbServer, options: { maxAppendBytes?: number } = {}) => {
    const store = await openKurrentDbEventStore(URL, { connection: server.connect(), ...options });
    stores.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });

  it('declares what it can promise from the server it finds', async () => {
    expect((await open(new FakeKurrentDbServer({ multiStreamAppend: true }))).capabilities).toEqual({
      serverVersion: '25.1.0',
      atomicBatches: true,
      maxAppendBytes: 1024 * 1024,
    });
    expect((await open(new FakeKurrentDbServer({ multiStreamAppend: false }))).capabilities.atomicBatches).toBe(false);
  });

  it('keeps the stream names it is given, so the $ce-/$et- projections group them (and hides the projections’ own streams)', async () => {
    const server = new FakeKurrentDbServer();
    const store = await open(server);
    const run = randomUUID().slice(0, 12);
    await store.append([
      { stream: `phone-${run}.SEP001122334455`, expectedRevision: 'no_stream', events: [event('PhoneRegistered')] },
      { stream: `run-${run}`, expectedRevision: 'no_stream', events: [event('RunStarted')] },
    ]);
    await pause(20); // the projections write their links after the append

    expect(server.events(`phone-${run}.SEP001122334455`)).toHaveLength(1);
    expect(server.events('$ce-phone').map((link) => link.data)).toContain(`0@phone-${run}.SEP001122334455`);
    expect(server.events('$et-PhoneRegistered')).not.toHaveLength(0);
    const all = await collect(store.readAll());
    expect(all.map((e) => e.stream)).toEqual([`phone-${run}.SEP001122334455`, `run-${run}`]);
    expect(await collect(store.readAll({ streamRegex: 'phone' }))).toHaveLength(1);
  });

  it('writes a multi-stream batch in one atomic call on 25.1, and stream by stream before', async () => {
    const batch = () => [
      { stream: 'a-1', expectedRevision: 'no_stream' as const, events: [event(), event()] },
      { stream: 'b-1', expectedRevision: 'no_stream' as const, events: [event()] },
    ];
    const current = new FakeKurrentDbServer({ multiStreamAppend: true });
    await (await open(current)).append(batch());
    expect(current.calls.map(({ kind, streams }) => [kind, streams])).toEqual([['multi', ['a-1', 'b-1']]]);

    const older = new FakeKurrentDbServer({ multiStreamAppend: false });
    await (await open(older)).append(batch());
    expect(older.calls.map(({ kind, streams }) => [kind, streams])).toEqual([
      ['append', ['a-1']],
      ['append', ['b-1']],
    ]);
  });

  it('splits a batch above the maximum append size into calls the server takes, and stores all of it', async () => {
    const server = new FakeKurrentDbServer({ maxAppendSize: 1024 * 1024 });
    const store = await open(server);
    const blob = 'y'.repeat(10_000);
    const batch = ['a', 'b', 'c', 'd'].map((s, k) => ({
      stream: `${s}-big`,
      expectedRevision: 'no_stream' as const,
      events: Array.from({ length: k === 1 ? 250 : 40 }, (_, i) => event('Blob', { i, blob })),
    }));

    const result = await store.append(batch);

    expect(result.revisions).toEqual({ 'a-big': 39, 'b-big': 249, 'c-big': 39, 'd-big': 39 });
    expect(server.calls.length).toBeGreaterThan(3);
    for (const call of server.calls) expect(call.bytes).toBeLessThanOrEqual(1024 * 1024);
    // Streams that fit are never split; the long one is, into consecutive pieces.
    expect(server.calls.filter((call) => call.streams.includes('a-big'))).toHaveLength(1);
    expect(server.calls.filter((call) => call.streams.includes('b-big')).length).toBeGreaterThan(1);
    const stored = await collect(store.readAll({ streamRegex: '-big$' }));
    expect(stored.map((e) => e.id)).toEqual(batch.flatMap((append) => append.events.map((e) => e.id)));
  });

  it('refuses one event above the server’s maximum append size in one line, naming the setting', async () => {
    const server = new FakeKurrentDbServer({ maxAppendSize: 1024 * 1024 });
    const store = await open(server);
    const error = await store
      .append([
        { stream: 'small-1', expectedRevision: 'no_stream', events: [event()] },
        { stream: 'huge-1', expectedRevision: 'no_stream', events: [event('Huge', { blob: 'z'.repeat(1100 * 1024) })] },
      ])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppendFailedError);
    expect((error as Error).message).toMatch(/maximum append size of 1048576 bytes.*KURRENTDB_MAX_APPEND_SIZE/);
    expect((error as Error).message).toMatch(/1 of the 2 appends of the batch were stored; sending the same batch again completes it/);
    expect((error as Error).message).not.toContain('\n');
  });

  it('gives back metadata as written, whichever append wrote it', async () => {
    const server = new FakeKurrentDbServer({ multiStreamAppend: true });
    const store = await open(server);
    const metadata = [
      { at: '2026-01-01T00:00:00.000Z' },
      { at: 7, nested: { by: ['test'] } },
      { $correlationId: 'c-1', [PACKED_METADATA_KEY]: 'mine' },
      { '$schema.name': 'not the server’s' },
    ];
    const events = metadata.map((m) => event('Meta', {}, m));
    // One stream alone (a single-stream append), and the same events over a multi-stream append.
    await store.append([{ stream: 'single-1', expectedRevision: 'no_stream', events }]);
    await store.append([
      { stream: 'multi-1', expectedRevision: 'no_stream', events: events.map((e) => ({ ...e, id: randomUUID() })) },
      { stream: 'multi-2', expectedRevision: 'no_stream', events: [event()] },
    ]);
    expect((await store.readStream('single-1')).map((e) => e.metadata)).toEqual(metadata);
    expect((await store.readStream('multi-1')).map((e) => e.metadata)).toEqual(metadata);
    // Plain string metadata stays readable as it is in the server's UI and projections.
    expect(JSON.parse(server.events('multi-1')[0].metadata)).toMatchObject({ at: '2026-01-01T00:00:00.000Z' });
    expect(JSON.parse(server.events('single-1')[2].metadata)).toHaveProperty([PACKED_METADATA_KEY]);
  });

  it('refuses ids that are not UUIDs before sending anything', async () => {
    const server = new FakeKurrentDbServer();
    const store = await open(server);
    const append = store.append([
      { stream: 'ok-1', expectedRevision: 'no_stream', events: [event()] },
      { stream: 'bad-1', expectedRevision: 'no_stream', events: [{ id: 'evt-1', type: 'T', data: {} }] },
    ]);
    await expect(append).rejects.toThrow(/event id evt-1 is not a UUID/);
    expect(server.calls).toEqual([]);
  });

  it('recognises a repeated multi-stream append the server refuses as a conflict', async () => {
    // Whether or not the server recognises repeats of multi-stream appends, the adapter does.
    const server = new FakeKurrentDbServer({ multiStreamAppend: true, idempotentAppends: false });
    const store = await open(server);
    const batch = [
      { stream: 'r-1', expectedRevision: 'no_stream' as const, events: [event(), event()] },
      { stream: 'r-2', expectedRevision: 'any' as const, events: [event()] },
    ];
    const first = await store.append(batch);
    expect(await store.append(batch)).toEqual(first);
    expect(server.events('r-1')).toHaveLength(2);
  });

  it('recognises a repeat after the stream moved on even when the server does not', async () => {
    const server = new FakeKurrentDbServer({ multiStreamAppend: false, idempotentAppends: false });
    const store = await open(server);
    const batch = [
      { stream: 'm-1', expectedRevision: 'no_stream' as const, events: [event(), event()] },
      { stream: 'm-2', expectedRevision: 'no_stream' as const, events: [event()] },
    ];
    const first = await store.append(batch);
    await store.append([{ stream: 'm-1', expectedRevision: 1, events: [event()] }]);
    expect(await store.append(batch)).toEqual(first);
    expect(server.events('m-1')).toHaveLength(3);
    expect(server.events('m-2')).toHaveLength(1);
  });

  it('reports a conflict with the expected and the actual revision', async () => {
    const store = await open(new FakeKurrentDbServer());
    await store.append([{ stream: 'c-1', expectedRevision: 'no_stream', events: [event(), event()] }]);
    const error = await store.append([{ stream: 'c-1', expectedRevision: 5, events: [event()] }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(error).toMatchObject({ stream: 'c-1', expected: 5, actual: 1 });
  });

  it('turns a server lost in the middle of a batch into one line saying how much was stored', async () => {
    const server = new FakeKurrentDbServer({ multiStreamAppend: false });
    const store = await open(server);
    const connection = (store as unknown as { connection: KurrentDbConnection }).connection;
    const append = connection.appendToStream.bind(connection);
    let calls = 0;
    connection.appendToStream = async (...args) => {
      if (++calls === 2) server.down = true;
      return append(...args);
    };
    const error = await store
      .append([
        { stream: 'l-1', expectedRevision: 'no_stream', events: [event()] },
        { stream: 'l-2', expectedRevision: 'no_stream', events: [event()] },
      ])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toBe(
      'cannot reach KurrentDB at fake:2113: server unavailable (is the server running, and insecure? for a secure node drop tls=false and give user:password@); ' +
        '1 of the 2 appends of the batch were stored; sending the same batch again completes it',
    );
    server.down = false;
    await store.append([
      { stream: 'l-1', expectedRevision: 'no_stream', events: (await store.readStream('l-1')).map(asEventData) },
      { stream: 'l-2', expectedRevision: 'no_stream', events: [event()] },
    ]);
    expect(server.events('l-1')).toHaveLength(1);
    expect(server.events('l-2')).toHaveLength(1);
  });

  it('reports a subscription that loses the server to onError, once', async () => {
    const server = new FakeKurrentDbServer();
    const store = await open(server);
    const errors: unknown[] = [];
    const seen: RecordedEvent[] = [];
    await store.subscribeToAll({ onError: (error) => errors.push(error) }, (e) => {
      seen.push(e);
    });
    await store.append([{ stream: 's-1', expectedRevision: 'any', events: [event()] }]);
    await eventually(() => seen.length === 1);
    server.down = true;
    server.notify();
    await eventually(() => errors.length === 1);
    expect(errors[0]).toBeInstanceOf(StoreUnavailableError);
    server.down = false;
  });

  it('disposes the client when closed', async () => {
    const server = new FakeKurrentDbServer();
    const connection = server.connect();
    const dispose = jest.spyOn(connection, 'dispose');
    const store = await openKurrentDbEventStore(URL, { connection });
    await store.close();
    await store.close();
    expect(dispose).toHaveBeenCalledTimes(1);
  });
});

describe('opening a KurrentDB store', () => {
  it('fails fast with one line when nothing listens there', async () => {
    const started = Date.now();
    const error = await openEventStore('kurrentdb://127.0.0.1:1?tls=false').catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(10_000); // milliseconds in fact; the margin is for a loaded CI machine
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toBe(
      'cannot reach KurrentDB at 127.0.0.1:1: connection refused (is the server running, and insecure? for a secure node drop tls=false and give user:password@)',
    );
  });

  it('tells a secure-by-default URL to add ?tls=false for a local insecure node, without echoing the password', async () => {
    const error = await openEventStore('esdb://admin:changeit@127.0.0.1:1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toBe(
      'cannot reach KurrentDB at 127.0.0.1:1: connection refused (is the server running? for a local insecure node add ?tls=false)',
    );
  });

  it('names an unknown host', async () => {
    const error = await openEventStore('kurrentdb://no-such-host.invalid:2113?tls=false').catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^cannot reach KurrentDB at no-such-host\.invalid:2113: unknown host \(/);
  });

  it('gives up after the probe deadline when the server does not answer, and disposes the client', async () => {
    const never = new Promise<never>(() => undefined);
    const connection = Object.assign(new FakeKurrentDbServer().connect(), {
      serverFeatures: () => never,
      dispose: jest.fn(async () => undefined),
    });
    const started = Date.now();
    const error = await openKurrentDbEventStore('kurrentdb://10.1.2.3:2113', { connection, probeTimeoutMs: 200 }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(2000);
    expect((error as Error).message).toBe(
      'cannot reach KurrentDB at 10.1.2.3:2113: no answer within 200 ms (is the server running? for a local insecure node add ?tls=false)',
    );
    expect(connection.dispose).toHaveBeenCalled();
  });

  it('refuses a malformed URL in one line', async () => {
    await expect(openEventStore('kurrentdb://admin:changeit@localhost:99999')).rejects.toThrow(
      'invalid KurrentDB store URL: "99999" is not a port number (1-65535)',
    );
    await expect(openEventStore('kurrentdb://localhost:2113?tls=maybe')).rejects.toThrow(StoreUnavailableError);
  });
});

function event(type = 'Tested', data: unknown = {}, metadata?: Record<string, unknown>): EventData {
  return { id: randomUUID(), type, data, ...(metadata && { metadata }) };
}

function asEventData({ id, type, data, metadata }: RecordedEvent): EventData {
  return { id, type, data, metadata };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function eventually(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await pause(5);
  }
}
