/**
 * A risk `trustsim check` finds in a cluster's current state: which rule, how bad, on which documents
 * it rests (tags of docs/trust-model.md §0.1), what it concerns, and which phones it reaches.
 */
import type { ClusterSnapshot } from './snapshot';

export const SEVERITIES = ['info', 'low', 'medium', 'high'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function atLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(threshold);
}

export interface CertificateRef {
  node: string;
  purpose: string;
  subject?: string;
  serial?: string;
  notAfter?: string;
}

export interface Finding {
  rule: string;
  severity: Severity;
  /** Source tags, e.g. ['chapter', 'SREGEN']; printed `[chapter] [SREGEN]`. */
  sources: string[];
  cluster: string;
  /** One line: what is wrong. */
  title: string;
  /** Why it matters and what to do, with the source tags inline. */
  detail: string;
  certificates?: CertificateRef[];
  /** The phone groups it reaches (`cluster/group`) and how many phones they hold. */
  phones?: { groups: string[]; count: number };
}

export interface CheckContext {
  now: Date;
  /** The window for "due": certificates expiring within it. */
  days: number;
}

/** A rule: a small named function over a snapshot, with the documents it rests on. */
export interface CheckRule {
  id: string;
  sources: readonly string[];
  /** What it looks for, for `check --rules` and the report's legend. */
  looksFor: string;
  check(cluster: ClusterSnapshot, context: CheckContext): Finding[];
}

export function tags(sources: readonly string[]): string {
  return sources.map((s) => `[${s}]`).join(' ');
}

/** The rule's sources and every tag its text cites, once each, in order of first mention. */
export function citedSources(finding: Pick<Finding, 'sources' | 'detail' | 'title'>): string[] {
  const cited = [...`${finding.title} ${finding.detail}`.matchAll(/\[([A-Za-z0-9 -]+?)\]/g)].map((m) => m[1]);
  return [...new Set([...finding.sources, ...cited.filter((tag) => /^(chapter|uncertain|S[A-Z0-9-]+)$/.test(tag))])];
}
