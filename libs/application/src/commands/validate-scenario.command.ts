import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Scenario } from '@trustsim/scenarios';
import { loadValidScenario } from '../scenario-loader';

/** Check a scenario file without running it; throws a ScenarioError listing every problem. */
export class ValidateScenarioCommand {
  constructor(
    readonly file: string,
    /** `--beyond-cucm-limits`: clusters larger than CUCM supports pass (trustsim's own limits still hold). */
    readonly options: { beyondCucmLimits?: boolean } = {},
  ) {}
}

@CommandHandler(ValidateScenarioCommand)
export class ValidateScenarioHandler implements ICommandHandler<ValidateScenarioCommand, Scenario> {
  async execute(command: ValidateScenarioCommand): Promise<Scenario> {
    return loadValidScenario(command.file, command.options);
  }
}
