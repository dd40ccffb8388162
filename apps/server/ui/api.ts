/** The studio's JSON API, as the page uses it (the token, when there is one, travels in a same-site cookie). */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: Issue[] = [],
  ) {
    super(message);
  }
}

export interface Issue {
  file?: string;
  line?: number;
  column?: number;
  field: string;
  message: string;
  expected?: string;
  location?: string;
}

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(path, {
    method: init.method ?? 'GET',
    headers: init.body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    credentials: 'same-origin',
  });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const value = text ? JSON.parse(text) : undefined;
  if (!response.ok) throw new ApiError(response.status, value?.message ?? response.statusText, value?.issues ?? []);
  return value as T;
}

export type Status = 'trusted' | 'degraded' | 'locked' | 'unregistered' | 'off';
export const STATUSES: Status[] = ['trusted', 'degraded', 'locked', 'unregistered', 'off'];

export interface TimelineEntry {
  step: number | 'install' | 'settle';
  kind?: string;
  text: string;
  at: number;
  counts: Record<Status, number>;
  events: number;
}

export interface ClusterSetup {
  name: string;
  version: string;
  security: string;
  nodes: { name: string; role: string; services: string[] }[];
  phones: { group: string; count: number; model: string; tftp: string[]; callManagerGroup: string[]; securityProfile: string }[];
}

export interface Outline {
  run_id: string;
  scenario: string;
  title: string | null;
  file: string;
  seed: number;
  setup: { clusters: ClusterSetup[] };
  steps: { kind: string; text: string }[];
  forked_from: { run: string; after_step: number } | null;
  timeline: TimelineEntry[];
  expectations: { location: string; description: string; passed: boolean; detail: string }[];
  completed: boolean;
  passed: boolean | null;
  reached: number;
  assumptions: Record<string, string | boolean>;
  assumptions_in_force: { name: string; value: string | boolean; default: string | boolean; values: (string | boolean)[]; sources: string }[];
  source: { kind: 'library'; path: string } | { kind: 'yaml'; name: string } | null;
  running: boolean;
}

export interface Segment {
  cluster: string;
  group: string;
  model: string;
  first: number;
  count: number;
}

export interface CompactState {
  run_id: string;
  entry: TimelineEntry;
  frame: number;
  frames: number;
  codes: Record<string, Status>;
  statuses: string;
  groups: (Segment & { counts: Record<Status, number> })[];
}

export interface PhoneOrder {
  run_id: string;
  phones: string[];
  groups: Segment[];
}

export interface Explanation {
  phone: string;
  status: string;
  lines: string[];
  verdict: string;
}

export interface DecodedTrustFile {
  file_name: string;
  kind: string;
  size: number;
  sha256: string;
  version: string;
  timestamp: string;
  digest: string;
  signer: { name: string; serial: string; issuer: string };
  verified: boolean;
  verification: string;
  records: { index: number; role: string; subject: string | null; issuer: string | null; serial: string | null; dns_name: string | null; stub: boolean }[];
  findings: { level: string; message: string }[];
}

export interface Diff {
  a: string;
  b: string;
  changes: { group: string; from: string; to: string; count: number; phones: string[] }[];
  unchanged: number;
  only_in_a: { count: number };
  only_in_b: { count: number };
}

/** `?at=` for a timeline entry: 0 installed, N after step N, nothing for the settled end. */
export function atOf(entry: TimelineEntry): string {
  return entry.step === 'install' ? '0' : typeof entry.step === 'number' ? String(entry.step + 1) : 'end';
}

export function entryLabel(entry: TimelineEntry): string {
  return typeof entry.step === 'number' ? `${entry.step + 1}. ${entry.text}` : entry.text;
}
