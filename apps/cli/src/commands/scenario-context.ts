/**
 * What the simulator knows that a scenario is checked against (phone models, assumptions, release
 * rules), from the domain library — so `import` and `check` validate exactly as `trustsim validate` does
 * without going through the application API.
 */
import { assumptionCatalogue, ctlKindUnavailable, knownPhoneModels, parseRelease } from '@trustsim/domain';
import { loadScenario, ScenarioError, validateScenario, type Scenario, type ValidationContext } from '@trustsim/scenarios';

export function simulatorContext(): ValidationContext {
  return {
    knownModels: knownPhoneModels(),
    knownAssumptions: assumptionCatalogue(),
    ctlKindUnavailable: (version, kind) => ctlKindUnavailable(parseRelease(version), kind),
  };
}

/** A scenario file, parsed and validated; a ScenarioError lists every problem. */
export function loadCheckedScenario(path: string): Scenario {
  const scenario = loadScenario(path);
  const issues = validateScenario(scenario, simulatorContext());
  if (issues.length) throw new ScenarioError(issues);
  return scenario;
}
