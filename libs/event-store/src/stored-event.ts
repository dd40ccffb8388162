import { AppendFailedError, EventData, RecordedEvent } from './event-store';
import type { JsonInterner } from './json-intern';
import { encodePosition } from './position';

/**
 * An event as the local stores keep it. Data and metadata are JSON text in every local store (the
 * memory store too), so all of them accept the same values, fail on the same ones, and hand out fresh
 * copies that a caller cannot use to change what is stored.
 */
export interface StoredEvent {
  readonly position: number;
  readonly id: string;
  readonly stream: string;
  readonly revision: number;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

/** A `StoredEvent` as SQLite hands it back, one array per row: position, id, stream, revision, type, data, metadata. */
export type StoredRow = readonly [number, string, string, number, string, string, string];

export type SerializedEvent = Pick<StoredEvent, 'id' | 'type' | 'data' | 'metadata'>;

/**
 * The JSON of the objects that many events of a batch share, made once per object. Metadata: a step's
 * events share one object per instant, and arrive together, so only the last one is kept. Data: phones in
 * the same situation get the same decision, whose events (and data objects) they share (phone-fleet.ts):
 * of a 40,000-phone step's events, a handful of distinct data objects; they are kept for the batch. Events
 * are immutable once recorded, so an object's JSON cannot change while its batch is serialized.
 */
export class JsonOfSharedObjects {
  private lastValue: unknown = undefined;
  private lastText = '';
  private readonly dataTexts = new Map<object, string>();

  metadata(event: EventData, stream: string): string {
    const value = event.metadata;
    if (value === undefined) return '{}';
    if (value !== this.lastValue) {
      this.lastText = toJson(value, 'metadata', event, stream);
      this.lastValue = value;
    }
    return this.lastText;
  }

  data(event: EventData, stream: string): string {
    const value = event.data;
    if (value === null || typeof value !== 'object') return toJson(value, 'data', event, stream);
    let text = this.dataTexts.get(value);
    if (text === undefined) {
      text = toJson(value, 'data', event, stream);
      this.dataTexts.set(value, text);
    }
    return text;
  }
}

/** Checks and serializes one event of an append; messages name the event, never its data. */
export function serializeEvent(event: EventData, stream: string, shared?: JsonOfSharedObjects): SerializedEvent {
  checkEventNames(event, stream);
  return {
    id: event.id,
    type: event.type,
    data: shared ? shared.data(event, stream) : toJson(event.data, 'data', event, stream),
    metadata: shared ? shared.metadata(event, stream) : toJson(event.metadata ?? {}, 'metadata', event, stream),
  };
}

/** An event's id and type, checked: non-empty strings. */
export function checkEventNames(event: EventData, stream: string): void {
  const { id, type } = event;
  if (typeof id !== 'string' || id === '') throw new AppendFailedError(`stream ${stream}: an event has no id`);
  if (typeof type !== 'string' || type === '') throw new AppendFailedError(`stream ${stream}: event ${id} has no type`);
}

function toJson(value: unknown, part: 'data' | 'metadata', event: EventData, stream: string): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw new AppendFailedError(`${eventPart(part, event, stream)} is not JSON-serializable: ${errorMessage(error)}`, error);
  }
  if (text === undefined) throw new AppendFailedError(`${eventPart(part, event, stream)} has no JSON form`);
  return text;
}

function eventPart(part: string, event: EventData, stream: string): string {
  return `stream ${stream}: the ${part} of event ${event.id} (${event.type})`;
}

/** An event as read back: data and metadata parsed (once per distinct text, see JsonInterner) and immutable. */
export function toRecordedEvent(stored: StoredEvent, json: JsonInterner): RecordedEvent {
  return recordedEvent(stored.position, stored.id, stored.stream, stored.revision, stored.type, stored.data, stored.metadata, json);
}

export function rowToRecordedEvent(row: StoredRow, json: JsonInterner): RecordedEvent {
  return recordedEvent(row[0], row[1], row[2], row[3], row[4], row[5], row[6], json);
}

function recordedEvent(position: number, id: string, stream: string, revision: number, type: string, data: string, metadata: string, json: JsonInterner): RecordedEvent {
  return { id, stream, revision, position: encodePosition(position), type, data: json.parse(data), metadata: json.parse(metadata) as Record<string, unknown> };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
