import { randomUUID } from 'node:crypto';
import { AppendFailedError, StreamAppend } from './event-store';
import {
  decodeMetadata,
  encodeMetadata,
  fromCurrentState,
  PACKED_METADATA_KEY,
  planChunks,
  prepareBatch,
  retryStart,
  satisfies,
  toStreamState,
} from './kurrentdb-append-plan';

describe('expected revisions in the client’s terms', () => {
  it('maps a number to a bigint revision and the named states to the client’s constants', () => {
    expect(toStreamState(0)).toBe(0n);
    expect(toStreamState(41)).toBe(41n);
    expect(toStreamState(Number.MAX_SAFE_INTEGER)).toBe(BigInt(Number.MAX_SAFE_INTEGER));
    // The client's NO_STREAM, STREAM_EXISTS and ANY are these very strings.
    expect(toStreamState('no_stream')).toBe('no_stream');
    expect(toStreamState('stream_exists')).toBe('stream_exists');
    expect(toStreamState('any')).toBe('any');
  });

  it('the client constants are what the mapping returns', async () => {
    const { ANY, NO_STREAM, STREAM_EXISTS } = await import('@kurrent/kurrentdb-client');
    expect([toStreamState('any'), toStreamState('no_stream'), toStreamState('stream_exists')]).toEqual([ANY, NO_STREAM, STREAM_EXISTS]);
  });

  it('reads the server’s current state back as our actual revision', () => {
    expect(fromCurrentState(5n)).toBe(5);
    expect(fromCurrentState(0n)).toBe(0);
    expect(fromCurrentState('no_stream')).toBeUndefined();
    expect(fromCurrentState(undefined)).toBeUndefined();
  });

  it('knows which states satisfy which expectation, and where a repeat must start', () => {
    expect([satisfies('any', undefined), satisfies('any', 3)]).toEqual([true, true]);
    expect([satisfies('no_stream', undefined), satisfies('no_stream', 0)]).toEqual([true, false]);
    expect([satisfies('stream_exists', undefined), satisfies('stream_exists', 0)]).toEqual([false, true]);
    expect([satisfies(2, 2), satisfies(2, 3), satisfies(0, undefined)]).toEqual([true, false, false]);
    expect([retryStart('no_stream'), retryStart(4), retryStart('any'), retryStart('stream_exists')]).toEqual([0, 5, undefined, undefined]);
  });
});

describe('prepareBatch', () => {
  it('measures every event and keeps a parsed copy of what it checked', () => {
    const data = { cn: 'cucm-pub', list: [1, 2] };
    const [prepared] = prepareBatch([{ stream: 's', expectedRevision: 'any', events: [{ id: randomUUID(), type: 'T', data, metadata: { at: 'x' } }] }]);
    const [event] = prepared.events;
    expect(event.data).toEqual(data);
    expect(event.data).not.toBe(data);
    data.list.push(3);
    expect(event.data).toEqual({ cn: 'cucm-pub', list: [1, 2] });
    expect(event.metadata).toEqual({ at: 'x' });
    expect(event.bytes).toBeGreaterThan(JSON.stringify(data).length);
  });

  it.each<[string, StreamAppend[], RegExp]>([
    ['an empty stream name', [{ stream: '', expectedRevision: 'any', events: [] }], /non-empty string/],
    ['a negative revision', [{ stream: 's', expectedRevision: -1, events: [] }], /invalid expected revision -1/],
    ['an id that is not a UUID', [{ stream: 's', expectedRevision: 'any', events: [{ id: 'e-1', type: 'T', data: {} }] }], /not a UUID/],
    ['data that is not JSON', [{ stream: 's', expectedRevision: 'any', events: [{ id: randomUUID(), type: 'T', data: { n: 1n } }] }], /not JSON-serializable/],
    ['an event without a type', [{ stream: 's', expectedRevision: 'any', events: [{ id: randomUUID(), type: '', data: {} }] }], /has no type/],
  ])('refuses %s with AppendFailedError', (_, batch, message) => {
    expect(() => prepareBatch(batch)).toThrow(AppendFailedError);
    expect(() => prepareBatch(batch)).toThrow(message);
  });
});

