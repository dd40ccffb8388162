import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { loadValidScenario } from '../scenario-loader';
import { RehearsalFactory } from '../engine/rehearsal-factory';
import { TrainingSession } from './training-session';

/** Loads a scenario's starting state (its steps are not run) for a trainee to type commands into. */
export class StartTrainingCommand {
  constructor(readonly file: string) {}
}

export interface OpenTrainingSession {
  session: TrainingSession;
  /** The run the session's steps are stored in (readable like any run while the session goes on). */
  runId: string;
  /** Settles background work and closes the run (it stays in the store, like any run). */
  close(): Promise<void>;
}

@CommandHandler(StartTrainingCommand)
export class StartTrainingHandler implements ICommandHandler<StartTrainingCommand, OpenTrainingSession> {
  constructor(private readonly rehearsals: RehearsalFactory) {}

  async execute(command: StartTrainingCommand): Promise<OpenTrainingSession> {
    const scenario = { ...loadValidScenario(command.file), steps: [], expect: [] };
    const rehearsal = this.rehearsals.create(scenario);
    await rehearsal.start();
    return {
      session: new TrainingSession(command.file, rehearsal),
      runId: rehearsal.runId,
      close: async () => {
        await rehearsal.finish();
      },
    };
  }
}
