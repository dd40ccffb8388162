import { DurationError, formatDuration, parseDuration } from './durations';

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['90s', 90_000],
    ['2m', 120_000],
    ['1h', 3_600_000],
    ['7d', 604_800_000],
    ['0s', 0],
    ['1h30m', 5_400_000], // combined parts (extension)
  ])('reads %s as %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', '10', '2 m', '1.5h', '-1s', '10x', 'm', '2M'])('rejects %j with a message naming the accepted forms', (text) => {
    expect(() => parseDuration(text)).toThrow(DurationError);
    expect(() => parseDuration(text)).toThrow(/expected a duration such as 500ms, 90s, 2m, 1h or 7d/);
  });
});

describe('formatDuration', () => {
  it.each([
    [120_000, '2m'],
    [90_000, '90s'],
    [5_400_000, '90m'],
    [86_400_000, '1d'],
    [1_500, '1500ms'],
    [0, '0s'],
  ])('renders %d ms as %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});
