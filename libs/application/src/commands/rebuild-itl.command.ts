import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { SimulationRegistry } from '../simulation/simulation-registry';

/** TFTP nodes rebuild and re-sign their ITL after a certificate they carry changed (§4.4). */
export class RebuildItlCommand {
  constructor(
    readonly runId: string,
    readonly cluster: string,
    readonly node: string,
    readonly purpose: string,
  ) {}
}

@CommandHandler(RebuildItlCommand)
export class RebuildItlHandler implements ICommandHandler<RebuildItlCommand> {
  constructor(private readonly registry: SimulationRegistry) {}

  // Synchronous on purpose: the saga chain of one step completes before the step's events are appended.
  execute(command: RebuildItlCommand): Promise<void> {
    this.registry.get(command.runId).rebuildItlsAfterCertificateChange(command.cluster, command.node, command.purpose);
    return Promise.resolve();
  }
}