describe('metadata over both kinds of append', () => {
  it.each([
    [{}],
    [{ at: '2026-01-01T00:00:00.000Z' }],
    [{ at: 7, flags: [true], nested: { a: null } }],
    [{ $correlationId: 'c', $causationId: 'd' }],
    [{ [PACKED_METADATA_KEY]: 'x' }],
    [{ '$schema.name': 'mine', '$schema.data-format': 'also mine' }],
  ])('round-trips %j through a single-stream and a multi-stream append', (metadata) => {
    // What readers see: the metadata as stored (single-stream), or the properties with the schema the
    // server adds (multi-stream).
    const single = JSON.parse(JSON.stringify(encodeMetadata(metadata, { stringValuesOnly: false })));
    const properties = encodeMetadata(metadata, { stringValuesOnly: true });
    expect(Object.values(properties).every((value) => typeof value === 'string')).toBe(true);
    const multi = { ...properties, '$schema.data-format': 'Json', '$schema.name': 'T' };
    expect(decodeMetadata(single)).toEqual(metadata);
    expect(decodeMetadata(multi)).toEqual(metadata);
  });

  it('leaves plain string metadata as it is, for the server’s UI and projections', () => {
    expect(encodeMetadata({ at: 'x', $correlationId: 'c' }, { stringValuesOnly: true })).toEqual({ at: 'x', $correlationId: 'c' });
    expect(encodeMetadata({ at: 1 }, { stringValuesOnly: false })).toEqual({ at: 1 });
  });

  it('reads events other writers stored without metadata, or with bytes, as empty metadata', () => {
    expect(decodeMetadata(undefined)).toEqual({});
    expect(decodeMetadata(new Uint8Array([1, 2]))).toEqual({});
    expect(decodeMetadata([1])).toEqual({});
  });
});

describe('planChunks (a batch cut under the maximum append size)', () => {
  const MiB = 1024 * 1024;
  const stream = (name: string, count: number, size: number) => ({ stream: name, sizes: Array.from({ length: count }, () => size) });
  const flatten = (chunks: ReturnType<typeof planChunks>) => chunks.flatMap((chunk) => chunk.pieces);

  it('keeps a batch under the limit in one call', () => {
    const chunks = planChunks([stream('a', 3, 100), stream('b', 2, 100)], { maxBytes: MiB, multiStream: true });
    expect(chunks).toEqual([{ pieces: [{ append: 0, from: 0, to: 3 }, { append: 1, from: 0, to: 2 }], bytes: 500 }]);
  });

  it('gives every stream its own call without multi-stream appends', () => {
    const chunks = planChunks([stream('a', 3, 100), stream('b', 2, 100)], { maxBytes: MiB, multiStream: false });
    expect(chunks.map((chunk) => chunk.pieces)).toEqual([[{ append: 0, from: 0, to: 3 }], [{ append: 1, from: 0, to: 2 }]]);
  });

  it('never lets a call exceed the limit, keeps streams that fit whole, and keeps batch order', () => {
    const appends = [stream('a', 300, 2000), stream('b', 900, 2000), stream('c', 10, 2000), stream('d', 400, 2000)];
    const chunks = planChunks(appends, { maxBytes: MiB, multiStream: true });
    for (const chunk of chunks) {
      expect(chunk.bytes).toBeLessThanOrEqual(MiB);
      expect(chunk.bytes).toBe(chunk.pieces.reduce((sum, { append, from, to }) => sum + appends[append].sizes.slice(from, to).reduce((a, b) => a + b, 0), 0));
    }
    // Concatenated, the pieces are the batch in order, without gaps or overlaps.
    const pieces = flatten(chunks);
    const covered = pieces.flatMap(({ append, from, to }) => Array.from({ length: to - from }, (_, i) => `${append}:${from + i}`));
    expect(covered).toEqual(appends.flatMap((a, append) => a.sizes.map((_, i) => `${append}:${i}`)));
    // a, c and d fit in a call: each travels whole; b (1.8 MB) is split.
    for (const append of [0, 2, 3]) expect(pieces.filter((piece) => piece.append === append)).toHaveLength(1);
    expect(pieces.filter((piece) => piece.append === 1).length).toBeGreaterThan(1);
  });

  it('sends an event above the limit alone (the server then decides)', () => {
    const chunks = planChunks([stream('a', 1, 10), { stream: 'b', sizes: [10, 3 * MiB, 10] }], { maxBytes: MiB, multiStream: true });
    expect(chunks.map((chunk) => chunk.pieces)).toEqual([
      [{ append: 0, from: 0, to: 1 }, { append: 1, from: 0, to: 1 }],
      [{ append: 1, from: 1, to: 2 }],
      [{ append: 1, from: 2, to: 3 }],
    ]);
  });

  it('never names a stream twice in one multi-stream call', () => {
    const chunks = planChunks([stream('a', 1, 10), stream('b', 1, 10), stream('a', 1, 10)], { maxBytes: MiB, multiStream: true });
    expect(chunks.map((chunk) => chunk.pieces.map((piece) => piece.append))).toEqual([[0, 1], [2]]);
  });

  it('skips appends without events (they only check their expectation)', () => {
    expect(planChunks([stream('a', 0, 10), stream('b', 1, 10)], { maxBytes: MiB, multiStream: true })).toEqual([
      { pieces: [{ append: 1, from: 0, to: 1 }], bytes: 10 },
    ]);
  });
});
