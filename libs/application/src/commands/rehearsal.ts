import { EventBus } from '@nestjs/cqrs';
import { MemoryEventStore } from '@trustsim/event-store';
import { KeyPool } from '@trustsim/pki';
import { loadValidScenario } from '../scenario-loader';
import { Simulation } from '../simulation/simulation';
import { SimulationRegistry } from '../simulation/simulation-registry';

/**
 * Runs a scenario up to a step (default: to the end, settled) to look at the cluster's state there —
 * the files TFTP serves, a node's certificates. Nothing is kept: the events go to an in-memory store.
 */
export async function rehearseTo(
  file: string,
  afterStep: number | undefined,
  deps: { keys: (seed: number) => KeyPool; events: EventBus; registry: SimulationRegistry },
): Promise<Simulation> {
  const scenario = loadValidScenario(file);
  if (afterStep !== undefined && (afterStep < 0 || afterStep >= scenario.steps.length)) {
    throw new RangeError(`--at ${afterStep + 1}: the scenario has steps 1 to ${scenario.steps.length}`);
  }
  const simulation = new Simulation(scenario, {
    store: new MemoryEventStore(),
    keys: deps.keys(scenario.seed),
    stopAfterStep: afterStep,
    publish: (event) => deps.events.publish(event),
  });
  deps.registry.add(simulation);
  try {
    await simulation.run();
  } finally {
    deps.registry.remove(simulation);
  }
  return simulation;
}
