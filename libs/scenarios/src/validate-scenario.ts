/**
 * Semantic checks of a parsed scenario: every reference resolves (clusters, nodes, groups, phones,
 * snapshots, backups), services are where steps expect them, CLI commands are known and run where the
 * simulator runs them, certificates named exist and can be written, the limits of limits.ts hold, and —
 * when the caller knows them — phone models and assumptions exist. Whatever the simulator would refuse as
 * input is found here, located. Returns every issue; throws nothing.
 */
import { didYouMean } from './did-you-mean';
import { sortIssues, type ScenarioIssue } from './errors';
import type { Scenario } from './model';
import { checkCertificates } from './validate-certificates';
import { checkClusters } from './validate-clusters';
import { checkLimits } from './validate-limits';
import { checkSteps } from './validate-steps';
import { ValidationKit, type ValidationContext } from './validation-kit';

export type { ValidationContext } from './validation-kit';

export function validateScenario(scenario: Scenario, context: ValidationContext = {}): ScenarioIssue[] {
  const kit = new ValidationKit(scenario, context);
  checkClusters(kit);
  checkSteps(kit);
  checkCertificates(kit);
  checkLimits(kit);
  checkAssumptions(kit);
  return sortIssues(kit.issues);
}

function checkAssumptions(kit: ValidationKit): void {
  const known = kit.context.knownAssumptions;
  if (!known) return;
  const fallback = { file: kit.scenario.file, line: 1, column: 1 };
  const names = Object.keys(known);
  for (const [name, value] of Object.entries(kit.scenario.assumptions)) {
    const allowed = known[name];
    if (!allowed) {
      kit.report(['assumptions', name], fallback, `unknown assumption '${name}'${didYouMean(name, names)}`, { expected: `one of ${names.join(', ')}`, at: 'key' });
    } else if (allowed.length > 0 && !allowed.includes(value)) {
      const hint = typeof value === 'string' ? didYouMean(value, allowed.map(String)) : '';
      kit.report(['assumptions', name], fallback, `${JSON.stringify(value)} is not a value of ${name}${hint}`, { expected: `one of ${allowed.join(', ')}` });
    }
  }
}
