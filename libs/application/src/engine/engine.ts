import {
  Assumptions,
  ChapterFact,
  chapterFactOf,
  ClockEvent,
  decideCluster,
  decideNode,
  decideSftp,
  decideTftp,
  decideTvsReload,
  Dispatch,
  DomainEvent,
  EventMeta,
  NO_CLUSTER,
  NO_NODE,
  NO_TFTP,
  NO_TVS,
  NodeContext,
  parseRelease,
  react,
  restartPeriodic,
  schedule,
  tvsKnowledge,
  type ClusterSideEvent,
} from '@trustsim/domain';
import type { EventStore } from '@trustsim/event-store';
import type { KeyPool } from '@trustsim/pki';
import type { RunSetup } from '../run/run-setup';
import { AggregateStates } from './aggregate-states';
import { Artefacts } from './artefacts';
import { Crypto } from './ports';
import { RunLog, type PhoneEventsKept } from './run-log';
import { Category, nodeId, streamName } from './streams';
import { WorldView } from './world-view';

export interface EngineSettings {
  runId: string;
  setup: RunSetup;
  assumptions: Assumptions;
  store: EventStore;
  keys: KeyPool;
  keepLog?: boolean | ((stream: string) => boolean);
  /** Phone events per part, for a store that takes a step in parts (RunLog). */
  partEvents?: number;
  /** Phone events stored (the default) or only counted (RunLog, PhoneEventsKept). */
  phoneEvents?: PhoneEventsKept;
}

/** The schema version of every event type this release writes (metadata `v`); readers upcast older ones. */
export const EVENT_SCHEMA_VERSION = 1;

/**
 * The one write path of a run. A command goes to its aggregate's decider with the aggregate's state and
 * what it may read of the rest (a WorldView); the events it returns are recorded in the run's log and
 * folded into the state at once; then the reactions they set off (domain reactions/) are carried out the
 * same way, depth first. The log appends a step's events in one transaction at the end of the step (a
 * unit of work: if the append fails the run stops and nothing of the step is stored). Nothing else
 * changes a state.
 */
export class Engine {
  readonly states = new AggregateStates();
  readonly artefacts = new Artefacts();
  readonly log: RunLog;
  readonly crypto: Crypto;
  /** What the run did that the chapter's blanket statements are about, in order (chapter-says-otherwise.ts). */
  readonly chapterFacts: ChapterFact[] = [];
  readonly epoch: number;
  private cachedView?: WorldView;
  private depth = 0;
  /** Clusters whose TVS services reload once the current action is done, and why. */
  private readonly tvsReloads = new Map<string, Set<string>>();
  private metaCache = { at: NaN, value: {} as Record<string, unknown> };

  constructor(readonly settings: EngineSettings) {
    this.log = new RunLog(settings.store, settings.runId, settings.keepLog, settings.partEvents, settings.phoneEvents);
    this.crypto = new Crypto(settings.keys, settings.setup.seed, this.artefacts);
    this.epoch = Date.parse(settings.setup.start);
  }

  get runId(): string {
    return this.settings.runId;
  }

  get assumptions(): Assumptions {
    return this.settings.assumptions;
  }

  /** The clusters as they stand now (a new view when the state or the clock moved). */
  view(): WorldView {
    const v = this.cachedView;
    if (!v || v.version !== this.states.version || v.elapsed !== this.states.clock.now) {
      this.cachedView = new WorldView(this.states, this.artefacts, this.settings.assumptions, this.epoch);
    }
    return this.cachedView!;
  }

  /** What a step may have to undo: the states and the event counts as they are now (states are immutable, so this is cheap). */
  checkpoint(): { states: ReturnType<AggregateStates['snapshot']>; counts: Map<string, number>; chapterFacts: number } {
    return { states: this.states.snapshot(), counts: new Map(this.log.countsByType), chapterFacts: this.chapterFacts.length };
  }

  /** Back to a checkpoint: what was decided since is forgotten, and nothing of it will be stored. */
  rollback(to: ReturnType<Engine['checkpoint']>): void {
    this.states.restore(to.states);
    this.log.countsByType.clear();
    for (const [k, v] of to.counts) this.log.countsByType.set(k, v);
    this.log.discard();
    this.tvsReloads.clear();
    this.chapterFacts.length = to.chapterFacts;
  }

  /** Carries out commands in order, each with the reactions it sets off; TVS reloads once the outermost call is done. */
  execute(dispatches: readonly Dispatch[]): void {
    this.depth++;
    try {
      for (const d of dispatches) this.dispatch(d);
    } finally {
      this.depth--;
    }
    if (this.depth === 0 && this.tvsReloads.size) this.reloadTvs();
  }

