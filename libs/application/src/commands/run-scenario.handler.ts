import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
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
  ) {}

  async execute(command: RunScenarioCommand): Promise<RunResult> {
    const scenario = command.scenario ?? loadValidScenario(command.file, { beyondCucmLimits: command.options.beyondCucmLimits });
    if (command.options.seed !== undefined) scenario.seed = command.options.seed;
    const { assumptions, keepLog, fork, runId } = command.options;
    const rehearsal = this.rehearsals.create(scenario, { assumptions, keepLog, runId });
    if (!fork) return rehearsal.run();
    // A fork starts from the stored run's state after the step, folded from its log.
    const folded = await this.reader.fold(fork.run, { afterStep: fork.afterStep });
    return rehearsal.fork(folded, fork.afterStep);
  }
}
