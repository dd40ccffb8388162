export * from './event-store';
export { MemoryEventStore, type MemoryEventStoreOptions } from './memory-event-store';
export { UnstoredEventStore } from './unstored-event-store';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite-event-store';
export { DEFAULT_BUSY_TIMEOUT_MS } from './sqlite-database';
export { DEFAULT_STORE_FILE, openEventStore } from './open-event-store';
export { KURRENTDB_DEFAULT_MAX_APPEND_BYTES, KurrentDbEventStore, type KurrentDbCapabilities, type KurrentDbEventStoreOptions } from './kurrentdb-event-store';
export { openKurrentDbEventStore } from './kurrentdb-open';
export { parseKurrentDbUrl, type KurrentDbTarget } from './kurrentdb-connection';
