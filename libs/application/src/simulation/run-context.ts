import { SimulationEvent } from '../events/certificate-events';
import { ClusterRuntime } from './cluster-runtime';
import { PhoneRuntime } from './phone-runtime';

/**
 * What the running simulation shares with the parts a step delegates to: its clusters, its event log, its
 * simulated clock and the sagas. Each part's context picks the few members it needs from here (and adds
 * the other parts it works with), so what a module may touch reads from its context interface alone.
 */
export interface RunContext {
  readonly runId: string;
  /** Simulated time, ms since the Unix epoch. */
  time(): number;
  cluster(name: string): ClusterRuntime;
  /** Records an event on the stream `<category>-<run>.<id>` (a cluster, a node, a TFTP node). */
  record(category: string, id: string, type: string, data: unknown): void;
  recordPhone(phone: PhoneRuntime, type: string, data: unknown): void;
  /** Records an event on the run's own stream. */
  recordRun(type: string, data: unknown): void;
  /** Something phones can see in the cluster changed: decisions memoized about it no longer hold. */
  changed(cluster: ClusterRuntime): void;
  /** Cluster-level domain events, for the sagas (ITL rebuilds, automatic resets); delivered synchronously. */
  publish(event: SimulationEvent): void;
}
