import { Inject } from '@nestjs/common';
import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { EventStore } from '@trustsim/event-store';
import { KeyPool } from '@trustsim/pki';
import { loadValidScenario } from '../scenario-loader';
import { Simulation } from '../simulation/simulation';
import { SimulationRegistry } from '../simulation/simulation-registry';
import { EVENT_STORE, KEY_POOL } from '../tokens';
import { TrainingSession } from './training-session';

/** Loads a scenario's starting state (its steps are not run) for a trainee to type commands into. */
export class StartTrainingCommand {
  constructor(readonly file: string) {}
}

export interface OpenTrainingSession {
  session: TrainingSession;
  /** Settles background work and closes the run (it stays in the store, like any run). */
  close(): Promise<void>;
}

@CommandHandler(StartTrainingCommand)
export class StartTrainingHandler implements ICommandHandler<StartTrainingCommand, OpenTrainingSession> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(KEY_POOL) private readonly keys: (seed: number) => KeyPool,
    private readonly events: EventBus,
    private readonly registry: SimulationRegistry,
  ) {}

  async execute(command: StartTrainingCommand): Promise<OpenTrainingSession> {
    const scenario = { ...loadValidScenario(command.file), steps: [], expect: [] };
    const simulation = new Simulation(scenario, { store: this.store, keys: this.keys(scenario.seed), publish: (e) => this.events.publish(e) });
    this.registry.add(simulation);
    await simulation.start();
    return {
      session: new TrainingSession(command.file, simulation),
      close: async () => {
        try {
          await simulation.finish();
        } finally {
          this.registry.remove(simulation);
        }
      },
    };
  }
}
