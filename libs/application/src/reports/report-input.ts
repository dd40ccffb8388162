import type { PhoneOutcome } from '@trustsim/domain';
import { RunResult } from '../engine/rehearsal';

/**
 * What the reports read. It is `RunResult` plus fields the simulation does not provide yet, all
 * optional, so any RunResult is accepted as is:
 * - `explanation`: why a phone ended where it did, one sentence per line (the lead adds it to
 *   PhoneOutcome later); rendered when present.
 */
export type ExplainedOutcome = PhoneOutcome & { explanation?: string[] };

export type ReportInput = Omit<RunResult, 'outcomes'> & { outcomes: readonly ExplainedOutcome[] };
