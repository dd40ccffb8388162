import type Database from 'better-sqlite3';

/**
 * Streams kept before the whole table is forgotten: a long-lived process appending to ever new streams
 * would otherwise keep every name it ever wrote. 40,000 phones are 40,000 streams; this is many runs of that.
 */
const MAX_KNOWN_STREAMS = 1_000_000;

/**
 * The number and last revision of the streams one connection has read or written, so that an append does
 * not look each stream up again (one index seek per stream per append was a tenth of a 40,000-phone step).
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
  /** Each known stream's number, and its last revision (undefined: created in this transaction, nothing written yet). */
  private readonly streams = new Map<string, { id: number; revision: number | undefined }>();
  /** Whether every stream of the file is known (a stream not in `streams` has no events). */
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
    if (version === this.dataVersion && this.streams.size <= MAX_KNOWN_STREAMS) return;
    this.streams.clear();
    this.complete = this.statements.empty.get() === 1;
    this.dataVersion = version;
  }

  /** The stream's last revision in this transaction, undefined when it has no events. */
  revision(stream: string): number | undefined {
    return this.known(stream)?.revision;
  }

  /** The stream's number, its row written now if it has none (the caller is about to write its first event). */
  streamId(stream: string): number {
    const known = this.known(stream);
    if (known) return known.id;
    const id = Number(this.statements.createStream.run(stream).lastInsertRowid);
    this.streams.set(stream, { id, revision: undefined });
    return id;
  }

  /** An event was inserted at this revision of the stream (whose number `streamId` gave). */
  write(stream: string, revision: number): void {
    const known = this.streams.get(stream);
    if (known) known.revision = revision;
  }

  /** The transaction did not commit: what it recorded may not be stored (stream rows included). */
  forget(): void {
    this.streams.clear();
    this.complete = false;
    this.dataVersion = undefined;
  }

  private known(stream: string): { id: number; revision: number | undefined } | undefined {
    const known = this.streams.get(stream);
    if (known !== undefined || this.complete) return known;
    const id = this.statements.streamId.get(stream);
    if (id === undefined) return undefined;
    const found = { id, revision: this.statements.lastRevision.get(id) };
    this.streams.set(stream, found);
    return found;
  }
}

function prepare(db: Database.Database) {
  return {
    streamId: db.prepare<[string], number>('SELECT id FROM streams WHERE name = ?').pluck(),
    lastRevision: db.prepare<[number], number>('SELECT revision FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1').pluck(),
    createStream: db.prepare<[string]>('INSERT INTO streams (name) VALUES (?)'),
    dataVersion: db.prepare<[], number>('PRAGMA data_version').pluck(),
    empty: db.prepare<[], number>('SELECT NOT EXISTS (SELECT 1 FROM events)').pluck(),
  };
}

/** A stream's last revision, by its name (what reads use). */
export function prepareRevision(db: Database.Database) {
  return db.prepare<[string], number>('SELECT revision FROM events WHERE stream = (SELECT id FROM streams WHERE name = ?) ORDER BY revision DESC LIMIT 1').pluck();
}
