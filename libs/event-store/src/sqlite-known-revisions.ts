import type Database from 'better-sqlite3';

/**
 * Streams kept before the whole table is forgotten: a long-lived process appending to ever new streams
 * would otherwise keep every name it ever wrote. 40,000 phones are 40,000 streams; this is many runs of that.
 */
const MAX_KNOWN_STREAMS = 1_000_000;

/**
 * The last revision of the streams one connection has read or written, so that an append does not look
 * each stream up again (one index seek per stream per append was a tenth of a 40,000-phone step).
 *
 * What is known is only what this connection saw, so it is trusted only while nobody else wrote:
 * - another connection or process that commits to the file changes `PRAGMA data_version` (this
 *   connection's own commits do not), which is read at the start of every write transaction, under the
 *   write lock, where nobody can commit any more until this one ends; a change forgets everything;
 * - a transaction that does not commit (a failed batch, an abandoned unit) forgets everything, since it
 *   may have recorded revisions it never stored. Failures are rare; forgetting costs one lookup per stream.
 * Only `write` records a revision, when an event was inserted at it: an idempotent retry inserts nothing,
 * so the stream keeps the revision that was read for it, however far it has moved on.
 *
 * When the table was empty at the start of a transaction, everything in it since went through this
 * connection, so a stream that is not known has no events, and a new stream costs no lookup either.
 */
export class KnownRevisions {
  private readonly revisions = new Map<string, number>();
  /** Whether every stream of the file is known (a stream not in `revisions` has no events). */
  private complete = false;
  /** `data_version` when this connection last started a write transaction; undefined: nothing is trusted. */
  private dataVersion: number | undefined;
  private readonly statements: ReturnType<typeof prepare>;

  constructor(db: Database.Database) {
    this.statements = prepare(db);
  }

  /** Called first in every write transaction, once it holds the write lock. */
  begin(): void {
    const version = this.statements.dataVersion.get()!;
    if (version === this.dataVersion && this.revisions.size <= MAX_KNOWN_STREAMS) return;
    this.revisions.clear();
    this.complete = this.statements.empty.get() === 1;
    this.dataVersion = version;
  }

  /** The stream's last revision in this transaction, undefined when it has no events. */
  revision(stream: string): number | undefined {
    const known = this.revisions.get(stream);
    if (known !== undefined || this.complete) return known;
    const stored = this.statements.revision.get(stream);
    if (stored !== undefined) this.revisions.set(stream, stored);
    return stored;
  }

  /** An event was inserted at this revision of the stream. */
  write(stream: string, revision: number): void {
    this.revisions.set(stream, revision);
  }

  /** The transaction did not commit: what it recorded may not be stored. */
  forget(): void {
    this.revisions.clear();
    this.complete = false;
    this.dataVersion = undefined;
  }
}

function prepare(db: Database.Database) {
  return {
    revision: prepareRevision(db),
    dataVersion: db.prepare<[], number>('PRAGMA data_version').pluck(),
    empty: db.prepare<[], number>('SELECT NOT EXISTS (SELECT 1 FROM events)').pluck(),
  };
}

/** A stream's last revision (also what reads use). */
export function prepareRevision(db: Database.Database) {
  return db.prepare<[string], number>('SELECT revision FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1').pluck();
}
