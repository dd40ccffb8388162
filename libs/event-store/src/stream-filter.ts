import type { ReadAllOptions } from './event-store';

/** Which streams a read or a subscription wants: those with a name prefix, or those matching a regex. */
export type StreamFilter = { readonly prefix: string } | { readonly regex: RegExp };

/**
 * The filter of `readAll`/`subscribeToAll` options, or undefined for every stream. Prefix and regex
 * are exclusive, as in EventStoreDB's server-side filters. The regex is unanchored (like the server's
 * `Regex.IsMatch`): write `^…` to match from the start.
 */
export function streamFilter(options: Pick<ReadAllOptions, 'streamPrefix' | 'streamRegex'>): StreamFilter | undefined {
  const { streamPrefix, streamRegex } = options;
  if (streamPrefix !== undefined && streamRegex !== undefined) {
    throw new TypeError('filter streams by streamPrefix or by streamRegex, not both');
  }
  if (streamRegex !== undefined) return { regex: new RegExp(streamRegex) };
  return streamPrefix ? { prefix: streamPrefix } : undefined;
}

export function matchesStream(filter: StreamFilter | undefined, stream: string): boolean {
  if (filter === undefined) return true;
  return 'prefix' in filter ? stream.startsWith(filter.prefix) : filter.regex.test(stream);
}

/**
 * The least string above every string that starts with `prefix`, in code point order, which is the
 * order of SQLite's BINARY collation on UTF-8 text: `prefix <= s < bound` then says "s starts with
 * prefix" as a range the stream index can serve. Undefined when no string is above them all (a prefix
 * made only of U+10FFFF).
 */
export function prefixUpperBound(prefix: string): string | undefined {
  const codePoints = Array.from(prefix);
  while (codePoints.length > 0) {
    const last = codePoints.pop()!.codePointAt(0)!;
    if (last < 0x10ffff) {
      // Surrogate code points never occur in UTF-8 text, so the successor of U+D7FF is U+E000.
      const next = last === 0xd7ff ? 0xe000 : last + 1;
      return codePoints.join('') + String.fromCodePoint(next);
    }
  }
  return undefined;
}
