import { yScale } from './html-chart';
import { formatSimTime, simInstant } from './sim-time';

describe('simulated time as engineers read it', () => {
  it.each([
    [0, '0s'],
    [90_000, '90s'],
    [600_000, '10m'],
    [630_000, '10m 30s'],
    [3_900_000, '1h 05m'],
    [2 * 86_400_000 + 3 * 3_600_000, '2d 3h'],
  ])('%d ms reads %s', (ms, text) => expect(formatSimTime(ms)).toBe(text));

  it('places an offset on the scenario clock', () => {
    expect(simInstant('2026-01-05T08:00:00Z', 90_000)).toBe('2026-01-05T08:01:30.000Z');
    expect(simInstant('not a date', 0)).toBe('');
  });
});

describe('the chart axis', () => {
  it.each([
    [5, { top: 5, step: 1 }],
    [12, { top: 15, step: 5 }],
    [520, { top: 600, step: 200 }],
    [500, { top: 500, step: 100 }],
    [1, { top: 1, step: 1 }],
  ])('%d phones: top %o', (max, scale) => expect(yScale(max)).toEqual(scale));
});
