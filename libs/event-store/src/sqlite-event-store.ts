import type Database from 'better-sqlite3';
import { asAppendFailure, BatchOutcome, BatchTarget, StoredId, writeBatch } from './append-batch';
import { AppendResult, ReadStreamOptions, RecordedEvent, StoreBusyError, StoreUnavailableError, StreamAppend } from './event-store';
import { LocalEventStore } from './local-event-store';
import { LogPage } from './log-pages';
import { encodePosition } from './position';
import { busyMessage, DEFAULT_BUSY_TIMEOUT_MS, isBusy, openSqliteDatabase } from './sqlite-database';
import { StoredEvent, toRecordedEvent } from './stored-event';
import { prefixUpperBound, StreamFilter } from './stream-filter';

export interface SqliteEventStoreOptions {
  /** Events per query of `readAll` and of subscriptions catching up. */
  pageSize?: number;
  /** How often subscriptions look for commits by other connections (other processes). */
  pollIntervalMs?: number;
  /**
   * How long an append waits for another process's write lock before it fails with StoreBusyError
   * (default 30 s, sqlite-database.ts). Reads never wait for a writer (WAL).
   */
  busyTimeoutMs?: number;
}

const EVENT_COLUMNS = 'position, id, stream, revision, type, data, metadata';

/**
 * Log pages scan a window of positions, (after, head], in position order. Bounding both ends makes
 * SQLite walk the rowid instead of collecting and sorting every later event of the filtered streams for
 * each page, so reading a log of any size costs one pass whatever the filter; events outside the filter
 * are skipped inside SQLite and never reach JavaScript.
 */
const PAGE_SQL = {
  all: `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? AND position <= ? ORDER BY position LIMIT ?`,
  prefix: `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? AND position <= ?
    AND stream >= ? AND stream < ? ORDER BY position LIMIT ?`,
  prefixWithoutBound: `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? AND position <= ?
    AND stream >= ? ORDER BY position LIMIT ?`,
  regex: `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? AND position <= ?
    AND stream REGEXP ? ORDER BY position LIMIT ?`,
};

/**
 * The event store in one SQLite file (better-sqlite3). An append is one IMMEDIATE transaction over the
 * whole batch; reads page through the log; subscriptions hear of this connection's commits at once and
 * poll `PRAGMA data_version` for other processes' commits.
 */
export class SqliteEventStore extends LocalEventStore {
  private readonly db: Database.Database;
  private readonly statements: ReturnType<typeof prepare>;
  private readonly appendBatch: Database.Transaction<(batch: StreamAppend[]) => BatchOutcome>;
  private dataVersion: number;
  private readonly busyTimeoutMs: number;

  /** Opens or creates the file (and its directory); throws `StoreUnavailableError` when it cannot. */
  constructor(
    readonly file: string,
    options: SqliteEventStoreOptions = {},
  ) {
    super(`the SQLite event store at ${file}`, { pageSize: options.pageSize, pollIntervalMs: options.pollIntervalMs ?? 250 });
    this.busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
    this.db = openSqliteDatabase(file, { busyTimeoutMs: this.busyTimeoutMs });
    this.statements = prepare(this.db);
    this.appendBatch = this.db.transaction((batch: StreamAppend[]) => writeBatch(batch, this.target));
    this.dataVersion = this.statements.dataVersion.get()!;
  }

  async append(batch: StreamAppend[]): Promise<AppendResult> {
    this.assertOpen();
    let outcome: BatchOutcome;
    try {
      // IMMEDIATE takes the write lock up front: a deferred transaction that reads first could fail with
      // SQLITE_BUSY when another process writes in between, instead of waiting for the lock.
      outcome = this.appendBatch.immediate(batch);
    } catch (error) {
      if (isBusy(error)) throw new StoreBusyError(busyMessage(this.file, this.busyTimeoutMs), this.file, error);
      throw asAppendFailure(error);
    }
    this.subscriptions.notify();
    return { revisions: outcome.revisions, position: encodePosition(outcome.lastPosition ?? this.head()) };
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const { fromRevision = 0, maxCount } = options;
    const limit = maxCount === undefined ? -1 : Math.max(0, maxCount); // SQLite reads LIMIT -1 as none
    return this.reading(() => this.statements.readStream.all(stream, fromRevision, limit).map((e) => toRecordedEvent(e, this.json)));
  }

