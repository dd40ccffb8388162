/**
 * Positions of the local stores (memory, SQLite): the 1-based commit sequence number of an event,
 * zero-padded so that the strings compare in commit order, as the port promises. Sequence 0 means
 * "before the first event".
 */

/** Digits of Number.MAX_SAFE_INTEGER: every sequence number a JS number holds exactly. */
const WIDTH = 16;

export function encodePosition(sequence: number): string {
  return String(sequence).padStart(WIDTH, '0');
}

export function decodePosition(position: string): number {
  const sequence = /^\d{1,16}$/.test(position) ? Number(position) : Number.NaN;
  if (!Number.isSafeInteger(sequence)) {
    throw new RangeError(`not a position of this event store: ${JSON.stringify(position)}`);
  }
  return sequence;
}
