import { MemoryEventStore } from '@trustsim/event-store';
import { TakingTurns, WriteTurns } from './write-turns';

/**
 * Turns at writing, on one thread (the threads of variant-workers.spec.ts take them for real): a turn
 * ended lets the next one go at once; one never ended is waited for only as long as the patience allows.
 */
describe('turns at writing one SQLite file across threads', () => {
  it('hands the turn on in the order asked', () => {
    const turns = new WriteTurns(undefined, 10_000);
    const cells = new Int32Array(turns.buffer);
    const first = turns.take();
    expect([...cells]).toEqual([1, 0]);
    first();
    first(); // ending a turn twice passes nothing on twice
    expect([...cells]).toEqual([1, 1]);
    const started = Date.now();
    turns.take()();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect([...cells]).toEqual([2, 2]);
  });

  it('goes ahead after its patience when the turn before is never ended, and still passes the turn on', () => {
    const turns = new WriteTurns(undefined, 200);
    turns.take(); // a writer that died holding its turn
    const started = Date.now();
    const late = turns.take();
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    late();
    // The next ticket (2) is the one served: the writer after it does not wait.
    expect([...new Int32Array(turns.buffer)]).toEqual([2, 2]);
  });

  it('a store taking turns appends and reads as the store it wraps, and ends its turn when an append fails', async () => {
    const turns = new WriteTurns(undefined, 10_000);
    const store = new TakingTurns(new MemoryEventStore(), turns);
    await store.append([{ stream: 'run-a', expectedRevision: 'no_stream', events: [{ id: '00000000-0000-4000-8000-000000000001', type: 'RunStarted', data: { n: 1 } }] }]);
    await expect(store.append([{ stream: 'run-a', expectedRevision: 'no_stream', events: [{ id: '00000000-0000-4000-8000-000000000002', type: 'RunStarted', data: {} }] }])).rejects.toThrow();
    expect((await store.readStream('run-a')).map((e) => e.data)).toEqual([{ n: 1 }]);
    expect(await store.streamRevision('run-a')).toBe(0);
    expect([...new Int32Array(turns.buffer)]).toEqual([2, 2]);
    await store.close();
  });
});