  /**
   * A read. In WAL mode a reader waits for no writer; SQLite can still be busy for a moment (another
   * connection recovering the WAL index), which the busy timeout covers. If even that runs out, say so
   * in one line rather than "database is locked".
   */
  private reading<T>(read: () => T): T {
    try {
      return read();
    } catch (error) {
      if (isBusy(error)) throw new StoreUnavailableError(busyMessage(this.file, this.busyTimeoutMs), error);
      throw error;
    }
  }

  protected revision(stream: string): number | undefined {
    return this.statements.revision.get(stream);
  }

  protected override release(): void {
    this.db.close();
  }

  /** The append path: prepared statements only, nothing asynchronous, no lookup per event. */
  private readonly target: BatchTarget = {
    revision: (stream) => this.statements.revision.get(stream),
    locate: (id) => this.statements.locate.get(id),
    ids: (stream, from, count) => this.statements.ids.all(stream, from, count),
    insert: (stream, revision, event) => {
      const { changes, lastInsertRowid } = this.statements.insert.run(
        event.id,
        stream,
        revision,
        event.type,
        event.data,
        event.metadata,
      );
      return changes === 0 ? undefined : Number(lastInsertRowid);
    },
  };

  protected readPage(after: number, filter: StreamFilter | undefined, limit: number): LogPage {
    this.assertOpen();
    return this.reading(() => this.page(after, filter, limit));
  }

  private page(after: number, filter: StreamFilter | undefined, limit: number): LogPage {
    // Rowids are handed out in commit order and a writer holds the lock until it commits, so every event
    // up to the head read here is already visible: the page can report having scanned up to it.
    const head = Math.max(this.head(), after);
    const { page } = this.statements;
    let rows: StoredEvent[];
    if (filter === undefined) {
      rows = page.all.all(after, head, limit);
    } else if ('regex' in filter) {
      rows = page.regex.all(after, head, filter.regex.source, limit);
    } else {
      const bound = prefixUpperBound(filter.prefix);
      rows =
        bound === undefined
          ? page.prefixWithoutBound.all(after, head, filter.prefix, limit)
          : page.prefix.all(after, head, filter.prefix, bound, limit);
    }
    const end = rows.length === limit ? rows[rows.length - 1].position : head;
    return { events: rows.map((e) => toRecordedEvent(e, this.json)), end };
  }

  /** Position of the last event committed, 0 when there is none. */
  private head(): number {
    return this.statements.head.get() ?? 0;
  }

  /** Whether another connection committed since the last check (this connection's own commits do not count). */
  protected override otherCommits(): boolean {
    const version = this.statements.dataVersion.get()!;
    const changed = version !== this.dataVersion;
    this.dataVersion = version;
    return changed;
  }

}

function prepare(db: Database.Database) {
  return {
    revision: db
      .prepare<[string], number>('SELECT revision FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1')
      .pluck(),
    // A taken id stores nothing and reports no change, so the rare retry costs no lookup on the common path.
    insert: db.prepare<[string, string, number, string, string, string]>(
      'INSERT INTO events (id, stream, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
    ),
    locate: db.prepare<[string], StoredId>('SELECT stream, revision, position FROM events WHERE id = ?'),
    ids: db
      .prepare<[string, number, number], string>('SELECT id FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?')
      .pluck(),
    readStream: db.prepare<[string, number, number], StoredEvent>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?`,
    ),
    head: db.prepare<[], number | null>('SELECT max(position) FROM events').pluck(),
    dataVersion: db.prepare<[], number>('PRAGMA data_version').pluck(),
    page: {
      all: db.prepare<[number, number, number], StoredEvent>(PAGE_SQL.all),
      prefix: db.prepare<[number, number, string, string, number], StoredEvent>(PAGE_SQL.prefix),
      prefixWithoutBound: db.prepare<[number, number, string, number], StoredEvent>(PAGE_SQL.prefixWithoutBound),
      regex: db.prepare<[number, number, string, number], StoredEvent>(PAGE_SQL.regex),
    },
  };
}
