import { EventStore, StoreUnavailableError, WrongExpectedRevisionError } from './event-store';
import { UnstoredEventStore } from './unstored-event-store';

let next = 0;
const event = (type = 'Happened') => ({ id: `e-${next++}`, type, data: {} });

describe('UnstoredEventStore (the readings of --all-assumptions after the first)', () => {
  it('applies the append rules: each stream at its expected revision, revisions and positions move on', async () => {
    const store = new UnstoredEventStore();
    const first = await store.append([
      { stream: 'a', expectedRevision: 'no_stream', events: [event(), event()] },
      { stream: 'b', expectedRevision: 'any', events: [event()] },
    ]);
    expect(first.revisions).toEqual({ a: 1, b: 0 });
    const second = await store.append([{ stream: 'a', expectedRevision: 1, events: [event()] }]);
    expect(second.revisions).toEqual({ a: 2 });
    expect(second.position > first.position).toBe(true);
    expect(await store.streamRevision('a')).toBe(2);
    expect(await store.streamRevision('c')).toBeUndefined();
  });

  it('refuses a batch whole: a stream at the wrong revision leaves the others of the batch unmoved', async () => {
    const store = new UnstoredEventStore();
    await store.append([{ stream: 'a', expectedRevision: 'no_stream', events: [event()] }]);
    await expect(
      store.append([
        { stream: 'b', expectedRevision: 'no_stream', events: [event()] },
        { stream: 'a', expectedRevision: 'no_stream', events: [event()] },
      ]),
    ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect(await store.streamRevision('b')).toBeUndefined();
    expect(await store.streamRevision('a')).toBe(0);
  });

  it('takes a step in parts: parts build on each other, nothing counts before the commit', async () => {
    const store = new UnstoredEventStore();
    const unit = store.beginAppendUnit();
    unit.part([{ stream: 'p', expectedRevision: 'no_stream', events: [event()] }]);
    unit.part([{ stream: 'p', expectedRevision: 0, events: [event(), event()] }]);
    expect(await store.streamRevision('p')).toBeUndefined();
    const result = await unit.commit([{ stream: 'run', expectedRevision: 'no_stream', events: [event('StepCompleted')] }]);
    expect(result.revisions).toEqual({ p: 2, run: 0 });
    expect(await store.streamRevision('p')).toBe(2);
  });

  it('a part the store would refuse fails the commit, and nothing of the unit counts', async () => {
    const store = new UnstoredEventStore();
    const unit = store.beginAppendUnit();
    unit.part([{ stream: 'p', expectedRevision: 'no_stream', events: [event()] }]);
    unit.part([{ stream: 'p', expectedRevision: 5, events: [event()] }]);
    await expect(unit.commit([])).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect(await store.streamRevision('p')).toBeUndefined();
  });

  it('an abandoned unit leaves no trace, and cannot be committed after', async () => {
    const store = new UnstoredEventStore();
    const unit = store.beginAppendUnit();
    unit.part([{ stream: 'p', expectedRevision: 'no_stream', events: [event()] }]);
    unit.abandon();
    await expect(unit.commit([])).rejects.toThrow(/already committed or abandoned/);
    await store.append([{ stream: 'p', expectedRevision: 'no_stream', events: [event()] }]);
    expect(await store.streamRevision('p')).toBe(0);
  });

  it('has nothing to read, and says so instead of answering as if the run had no events', async () => {
    const store: EventStore = new UnstoredEventStore('a reading of --all-assumptions');
    await store.append([{ stream: 'a', expectedRevision: 'any', events: [event()] }]);
    await expect(store.readStream('a')).rejects.toThrow(/a reading of --all-assumptions keeps no events to read: run it again with its --assume values/);
    await expect(store.subscribeToAll({}, () => undefined)).rejects.toBeInstanceOf(StoreUnavailableError);
    const reading = (async () => {
      for await (const e of store.readAll()) return e;
    })();
    await expect(reading).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('refuses appends once closed', async () => {
    const store = new UnstoredEventStore();
    await store.close();
    await expect(store.append([{ stream: 'a', expectedRevision: 'any', events: [event()] }])).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});
