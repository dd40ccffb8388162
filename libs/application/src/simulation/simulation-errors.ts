/**
 * The errors a run raises to its caller (the CLI names each one plainly instead of a stack trace). They
 * live apart from Simulation so the modules a step delegates to can throw them without importing it.
 */

/** A step, platform command or scenario feature that this version of trustsim does not simulate. */
export class StepNotSimulatedError extends Error {}

/** A fork's file does not share the stored run's set-up or its steps up to the fork point. */
export class ForkMismatchError extends Error {}

/** The store refused a step's events: nothing of that step was stored, and the run stops there. */
export class StepNotStoredError extends Error {
  constructor(
    readonly step: string,
    readonly runId: string,
    override readonly cause: unknown,
  ) {
    super(`run ${runId}: the events of ${step} could not be stored (${cause instanceof Error ? cause.message : String(cause)}); nothing of that step was stored and the run stopped there`);
    this.name = 'StepNotStoredError';
  }
}