  private dispatch(d: Dispatch): void {
    const world = this.view();
    switch (d.to) {
      case 'node': {
        const id = nodeId(d.cluster, d.node);
        const events = decideNode(this.states.nodes.get(id) ?? NO_NODE, d.command, this.nodeContext(d.cluster, d.node));
        return this.commitClusterSide({ aggregate: 'node', cluster: d.cluster, node: d.node }, id, events);
      }
      case 'tftp': {
        const id = nodeId(d.cluster, d.node);
        const node = world.node(d.cluster, d.node)!;
        const events = decideTftp(this.states.tftp.get(id) ?? NO_TFTP, d.command, { world, cluster: d.cluster, node, trustFiles: this.crypto.trustFiles, configs: this.crypto.configs });
        return this.commitClusterSide({ aggregate: 'tftp', cluster: d.cluster, node: d.node }, id, events);
      }
      case 'cluster': {
        const events = decideCluster(this.states.clusters.get(d.cluster) ?? NO_CLUSTER, d.command, { world, pki: this.crypto.pki, trustFiles: this.crypto.trustFiles });
        return this.commitClusterSide({ aggregate: 'cluster', cluster: d.cluster }, d.cluster, events);
      }
      case 'tvs': {
        let causes = this.tvsReloads.get(d.cluster);
        if (!causes) this.tvsReloads.set(d.cluster, (causes = new Set()));
        if (d.cause) causes.add(d.cause);
        return;
      }
      case 'clock': {
        const at = this.states.clock.now + d.delay;
        return this.commit('clock', '', d.restart ? restartPeriodic(this.states.clock, at, d.work, d.restart) : [schedule(this.states.clock, at, d.work)]);
      }
      case 'sftp':
        return this.commit('sftp', '', decideSftp(this.states.sftp, d.command));
    }
  }

  /** Records and folds a cluster-side aggregate's events, then carries out what each sets off. */
  private commitClusterSide(source: { aggregate: ClusterSideEvent['aggregate']; cluster: string; node?: string }, id: string, events: readonly DomainEvent[]): void {
    this.commit(source.aggregate, id, events);
    for (const event of events) {
      const next = react({ ...source, event } as ClusterSideEvent, this.view());
      if (next.length) this.execute(next);
    }
  }

  /** Records events of one stream and folds them into its aggregate's state. */
  commit(category: Category, id: string, events: readonly DomainEvent[], at = this.now): void {
    if (!events.length) return;
    const stream = streamName(category, this.runId, id || undefined);
    const meta: EventMeta = { at };
    const metadata = this.metadata(at);
    for (const event of events) {
      // Phones are the bulk of a step's events: a store that takes a step in parts gets them as they pile up.
      this.log.record(stream, event.type, event.data, metadata, category === 'phone');
      this.artefacts.observe(category, id, event);
      this.states.apply(category, id, event, meta);
      const fact = chapterFactOf(category, id, event);
      if (fact) this.chapterFacts.push(fact);
    }
  }

  /** Clock events, at the instant they concern (work starts when it is due). */
  commitClock(event: ClockEvent, at: number): void {
    this.commit('clock', '', [event], this.epoch + at);
  }

  /** Simulated time, epoch ms. */
  get now(): number {
    return this.epoch + this.states.clock.now;
  }

  /** The metadata of an event at an instant: its time and schema version; one shared object per instant. */
  metadata(at: number): Record<string, unknown> {
    if (this.metaCache.at !== at) this.metaCache = { at, value: { at: new Date(at).toISOString(), v: EVENT_SCHEMA_VERSION } };
    return this.metaCache.value;
  }

  private nodeContext(cluster: string, node: string): NodeContext {
    const state = this.states.clusters.get(cluster);
    const spec = this.settings.setup.clusters.find((c) => c.name === cluster);
    return {
      now: this.now,
      release: parseRelease(state?.release ?? spec!.version),
      releaseName: state?.release ?? spec!.version,
      mixedMode: state?.security === 'mixed',
      parameters: state?.parameters ?? spec!.parameters,
      assumptions: this.settings.assumptions,
      pki: this.crypto.pki,
      certificate: (fp) => this.artefacts.certificate(fp),
      certificateSpec: (purpose) => spec?.certificates.find((c) => c.node === node && c.purpose === purpose),
    };
  }

  /** Each TVS of the clusters whose trust changed reloads what it vouches for (decide-tvs.ts). */
  private reloadTvs(): void {
    const reloads = [...this.tvsReloads];
    this.tvsReloads.clear();
    const world = this.view();
    for (const [cluster, causes] of reloads) {
      for (const node of world.nodes(cluster)) {
        if (!node.identities.TVS) continue;
        const id = nodeId(cluster, node.name);
        this.commit('tvs', id, decideTvsReload(this.states.tvs.get(id) ?? NO_TVS, tvsKnowledge(world, cluster, node), [...causes].join(', ') || 'trust changed'));
      }
    }
  }
}
