import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Scenario } from '@trustsim/scenarios';
import { loadValidScenario } from '../scenario-loader';

/** Check a scenario file without running it; throws a ScenarioError listing every problem. */
export class ValidateScenarioCommand {
  constructor(readonly file: string) {}
}

@CommandHandler(ValidateScenarioCommand)
export class ValidateScenarioHandler implements ICommandHandler<ValidateScenarioCommand, Scenario> {
  async execute(command: ValidateScenarioCommand): Promise<Scenario> {
    return loadValidScenario(command.file);
  }
}
