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

/** The regular expression that selects every stream of one run (for `readAll`), or those of some categories. */
export function runStreamsRegex(runId: string, categories: readonly Category[] = CATEGORIES): string {
  return `^(${categories.join('|')})-${escape(runId)}(\\.|$)`;
}

/** Every cluster-side and run-level stream of a run, and one phone's. */
export function onePhoneRegex(runId: string, phone: string): string {
  return `${runStreamsRegex(runId, CATEGORIES.filter((c) => c !== 'phone'))}|^phone-${escape(runId)}\\.${escape(phone)}$`;
}

function escape(text: string): string {
  return text.replace(/[^0-9a-zA-Z]/g, '\\$&');
}
