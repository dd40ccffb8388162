import type { Assumptions } from '../assumptions/assumptions';
import type { ClusterState } from '../cluster/cluster-state';
import type { CertificateFacts, KeyRef } from '../core/refs';
import type { NodeState } from '../node/node-state';
import type { ConfigFileView } from '../phone/config-decision';
import type { Release } from '../release/release';
import type { TrustListView } from '../shared/trust-list-view';
import type { TftpState } from '../tftp/tftp-state';
import type { TvsState } from '../tvs/tvs-state';
import type { ScheduledWork } from '../clock/clock-state';

/** Who a certificate belongs to, for reports: a node's identity of some generation, or an eToken. */
export interface IdentityDescription {
  readonly cluster: string;
  readonly node: string;
  readonly purpose: string;
  readonly generation: number;
  readonly commonName: string;
  /** The seed-derived key it signs with (never the key itself). */
  readonly key: KeyRef;
}

/**
 * The cluster side of a run at one instant, read-only: every aggregate's state, and the certificates and
 * files the run's events carried (parsed once). Rules that span aggregates (what goes into an ITL, what a
 * TVS knows, what a phone is offered) read it; the application builds it from the live states or from a
 * fold of the stored log — the same either way.
 */
export interface World {
  /** Simulated time, epoch ms. */
  readonly now: number;
  /** Simulated time since the run's start, ms (the clock's own unit). */
  readonly elapsed: number;
  readonly assumptions: Assumptions;
  cluster(name: string): ClusterState;
  release(cluster: string): Release;
  /** The cluster's nodes, in the scenario's order. */
  nodes(cluster: string): readonly NodeState[];
  node(cluster: string, node: string): NodeState | undefined;
  tftp(cluster: string, node: string): TftpState | undefined;
  tvs(cluster: string, node: string): TvsState | undefined;
  certificate(fingerprint: string): CertificateFacts;
  trustList(id: string): TrustListView;
  configFile(id: string): ConfigFileView;
  identity(fingerprint: string): IdentityDescription | undefined;
  /** Background work the clock has not run yet (replication on its way, reset waves to come). */
  pendingWork(): readonly ScheduledWork[];
}

export function publisherOf(world: World, cluster: string): NodeState {
  const publisher = world.nodes(cluster).find((n) => n.publisher);
  if (!publisher) throw new Error(`cluster ${cluster} has no publisher`);
  return publisher;
}
