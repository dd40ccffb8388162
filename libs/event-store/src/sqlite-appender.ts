import type Database from 'better-sqlite3';
import { BatchOutcome, BatchTarget, PreparedAppend, StoredId, writeBatch } from './append-batch';
import { KnownRevisions } from './sqlite-known-revisions';

/**
 * The write side of the SQLite store on one connection: prepared statements and the IMMEDIATE transaction
 * an append runs in. The same code runs on the store's own connection or on its writer thread's.
 */
export class SqliteAppender {
  private readonly statements: ReturnType<typeof prepareWrites>;
  private readonly transaction: Database.Transaction<(batch: Iterable<PreparedAppend>) => BatchOutcome>;
  private readonly known: KnownRevisions;
  /** Whether a transaction that `begin` opened has not committed yet. */
  private inUnit = false;

  constructor(private readonly db: Database.Database) {
    this.statements = prepareWrites(db);
    this.known = new KnownRevisions(db);
    this.transaction = db.transaction((batch: Iterable<PreparedAppend>) => {
      this.known.begin();
      return writeBatch(batch, this.target);
    });
  }

  /**
   * One batch in one transaction. IMMEDIATE takes the write lock up front: a deferred transaction that reads
   * first could fail with SQLITE_BUSY when another process writes in between, instead of waiting for the lock.
   */
  append(batch: Iterable<PreparedAppend>): BatchOutcome {
    try {
      return this.transaction.immediate(batch);
    } catch (error) {
      this.known.forget(); // rolled back (or never begun): what it recorded is not stored
      throw error;
    }
  }

  /** Opens a transaction that several `write`s fill, for a unit written in parts (IMMEDIATE, as above). */
  begin(): void {
    this.db.exec('BEGIN IMMEDIATE');
    this.inUnit = true;
    this.known.begin();
  }

  /** Part of a batch, in the transaction `begin` opened. */
  write(batch: Iterable<PreparedAppend>): BatchOutcome {
    return writeBatch(batch, this.target);
  }

  commit(): void {
    try {
      this.db.exec('COMMIT');
      this.inUnit = false;
    } catch (error) {
      // Whether the transaction is still open or gone, its revisions are not stored (the caller rolls back).
      this.known.forget();
      throw error;
    }
  }

  /** Drops the open transaction, if there is one (a failed statement may already have ended it). */
  rollback(): void {
    // Not `db.inTransaction`: a failed statement may have ended the transaction and its writes with it.
    if (this.inUnit) this.known.forget();
    this.inUnit = false;
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
  }

  /** The append path: prepared statements only, nothing asynchronous, no lookup per event. */
  private readonly target: BatchTarget = {
    revision: (stream) => this.known.revision(stream),
    locate: (id) => this.statements.locate.get(id),
    ids: (stream, from, count) => this.statements.ids.all(stream, from, count),
    insert: (stream, revision, event) => {
      const { changes, lastInsertRowid } = this.statements.insert.run(event.id, this.known.streamId(stream), revision, event.type, event.data, event.metadata);
      if (changes === 0) return undefined;
      this.known.write(stream, revision);
      return Number(lastInsertRowid);
    },
  };
}

function prepareWrites(db: Database.Database) {
  return {
    // A taken id stores nothing and reports no change, so the rare retry costs no lookup on the common path.
    insert: db.prepare<[string, number, number, string, string, string]>(
      'INSERT INTO events (id, stream, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
    ),
    locate: db.prepare<[string], StoredId>('SELECT s.name AS stream, e.revision, e.position FROM events e JOIN streams s ON s.id = e.stream WHERE e.id = ?'),
    ids: db
      .prepare<[string, number, number], string>('SELECT id FROM events WHERE stream = (SELECT id FROM streams WHERE name = ?) AND revision >= ? ORDER BY revision LIMIT ?')
      .pluck(),
  };
}
