import { EventBus, ofType } from '@nestjs/cqrs';
import { consultedSoFar } from '@trustsim/domain';
import type { Scenario } from '@trustsim/scenarios';
import type { RehearsalFactory } from '../engine/rehearsal-factory';
import type { RunResult } from '../engine/rehearsal';
import { RehearsalStepStored } from '../events/rehearsal-progress';
import { type AssumptionSet, summarizeGroups, type Variant } from './assumption-variants';

/** What the exploration keeps of a run: its outcome per group and what its rules consulted. */
export function variantOf(result: RunResult, assumptions: AssumptionSet, stored = true): Variant {
  return {
    assumptions,
    consulted: result.consulted ?? Object.keys(assumptions),
    passed: result.passed,
    failedExpectations: result.expectations.filter((e) => !e.passed).map((e) => `${e.location} ${e.description}`),
    groups: summarizeGroups(result.outcomes),
    ...(stored ? { runId: result.runId } : {}),
  };
}

/**
 * One run of `--all-assumptions`, from a fresh copy of the scenario: stored like any run, or (`stored`
 * false) made for its outcome only, its events checked and forgotten (UnstoredEventStore). After each step
 * it tells `progress` what its rules have consulted so far (read off the assumptions the rules are handed),
 * so that the exploration can start other runs before this one ends. The same on the main thread and in a
 * worker (variant-worker.ts).
 */
export async function runVariant(
  app: { rehearsals: RehearsalFactory; events: EventBus },
  scenario: Scenario,
  assumptions: AssumptionSet,
  progress: (consulted: readonly string[]) => void,
  stored = true,
): Promise<Variant> {
  const copy = structuredClone(scenario);
  const rehearsal = stored ? app.rehearsals.create(copy, { assumptions }) : app.rehearsals.createUnstored(copy, { assumptions });
  const steps = app.events
    .pipe(ofType(RehearsalStepStored))
    .subscribe((e) => e.runId === rehearsal.runId && progress(consultedSoFar(rehearsal.engine.assumptions) ?? []));
  try {
    return variantOf(await rehearsal.run(), assumptions, stored);
  } finally {
    steps.unsubscribe();
  }
}
