import type Database from 'better-sqlite3';
import { appendResult, asAppendFailure, BatchOutcome, prepareBatch } from './append-batch';
import { AppendResult, AppendUnit, ReadStreamOptions, RecordedEvent, StoreBusyError, StoreUnavailableError, StreamAppend } from './event-store';
import { LocalEventStore } from './local-event-store';
import { LogPage } from './log-pages';
import { encodePosition } from './position';
import { SqliteAppender } from './sqlite-appender';
import { busyMessage, DEFAULT_BUSY_TIMEOUT_MS, isBusy, openSqliteDatabase } from './sqlite-database';
import { prepareRevision } from './sqlite-known-revisions';
import { SqliteWriterThread } from './sqlite-writer-thread';
import { rowToRecordedEvent, StoredRow } from './stored-event';
import { prefixUpperBound, StreamFilter, StreamNamesFilter } from './stream-filter';

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
  /**
   * Where appends are written: 'inline' on this connection, in the caller's thread; 'thread' on a writer
   * thread with a connection of its own, so that the caller computes its next batch while this one is
   * written (a rehearsal's next step). Same transactions, same errors; a reader of this store sees a batch
   * once its append has resolved. Default 'inline'.
   */
  writer?: 'inline' | 'thread';
}

/** The columns of a `StoredRow`, in its order. */
const EVENT_COLUMNS = 'e.position, e.id, s.name, e.revision, e.type, e.data, e.metadata';

/**
 * Events with their stream's name. CROSS JOIN keeps events the outer loop, so a page walks the position
 * range and looks each stream up by its number, whatever the filter on names.
 */
const EVENTS = 'events e CROSS JOIN streams s ON s.id = e.stream';

/**
 * Log pages scan a window of positions, (after, head], in position order. Bounding both ends makes
 * SQLite walk the rowid instead of collecting and sorting every later event of the filtered streams for
 * each page, so reading a log of any size costs one pass whatever the filter; events outside the filter
 * are skipped inside SQLite and never reach JavaScript.
 */
/** One stream from a revision on: its number by name, then its events by the (stream, revision) index. */
export const READ_STREAM_SQL = `SELECT ${EVENT_COLUMNS} FROM streams s JOIN events e ON e.stream = s.id WHERE s.name = ? AND e.revision >= ? ORDER BY e.revision LIMIT ?`;

export const PAGE_SQL = {
  all: `SELECT ${EVENT_COLUMNS} FROM ${EVENTS} WHERE e.position > ? AND e.position <= ? ORDER BY e.position LIMIT ?`,
  regex: `SELECT ${EVENT_COLUMNS} FROM ${EVENTS} WHERE e.position > ? AND e.position <= ?
    AND s.name REGEXP ? ORDER BY e.position LIMIT ?`,
};

/**
 * The event store in one SQLite file (better-sqlite3). An append is one IMMEDIATE transaction over the
 * whole batch; reads page through the log; subscriptions hear of this connection's commits at once and
 * poll `PRAGMA data_version` for other processes' commits.
 */
