import { assumptionCatalogue, knownPhoneModels } from '@trustsim/domain';
import { loadScenario, Scenario, ScenarioError, validateScenario } from '@trustsim/scenarios';

/**
 * Reads a scenario file and checks everything that can be checked without running it: syntax, schema,
 * names that refer to nothing, phone models and assumptions the simulator does not know. Every problem
 * is reported at once, with file, line and column.
 */
export function loadValidScenario(path: string): Scenario {
  const scenario = loadScenario(path);
  const issues = validateScenario(scenario, { knownModels: knownPhoneModels(), knownAssumptions: assumptionCatalogue() });
  if (issues.length) throw new ScenarioError(issues);
  return scenario;
}
