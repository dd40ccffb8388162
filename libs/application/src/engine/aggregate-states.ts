import {
  CLOCK_AT_START,
  ClockEvent,
  ClockState,
  ClusterEvent,
  ClusterState,
  DomainEvent,
  EMPTY_SFTP,
  EventMeta,
  evolveClock,
  evolveCluster,
  evolveNode,
  evolvePhone,
  evolveSftp,
  evolveTftp,
  evolveTvs,
  NO_CLUSTER,
  NO_NODE,
  NO_PHONE,
  NO_TFTP,
  NO_TVS,
  NodeEvent,
  NodeState,
  PhoneEvent,
  PhoneState,
  SftpEvent,
  SftpState,
  TftpEvent,
  TftpState,
  TvsEvent,
  TvsState,
} from '@trustsim/domain';
import type { Category } from './streams';

/**
 * Every aggregate's state in a run: the latest fold of each stream's events. This is the one place
 * states change, and only through the aggregates' `evolve` functions, event by event — the same code for
 * the live run and for a stored run read back.
 */
export class AggregateStates {
  readonly clusters = new Map<string, ClusterState>();
  /** By `<cluster>.<node>`. */
  readonly nodes = new Map<string, NodeState>();
  readonly tftp = new Map<string, TftpState>();
  readonly tvs = new Map<string, TvsState>();
  /** By phone position (the scenario's order). */
  readonly phones: PhoneState[] = [];
  clock: ClockState = CLOCK_AT_START;
  sftp: SftpState = EMPTY_SFTP;
  /** Bumped by every change of the cluster side: what phones decide from may have changed. */
  version = 0;

  /** Folds one event of a cluster-side or run-level stream (phones go through `evolvePhone`). */
  apply(category: Category, id: string, event: DomainEvent, meta: EventMeta): void {
    switch (category) {
      case 'cluster':
        this.clusters.set(id, evolveCluster(this.clusters.get(id) ?? NO_CLUSTER, event as ClusterEvent, meta));
        this.version++;
        return;
      case 'node':
        this.nodes.set(id, evolveNode(this.nodes.get(id) ?? NO_NODE, event as NodeEvent, meta));
        this.version++;
        return;
      case 'tftp':
        this.tftp.set(id, evolveTftp(this.tftp.get(id) ?? NO_TFTP, event as TftpEvent, meta));
        this.version++;
        return;
      case 'tvs':
        this.tvs.set(id, evolveTvs(this.tvs.get(id) ?? NO_TVS, event as TvsEvent, meta));
        this.version++;
        return;
      case 'clock':
        this.clock = evolveClock(this.clock, event as ClockEvent, meta);
        return;
      case 'sftp':
        this.sftp = evolveSftp(this.sftp, event as SftpEvent, meta);
        return;
      case 'run':
      case 'phone':
        return; // the run's own stream is folded by RunProgress; phones by position, below
    }
  }

  /** Folds one event of the phone at `index`. */
  applyPhone(index: number, event: PhoneEvent, meta: EventMeta): PhoneState {
    const next = evolvePhone(this.phones[index] ?? NO_PHONE, event, meta);
    this.phones[index] = next;
    return next;
  }

  /** The phone at `index` takes a state already folded from these events (a memoized boot: the same fold, computed once). */
  setPhone(index: number, state: PhoneState): void {
    this.phones[index] = state;
  }

  /** Puts the containers back as a snapshot had them. */
  restore(snapshot: StatesSnapshot): void {
    for (const [name, target] of [['clusters', this.clusters], ['nodes', this.nodes], ['tftp', this.tftp], ['tvs', this.tvs]] as const) {
      (target as Map<string, unknown>).clear();
      for (const [k, v] of snapshot[name] as Map<string, unknown>) (target as Map<string, unknown>).set(k, v);
    }
    this.phones.length = snapshot.phones.length;
    for (let i = 0; i < snapshot.phones.length; i++) this.phones[i] = snapshot.phones[i];
    this.clock = snapshot.clock;
    this.sftp = snapshot.sftp;
    this.version++;
  }

  /** A copy of the containers (the states themselves are immutable): the state of the run at this instant. */
  snapshot(): StatesSnapshot {
    return {
      clusters: new Map(this.clusters),
      nodes: new Map(this.nodes),
      tftp: new Map(this.tftp),
      tvs: new Map(this.tvs),
      phones: this.phones.slice(),
      clock: this.clock,
      sftp: this.sftp,
    };
  }
}

export interface StatesSnapshot {
  clusters: Map<string, ClusterState>;
  nodes: Map<string, NodeState>;
  tftp: Map<string, TftpState>;
  tvs: Map<string, TvsState>;
  phones: PhoneState[];
  clock: ClockState;
  sftp: SftpState;
}
