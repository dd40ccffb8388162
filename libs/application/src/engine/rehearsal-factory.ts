import { Inject, Injectable } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { EventStore, UnstoredEventStore } from '@trustsim/event-store';
import { KeyPool } from '@trustsim/pki';
import { Scenario } from '@trustsim/scenarios';
import { RehearsalStepStored } from '../events/rehearsal-progress';
import { EVENT_STORE, KEY_POOL } from '../tokens';
import { Rehearsal, RehearsalOptions } from './rehearsal';

export type RehearsalSettings = Omit<RehearsalOptions, 'store' | 'keys' | 'onStep'>;

/**
 * Makes rehearsals wired to the application: the configured event store, keys derived from the
 * scenario's seed, and each stored step announced on the EventBus (progress for the terminal).
 */
@Injectable()
export class RehearsalFactory {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(KEY_POOL) private readonly keys: (seed: number) => KeyPool,
    private readonly events: EventBus,
  ) {}

  create(scenario: Scenario, settings: RehearsalSettings = {}): Rehearsal {
    return this.make(scenario, settings, this.store);
  }

  /**
   * A rehearsal made for its outcome only: its phones' events are counted, not made (PhoneEventsKept), and
   * the others are checked as a store checks them, then forgotten (UnstoredEventStore). The readings of
   * `--all-assumptions` after the first.
   */
  createUnstored(scenario: Scenario, settings: RehearsalSettings = {}): Rehearsal {
    return this.make(scenario, { phoneEvents: 'counted', ...settings }, new UnstoredEventStore('a reading of --all-assumptions'));
  }

  private make(scenario: Scenario, settings: RehearsalSettings, store: EventStore): Rehearsal {
    const rehearsal: Rehearsal = new Rehearsal(scenario, {
      ...settings,
      store,
      keys: this.keys(scenario.seed),
      onStep: (entry) => this.events.publish(new RehearsalStepStored(rehearsal.runId, scenario.name, entry)),
    });
    return rehearsal;
  }
}
