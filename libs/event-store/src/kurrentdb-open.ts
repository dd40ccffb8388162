import { StoreUnavailableError } from './event-store';
import { connectKurrentDb, KurrentDbConnection } from './kurrentdb-client';
import { parseKurrentDbUrl, unavailableMessage, withDeadline } from './kurrentdb-connection';
import { isErrorType, redact } from './kurrentdb-errors';
import { KURRENTDB_DEFAULT_PROBE_TIMEOUT_MS, KurrentDbEventStore, KurrentDbEventStoreOptions } from './kurrentdb-event-store';
import { errorMessage } from './stored-event';

/** A stream that is surely absent, read once on open to check that the server answers reads. */
const PROBE_STREAM = 'trustsimprobe-00000000-0000-4000-8000-000000000000';

/**
 * Opens the store a `kurrentdb://…` / `esdb://…` URL names and checks, within `probeTimeoutMs`, that a
 * KurrentDB or EventStoreDB server answers there; otherwise throws `StoreUnavailableError` with one line
 * (where, and what to check), never a stack trace or the URL's password.
 */
export async function openKurrentDbEventStore(url: string, options: KurrentDbEventStoreOptions = {}): Promise<KurrentDbEventStore> {
  const target = parseKurrentDbUrl(url);
  let connection: KurrentDbConnection;
  try {
    connection = options.connection ?? connectKurrentDb(target.connectionString);
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'MODULE_NOT_FOUND' || code === 'ERR_DLOPEN_FAILED') {
      throw new StoreUnavailableError(`cannot load the KurrentDB client (@kurrent/kurrentdb-client): ${redact(errorMessage(error), url)}`, error);
    }
    throw new StoreUnavailableError(`invalid KurrentDB store URL for ${target.address}: ${redact(errorMessage(error), url)}`, error);
  }
  const timeout = options.probeTimeoutMs ?? KURRENTDB_DEFAULT_PROBE_TIMEOUT_MS;
  try {
    // Two calls, so that both paths of the client answer: server features over gRPC (which also tells
    // whether multi-stream appends exist), and a read through the client's native reader.
    const [features] = await withDeadline(Promise.all([connection.serverFeatures(), probeRead(connection)]), timeout);
    return new KurrentDbEventStore(connection, target, features, options);
  } catch (error) {
    await connection.dispose().catch(() => undefined);
    throw new StoreUnavailableError(unavailableMessage(target, error), error);
  }
}

async function probeRead(connection: KurrentDbConnection): Promise<void> {
  const reader = connection.readStream(PROBE_STREAM, { maxCount: 1 })[Symbol.asyncIterator]();
  try {
    await reader.next();
    await reader.return?.();
  } catch (error) {
    if (!isErrorType(error, 'stream-not-found')) throw error;
  }
}

