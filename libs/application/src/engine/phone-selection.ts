import type { PhoneSelector } from '@trustsim/scenarios';

/** What a phone selector looks at. */
export interface PhoneKey {
  name: string;
  group: string;
  model: string;
  cluster: string;
}

export function selectPhones<T extends PhoneKey>(phones: readonly T[], selector: PhoneSelector): T[] {
  return phones.filter((o) => matches(o, selector));
}

function matches(o: PhoneKey, s: PhoneSelector): boolean {
  if ('all' in s) return true;
  if ('group' in s) return o.group === s.group;
  if ('model' in s) return o.model === s.model;
  if ('cluster' in s) return o.cluster === s.cluster;
  if ('names' in s) return s.names.includes(o.name);
  return s.anyOf.some((x) => matches(o, x));
}

export function describeSelector(s: PhoneSelector): string {
  if ('all' in s) return 'all phones';
  if ('group' in s) return `group ${s.group}`;
  if ('model' in s) return `model ${s.model}`;
  if ('cluster' in s) return `cluster ${s.cluster}`;
  if ('names' in s) return s.names.length === 1 ? s.names[0] : `${s.names.length} named phones`;
  return s.anyOf.map(describeSelector).join(' + ');
}

/** Positions as runs of `[first, count]`: a batch of consecutive phones is one pair. */
export function runsOf(indexes: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const i of indexes) {
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === i) last[1]++;
    else runs.push([i, 1]);
  }
  return runs;
}

export function indexesOf(runs: readonly (readonly [number, number])[]): number[] {
  const out: number[] = [];
  for (const [first, count] of runs) for (let i = 0; i < count; i++) out.push(first + i);
  return out;
}
