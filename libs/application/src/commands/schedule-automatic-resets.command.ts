import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { SimulationRegistry } from '../simulation/simulation-registry';

/** The cluster resets its phones in waves after a certificate update (Phone Interaction on Certificate Update). */
export class ScheduleAutomaticResetsCommand {
  constructor(
    readonly runId: string,
    readonly cluster: string,
    readonly purpose: string,
  ) {}
}

@CommandHandler(ScheduleAutomaticResetsCommand)
export class ScheduleAutomaticResetsHandler implements ICommandHandler<ScheduleAutomaticResetsCommand> {
  constructor(private readonly registry: SimulationRegistry) {}

  execute(command: ScheduleAutomaticResetsCommand): Promise<void> {
    this.registry.get(command.runId).scheduleAutomaticResets(command.cluster, command.purpose);
    return Promise.resolve();
  }
}
