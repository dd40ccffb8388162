import { Inject } from '@nestjs/common';
import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { MemoryEventStore } from '@trustsim/event-store';
import { KeyPool } from '@trustsim/pki';
import { loadValidScenario } from '../scenario-loader';
import { Simulation } from '../simulation/simulation';
import { SimulationRegistry } from '../simulation/simulation-registry';
import { KEY_POOL } from '../tokens';
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
  constructor(
    @Inject(KEY_POOL) private readonly keys: (seed: number) => KeyPool,
    private readonly events: EventBus,
    private readonly registry: SimulationRegistry,
  ) {}

  async execute(command: ExplainPhoneCommand): Promise<Explanation> {
    const scenario = loadValidScenario(command.file);
    const name = command.phone.toUpperCase();
    const own = `.${name}`;
    const simulation = new Simulation(scenario, {
      store: new MemoryEventStore(),
      keys: this.keys(scenario.seed),
      assumptions: command.options.assumptions,
      // Its own stream and the cluster-level streams, not the other phones'.
      keepLog: (stream) => !stream.startsWith('phone-') || stream.endsWith(own),
      publish: (event) => this.events.publish(event),
    });
    this.registry.add(simulation);
    try {
      const result = await simulation.run();
      return explainPhone(simulation, result, (result.eventLog ?? []) as LoggedEvent[], name);
    } finally {
      this.registry.remove(simulation);
    }
  }
}
