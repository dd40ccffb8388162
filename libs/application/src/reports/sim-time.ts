/** Simulated time as an engineer reads it: 0s, 90s, 12m, 1h 05m, 2d 3h (the CLI's tables use it too). */
export function formatSimTime(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${s % 60 ? ` ${String(s % 60).padStart(2, '0')}s` : ''}`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ${String(m % 60).padStart(2, '0')}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

/** The wall-clock instant a simulated offset stands for: the scenario's `start` plus the offset. */
export function simInstant(start: string, ms: number): string {
  const epoch = Date.parse(start);
  // A start the parser let through but Date cannot read must not throw while writing a report.
  return Number.isNaN(epoch) ? '' : new Date(epoch + ms).toISOString();
}
