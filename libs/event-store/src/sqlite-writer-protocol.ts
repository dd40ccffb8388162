import { checkAppend, type BatchOutcome, type PreparedAppend } from './append-batch';
import type { ExpectedRevision, StreamAppend } from './event-store';
import { checkEventNames, JsonOfSharedObjects, type SerializedEvent } from './stored-event';

/** What the writer thread is started with. */
export interface WriterSettings {
  file: string;
  busyTimeoutMs: number;
}

/**
 * A batch as it crosses to the writer thread. The structured clone copies a string or an object per event
 * one allocation at a time, which for a 40,000-phone step costs the sending thread about as much as the
 * JSON itself; so the events' ids and data travel as UTF-8 in one buffer that is transferred, not copied,
 * and their types and metadata (a handful of distinct values per batch) as tables of indexes.
 */
export interface WireBatch {
  streams: string[];
  expected: ExpectedRevision[];
  counts: number[];
  /** Distinct types and metadata texts of the batch; each event gives its index into each. */
  types: string[];
  metadata: string[];
  typeIndex: Uint32Array;
  metadataIndex: Uint32Array;
  /** Each event's id then data, UTF-8, in the first `textBytes` bytes; `lengths` gives their byte lengths in the same order. */
  text: ArrayBuffer;
  textBytes: number;
  lengths: Uint32Array;
}

/**
 * What the store asks of its writer thread: an append in one transaction; a part of a unit (written in
 * the unit's transaction, which the first part opens); the unit's commit with its last part; dropping a
 * unit; closing.
 */
export type WriterRequest =
  | { kind: 'append'; id: number; batch: WireBatch }
  | { kind: 'part'; unit: number; batch: WireBatch }
  | { kind: 'commit'; id: number; unit: number; batch: WireBatch }
  | { kind: 'abandon'; unit: number }
  | { kind: 'close' };

export type WriterFailure =
  | { kind: 'busy' }
  | { kind: 'revision'; stream: string; expected: ExpectedRevision; actual: number | undefined }
  | { kind: 'failed'; message: string };

export type WriterReply = { id: number; outcome: BatchOutcome } | { id: number; failure: WriterFailure } | { closed: true };

/** Checks and serializes a batch (the same checks and messages as an append on the store's own connection). */
export function toWire(batch: readonly StreamAppend[]): WireBatch {
  // The JSON of the batch's shared metadata and data objects, made once per object.
  const shared = new JsonOfSharedObjects();
  const total = batch.reduce((n, a) => n + (Array.isArray(a.events) ? a.events.length : 0), 0);
  const types = new Table();
  const metadata = new Table();
  const typeIndex = new Uint32Array(total);
  const metadataIndex = new Uint32Array(total);
  const lengths = new Uint32Array(2 * total);
  const text = new Utf8Writer(total * TEXT_BYTES_PER_EVENT);
  // Ids and data are written a chunk at a time (one native call for many strings); `lengths` is filled
  // from the strings' lengths, which are their UTF-8 lengths when the chunk is plain ASCII.
  const chunk: string[] = [];
  let chunkFirst = 0;
  const flush = (end: number) => {
    const joined = chunk.join('');
    const written = text.write(joined);
    for (let f = 0; f < chunk.length; f++) lengths[2 * chunkFirst + f] = written === joined.length ? chunk[f].length : Buffer.byteLength(chunk[f], 'utf8');
    chunk.length = 0;
    chunkFirst = end;
  };
  let e = 0;
  for (const append of batch) {
    checkAppend(append);
    const { stream, events } = append;
    for (let i = 0; i < events.length; i++, e++) {
      const event = events[i];
      checkEventNames(event, stream);
      typeIndex[e] = types.index(event.type);
      metadataIndex[e] = metadata.index(shared.metadata(event, stream));
      chunk.push(event.id, shared.data(event, stream));
      if (chunk.length === CHUNK_FIELDS) flush(e + 1);
    }
  }
  flush(e);
  return {
    streams: batch.map((a) => a.stream),
    expected: batch.map((a) => a.expectedRevision),
    counts: batch.map((a) => a.events.length),
    types: types.values,
    metadata: metadata.values,
    typeIndex,
    metadataIndex,
    text: text.buffer,
    textBytes: text.length,
    lengths,
  };
}

