import type { TimelineEntry } from '../run/run-events';

/**
 * Integration event on the NestJS EventBus: a step of a rehearsal is stored. The terminal prints progress
 * from it (and the browser, later). One per step — never per phone: bursts through the EventBus are slow.
 */
export class RehearsalStepStored {
  constructor(
    readonly runId: string,
    readonly scenario: string,
    readonly entry: TimelineEntry,
  ) {}
}
