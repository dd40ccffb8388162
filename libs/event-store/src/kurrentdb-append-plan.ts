import type { AppendStreamState, CurrentStreamState } from '@kurrent/kurrentdb-client';
import { AppendFailedError, ExpectedRevision, StreamAppend } from './event-store';
import { serializeEvent } from './stored-event';

// The expected-revision rules are the same for every adapter (append-batch.ts).
export { retryStart, satisfies } from './append-batch';

/**
 * The pure part of the KurrentDB adapter's appends: expected revisions in the client's terms, events
 * checked and measured before anything is sent, and a batch cut into appends the server accepts.
 */

// ---------------------------------------------------------------------------------------------------
// Expected revisions

/** Our `ExpectedRevision` as the client's `streamState`: a number becomes a bigint revision. */
export function toStreamState(expected: ExpectedRevision): AppendStreamState {
  switch (expected) {
    case 'any':
      return 'any'; // ANY
    case 'no_stream':
      return 'no_stream'; // NO_STREAM
    case 'stream_exists':
      return 'stream_exists'; // STREAM_EXISTS
    default:
      return BigInt(expected);
  }
}

/** The client's view of a stream's state (a bigint revision or NO_STREAM) as our `actual` revision. */
export function fromCurrentState(state: CurrentStreamState | undefined): number | undefined {
  return typeof state === 'bigint' && state >= 0n ? Number(state) : undefined;
}

// ---------------------------------------------------------------------------------------------------
// Events

export interface PreparedEvent {
  readonly id: string;
  readonly type: string;
  /** A parsed copy of the JSON that was checked: what is sent is what was validated, whatever the caller does next. */
  readonly data: unknown;
  readonly metadata: Record<string, unknown>;
  /** What the event weighs against the server's maximum append size (an upper estimate). */
  readonly bytes: number;
}

export interface PreparedAppend {
  readonly stream: string;
  readonly expected: ExpectedRevision;
  readonly events: readonly PreparedEvent[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Server-side bytes of an event beyond its data: the server counts data + metadata + 2 × type length,
 * and a multi-stream append also stores the metadata as properties (with the type and data format).
 */
const EVENT_OVERHEAD = 128;

/**
 * Checks and measures a whole batch before anything is sent, so that a batch with one bad event (no id,
 * data that is not JSON, an id that is not a UUID) stores nothing. Throws `AppendFailedError`.
 */
export function prepareBatch(batch: readonly StreamAppend[]): PreparedAppend[] {
  if (!Array.isArray(batch)) throw new AppendFailedError('a batch must be an array of stream appends');
  return batch.map(({ stream, expectedRevision, events }) => {
    if (typeof stream !== 'string' || stream === '') throw new AppendFailedError('a stream name must be a non-empty string');
    const validRevision =
      expectedRevision === 'any' ||
      expectedRevision === 'no_stream' ||
      expectedRevision === 'stream_exists' ||
      (Number.isSafeInteger(expectedRevision) && expectedRevision >= 0);
    if (!validRevision) throw new AppendFailedError(`stream ${stream}: invalid expected revision ${String(expectedRevision)}`);
    if (!Array.isArray(events)) throw new AppendFailedError(`stream ${stream}: events must be an array`);
    return {
      stream,
      expected: expectedRevision,
      events: events.map((event) => {
        const serialized = serializeEvent(event, stream);
        if (!UUID.test(serialized.id)) {
          throw new AppendFailedError(`stream ${stream}: event id ${serialized.id} is not a UUID (KurrentDB event ids are UUIDs)`);
        }
        const metadata = JSON.parse(serialized.metadata) as Record<string, unknown>;
        const stored = JSON.stringify(encodeMetadata(metadata, { stringValuesOnly: true }));
        return {
          id: serialized.id,
          type: serialized.type,
          data: JSON.parse(serialized.data) as unknown,
          metadata,
          bytes: utf8Length(serialized.data) + 2 * utf8Length(stored) + 4 * serialized.type.length + EVENT_OVERHEAD,
        };
      }),
    };
  });
}

function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

// ---------------------------------------------------------------------------------------------------
// Metadata

/**
 * Metadata that does not survive as it is gets packed, whole, as JSON text under this one key:
 * a multi-stream append (KurrentDB 25.1) takes string values only, and a key the server itself uses for
 * multi-stream appends could not be told apart on the way back.
 */
export const PACKED_METADATA_KEY = 'trustsim.metadata';

/** Keys a multi-stream append adds to the metadata that readers see (the event type and data format). */
const SCHEMA_KEYS = ['$schema.data-format', '$schema.name'] as const;

export function encodeMetadata(metadata: Record<string, unknown>, { stringValuesOnly }: { stringValuesOnly: boolean }): Record<string, unknown> {
  const packed = Object.entries(metadata).some(
    ([key, value]) =>
      key === PACKED_METADATA_KEY || (SCHEMA_KEYS as readonly string[]).includes(key) || (stringValuesOnly && typeof value !== 'string'),
  );
  return packed ? { [PACKED_METADATA_KEY]: JSON.stringify(metadata) } : metadata;
}

/** The metadata a writer gave, from what the server returns (whichever append wrote the event). */
export function decodeMetadata(raw: unknown): Record<string, unknown> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw) || raw instanceof Uint8Array) return {};
  const metadata: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  if (SCHEMA_KEYS.every((key) => Object.prototype.hasOwnProperty.call(metadata, key))) {
    for (const key of SCHEMA_KEYS) delete metadata[key];
  }
  const packed = metadata[PACKED_METADATA_KEY];
  if (typeof packed === 'string') {
    try {
      const unpacked: unknown = JSON.parse(packed);
      if (unpacked !== null && typeof unpacked === 'object' && !Array.isArray(unpacked)) return unpacked as Record<string, unknown>;
    } catch {
      // not ours after all: hand it out as stored
    }
  }
  return metadata;
}

