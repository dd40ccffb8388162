import { assumptionCatalogue, ctlKindUnavailable, knownPhoneModels, parseRelease } from '@trustsim/domain';
import { checkScenarioFile, Scenario, ScenarioError, ValidationContext } from '@trustsim/scenarios';
import { RECORDED_EVENT_TYPES } from './run/event-catalogue';

/** What the simulator knows that a scenario file is checked against: phone models, assumptions, event types, release rules. */
export function simulatorValidationContext(options: { beyondCucmLimits?: boolean } = {}): ValidationContext {
  return {
    ...(options.beyondCucmLimits ? { beyondCucmLimits: true } : {}),
    knownModels: knownPhoneModels(),
    knownAssumptions: assumptionCatalogue(),
    knownEventTypes: RECORDED_EVENT_TYPES,
    ctlKindUnavailable: (version, kind) => ctlKindUnavailable(parseRelease(version), kind),
  };
}

/**
 * Reads a scenario file and checks everything that can be checked without running it: syntax, schema,
 * names that refer to nothing, phone models and assumptions the simulator does not know. Every problem
 * is reported at once, with file, line and column.
 */
export function loadValidScenario(path: string, options: { beyondCucmLimits?: boolean } = {}): Scenario {
  const { scenario, issues } = checkScenarioFile(path, simulatorValidationContext(options));
  if (issues.length || !scenario) throw new ScenarioError(issues);
  return scenario;
}
