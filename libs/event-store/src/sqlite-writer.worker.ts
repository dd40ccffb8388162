import { parentPort, workerData } from 'node:worker_threads';
import { asAppendFailure, BatchOutcome } from './append-batch';
import { WrongExpectedRevisionError } from './event-store';
import { SqliteAppender } from './sqlite-appender';
import { isBusy, openSqliteDatabase } from './sqlite-database';
import { fromWire, WriterFailure, WriterReply, WriterRequest, WriterSettings } from './sqlite-writer-protocol';

/**
 * The SQLite store's writer thread: its own connection to the file, writing what the store posts in the
 * order it comes. An append is one transaction. A unit's parts are written into one open transaction as
 * they arrive, and its commit ends it: the store's thread meanwhile goes on producing the next part (a
 * rehearsal computes the rest of its step while the first phones' events are written).
 */
const settings = workerData as WriterSettings;
const db = openSqliteDatabase(settings.file, { busyTimeoutMs: settings.busyTimeoutMs });
// No checkpoint inside a commit: a big step's commit would copy the whole WAL into the file while the
// engine waits. The checkpointer thread does it meanwhile (sqlite-checkpointer.worker.ts).
db.pragma('wal_autocheckpoint = 0');
const appender = new SqliteAppender(db);
const port = parentPort!;

/** The unit whose transaction is open, what its parts wrote, or why it failed. */
let open: { unit: number; revisions: number[][]; lastPosition: number | undefined; failure?: WriterFailure } | undefined;

/**
 * Requests in the order they arrived. While a unit is open, only its own requests (and close) are handled;
 * the rest waits for its commit or abandon, so that an append of another run in this process never lands
 * inside (or is dropped with) someone else's unit.
 */
const queue: WriterRequest[] = [];

port.on('message', (request: WriterRequest) => {
  queue.push(request);
  drain();
});

function drain(): void {
  while (queue.length) {
    const unit = open?.unit;
    const index = unit === undefined ? 0 : queue.findIndex((r) => r.kind === 'close' || ('unit' in r && r.unit === unit));
    if (index < 0) return;
    handle(queue.splice(index, 1)[0]);
  }
}

function handle(request: WriterRequest): void {
  switch (request.kind) {
    case 'append':
      return port.postMessage(attempt(request.id, () => appender.append(fromWire(request.batch))));
    case 'part':
      return writePart(request.unit, () => appender.write(fromWire(request.batch)));
    case 'commit': {
      writePart(request.unit, () => appender.write(fromWire(request.batch)));
      const unit = open!;
      open = undefined;
      if (unit.failure) return port.postMessage({ id: request.id, failure: unit.failure } satisfies WriterReply);
      return port.postMessage(
        attempt(request.id, () => {
          appender.commit();
          return { revisions: unit.revisions.flat(), lastPosition: unit.lastPosition };
        }),
      );
    }
    case 'abandon':
      if (open?.unit === request.unit) {
        appender.rollback();
        open = undefined;
      }
      return;
    case 'close':
      appender.rollback();
      db.close();
      port.postMessage({ closed: true } satisfies WriterReply);
      return port.close();
  }
}

/** Writes a part into its unit's transaction (opened by the first part); a failure rolls it back and is kept for the commit. */
function writePart(unit: number, write: () => BatchOutcome): void {
  if (open?.unit !== unit) {
    appender.rollback(); // a unit left open by a writer that went away
    open = { unit, revisions: [], lastPosition: undefined };
    try {
      appender.begin();
    } catch (error) {
      open.failure = failureOf(error);
      return;
    }
  }
  if (open.failure) return;
  try {
    const outcome = write();
    open.revisions.push(outcome.revisions);
    if (outcome.lastPosition !== undefined) open.lastPosition = outcome.lastPosition;
  } catch (error) {
    appender.rollback();
    open.failure = failureOf(error);
  }
}

function attempt(id: number, write: () => BatchOutcome): WriterReply {
  try {
    return { id, outcome: write() };
  } catch (error) {
    appender.rollback();
    return { id, failure: failureOf(error) };
  }
}

function failureOf(error: unknown): WriterFailure {
  if (isBusy(error)) return { kind: 'busy' };
  if (error instanceof WrongExpectedRevisionError) return { kind: 'revision', stream: error.stream, expected: error.expected, actual: error.actual };
  return { kind: 'failed', message: asAppendFailure(error).message };
}
