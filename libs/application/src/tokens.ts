import type { EventStore } from '@trustsim/event-store';

/** Injection tokens of the application layer. */
export const EVENT_STORE = Symbol('EVENT_STORE');
export const KEY_POOL = Symbol('KEY_POOL');
export const TRUSTSIM_OPTIONS = Symbol('TRUSTSIM_OPTIONS');

export interface TrustsimOptions {
  /** `--store`: memory:, sqlite:<path>, a path, kurrentdb://…; default .trustsim/trustsim.db */
  store?: string;
  /** Working directory (store and key cache live under <cwd>/.trustsim). */
  cwd: string;
  /** Wraps the store once opened (a thread running variants takes turns at writing a SQLite file: write-turns.ts). */
  decorateStore?: (store: EventStore) => EventStore;
}
