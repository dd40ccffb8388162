import type { AllStreamResolvedEvent, AppendStreamRequest, EventData as ClientEventData, Filter, JSONType, RecordedEvent as ClientRecordedEvent, ResolvedEvent } from '@kurrent/kurrentdb-client';
import { AppendFailedError, ExpectedRevision, RecordedEvent, StoreUnavailableError } from './event-store';
import { decodeMetadata, encodeMetadata, PreparedEvent, retryStart, toStreamState } from './kurrentdb-append-plan';
import { encodeKurrentPosition, KurrentPosition } from './kurrentdb-position';
import { selectionRegex, type StreamFilter } from './stream-filter';

/** How trustsim's events and the client's translate into each other. */


export interface LivePiece {
  readonly append: number;
  readonly stream: string;
  readonly expected: ExpectedRevision;
  readonly events: readonly PreparedEvent[];
}

export function toAppendRequest(piece: LivePiece): AppendStreamRequest {
  return {
    streamName: piece.stream,
    expectedState: toStreamState(piece.expected),
    events: piece.events.map((event) => toClientEvent(event, { stringValuesOnly: true })),
  };
}

export function toClientEvent(event: PreparedEvent, { stringValuesOnly }: { stringValuesOnly: boolean }): ClientEventData {
  return {
    id: event.id,
    contentType: 'application/json',
    type: event.type,
    // Any JSON value (the client stringifies it); its typings only name objects, arrays and strings.
    data: event.data as JSONType,
    metadata: encodeMetadata(event.metadata, { stringValuesOnly }),
  };
}

/** The last revision a successful piece left: known from its expectation, or as the server reports it. */
export function revisionAfter(piece: LivePiece, reported: number | undefined): number {
  const start = retryStart(piece.expected);
  if (start !== undefined) return start + piece.events.length - 1;
  if (reported === undefined || !Number.isSafeInteger(reported) || reported < 0) {
    throw new AppendFailedError(`stream ${piece.stream}: the server reported no revision for the append`);
  }
  return reported;
}

export function toRecordedEvent(event: ClientRecordedEvent, position: KurrentPosition): RecordedEvent {
  return {
    id: event.id,
    stream: event.streamId,
    revision: Number(event.revision),
    position: encodeKurrentPosition(position),
    type: event.type,
    data: event.isJson ? event.data : fromBinary(event.data as Uint8Array),
    metadata: decodeMetadata(event.metadata),
  };
}

/** Data another writer stored as bytes: JSON when it is, else the bytes as they are. */
export function fromBinary(data: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(data).toString('utf8'));
  } catch {
    return data;
  }
}

export function positionOf(resolved: ResolvedEvent | AllStreamResolvedEvent): KurrentPosition {
  const position = resolved.event?.position;
  if (position) return position;
  if (resolved.commitPosition !== undefined) return { commit: resolved.commitPosition, prepare: resolved.commitPosition };
  throw new StoreUnavailableError(`the server sent event ${resolved.event?.id ?? '?'} without its position in $all`);
}

/**
 * The server-side filter of a read or subscription: the streams asked for, never the server's own
 * (`$`-prefixed) ones. A regex is kept as written (the server runs .NET regular expressions; anchors
 * mean the same), wrapped in lookaheads that capture nothing.
 */
export function serverFilter(filter: StreamFilter | undefined): Filter {
  const base = { filterOn: 'streamName' as const, checkpointInterval: 1 };
  if (filter === undefined) return { ...base, regex: '^[^$]' };
  // Prefixes alone go as the server's prefix filter; with names, as one regular expression for both.
  if (!('regex' in filter) && filter.names.size === 0 && filter.prefixes.length > 0) return { ...base, prefixes: [...filter.prefixes] };
  const regex = 'regex' in filter ? filter.regex : selectionRegex(filter);
  return { ...base, regex: `^(?!\\$)(?=[\\s\\S]*?(?:${regex.source}))` };
}

export function isSystemStream(stream: string): boolean {
  return stream.startsWith('$');
}

