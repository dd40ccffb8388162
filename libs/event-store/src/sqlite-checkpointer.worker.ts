import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteDatabase } from './sqlite-database';
import type { WriterSettings } from './sqlite-writer-protocol';

/**
 * Copies the write-ahead log into the database file while the writer thread goes on appending: a PASSIVE
 * checkpoint waits for no one and blocks no one, and on a thread of its own it uses the core the engine
 * leaves idle while it waits for the writer. Without it the writer would stop for every checkpoint, or the
 * last connection would copy the whole log when it closes.
 */
const { file, busyTimeoutMs, intervalMs } = workerData as WriterSettings & { intervalMs: number };
const db = openSqliteDatabase(file, { busyTimeoutMs });
const timer = setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), intervalMs);

parentPort!.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort!.postMessage({ closed: true });
  parentPort!.close();
});
