import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { loadValidScenario } from '../scenario-loader';
import { SimulationFactory } from '../simulation/simulation-factory';
import { Explanation, explainPhone, LoggedEvent } from './explain-phone';

/** Why one phone ends as it does: re-runs the scenario (deterministic) keeping that phone's events. */
export class ExplainPhoneCommand {
  constructor(
    readonly file: string,
    readonly phone: string,
    readonly options: { assumptions?: Record<string, string | boolean> } = {},
  ) {}
}

@CommandHandler(ExplainPhoneCommand)
export class ExplainPhoneHandler implements ICommandHandler<ExplainPhoneCommand, Explanation> {
  constructor(private readonly simulations: SimulationFactory) {}

  async execute(command: ExplainPhoneCommand): Promise<Explanation> {
    const scenario = loadValidScenario(command.file);
    const name = command.phone.toUpperCase();
    const own = `.${name}`;
    // Its own stream and the cluster-level streams, not the other phones'.
    const keepLog = (stream: string) => !stream.startsWith('phone-') || stream.endsWith(own);
    return this.simulations.run(scenario, { keep: false, assumptions: command.options.assumptions, keepLog }, async (simulation) => {
      const result = await simulation.run();
      return explainPhone(simulation, result, (result.eventLog ?? []) as LoggedEvent[], name);
    });
  }
}
