import { DomainEvent, EventMeta, Evolve, fold } from '../core/event';

/**
 * Decider specs read as a sentence: given these events (folded with the aggregate's evolve), when this
 * command is decided, then these events — `given(evolveNode, NO_NODE, [...]).when((s) => decideNode(s, …)).then([...])`.
 */
export function given<S, E extends DomainEvent>(evolve: Evolve<S, E>, initial: S, events: readonly E[] = [], meta: EventMeta = { at: 0 }) {
  const state = fold(evolve, initial, events, meta);
  return {
    state,
    when<R>(decide: (state: S) => R) {
      const result = decide(state);
      return {
        result,
        then(expected: R): void {
          expect(result).toEqual(expected);
        },
        /** The events have these types, in order, and (where given) these fields. */
        thenMatch(expected: readonly unknown[]): void {
          expect(result).toMatchObject(expected);
          if (Array.isArray(result)) expect(result).toHaveLength(expected.length);
        },
        /** Nothing is recorded. */
        thenNothing(): void {
          expect(result).toEqual([]);
        },
      };
    },
  };
}
