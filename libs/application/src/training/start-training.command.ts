import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { loadValidScenario } from '../scenario-loader';
import { SimulationFactory } from '../simulation/simulation-factory';
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
  constructor(private readonly simulations: SimulationFactory) {}

  async execute(command: StartTrainingCommand): Promise<OpenTrainingSession> {
    const scenario = { ...loadValidScenario(command.file), steps: [], expect: [] };
    const simulation = this.simulations.create(scenario);
    await simulation.start();
    return {
      session: new TrainingSession(command.file, simulation),
      close: async () => {
        try {
          await simulation.finish();
        } finally {
          this.simulations.release(simulation);
        }
      },
    };
  }
}