// ---------------------------------------------------------------------------------------------------
// Splitting a batch

/** A run of consecutive events `[from, to)` of one stream append of the batch. */
export interface Piece {
  readonly append: number;
  readonly from: number;
  readonly to: number;
}

/** One server call: a single-stream append, or an atomic multi-stream append of pieces of distinct streams. */
export interface Chunk {
  readonly pieces: Piece[];
  readonly bytes: number;
}

export interface PlanOptions {
  /** Most bytes one server call may carry (the server's maximum append size, 1 MiB by default). */
  readonly maxBytes: number;
  /** Whether one call may append to several streams (multi-stream append, KurrentDB 25.1+). */
  readonly multiStream: boolean;
}

/**
 * Cuts a batch into chunks of at most `maxBytes`, in batch order: concatenating the chunks' pieces gives
 * the batch back. A stream that fits in one chunk is never split (each chunk is atomic, so each such
 * stream is written whole or not at all); a stream larger than a chunk is split into consecutive pieces;
 * a single event larger than `maxBytes` travels alone (the server then decides). Without multi-stream
 * appends every chunk holds one stream; with them, a chunk never names a stream twice (a server rule).
 */
export function planChunks(appends: readonly { readonly stream: string; readonly sizes: readonly number[] }[], options: PlanOptions): Chunk[] {
  const { maxBytes, multiStream } = options;
  const chunks: Chunk[] = [];
  let pieces: Piece[] = [];
  let bytes = 0;
  let streams = new Set<string>();
  const close = () => {
    if (pieces.length > 0) chunks.push({ pieces, bytes });
    pieces = [];
    bytes = 0;
    streams = new Set();
  };

  appends.forEach(({ stream, sizes }, append) => {
    let from = 0;
    while (from < sizes.length) {
      let remaining = 0;
      for (let i = from; i < sizes.length; i++) remaining += sizes[i];
      const mustClose =
        pieces.length > 0 &&
        (!multiStream || streams.has(stream) || (bytes + remaining > maxBytes && remaining <= maxBytes) || bytes + sizes[from] > maxBytes);
      if (mustClose) close();
      let to = from;
      while (to < sizes.length && (bytes + sizes[to] <= maxBytes || (to === from && pieces.length === 0))) {
        bytes += sizes[to];
        to += 1;
      }
      pieces.push({ append, from, to });
      streams.add(stream);
      from = to;
      if (from < sizes.length || !multiStream) close();
    }
  });
  close();
  return chunks;
}
