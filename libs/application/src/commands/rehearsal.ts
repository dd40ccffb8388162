import { loadValidScenario } from '../scenario-loader';
import { Simulation } from '../simulation/simulation';
import { SimulationFactory } from '../simulation/simulation-factory';

/**
 * Runs a scenario up to a step (default: to the end, settled) to look at the cluster's state there —
 * the files TFTP serves, a node's certificates. Nothing is kept: the events go to an in-memory store.
 */
export async function rehearseTo(file: string, afterStep: number | undefined, simulations: SimulationFactory): Promise<Simulation> {
  const scenario = loadValidScenario(file);
  if (afterStep !== undefined && (afterStep < 0 || afterStep >= scenario.steps.length)) {
    throw new RangeError(`--at ${afterStep + 1}: the scenario has steps 1 to ${scenario.steps.length}`);
  }
  return simulations.run(scenario, { keep: false, stopAfterStep: afterStep }, async (simulation) => {
    await simulation.run();
    return simulation;
  });
}
