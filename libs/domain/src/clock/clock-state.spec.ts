import { given } from '../test-support/given';
import type { ClockEvent } from './clock-events';
import { CLOCK_AT_START, evolveClock, hasPendingWork, nextDue, schedule } from './clock-state';

const at = (seq: number, time: number): ClockEvent => ({ type: 'WorkScheduled', data: { seq, at: time, work: { kind: 'phone-resets', phones: [[seq, 1]], cause: 'test' } } });

describe('the simulated clock', () => {
  it('runs work by time, then in the order it was scheduled, so a run is deterministic', () => {
    const clock = given(evolveClock, CLOCK_AT_START, [at(0, 120_000), at(1, 0), at(2, 120_000), at(3, 0)]).state;
    expect(clock.pending.map((p) => p.seq)).toEqual([1, 3, 0, 2]);
    expect(nextDue(clock, 0)?.seq).toBe(1);
    expect(nextDue(clock, -1)).toBeUndefined();
  });

  it('never schedules in the past, and a started item leaves the queue and moves the clock to its time', () => {
    const started: ClockEvent[] = [at(0, 60_000), { type: 'WorkStarted', data: { seq: 0, kind: 'phone-resets' } }];
    const clock = given(evolveClock, CLOCK_AT_START, started).state;
    expect(clock.now).toBe(60_000);
    expect(clock.pending).toEqual([]);
    expect(schedule(clock, 0, { kind: 'expiry-monitor', cluster: 'hq' }).data).toMatchObject({ seq: 1, at: 60_000 });
  });

  it('the expiry monitor reschedules itself for ever: settling does not wait for it', () => {
    const clock = given(evolveClock, CLOCK_AT_START, [{ type: 'WorkScheduled', data: { seq: 0, at: 86_400_000, work: { kind: 'expiry-monitor', cluster: 'hq' } } }]).state;
    expect(hasPendingWork(clock)).toBe(false);
  });

  it('[chapter Bulk Certificate Export] trust replication of an instant runs before the phone resets of that instant, even when scheduled after them', () => {
    const replication: ClockEvent = { type: 'WorkScheduled', data: { seq: 2, at: 0, work: { kind: 'trust-replication', cluster: 'old', node: 'pub', store: 'Phone-SAST-trust', certificate: 'ab' } } };
    const clock = given(evolveClock, CLOCK_AT_START, [at(0, 0), at(1, 60_000), replication]).state;
    expect(clock.pending.map((p) => [p.seq, p.work.kind])).toEqual([
      [2, 'trust-replication'],
      [0, 'phone-resets'],
      [1, 'phone-resets'],
    ]);
  });
});
