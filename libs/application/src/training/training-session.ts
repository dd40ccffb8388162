import { readFileSync, writeFileSync } from 'node:fs';
import { Document, parseDocument } from 'yaml';
import type { PhoneOutcome } from '@trustsim/domain';
import { simulatorValidationContext } from '../scenario-loader';
import { formatIssues, parseScenario, Scenario, ScenarioError, validateScenario } from '@trustsim/scenarios';
import type { Rehearsal } from '../engine/rehearsal';
import type { TimelineEntry } from '../run/run-events';


/** What one shell command gives back; the CLI renders it. */
export interface ShellReply {
  lines: string[];
  /** Trust files to print like `show itl` / `show ctl`. */
  trustFiles?: { label: string; bytes: Buffer }[];
  /** `status`: every phone's outcome now. */
  outcomes?: PhoneOutcome[];
  entry?: TimelineEntry;
  quit?: boolean;
}

const HELP = [
  'Platform CLI (on the current node): set cert regen <purpose> · utils itl reset localkey · utils ctl update CTLFile',
  '  utils ctl reset localkey · utils service restart <service> · show itl · show ctl · show cert list own',
  'Simulator: reset phones [all|<group>] [batch <n> every <duration>] · wait <duration> · settle · status',
  '  node <name> · cluster <name> · save <file.yaml> · help · quit',
];

/**
 * `trustsim shell <scenario>`: a trainee types what an administrator types; every command that changes
 * the cluster becomes a step of the scenario language, runs on the simulated clock, and `save` writes the
 * session as a scenario file that replays exactly what happened.
 */
export class TrainingSession {
  private readonly steps: Record<string, unknown>[] = [];
  cluster: string;
  node: string;

  constructor(
    private readonly file: string,
    private readonly rehearsal: Rehearsal,
  ) {
    const first = rehearsal.scenario.clusters[0];
    this.cluster = first.name;
    this.node = first.nodes.find((n) => n.role === 'publisher')!.name;
  }

  get prompt(): string {
    return `admin@${this.cluster}/${this.node}:${formatClock(this.rehearsal.now)}> `;
  }

  async execute(input: string): Promise<ShellReply> {
    const line = input.trim().replace(/\s+/g, ' ');
    if (!line) return { lines: [] };
    const [word, ...rest] = line.split(' ');
    const arg = rest.join(' ');
    switch (word.toLowerCase()) {
      case 'help':
      case '?':
        return { lines: HELP };
      case 'quit':
      case 'exit':
        return { lines: [], quit: true };
      case 'node':
        return this.switchNode(arg);
      case 'cluster':
        return this.switchCluster(arg);
      case 'status':
        return { lines: [`simulated time ${formatClock(this.rehearsal.now)}`], outcomes: this.rehearsal.outcomes() };
      case 'wait':
        return this.step({ wait: arg || '1m' });
      case 'settle':
        return this.step({ waitFor: { phones: 'all', settled: true } });
      case 'reset':
        return this.resetPhones(arg);
      case 'save':
        return this.save(arg);
      case 'show':
        return this.show(line);
      default:
        return this.step({ cli: { cluster: this.cluster, node: this.node, command: line } });
    }
  }

  /** The session so far as a scenario file: the original clusters and phones, the steps typed. */
  toYaml(): string {
    const doc = parseDocument(readFileSync(this.file, 'utf8')) as Document;
    doc.set('steps', doc.createNode(this.steps));
    doc.delete('expect');
    return doc.toString();
  }

  private switchNode(name: string): ShellReply {
    const nodes = this.rehearsal.view().world.cluster(this.cluster).nodes;
    if (!nodes.includes(name)) return { lines: [`no node "${name}" in ${this.cluster} (nodes: ${nodes.join(', ')})`] };
    this.node = name;
    return { lines: [] };
  }

