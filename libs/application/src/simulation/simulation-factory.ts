import { Inject, Injectable } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { EventStore, MemoryEventStore } from '@trustsim/event-store';
import { KeyPool } from '@trustsim/pki';
import { Scenario } from '@trustsim/scenarios';
import { EVENT_STORE, KEY_POOL } from '../tokens';
import { Simulation, SimulationOptions } from './simulation';
import { SimulationRegistry } from './simulation-registry';

export type SimulationSettings = Omit<SimulationOptions, 'store' | 'keys' | 'publish'> & {
  /** Keep the run (the configured store) or throw it away (an in-memory store): rehearsals to look at a state. */
  keep?: boolean;
};

/**
 * Makes simulations wired to the application: the configured event store (or a throw-away one), keys
 * derived from the scenario's seed, domain events on the @nestjs/cqrs EventBus, and registration so the
 * sagas' commands reach the run they belong to.
 */
@Injectable()
export class SimulationFactory {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(KEY_POOL) private readonly keys: (seed: number) => KeyPool,
    private readonly events: EventBus,
    private readonly registry: SimulationRegistry,
  ) {}

  create(scenario: Scenario, settings: SimulationSettings = {}): Simulation {
    const { keep = true, ...options } = settings;
    const simulation = new Simulation(scenario, {
      ...options,
      store: keep ? this.store : new MemoryEventStore(),
      keys: this.keys(scenario.seed),
      publish: (event) => this.events.publish(event),
    });
    this.registry.add(simulation);
    return simulation;
  }

  /** The run is over: saga commands no longer reach it. */
  release(simulation: Simulation): void {
    this.registry.remove(simulation);
  }

  /** Creates, runs and releases. */
  async run<T>(scenario: Scenario, settings: SimulationSettings, work: (simulation: Simulation) => Promise<T>): Promise<T> {
    const simulation = this.create(scenario, settings);
    try {
      return await work(simulation);
    } finally {
      this.release(simulation);
    }
  }
}