export class SqliteEventStore extends LocalEventStore {
  private readonly db: Database.Database;
  private readonly statements: ReturnType<typeof prepare>;
  private readonly selections = new Map<string, Database.Statement<unknown[], StoredRow>>();
  private readonly appender: SqliteAppender | SqliteWriterThread;
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
    if (options.writer === 'thread') {
      const writer = new SqliteWriterThread({ file, busyTimeoutMs: this.busyTimeoutMs });
      this.appender = writer;
      this.beginAppendUnit = () => this.unitOn(writer);
    } else {
      this.appender = new SqliteAppender(this.db);
    }
    this.dataVersion = this.statements.dataVersion.get()!;
  }

  async append(batch: StreamAppend[]): Promise<AppendResult> {
    this.assertOpen();
    let outcome: BatchOutcome;
    try {
      outcome = await (this.appender instanceof SqliteWriterThread ? this.appender.append(batch) : this.appender.append(prepareBatch(batch)));
    } catch (error) {
      throw this.appendError(error);
    }
    return this.appended(batch.map((append) => append.stream), outcome);
  }

  /**
   * With a writer thread: a unit written in parts as the caller hands them over (AppendUnit). Without one
   * there is nothing to overlap, and the method is absent (callers append the whole batch).
   */
  readonly beginAppendUnit?: () => AppendUnit;

  private unitOn(writer: SqliteWriterThread): AppendUnit {
    this.assertOpen();
    const unit = writer.unit();
    // The streams of the parts, in order, which the unit's revisions are reported for (BatchOutcome).
    const streams: string[] = [];
    const add = (batch: StreamAppend[]) => {
      for (const append of batch) streams.push(append.stream);
    };
    return {
      part: (batch) => {
        add(batch);
        unit.part(batch);
      },
      commit: async (batch) => {
        this.assertOpen();
        add(batch);
        try {
          return this.appended(streams, await unit.commit(batch));
        } catch (error) {
          throw this.appendError(error);
        }
      },
      abandon: () => unit.abandon(),
    };
  }

  private appended(streams: readonly string[], outcome: BatchOutcome): AppendResult {
    this.subscriptions.notify();
    return appendResult(streams, outcome.revisions, encodePosition(outcome.lastPosition ?? this.head()));
  }

  private appendError(error: unknown): Error {
    if (error instanceof StoreBusyError) return error;
    if (isBusy(error)) return new StoreBusyError(busyMessage(this.file, this.busyTimeoutMs), this.file, error);
    return asAppendFailure(error);
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const { fromRevision = 0, maxCount } = options;
    const limit = maxCount === undefined ? -1 : Math.max(0, maxCount); // SQLite reads LIMIT -1 as none
    return this.reading(() => this.statements.readStream.all(stream, fromRevision, limit).map((row) => rowToRecordedEvent(row, this.json)));
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

  override async close(): Promise<void> {
    // The writer thread's batches land before the file is closed.
    if (this.appender instanceof SqliteWriterThread) await this.appender.close();
    await super.close();
  }

  protected override release(): void {
    this.db.close();
  }

  protected readPage(after: number, filter: StreamFilter | undefined, limit: number, upTo?: number): LogPage {
    this.assertOpen();
    return this.reading(() => this.page(after, filter, limit, upTo));
  }

  private page(after: number, filter: StreamFilter | undefined, limit: number, upTo = Number.POSITIVE_INFINITY): LogPage {
    // Rowids are handed out in commit order and a writer holds the lock until it commits, so every event
    // up to the head read here is already visible: the page can report having scanned up to it.
    const head = Math.max(Math.min(this.head(), upTo), after);
    const { page } = this.statements;
    let rows: StoredRow[];
    if (filter === undefined) {
      rows = page.all.all(after, head, limit);
    } else if ('regex' in filter) {
      rows = page.regex.all(after, head, filter.regex.source, limit);
    } else {
      const { where, args } = selectionSql(filter);
      rows = this.selectionPage(where).all(after, head, ...args, limit);
    }
    const end = rows.length === limit ? rows[rows.length - 1][0] : head;
    return { events: rows.map((row) => rowToRecordedEvent(row, this.json)), end };
  }

  /** The page query of a selection's shape (how many names and prefixes), prepared once. */
  private selectionPage(where: string): Database.Statement<unknown[], StoredRow> {
    let statement = this.selections.get(where);
    if (!statement) {
      statement = rowStatement<unknown[]>(this.db, selectionPageSql(where));
      this.selections.set(where, statement);
    }
    return statement;
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

/**
 * A selection of streams (ReadAllOptions.streams) as SQL that SQLite tests itself per event: a range per
 * prefix, then the names. The prefixes come first because a run's bulk (its phones) is a prefix, so most
 * events pass at the first test. `+s.name` keeps the planner on the position range (the rowid) rather than
 * the index of names, as for the other filters.
 */
function selectionSql(filter: StreamNamesFilter): { where: string; args: string[] } {
  const terms: string[] = [];
  const args: string[] = [];
  for (const prefix of filter.prefixes) {
    const bound = prefixUpperBound(prefix);
    terms.push(bound === undefined ? '+s.name >= ?' : '(+s.name >= ? AND +s.name < ?)');
    args.push(prefix, ...(bound === undefined ? [] : [bound]));
  }
  if (filter.names.size) {
    terms.push(`+s.name IN (${[...filter.names].map(() => '?').join(', ')})`);
    args.push(...filter.names);
  }
  return { where: terms.length ? terms.join(' OR ') : '0', args };
}

/** The page of the log a selection's SQL (selectionSql) lets through. */
export function selectionPageSql(where: string): string {
  return `SELECT ${EVENT_COLUMNS} FROM ${EVENTS} WHERE e.position > ? AND e.position <= ? AND (${where}) ORDER BY e.position LIMIT ?`;
}

/**
 * A read whose rows come back as arrays (`raw`), not objects: better-sqlite3 builds an object per row with a
 * property per column, which took half of a fold's time reading a 560,000-event run.
 */
function rowStatement<P extends unknown[]>(db: Database.Database, sql: string): Database.Statement<P, StoredRow> {
  return db.prepare<P, StoredRow>(sql).raw(true) as unknown as Database.Statement<P, StoredRow>;
}

function prepare(db: Database.Database) {
  const rows = <P extends unknown[]>(sql: string) => rowStatement<P>(db, sql);
  return {
    revision: prepareRevision(db),
    readStream: rows<[string, number, number]>(READ_STREAM_SQL),
    head: db.prepare<[], number | null>('SELECT max(position) FROM events').pluck(),
    dataVersion: db.prepare<[], number>('PRAGMA data_version').pluck(),
    page: {
      all: rows<[number, number, number]>(PAGE_SQL.all),
      regex: rows<[number, number, string, number]>(PAGE_SQL.regex),
    },
  };
}
