import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { SimulationFactory } from '../simulation/simulation-factory';
import { rehearseTo } from './rehearsal';

export interface ExportedTrustFile {
  cluster: string;
  node: string;
  fileName: string;
  bytes: Buffer;
}

/**
 * The ITL (and, in mixed mode, CTL) files TFTP nodes serve after a step of a scenario (default: after
 * the last one, once background work settled). A rehearsal of the file, not a run to keep: its events go
 * to a throw-away in-memory store.
 */
export class ExportTrustFilesCommand {
  constructor(
    readonly file: string,
    readonly options: { afterStep?: number; cluster?: string; nodes?: string[]; digest?: 'sha1' | 'sha256' | 'sha512' },
  ) {}
}

@CommandHandler(ExportTrustFilesCommand)
export class ExportTrustFilesHandler implements ICommandHandler<ExportTrustFilesCommand, ExportedTrustFile[]> {
  constructor(private readonly simulations: SimulationFactory) {}

  async execute(command: ExportTrustFilesCommand): Promise<ExportedTrustFile[]> {
    const { afterStep, digest } = command.options;
    const simulation = await rehearseTo(command.file, afterStep, this.simulations);
    const clusterName = command.options.cluster ?? simulation.scenario.clusters[0].name;
    const cluster = simulation.clusters.get(clusterName);
    if (!cluster) throw new Error(`no cluster ${clusterName} in ${command.file} (clusters: ${[...simulation.clusters.keys()].join(', ')})`);
    const nodes = command.options.nodes?.length ? command.options.nodes : cluster.tftpNodes.map((n) => n.name);
    return nodes.flatMap((node) =>
      simulation.servedTrustFiles(clusterName, node, digest).map((f) => ({ cluster: clusterName, node, ...f })),
    );
  }
}
