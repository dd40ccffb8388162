import { Scenario } from '@trustsim/scenarios';
import type { RunResult } from '../engine/rehearsal';

/** Run one scenario file (or an already parsed scenario) and store its events. */
export class RunScenarioCommand {
  constructor(
    readonly file: string,
    readonly options: {
      seed?: number;
      assumptions?: Record<string, string | boolean>;
      keepLog?: boolean | ((stream: string) => boolean);
      /** Start from a stored run's state after a step (1-based) instead of installing and replaying. */
      fork?: { run: string; afterStep: number };
      runId?: string;
      /** `--beyond-cucm-limits`: clusters larger than CUCM supports pass validation. */
      beyondCucmLimits?: boolean;
    } = {},
    /** A scenario parsed by the caller (the benchmark scales one); `file` is then only its name. */
    readonly scenario?: Scenario,
  ) {}
}

export type RunScenarioResult = RunResult;
