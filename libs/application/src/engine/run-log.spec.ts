import { MemoryEventStore, type RecordedEvent } from '@trustsim/event-store';
import { RunLog, type PhoneEventsKept } from './run-log';

/** A step of two phones (bulk) and the run's own event, recorded and flushed; what the store then holds. */
async function oneStep(phoneEvents: PhoneEventsKept): Promise<{ log: RunLog; stored: RecordedEvent[] }> {
  const store = new MemoryEventStore();
  const log = new RunLog(store, 'r1', false, 2, phoneEvents);
  const at = { at: '2026-01-05T08:00:00.000Z' };
  for (const phone of ['SEP001', 'SEP002']) {
    log.record(`phone-r1.${phone}`, 'PhoneReset', { cause: 'test' }, at, true);
    log.record(`phone-r1.${phone}`, 'PhoneRegistered', { node: 'sub1' }, at, true);
  }
  log.record('run-r1', 'StepCompleted', { step: 0 }, at);
  await log.flush();
  const stored: RecordedEvent[] = [];
  for await (const e of store.readAll()) stored.push(e);
  await store.close();
  return { log, stored };
}

describe('RunLog: what becomes of the phones\' events', () => {
  it('stores them with the rest by default', async () => {
    const { log, stored } = await oneStep('stored');
    expect(stored.map((e) => `${e.stream} ${e.type}`)).toEqual([
      'phone-r1.SEP001 PhoneReset', 'phone-r1.SEP001 PhoneRegistered', 'phone-r1.SEP002 PhoneReset', 'phone-r1.SEP002 PhoneRegistered', 'run-r1 StepCompleted',
    ]);
    expect(log.appended).toBe(5);
  });

  it('only counts them for a run made for its outcome: the same counts, nothing of them handed over', async () => {
    const counted = await oneStep('counted');
    const stored = await oneStep('stored');
    expect(counted.stored.map((e) => `${e.stream} ${e.type}`)).toEqual(['run-r1 StepCompleted']);
    expect(counted.log.countsByType).toEqual(stored.log.countsByType);
    expect(counted.log.appended).toBe(stored.log.appended);
  });
});
