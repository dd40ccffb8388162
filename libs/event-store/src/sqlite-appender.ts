import type Database from 'better-sqlite3';
import { BatchOutcome, BatchTarget, PreparedAppend, StoredId, writeBatch } from './append-batch';

/**
 * The write side of the SQLite store on one connection: prepared statements and the IMMEDIATE transaction
 * an append runs in. The same code runs on the store's own connection or on its writer thread's.
 */
export class SqliteAppender {
  private readonly statements: ReturnType<typeof prepareWrites>;
  private readonly transaction: Database.Transaction<(batch: readonly PreparedAppend[]) => BatchOutcome>;

  constructor(private readonly db: Database.Database) {
    this.statements = prepareWrites(db);
    this.transaction = db.transaction((batch: readonly PreparedAppend[]) => writeBatch(batch, this.target));
  }

  /**
   * One batch in one transaction. IMMEDIATE takes the write lock up front: a deferred transaction that reads
   * first could fail with SQLITE_BUSY when another process writes in between, instead of waiting for the lock.
   */
  append(batch: readonly PreparedAppend[]): BatchOutcome {
    return this.transaction.immediate(batch);
  }

  /** Opens a transaction that several `write`s fill, for a unit written in parts (IMMEDIATE, as above). */
  begin(): void {
    this.db.exec('BEGIN IMMEDIATE');
  }

  /** Part of a batch, in the transaction `begin` opened. */
  write(batch: readonly PreparedAppend[]): BatchOutcome {
    return writeBatch(batch, this.target);
  }

  commit(): void {
    this.db.exec('COMMIT');
  }

  /** Drops the open transaction, if there is one (a failed statement may already have ended it). */
  rollback(): void {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
  }

  /** The append path: prepared statements only, nothing asynchronous, no lookup per event. */
  private readonly target: BatchTarget = {
    revision: (stream) => this.statements.revision.get(stream),
    locate: (id) => this.statements.locate.get(id),
    ids: (stream, from, count) => this.statements.ids.all(stream, from, count),
    insert: (stream, revision, event) => {
      const { changes, lastInsertRowid } = this.statements.insert.run(event.id, stream, revision, event.type, event.data, event.metadata);
      return changes === 0 ? undefined : Number(lastInsertRowid);
    },
  };
}

/** A stream's last revision (also what reads use). */
export function prepareRevision(db: Database.Database) {
  return db.prepare<[string], number>('SELECT revision FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1').pluck();
}

function prepareWrites(db: Database.Database) {
  return {
    revision: prepareRevision(db),
    // A taken id stores nothing and reports no change, so the rare retry costs no lookup on the common path.
    insert: db.prepare<[string, string, number, string, string, string]>(
      'INSERT INTO events (id, stream, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
    ),
    locate: db.prepare<[string], StoredId>('SELECT stream, revision, position FROM events WHERE id = ?'),
    ids: db.prepare<[string, number, number], string>('SELECT id FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?').pluck(),
  };
}
