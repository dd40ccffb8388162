import type { ReadAllOptions } from './event-store';

/**
 * Which streams a read or a subscription wants: those matching a regex, or a selection of names and
 * prefixes (ReadAllOptions.streams; `streamPrefix` is the selection of one prefix).
 */
export type StreamFilter = { readonly regex: RegExp } | StreamNamesFilter;

export interface StreamNamesFilter {
  readonly names: ReadonlySet<string>;
  readonly prefixes: readonly string[];
}

/**
 * The filter of `readAll`/`subscribeToAll` options, or undefined for every stream. The three ways are
 * exclusive, as EventStoreDB's server-side filters are. The regex is unanchored (like the server's
 * `Regex.IsMatch`): write `^…` to match from the start.
 */
export function streamFilter(options: Pick<ReadAllOptions, 'streamPrefix' | 'streamRegex' | 'streams'>): StreamFilter | undefined {
  const { streamPrefix, streamRegex, streams } = options;
  if ([streamPrefix, streamRegex, streams].filter((f) => f !== undefined).length > 1) {
    throw new TypeError('filter streams by one of streamPrefix, streamRegex or streams, not several');
  }
  if (streamRegex !== undefined) return { regex: new RegExp(streamRegex) };
  if (streams !== undefined) return { names: new Set(streams.names ?? []), prefixes: [...(streams.prefixes ?? [])] };
  return streamPrefix ? { names: new Set(), prefixes: [streamPrefix] } : undefined;
}

export function matchesStream(filter: StreamFilter | undefined, stream: string): boolean {
  if (filter === undefined) return true;
  if ('regex' in filter) return filter.regex.test(stream);
  return filter.names.has(stream) || filter.prefixes.some((p) => stream.startsWith(p));
}

/** A selection as the regular expression a server takes (the same streams, whole names anchored). */
export function selectionRegex(filter: StreamNamesFilter): RegExp {
  const alternatives = [...filter.prefixes.map((p) => `^${escapeRegex(p)}`), ...[...filter.names].map((n) => `^${escapeRegex(n)}$`)];
  // No alternative: a pattern that matches nothing.
  return new RegExp(alternatives.length ? alternatives.join('|') : '(?!)');
}

/** Escapes what a regular expression (JavaScript's, and .NET's on the server) reads as syntax. */
function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
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
