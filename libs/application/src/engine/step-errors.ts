import { StepNotSimulatedError } from '@trustsim/domain';
import type { Step } from '@trustsim/scenarios';

/**
 * A step stopped by something no rule records as an outcome — a bug of the simulator, not the scenario's
 * doing. Its message is located at the step; the original error is its `cause` (for --debug).
 */
export class StepCrashedError extends Error {
  override readonly name = 'StepCrashedError';
  constructor(
    message: string,
    override readonly cause: unknown,
  ) {
    super(message);
  }
}

/** `file:line:column: step N (text)` — where a step is written, as every other located message says it. */
export function stepLocation(step: Step): string {
  return `${step.loc.file}:${step.loc.line}:${step.loc.column}: step ${step.index + 1} (${step.text})`;
}

/**
 * The error a step stopped with, located at the step (issue 20: the run never stops on a valid scenario with
 * an unlocated error). A StepNotSimulatedError stays one (the CLI reports it as input it cannot carry out);
 * anything else becomes a StepCrashedError. An error already located at the step is returned as it is.
 */
export function locateStepError(step: Step, error: unknown): Error {
  const where = `${step.loc.file}:${step.loc.line}:${step.loc.column}`;
  const message = error instanceof Error ? error.message : String(error);
  if (message.startsWith(where)) return error instanceof Error ? error : new StepCrashedError(message, error);
  if (error instanceof StepNotSimulatedError) {
    const located = new StepNotSimulatedError(`${stepLocation(step)}: ${message}`);
    located.stack = error.stack;
    return located;
  }
  return new StepCrashedError(`${stepLocation(step)}: ${message}`, error);
}
