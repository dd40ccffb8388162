import type { StreamSelection } from '@trustsim/event-store';

/**
 * Stream names follow EventStoreDB's category convention, `<category>-<run>.<id>`, with dash-free
 * categories: the run id keeps runs apart and `$ce-phone` still groups every phone of every run.
 * Run-level streams have no id: `run-<run>`, `clock-<run>`, `sftp-<run>`.
 */
export type Category = 'run' | 'frames' | 'clock' | 'sftp' | 'cluster' | 'node' | 'tftp' | 'tvs' | 'phone';

export const CATEGORIES: readonly Category[] = ['run', 'frames', 'clock', 'sftp', 'cluster', 'node', 'tftp', 'tvs', 'phone'];

export function streamName(category: Category, runId: string, id?: string): string {
  return id === undefined ? `${category}-${runId}` : `${category}-${runId}.${id}`;
}

/**
 * Where a run records every phone's status after each step (`StepFrame`): beside its aggregates' streams,
 * not one of them — the fold counts its events and evolves nothing from them; the studio reads it instead
 * of folding (run-frames.ts).
 */
export function framesStream(runId: string): string {
  return streamName('frames', runId);
}

/** `node` + `hq.pub` for a node, TFTP or TVS stream of cluster hq, node pub. */
export function nodeId(cluster: string, node: string): string {
  return `${cluster}.${node}`;
}

export interface ParsedStream {
  category: Category;
  runId: string;
  /** The aggregate's id within the run; '' for run-level streams. */
  id: string;
}

/** Reads a stream name back; undefined for a stream that is not trustsim's. */
export function parseStream(stream: string): ParsedStream | undefined {
  const dash = stream.indexOf('-');
  if (dash < 0) return undefined;
  const category = stream.slice(0, dash) as Category;
  if (!CATEGORIES.includes(category)) return undefined;
  const rest = stream.slice(dash + 1);
  const dot = rest.indexOf('.');
  return dot < 0 ? { category, runId: rest, id: '' } : { category, runId: rest.slice(0, dot), id: rest.slice(dot + 1) };
}

/**
 * Every stream of one run (for `readAll`), or those of some categories: the run-level streams by name, the
 * aggregates by their `<category>-<run>.` prefix. Phones go first: they are the bulk of any run, and a store
 * tests the prefixes in order.
 */
export function runStreams(runId: string, categories: readonly Category[] = CATEGORIES): StreamSelection {
  const phonesFirst = [...categories].sort((a, b) => Number(b === 'phone') - Number(a === 'phone'));
  return { prefixes: phonesFirst.map((c) => `${c}-${runId}.`), names: categories.map((c) => `${c}-${runId}`) };
}

/** Every cluster-side and run-level stream of a run, and one phone's. */
export function onePhoneStreams(runId: string, phone: string): StreamSelection {
  const others = runStreams(runId, CATEGORIES.filter((c) => c !== 'phone'));
  return { prefixes: others.prefixes, names: [...others.names!, streamName('phone', runId, phone)] };
}