  private switchCluster(name: string): ShellReply {
    const world = this.rehearsal.view().world;
    const clusters = this.rehearsal.scenario.clusters.map((c) => c.name);
    if (!clusters.includes(name)) return { lines: [`no cluster "${name}" (clusters: ${clusters.join(', ')})`] };
    this.cluster = name;
    this.node = world.nodes(name).find((n) => n.publisher)!.name;
    return { lines: [] };
  }

  private resetPhones(arg: string): Promise<ShellReply> | ShellReply {
    const m = /^phones(?: (\S+))?(?: batch (\d+) every (\S+))?$/i.exec(arg);
    if (!m) return { lines: ['usage: reset phones [all|<group>] [batch <n> every <duration>]'] };
    const target = !m[1] || m[1] === 'all' ? 'all' : { group: m[1] };
    return this.step({ resetPhones: { cluster: this.cluster, phones: target, ...(m[2] ? { batchSize: Number(m[2]), interval: m[3] } : {}) } });
  }

  private show(line: string): ShellReply | Promise<ShellReply> {
    const what = line.toLowerCase();
    if (what === 'show itl' || what === 'show ctl') {
      const view = this.rehearsal.view();
      const served = view.world.tftp(this.cluster, this.node)?.itl ? view.trustFiles(this.cluster, this.node) : [];
      const files = served.filter((f) => f.fileName.toLowerCase().startsWith(what.slice(5)));
      if (!files.length) return { lines: [`${this.cluster}/${this.node} serves no ${what.slice(5).toUpperCase()} file`] };
      return { lines: [], trustFiles: files.map((f) => ({ label: `${this.cluster}/${this.node} ${f.fileName}`, bytes: f.bytes })) };
    }
    if (what === 'show cert list own') {
      const rows = this.rehearsal.view().certificates(this.cluster, this.node).filter((r) => r.usage === 'identity');
      return {
        lines: rows.map((r) => `${r.certificate}/${r.certificate}.pem: ${r.info.commonName}, serial ${r.info.serialHex}, generation ${r.generation}, expires ${r.info.notAfter.toISOString().slice(0, 10)}`),
      };
    }
    return this.step({ cli: { cluster: this.cluster, node: this.node, command: line } });
  }

  private async step(step: Record<string, unknown>): Promise<ShellReply> {
    let parsed: Scenario;
    try {
      parsed = this.withSteps([...this.steps, step]);
    } catch (error) {
      if (error instanceof ScenarioError) return { lines: formatIssues(error.issues).split('\n').map((l) => l.replace(/^[^:]+:\d+:\d+: /, '')) };
      throw error;
    }
    const parsedStep = parsed.steps[parsed.steps.length - 1];
    try {
      const entry = await this.rehearsal.apply(parsedStep);
      this.steps.push(step);
      const c = entry.counts;
      return { lines: [`${parsedStep.text} — trusted ${c.trusted}, degraded ${c.degraded}, locked ${c.locked}, unregistered ${c.unregistered}, off ${c.off}`], entry };
    } catch (error) {
      return { lines: [`not done: ${(error as Error).message}`] };
    }
  }

  /** Re-reads the scenario with these steps, so a typed command is checked exactly like a file. */
  private withSteps(steps: Record<string, unknown>[]): Scenario {
    const doc = parseDocument(readFileSync(this.file, 'utf8')) as Document;
    doc.set('steps', doc.createNode(steps));
    doc.delete('expect');
    const scenario = parseScenario(doc.toString(), this.file);
    const issues = validateScenario(scenario, simulatorValidationContext());
    if (issues.length) throw new ScenarioError(issues);
    return scenario;
  }

  private save(path: string): ShellReply {
    if (!path) return { lines: ['usage: save <file.yaml>'] };
    writeFileSync(path, this.toYaml());
    return { lines: [`saved ${this.steps.length} steps to ${path} (replay it with: trustsim run ${path})`] };
  }
}

function formatClock(ms: number): string {
  const m = Math.floor(ms / 60_000);
  return m < 60 ? `${m}m` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

