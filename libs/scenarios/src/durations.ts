/**
 * Durations of the scenario language: `90s`, `2m`, `1h`, `7d`, and `500ms`. Parts may be combined
 * (`1h30m`, an extension) and are summed. Whole numbers only, so simulated time stays an integer count
 * of milliseconds and every machine computes the same clock.
 */

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
type Unit = keyof typeof UNIT_MS;

const WHOLE = /^(?:\d+(?:ms|s|m|h|d))+$/;
const PART = /(\d+)(ms|s|m|h|d)/g;

export const DURATION_EXPECTED = 'a duration such as 500ms, 90s, 2m, 1h or 7d';

export class DurationError extends Error {
  constructor(readonly input: string) {
    super(`invalid duration '${input}': expected ${DURATION_EXPECTED}`);
    this.name = 'DurationError';
  }
}

/** `parseDuration('2m')` → 120000. Throws DurationError for anything else. */
export function parseDuration(text: string): number {
  const trimmed = String(text).trim();
  if (!WHOLE.test(trimmed)) throw new DurationError(String(text));
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(PART)) total += Number(amount) * UNIT_MS[unit as Unit];
  if (!Number.isSafeInteger(total)) throw new DurationError(String(text));
  return total;
}

/** The shortest exact rendering: 120000 → `2m`, 90000 → `90s`, 5400000 → `90m`. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    if (ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  }
  return `${ms}ms`;
}
