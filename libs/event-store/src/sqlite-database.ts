import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { StoreUnavailableError } from './event-store';
import { errorMessage } from './stored-event';

/** Bumped when the tables change; a file of another version is refused rather than misread. */
const SCHEMA_VERSION = 1;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    -- The rowid, so commit order for free. It is never reused, because events are never deleted.
    position INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    stream TEXT NOT NULL,
    revision INTEGER NOT NULL,
    type TEXT NOT NULL,
    data TEXT NOT NULL,
    metadata TEXT NOT NULL,
    -- Serves readStream, and a stream's last revision in one seek: no table of streams to keep in step.
    UNIQUE (stream, revision)
  );
`;

/**
 * Opens (creating if needed) the SQLite file of an event store, with its directory, and makes it ready:
 * WAL, so readers in other processes never block the writer; `synchronous = NORMAL`, which in WAL mode
 * skips the sync per commit (a power cut may lose the last commits, never the file's consistency); the
 * schema; and the REGEXP function the stream filters use. Any failure is a `StoreUnavailableError` that
 * names the file.
 */
export function openSqliteDatabase(file: string): Database.Database {
  let db: Database.Database | undefined;
  try {
    mkdirSync(dirname(file), { recursive: true });
    db = new Database(file);
    // Larger pages halve the B-tree work of big batches; this only takes effect on a new file.
    db.pragma('page_size = 8192');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // 64 MiB of page cache (the default is 2 MiB): a 40,000-stream batch touches that much index.
    db.pragma('cache_size = -65536');
    migrate(db);
    db.function('regexp', { deterministic: true }, regexpFunction());
    return db;
  } catch (error) {
    db?.close();
    throw new StoreUnavailableError(
      `cannot open the SQLite event store at ${file}: ${errorMessage(error)}. ` +
        'Check that its directory can be created and written to, and that the file is a trustsim event store.',
      error,
    );
  }
}

function migrate(db: Database.Database): void {
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true });
    if (version === SCHEMA_VERSION) return;
    if (version !== 0) {
      throw new Error(`its schema version is ${String(version)}, this trustsim reads version ${SCHEMA_VERSION}`);
    }
    db.exec(SCHEMA);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
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
