export * from './event-store';
export { MemoryEventStore, type MemoryEventStoreOptions } from './memory-event-store';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite-event-store';
export { DEFAULT_STORE_FILE, openEventStore } from './open-event-store';
export { measureAppendRate, measureSqliteAppendRate, type AppendRate } from '../bench/append-rate';
