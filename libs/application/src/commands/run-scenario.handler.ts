import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EventStore } from '@trustsim/event-store';
import { loadValidScenario } from '../scenario-loader';
import { StoredRuns } from '../runs/stored-runs';
import { RunResult } from '../simulation/simulation';
import { SimulationFactory } from '../simulation/simulation-factory';
import { EVENT_STORE } from '../tokens';
import { RunScenarioCommand } from './run-scenario.command';

@CommandHandler(RunScenarioCommand)
export class RunScenarioHandler implements ICommandHandler<RunScenarioCommand, RunResult> {
  constructor(
    private readonly simulations: SimulationFactory,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute(command: RunScenarioCommand): Promise<RunResult> {
    const scenario = command.scenario ?? loadValidScenario(command.file);
    if (command.options.seed !== undefined) scenario.seed = command.options.seed;
    const { assumptions, onStep, keepLog, fork } = command.options;
    if (!fork) return this.simulations.run(scenario, { assumptions, onStep, keepLog }, (simulation) => simulation.run());
    const { runId, checkpoint } = await new StoredRuns(this.store).checkpoint(fork.run, fork.afterStep);
    return this.simulations.run(scenario, { assumptions, onStep, keepLog }, (simulation) => simulation.runFrom(checkpoint, runId));
  }
}
