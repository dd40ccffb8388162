import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { loadValidScenario } from '../scenario-loader';
import { RunResult } from '../simulation/simulation';
import { SimulationFactory } from '../simulation/simulation-factory';
import { RunScenarioCommand } from './run-scenario.command';

@CommandHandler(RunScenarioCommand)
export class RunScenarioHandler implements ICommandHandler<RunScenarioCommand, RunResult> {
  constructor(private readonly simulations: SimulationFactory) {}

  async execute(command: RunScenarioCommand): Promise<RunResult> {
    const scenario = command.scenario ?? loadValidScenario(command.file);
    if (command.options.seed !== undefined) scenario.seed = command.options.seed;
    const { assumptions, onStep, keepLog } = command.options;
    return this.simulations.run(scenario, { assumptions, onStep, keepLog }, (simulation) => simulation.run());
  }
}
