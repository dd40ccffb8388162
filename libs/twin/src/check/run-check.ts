/**
 * `trustsim check`: every rule over every cluster of a snapshot, the findings ordered worst first, and
 * whether one reaches the `--fail-on` threshold (the exit code CI reads).
 */
import { atLeast, citedSources, SEVERITIES, type CheckRule, type Finding, type Severity } from './finding';
import { RULES } from './rules';
import type { SnapshotSet } from './snapshot';

export const TWIN_KEYS_NOTE = 'This is a twin of a real cluster: private keys stay on the cluster; trustsim minted its own keys for the same identities.';

export interface CheckOptions {
  days: number;
  failOn: Severity;
  rules?: readonly CheckRule[];
}

export interface CheckResult {
  scenario: string;
  file: string;
  now: string;
  days: number;
  failOn: Severity;
  source: SnapshotSet['source'];
  /** Present for a twin: said once in every report. */
  twinNote?: string;
  clusters: { name: string; version: string; security: string; nodes: number; phones: number; gaps: string[] }[];
  findings: Finding[];
  counts: Record<Severity, number>;
  /** A finding at or above failOn. */
  failed: boolean;
  rules: { id: string; sources: string[]; looksFor: string }[];
}

export function runCheck(set: SnapshotSet, options: CheckOptions): CheckResult {
  const rules = options.rules ?? RULES;
  const context = { now: new Date(set.now), days: options.days };
  const findings: Finding[] = [];
  // Every tag a finding's text cites is one of its sources, so a reader can look each up (domain-reference §0.1).
  for (const cluster of set.clusters) for (const rule of rules) findings.push(...rule.check(cluster, context).map((f) => ({ ...f, sources: citedSources(f) })));
  const order = (f: Finding) => rules.findIndex((r) => r.id === f.rule);
  findings.sort((a, b) => SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity) || order(a) - order(b) || a.cluster.localeCompare(b.cluster));
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length])) as Record<Severity, number>;
  return {
    scenario: set.scenario,
    file: set.file,
    now: set.now,
    days: options.days,
    failOn: options.failOn,
    source: set.source,
    ...(set.keysMinted && { twinNote: TWIN_KEYS_NOTE }),
    clusters: set.clusters.map((c) => ({ name: c.name, version: c.version, security: c.security, nodes: c.nodes.length, phones: c.phoneGroups.reduce((n, g) => n + g.count, 0), gaps: c.gaps })),
    findings,
    counts,
    failed: findings.some((f) => atLeast(f.severity, options.failOn)),
    rules: rules.map((r) => ({ id: r.id, sources: [...r.sources], looksFor: r.looksFor })),
  };
}
