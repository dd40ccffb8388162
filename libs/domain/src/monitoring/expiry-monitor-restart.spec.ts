import { CLOCK_AT_START, evolveClock, restartPeriodic, schedule, type ClockState } from '../clock/clock-state';
import type { ClockEvent } from '../clock/clock-events';
import { given } from '../test-support/given';
import { node, world } from '../test-support/world';
import { react } from '../reactions/react';
import { EXPIRY_MONITOR, expiryMonitorRunAfterRestart, isExpiryMonitorService } from './expiry-monitor';

const H = 3600_000;
const monitor = (cluster = 'hq') => ({ kind: 'expiry-monitor' as const, cluster });
/** The clock as install leaves it: the monitor's first run 24 hours after the start [chapter]. */
const installed: ClockEvent[] = [schedule(CLOCK_AT_START, EXPIRY_MONITOR.intervalMs, monitor())];

/** Folds the events a restart at `at` makes into the clock (the clock at that time). */
function restartAt(clock: ClockState, at: number): ClockState {
  const now = evolveClock(clock, { type: 'ClockAdvanced', data: { to: at } }, { at });
  return restartPeriodic(now, expiryMonitorRunAfterRestart(at), monitor(), 'restarted').reduce((s, e) => evolveClock(s, e, { at }), now);
}

describe('the Certificate Expiry Monitor after a restart of its service', () => {
  it('[chapter] "calculates the next schedule to run only after 24 hours": the run scheduled before is dropped', () => {
    given(evolveClock, CLOCK_AT_START, [...installed, { type: 'ClockAdvanced', data: { to: 12 * H } }])
      .when((clock) => restartPeriodic(clock, expiryMonitorRunAfterRestart(12 * H), monitor(), 'Cisco Certificate Expiry Monitor restarted on pub'))
      .then([
        { type: 'WorkCancelled', data: { seq: 0, kind: 'expiry-monitor', reason: 'Cisco Certificate Expiry Monitor restarted on pub' } },
        { type: 'WorkScheduled', data: { seq: 1, at: 36 * H, work: monitor() } },
      ]);
  });

  it('[chapter] restarts at 12, 32, 52 and 72 h leave one run, at 96 h (not 24, 48, 72 and 96 h)', () => {
    let clock = given(evolveClock, CLOCK_AT_START, installed).state;
    for (const at of [12, 32, 52, 72]) clock = restartAt(clock, at * H);
    expect(clock.pending.map((p) => p.at / H)).toEqual([96]);
  });

  it('[chapter] the next run is 24 hours on even when a certificate is within a day of expiry (the hourly rhythm resumes after that run)', () => {
    expect(expiryMonitorRunAfterRestart(5 * H)).toBe(29 * H);
  });

  it('[chapter] only the restarted cluster\'s monitor moves; other work stays', () => {
    const other = [schedule(CLOCK_AT_START, 24 * H, monitor('dr')), { type: 'WorkScheduled', data: { seq: 1, at: 2 * H, work: { kind: 'phone-power-on', phone: 3 } } } as ClockEvent];
    const clock = given(evolveClock, CLOCK_AT_START, [...other, { type: 'WorkScheduled', data: { seq: 2, at: 24 * H, work: monitor() } }]).state;
    const events = restartPeriodic(clock, 25 * H, monitor(), 'restarted');
    expect(events.filter((e) => e.type === 'WorkCancelled').map((e) => e.data.seq)).toEqual([2]);
  });

  it('[chapter] a restart of the service on a node (restartService, utils service restart) moves its cluster\'s schedule; other services do not', () => {
    const pub = node('hq', 'pub', ['callmanager', 'tftp', 'tvs'], { publisher: true });
    const restarted = (service: string) => react({ aggregate: 'node', cluster: 'hq', node: 'pub', event: { type: 'ServiceRestarted', data: { service } } }, world({ nodes: [pub] }));
    expect(restarted('Cisco Certificate Expiry Monitor')).toEqual([
      { to: 'clock', delay: 24 * H, work: monitor(), restart: 'Cisco Certificate Expiry Monitor restarted on pub' },
    ]);
    expect(restarted('cisco  certificate expiry monitor')).toHaveLength(1);
    expect(restarted('Cisco Certificate Change Notification')).toEqual([]);
    expect(isExpiryMonitorService('Cisco Tftp')).toBe(false);
  });
});
