import { EventStore, ReadAllOptions, RecordedEvent } from '@trustsim/event-store';
import { useTestApp } from '../test-support/test-app';
import { EVENT_STORE } from '../tokens';
import { foldRun } from './fold-run';

async function collect(events: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for await (const e of events) all.push(e);
  return all;
}

/** The store, remembering the options of its log reads (event by event or page by page). */
function watched(store: EventStore): { store: EventStore; reads: ReadAllOptions[] } {
  const reads: ReadAllOptions[] = [];
  const wrapped: EventStore = Object.create(store);
  wrapped.readAll = (options: ReadAllOptions = {}) => {
    reads.push(options);
    return store.readAll(options);
  };
  wrapped.readAllPages = (options: ReadAllOptions = {}) => {
    reads.push(options);
    return store.readAllPages!(options);
  };
  return { store: wrapped, reads };
}

describe('foldRun', () => {
  const testApp = useTestApp();

  it('reads a complete run up to its last event: the runs stored after it are not scanned', async () => {
    const store: EventStore = testApp.app.get(EVENT_STORE);
    const first = await testApp.run('regen-tvs-then-callmanager-11.5.yaml');
    const before = await foldRun(store, first.runId);
    // Later runs, whose streams the run's filter skips: a fold without an end would scan them all.
    await testApp.run('regen-tvs-then-callmanager-11.5.yaml');
    await testApp.run('itl-recovery-nonsecure.yaml');
    const { store: spied, reads } = watched(store);
    const again = await foldRun(spied, first.runId);
    expect(again.events).toBe(before.events);
    expect(again.counts).toEqual(before.counts);
    expect(again.states.phones).toEqual(before.states.phones);
    // The window it read, without its stream filter, holds this run's events and nothing else.
    expect(reads).toHaveLength(1);
    const window = await collect(store.readAll({ after: reads[0].after, to: reads[0].to }));
    expect(window.length).toBe(before.events - 1);
    expect(window.every((e) => e.stream.includes(first.runId))).toBe(true);
    expect(window[window.length - 1].stream).toBe(`run-${first.runId}`);
  }, 120_000);
});
