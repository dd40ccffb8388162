/**
 * What the semantic checks share: an index of the scenario's names, a reporter that locates a path in
 * the file (or falls back to the part's `loc`), and the reference checks for clusters, nodes and phone
 * selectors that almost every step needs.
 */
import { didYouMean } from './did-you-mean';
import { formatPath, type ScenarioIssue } from './errors';
import type { ClusterSpec, NodeSelector, NodeSpec, PhoneGroupSpec, PhoneSelector, Scenario, SourceLocation } from './model';
import { existsIn, locateIn } from './source-map';
import { readRelease, type ReleaseParts } from './releases';
import type { Path } from './yaml-source';

export interface ValidationContext {
  /** Phone models the simulator knows; unknown ones are reported when given. */
  knownModels?: readonly string[];
  /** Event types a run records (docs/events.md); an `events:` expectation of another type is reported when given. */
  knownEventTypes?: readonly string[];
  /** Assumption names and their allowed values; unknown ones are reported when given. */
  knownAssumptions?: Record<string, readonly (string | boolean)[]>;
  /** Why a release cannot make that kind of CTL (undefined: it can); checked when given. */
  ctlKindUnavailable?: (version: string, kind: 'token' | 'tokenless') => string | undefined;
  /**
   * Rehearse clusters larger than CUCM supports (limits.ts: 40,000 devices, 80,000 in a megacluster):
   * the CLI's `--beyond-cucm-limits`. trustsim's own limits (total phones, simulated time) still hold.
   */
  beyondCucmLimits?: boolean;
  /**
   * Whether certificate files named by `uploadCertificate` must exist and be readable, relative to the
   * scenario file's directory (default true). Off for a scenario that was never on disk (an editor buffer).
   */
  checkCertificateFiles?: boolean;
}

export interface ClusterEntry {
  spec: ClusterSpec;
  nodes: Map<string, NodeSpec>;
}

export class ValidationKit {
  readonly issues: ScenarioIssue[] = [];
  readonly clusters = new Map<string, ClusterEntry>();
  readonly groups = new Map<string, PhoneGroupSpec>();
  readonly phones = new Set<string>();
  readonly models = new Set<string>();
  /** Every snapshot step of the file: a phone group's `trust` may name any of them. */
  readonly snapshots = new Set<string>();
  /** Each cluster's release as installed (absent when its version is not one; that is reported once). */
  readonly releases = new Map<string, ReleaseParts>();

  constructor(
    readonly scenario: Scenario,
    readonly context: ValidationContext,
  ) {
    for (const spec of scenario.clusters) {
      const nodes = new Map<string, NodeSpec>();
      for (const node of spec.nodes) if (!nodes.has(node.name)) nodes.set(node.name, node);
      this.clusters.set(spec.name, { spec, nodes });
      const read = readRelease(spec.version);
      if ('release' in read) this.releases.set(spec.name, read.release);
      for (const group of spec.phones) {
        if (!this.groups.has(group.group)) this.groups.set(group.group, group);
        this.models.add(group.model);
        for (const name of group.names) this.phones.add(name);
      }
    }
    for (const step of scenario.steps) if (step.kind === 'snapshot') this.snapshots.add(step.name);
  }

  report(path: Path, fallback: SourceLocation, message: string, options: { expected?: string; at?: 'key' } = {}): void {
    const { file, line, column } = locateIn(this.scenario, path, fallback, options.at);
    const issue: ScenarioIssue = { file, line, column, field: formatPath(path), message };
    if (options.expected !== undefined) issue.expected = options.expected;
    this.issues.push(issue);
  }

  has(path: Path): boolean {
    return existsIn(this.scenario, path);
  }

  cluster(path: Path, fallback: SourceLocation, name: string): ClusterEntry | undefined {
    const entry = this.clusters.get(name);
    if (!entry) {
      const names = [...this.clusters.keys()];
      this.report(path, fallback, `unknown cluster '${name}'${didYouMean(name, names)}`, { expected: `one of ${names.join(', ')}` });
    }
    return entry;
  }

  node(path: Path, fallback: SourceLocation, cluster: ClusterEntry, name: string): NodeSpec | undefined {
    const node = cluster.nodes.get(name);
    if (!node) {
      const names = [...cluster.nodes.keys()];
      this.report(path, fallback, `cluster '${cluster.spec.name}' has no node '${name}'${didYouMean(name, names)}`, { expected: `one of ${names.join(', ')}` });
    }
    return node;
  }

  /**
   * The nodes a step names under `base` (`node: a` or `nodes: [a, b]` or `nodes: all`), checked to
   * exist; returns each existing node with the path it was named at.
   */
  nodes(base: Path, fallback: SourceLocation, cluster: ClusterEntry, selector: NodeSelector): { node: NodeSpec; path: Path }[] {
    if ('all' in selector) return cluster.spec.nodes.map((node) => ({ node, path: [...base, 'nodes'] }));
    const single = this.has([...base, 'node']);
    const found: { node: NodeSpec; path: Path }[] = [];
    selector.names.forEach((name, j) => {
      const path = single ? [...base, 'node'] : [...base, 'nodes', j];
      const node = this.node(path, fallback, cluster, name);
      if (node) found.push({ node, path });
    });
    return found;
  }

  selector(path: Path, fallback: SourceLocation, selector: PhoneSelector): void {
    if ('anyOf' in selector) {
      selector.anyOf.forEach((item, i) => this.selector([...path, i], fallback, item));
    } else if ('group' in selector) {
      if (!this.groups.has(selector.group)) {
        const names = [...this.groups.keys()];
        this.report([...path, 'group'], fallback, `unknown phone group '${selector.group}'${didYouMean(selector.group, names)}`, {
          expected: `one of ${names.join(', ')}`,
        });
      }
    } else if ('model' in selector) {
      if (!this.models.has(selector.model)) {
        const names = [...this.models];
        this.report([...path, 'model'], fallback, `no phone group has model '${selector.model}'${didYouMean(selector.model, names)}`, {
          expected: `one of ${names.join(', ')}`,
        });
      }
    } else if ('cluster' in selector) {
      this.cluster([...path, 'cluster'], fallback, selector.cluster);
    } else if ('names' in selector) {
      selector.names.forEach((name, j) => {
        if (!this.phones.has(name)) this.report([...path, 'names', j], fallback, `no phone is named '${name}'`, { expected: 'a name listed in a phone group' });
      });
    }
  }
}