/**
 * Room for an event's id and data to start with. Most events take 150–600 bytes; the buffer is not
 * zero-filled, so room that is not written costs address space, not time, and a batch rarely has to grow.
 */
const TEXT_BYTES_PER_EVENT = 1024;

/** Strings written to the buffer in one call. */
const CHUNK_FIELDS = 512;

/** What a postMessage of the batch hands over instead of copying. */
export function transferred(batch: WireBatch): ArrayBuffer[] {
  return [batch.text, batch.typeIndex.buffer as ArrayBuffer, batch.metadataIndex.buffer as ArrayBuffer, batch.lengths.buffer as ArrayBuffer];
}

/**
 * The batch as the writer writes it, decoded one append at a time as it is written: a part's 20,000
 * events decoded up front all lived through the young generation's collections and were copied
 * there; decoded on the way, each append's strings are garbage before the next collection.
 */
export function fromWire(wire: WireBatch): Iterable<PreparedAppend> {
  return { [Symbol.iterator]: () => decodeAppends(wire) };
}

function* decodeAppends(wire: WireBatch): Generator<PreparedAppend, void, undefined> {
  const text = Buffer.from(wire.text, 0, wire.textBytes);
  const { streams, expected, counts, types, metadata, typeIndex, metadataIndex, lengths } = wire;
  let offset = 0;
  let e = 0;
  for (let s = 0; s < streams.length; s++) {
    const events = new Array<SerializedEvent>(counts[s]);
    let end = offset;
    for (let f = 2 * e; f < 2 * (e + events.length); f++) end += lengths[f];
    // The append's text in one decode, cut at the byte lengths when it is plain ASCII (one byte per
    // character): a native call per append instead of two per event. Otherwise field by field.
    const all = text.toString('utf8', offset, end);
    const ascii = all.length === end - offset;
    let at = 0;
    for (let i = 0; i < events.length; i++, e++) {
      let id: string;
      let data: string;
      if (ascii) {
        id = all.slice(at, (at += lengths[2 * e]));
        data = all.slice(at, (at += lengths[2 * e + 1]));
      } else {
        id = text.toString('utf8', offset, (offset += lengths[2 * e]));
        data = text.toString('utf8', offset, (offset += lengths[2 * e + 1]));
      }
      events[i] = { id, type: types[typeIndex[e]], data, metadata: metadata[metadataIndex[e]] };
    }
    offset = end;
    yield { stream: streams[s], expectedRevision: expected[s], events };
  }
}

/** Distinct values in the order first seen. */
class Table {
  readonly values: string[] = [];
  private readonly indexes = new Map<string, number>();

  index(value: string): number {
    let index = this.indexes.get(value);
    if (index === undefined) {
      index = this.values.push(value) - 1;
      this.indexes.set(value, index);
    }
    return index;
  }
}

/** UTF-8 text appended to a buffer of its own (transferable: no pool), which grows by doubling. */
class Utf8Writer {
  private bytes: Buffer;
  length = 0;

  constructor(initial: number) {
    this.bytes = Buffer.allocUnsafeSlow(Math.max(initial, 1024));
  }

  get buffer(): ArrayBuffer {
    return this.bytes.buffer as ArrayBuffer;
  }

  /** Appends a string; returns its length in bytes. */
  write(value: string): number {
    // A UTF-16 code unit takes at most 3 bytes of UTF-8.
    if (this.length + 3 * value.length > this.bytes.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(2 * this.bytes.length, this.length + 3 * value.length));
      this.bytes.copy(grown, 0, 0, this.length);
      this.bytes = grown;
    }
    const written = this.bytes.write(value, this.length, 'utf8');
    this.length += written;
    return written;
  }
}
