/**
 * A step the model cannot carry out as written (a platform command on the wrong node, a certificate the
 * release does not have, ...). Validation refuses most of these before a run; this names the rest, and
 * the CLI reports it as invalid input rather than a crash.
 */
export class StepNotSimulatedError extends Error {
  override readonly name = 'StepNotSimulatedError';
}
