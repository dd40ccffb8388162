import { join, resolve } from 'node:path';
import { EventStore, StoreUnavailableError } from './event-store';
import { openKurrentDbEventStore } from './kurrentdb-open';
import { MemoryEventStore } from './memory-event-store';
import { SqliteEventStore } from './sqlite-event-store';

/** Where the store lives when no `--store` is given, relative to the working directory. */
export const DEFAULT_STORE_FILE = join('.trustsim', 'trustsim.db');

/** URL schemes of EventStoreDB/KurrentDB connection strings. */
const KURRENT_SCHEMES = new Set(['kurrentdb', 'kurrentdb+discover', 'esdb', 'esdb+discover']);

/**
 * Opens the store a `--store` value names:
 * - `memory:` — in this process only;
 * - `sqlite:<path>` or a plain path — a SQLite file, relative paths against `cwd`;
 * - nothing — the SQLite file `.trustsim/trustsim.db` under `cwd`;
 * - `kurrentdb://…` / `esdb://…` — an EventStoreDB/KurrentDB server (`kurrentdb://localhost:2113?tls=false`).
 * A SQLite file is written on a writer thread (SqliteEventStore's `writer: 'thread'`).
 * Throws `StoreUnavailableError` when the store cannot be opened. `options.busyTimeoutMs`: how long a SQLite
 * writer waits for another process's write lock (default 30 s).
 */
export async function openEventStore(url?: string, cwd = process.cwd(), options: { busyTimeoutMs?: number } = {}): Promise<EventStore> {
  // Appends go to a writer thread: a run computes its next step while the last one is written.
  const sqlite = (file: string) =>
    new SqliteEventStore(resolve(cwd, file), { writer: 'thread', ...(options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs }) });
  if (url === undefined || url === '') return sqlite(DEFAULT_STORE_FILE);
  // Two letters at least, so that a Windows drive letter (C:\…) reads as a path.
  const scheme = /^([a-z][a-z0-9+.-]+):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined) return sqlite(url);
  if (scheme === 'memory') return new MemoryEventStore();
  if (scheme === 'sqlite') return sqlite(url.slice('sqlite:'.length) || DEFAULT_STORE_FILE);
  if (KURRENT_SCHEMES.has(scheme)) return openKurrentDb(url);
  throw new StoreUnavailableError(
    `unknown event store "${scheme}:"; use memory:, sqlite:<path>, a file path, or kurrentdb://<host>`,
  );
}

/**
 * An EventStoreDB/KurrentDB server (`kurrentdb-event-store.ts`): connects with the connection string and
 * checks, with a short deadline, that the server answers; otherwise `StoreUnavailableError` in one line,
 * which names the address but never the password the string may hold.
 */
async function openKurrentDb(connectionString: string): Promise<EventStore> {
  return openKurrentDbEventStore(connectionString);
}
