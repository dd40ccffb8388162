/**
 * Positions of the KurrentDB adapter. The server orders `$all` by a pair of unsigned 64-bit numbers
 * (commit position, then prepare position), which the client hands out as bigints. The port wants an
 * opaque string that compares, as a plain string, in commit order and never a bigint (bigints do not
 * go into JSON): both numbers zero-padded to the 20 digits of 2^64 - 1, joined by a slash. A local
 * store's position (16 digits, no slash) is not one, so a position cannot be used with the wrong store.
 */

export interface KurrentPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

const WIDTH = 20;
const MAX = (1n << 64n) - 1n;
const PATTERN = /^(\d{20})\/(\d{20})$/;

export function encodeKurrentPosition({ commit, prepare }: KurrentPosition): string {
  return `${pad(commit)}/${pad(prepare)}`;
}

export function decodeKurrentPosition(position: string): KurrentPosition {
  const match = typeof position === 'string' ? PATTERN.exec(position) : null;
  const commit = match ? BigInt(match[1]) : -1n;
  const prepare = match ? BigInt(match[2]) : -1n;
  if (!match || commit > MAX || prepare > MAX) {
    throw new RangeError(`not a position of a KurrentDB event store: ${JSON.stringify(position)}`);
  }
  return { commit, prepare };
}

/** Negative when `a` comes before `b` in `$all`, zero when they are the same position. */
export function compareKurrentPositions(a: KurrentPosition, b: KurrentPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

function pad(value: bigint): string {
  if (typeof value !== 'bigint' || value < 0n || value > MAX) {
    throw new RangeError(`a KurrentDB position must be an unsigned 64-bit integer, not ${String(value)}`);
  }
  return value.toString(10).padStart(WIDTH, '0');
}
