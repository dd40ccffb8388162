import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EventStore, MemoryEventStore, StoreUnavailableError } from '@trustsim/event-store';
import { MAX_PHONES_IN_MEMORY_STORE, type Scenario } from '@trustsim/scenarios';
import { EVENT_STORE } from '../tokens';
import { loadValidScenario } from '../scenario-loader';
import { RehearsalFactory } from '../engine/rehearsal-factory';
import type { RunResult } from '../engine/rehearsal';
import { RunReader } from '../projections/run-reader';
import { RunScenarioCommand } from './run-scenario.command';

/** `trustsim run` (and `--fork`): a rehearsal stored in the configured event store. */
@CommandHandler(RunScenarioCommand)
export class RunScenarioHandler implements ICommandHandler<RunScenarioCommand, RunResult> {
  constructor(
    private readonly rehearsals: RehearsalFactory,
    private readonly reader: RunReader,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute(command: RunScenarioCommand): Promise<RunResult> {
    const scenario = command.scenario ?? loadValidScenario(command.file, { beyondCucmLimits: command.options.beyondCucmLimits });
    if (command.options.seed !== undefined) scenario.seed = command.options.seed;
    this.checkFitsTheStore(scenario);
    const { assumptions, keepLog, fork, runId } = command.options;
    const rehearsal = this.rehearsals.create(scenario, { assumptions, keepLog, runId });
    if (!fork) return rehearsal.run();
    // A fork starts from the stored run's state after the step, folded from its log.
    const folded = await this.reader.fold(fork.run, { afterStep: fork.afterStep });
    return rehearsal.fork(folded, fork.afterStep);
  }

  /** The memory store holds every event of a run: a run too big for it is refused before it starts (limits.ts). */
  private checkFitsTheStore(scenario: Scenario): void {
    if (!(this.store instanceof MemoryEventStore)) return;
    const phones = scenario.clusters.reduce((n, c) => n + c.phones.reduce((m, g) => m + g.names.length, 0), 0);
    if (phones <= MAX_PHONES_IN_MEMORY_STORE) return;
    throw new StoreUnavailableError(
      `${scenario.file}: ${phones.toLocaleString('en-US')} phones are more than the memory store takes (it keeps every event of a run in memory: at most ${MAX_PHONES_IN_MEMORY_STORE.toLocaleString('en-US')}); run it on the SQLite store (the default) or a KurrentDB server`,
    );
  }
}
