import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, isAbsolute, relative } from 'node:path';
import { StoreUnavailableError } from './event-store';
import { errorMessage } from './stored-event';

/**
 * How long a connection waits for another process's write lock before giving up (SQLite's busy handler).
 * A trustsim write transaction is one step's batch: about a second for 40,000 phones, a few seconds for
 * the largest steps. 30 s lets a second `run` queue behind the first without failing, and still ends the
 * wait when the other process is stuck rather than busy.
 */
export const DEFAULT_BUSY_TIMEOUT_MS = 30_000;

export interface SqliteOpenOptions {
  /** Wait this long for another process's write lock (default DEFAULT_BUSY_TIMEOUT_MS). */
  busyTimeoutMs?: number;
}

/** Bumped when the tables change; a file of a later version is refused rather than misread. */
const SCHEMA_VERSION = 2;

/**
 * Streams have a table of their own and events name theirs by its number. The (stream, revision) index is
 * what an append of a 40,000-phone step pays most for (a row in each of 40,000 streams, all over the index):
 * with eight-byte numbers instead of the names in it, 560,000 rows were inserted in 1.8–1.9 s instead of
 * 2.3 s and the file was 11 % smaller. A stream's row is written with its first event, in the same
 * transaction, and never changes.
 */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS streams (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
  );
  CREATE TABLE IF NOT EXISTS events (
    -- The rowid, so commit order for free. It is never reused, because events are never deleted.
    position INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    -- A number from streams, never a name: an older trustsim still writing to a file moved to this version
    -- would store names here, which no read would find; it fails instead.
    stream INTEGER NOT NULL CHECK (typeof(stream) = 'integer'),
    revision INTEGER NOT NULL,
    type TEXT NOT NULL,
    data TEXT NOT NULL,
    metadata TEXT NOT NULL,
    -- Serves readStream, and a stream's last revision in one seek.
    UNIQUE (stream, revision)
  );
`;

/**
 * Version 1 kept each event's stream name in the events table. Its events move to the new tables with their
 * positions, ids and revisions unchanged, streams numbered in the order they began. (The first builds of
 * version 1 also had a table of stream revisions named `streams`, derived from the events: dropped.)
 */
const FROM_VERSION_1 = `
  DROP TABLE IF EXISTS streams;
  ALTER TABLE events RENAME TO events_v1;
  ${SCHEMA}
  INSERT INTO streams (name) SELECT stream FROM events_v1 GROUP BY stream ORDER BY min(position);
  INSERT INTO events (position, id, stream, revision, type, data, metadata)
    SELECT e.position, e.id, s.id, e.revision, e.type, e.data, e.metadata FROM events_v1 e JOIN streams s ON s.name = e.stream ORDER BY e.position;
  DROP TABLE events_v1;
`;

/**
 * Opens (creating if needed) the SQLite file of an event store, with its directory, and makes it ready:
 * WAL, so readers and a writer in other processes never block each other; `synchronous = NORMAL`, which in
 * WAL mode skips the sync per commit (a power cut may lose the last commits, never the file's
 * consistency); the schema; and the REGEXP function the stream filters use. Opening a file that is
 * already a store only reads: no write lock, so it never waits for another process's run. Any failure
 * is a `StoreUnavailableError` that names the file.
 */
export function openSqliteDatabase(file: string, options: SqliteOpenOptions = {}): Database.Database {
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  let db: Database.Database | undefined;
  try {
    mkdirSync(dirname(file), { recursive: true });
    db = new Database(file, { timeout: busyTimeoutMs });
    // Pages of 16 KiB (SQLite's default is 4 KiB): an append of 40,000 streams inserts into three
    // B-trees (rows, ids, stream+revision) all over their width; bigger pages mean fewer pages to split,
    // write to the WAL and copy back: 560,000 rows of 40,000 streams in 7 transactions were written in
    // 2.0–2.1 s instead of 2.2–2.3 s with 8 KiB. SQLite applies it only to a file without tables yet: an
    // existing store keeps its page size (either reads the same).
    db.pragma('page_size = 16384');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // 64 MiB of page cache (the default is 2 MiB): a 40,000-stream batch touches that much index.
    db.pragma('cache_size = -65536');
    migrate(db);
    db.function('regexp', { deterministic: true }, regexpFunction());
    return db;
  } catch (error) {
    db?.close();
    if (isBusy(error)) throw new StoreUnavailableError(busyMessage(file, busyTimeoutMs), error);
    throw new StoreUnavailableError(
      `cannot open the SQLite event store at ${file}: ${errorMessage(error)}. ` +
        'Check that its directory can be created and written to, and that the file is a trustsim event store.',
      error,
    );
  }
}

/**
 * Creates the tables of a new file, or moves a file of version 1 to this version. The version is read first,
 * outside any transaction: a file already at this version (every open but the first) takes no lock at all.
 * Only a new or older file takes the write lock, and looks again under it, since another process may have
 * done it meanwhile. A failed migration rolls back whole: the file stays at version 1.
 */
function migrate(db: Database.Database): void {
  if (checkedVersion(db) === SCHEMA_VERSION) return;
  try {
    db.transaction(() => {
      const version = checkedVersion(db);
      if (version === SCHEMA_VERSION) return;
      db.exec(version === 1 ? FROM_VERSION_1 : SCHEMA);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    }).immediate();
  } catch (error) {
    if (checkedVersion(db) !== 1 || isBusy(error)) throw error;
    throw new Error(
      `it is a store of schema version 1, which this trustsim moves to version ${SCHEMA_VERSION} when it opens it, and that failed: ${errorMessage(error)} ` +
        '(a read-only file needs to be copied somewhere writable first; a store as large as the disk left needs room for a second copy of its events)',
    );
  }
}

function checkedVersion(db: Database.Database): number {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION || version < 0) {
    throw new Error(`its schema version is ${String(version)}, this trustsim reads versions up to ${SCHEMA_VERSION}: it was written by a later trustsim`);
  }
  return version;
}

/** SQLite gave up waiting for another connection's lock. */
export function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_'));
}

/** One line for the user: who holds the file, how long we waited, what to do. */
export function busyMessage(file: string, waitedMs: number): string {
  const waited = waitedMs < 1000 ? `${waitedMs} ms` : `${Math.round(waitedMs / 1000)} s`;
  return `another trustsim process is writing to ${displayPath(file)} (waited ${waited}); try again when it has finished`;
}

/** The path as the user wrote it when it is under the working directory (.trustsim/trustsim.db), else absolute. */
function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

/**
 * SQLite calls `regexp(pattern, text)` for `text REGEXP pattern`. A query passes the same pattern for
 * every row, so the last compiled one is kept.
 */
function regexpFunction(): (pattern: string, text: string) => number {
  let compiled = { source: '', regex: new RegExp('') };
  return (pattern, text) => {
    if (compiled.source !== pattern) compiled = { source: pattern, regex: new RegExp(pattern) };
    return compiled.regex.test(text) ? 1 : 0;
  };
}
