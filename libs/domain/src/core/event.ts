/**
 * What every aggregate of the model shares: events are plain typed data (a discriminated union per
 * aggregate), state is plain data, `decide` turns a command into events and `evolve` folds one event into
 * the state. Both are pure: the same state, command and context give the same events, byte for byte.
 */

/** One domain event: its type and its data (JSON, so it reads back from any store unchanged). */
export interface DomainEvent<T extends string = string, D = unknown> {
  readonly type: T;
  readonly data: D;
}

/** When the event happened on the simulated clock (epoch ms). Stored in the event's metadata as `at`. */
export interface EventMeta {
  readonly at: number;
}

/** Folds one event into an aggregate's state. */
export type Evolve<S, E extends DomainEvent> = (state: S, event: E, meta: EventMeta) => S;

/** Folds events into a state: what a repository does when it loads an aggregate. */
export function fold<S, E extends DomainEvent>(evolve: Evolve<S, E>, state: S, events: readonly E[], meta: EventMeta): S {
  let s = state;
  for (const e of events) s = evolve(s, e, meta);
  return s;
}

/** Exhaustiveness guard for switches over event or command unions. */
export function unreachable(value: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}
