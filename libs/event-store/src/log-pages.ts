import type { EventStore, ReadAllOptions, RecordedEvent } from './event-store';
import { decodePosition } from './position';
import { StreamFilter, streamFilter } from './stream-filter';

/** One page of a scan through a local store's log, in commit order. */
export interface LogPage {
  /** Up to the page's limit of events that pass the filter. */
  readonly events: RecordedEvent[];
  /**
   * Sequence number the scan got to: the next page starts after it. When the page is not full this is
   * the head of the log, so a filtered reader moves past events it skipped and never scans them again.
   */
  readonly end: number;
}

/**
 * Reads the events after sequence number `after` that pass `filter`, at most `limit` of them, and none
 * after sequence number `upTo` when it is given.
 */
export type ReadPage = (after: number, filter: StreamFilter | undefined, limit: number, upTo?: number) => LogPage;

/** `readAll` of a local store: one page at a time, so a long log is never in memory at once. */
export async function* readPages(
  readPage: ReadPage,
  options: ReadAllOptions,
  pageSize: number,
): AsyncGenerator<RecordedEvent> {
  for await (const events of readEventPages(readPage, options, pageSize)) yield* events;
}

/** `readAllPages` of a local store: the pages of `readPages` themselves (the empty ones left out). */
export async function* readEventPages(
  readPage: ReadPage,
  options: ReadAllOptions,
  pageSize: number,
): AsyncGenerator<readonly RecordedEvent[]> {
  const filter = streamFilter(options);
  let after = options.after === undefined ? 0 : decodePosition(options.after);
  const upTo = options.to === undefined ? undefined : decodePosition(options.to);
  let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
  while (remaining > 0 && (upTo === undefined || after < upTo)) {
    const limit = Math.min(pageSize, remaining);
    const page = readPage(after, filter, limit, upTo);
    if (page.events.length) yield page.events;
    if (page.events.length < limit) return;
    remaining -= limit;
    after = page.end;
  }
}

/**
 * The events of `store.readAll(options)` a page at a time: the store's own pages when it has
 * `readAllPages`, otherwise its events gathered `pageSize` at a time.
 */
export async function* readAllInPages(store: EventStore, options: ReadAllOptions = {}, pageSize = 2000): AsyncGenerator<readonly RecordedEvent[]> {
  if (store.readAllPages) {
    yield* store.readAllPages(options);
    return;
  }
  let page: RecordedEvent[] = [];
  for await (const event of store.readAll(options)) {
    page.push(event);
    if (page.length >= pageSize) {
      yield page;
      page = [];
    }
  }
  if (page.length) yield page;
}
