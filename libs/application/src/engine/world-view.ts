import type { Assumptions, ClusterState, ScheduledWork, ConfigFileView, IdentityDescription, NodeState, Release, TftpState, TrustListView, TvsState, World } from '@trustsim/domain';
import { parseRelease, PhoneView } from '@trustsim/domain';
import type { CertificateInfo } from '@trustsim/pki';
import type { AggregateStates } from './aggregate-states';
import type { Artefacts } from './artefacts';
import { nodeId } from './streams';

const releases = new Map<string, Release>();

function release(text: string): Release {
  let r = releases.get(text);
  if (!r) releases.set(text, (r = parseRelease(text)));
  return r;
}

/**
 * The domain's `World` over a run's aggregate states and artefacts, at one instant. A view is cheap and
 * short-lived: the engine makes a new one when the cluster side or the clock changes, so its caches
 * (node lists, the phones' view) never outlive the state they were read from.
 */
export class WorldView implements World {
  private readonly nodeLists = new Map<string, NodeState[]>();
  private phoneView?: PhoneView;
  /** The clock's time (ms since the start), read when the view is made. */
  readonly elapsed: number;
  readonly now: number;
  /** The state version this view was made at. */
  readonly version: number;

  constructor(
    private readonly states: AggregateStates,
    private readonly artefacts: Artefacts,
    readonly assumptions: Assumptions,
    /** Epoch ms of the run's start. */
    epoch: number,
  ) {
    this.elapsed = states.clock.now;
    this.now = epoch + this.elapsed;
    this.version = states.version;
  }

  /** The phones' view of these clusters (cached with it). */
  get phones(): PhoneView {
    return (this.phoneView ??= new PhoneView(this));
  }

  cluster(name: string): ClusterState {
    const c = this.states.clusters.get(name);
    if (!c) throw new RangeError(`unknown cluster ${name}`);
    return c;
  }

  hasCluster(name: string): boolean {
    return this.states.clusters.has(name);
  }

  release(cluster: string): Release {
    return release(this.cluster(cluster).release);
  }

  nodes(cluster: string): readonly NodeState[] {
    let list = this.nodeLists.get(cluster);
    if (!list) {
      list = this.cluster(cluster).nodes.map((n) => this.states.nodes.get(nodeId(cluster, n))!).filter((n) => n !== undefined);
      this.nodeLists.set(cluster, list);
    }
    return list;
  }

  node(cluster: string, node: string): NodeState | undefined {
    return this.states.nodes.get(nodeId(cluster, node));
  }

  tftp(cluster: string, node: string): TftpState | undefined {
    return this.states.tftp.get(nodeId(cluster, node));
  }

  tvs(cluster: string, node: string): TvsState | undefined {
    return this.states.tvs.get(nodeId(cluster, node));
  }

  certificate(fingerprint: string): CertificateInfo {
    return this.artefacts.certificate(fingerprint);
  }

  trustList(id: string): TrustListView {
    return this.artefacts.trustList(id);
  }

  configFile(id: string): ConfigFileView {
    return this.artefacts.configFile(id);
  }

  identity(fingerprint: string): IdentityDescription | undefined {
    return this.artefacts.identity(fingerprint);
  }

  pendingWork(): readonly ScheduledWork[] {
    return this.states.clock.pending;
  }
}
