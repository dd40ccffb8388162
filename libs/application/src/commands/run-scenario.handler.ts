import { Inject } from '@nestjs/common';
import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { EventStore } from '@trustsim/event-store';
import { KeyPool } from '@trustsim/pki';
import { loadValidScenario } from '../scenario-loader';
import { RunResult, Simulation } from '../simulation/simulation';
import { SimulationRegistry } from '../simulation/simulation-registry';
import { EVENT_STORE, KEY_POOL } from '../tokens';
import { RunScenarioCommand } from './run-scenario.command';

@CommandHandler(RunScenarioCommand)
export class RunScenarioHandler implements ICommandHandler<RunScenarioCommand, RunResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(KEY_POOL) private readonly keys: (seed: number) => KeyPool,
    private readonly events: EventBus,
    private readonly registry: SimulationRegistry,
  ) {}

  async execute(command: RunScenarioCommand): Promise<RunResult> {
    const scenario = command.scenario ?? loadValidScenario(command.file);
    if (command.options.seed !== undefined) scenario.seed = command.options.seed;
    const simulation = new Simulation(scenario, {
      store: this.store,
      keys: this.keys(scenario.seed),
      assumptions: command.options.assumptions,
      onStep: command.options.onStep,
      keepLog: command.options.keepLog,
      publish: (event) => this.events.publish(event),
    });
    this.registry.add(simulation);
    try {
      return await simulation.run();
    } finally {
      this.registry.remove(simulation);
    }
  }
}
