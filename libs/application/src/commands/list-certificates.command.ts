import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CertificateInfo } from '@trustsim/pki';
import { SimulationFactory } from '../simulation/simulation-factory';
import { rehearseTo } from './rehearsal';

/** One row of the Certificate List page (Cisco Unified OS Administration › Security › Certificate Management). */
export interface CertificateListEntry {
  /** Purpose for an identity certificate (CallManager, tomcat, ...), store name for a trust certificate. */
  certificate: string;
  usage: 'identity' | 'trust';
  info: CertificateInfo;
  node: string;
  /** Generation of an identity certificate (1 at install, +1 per regeneration). */
  generation?: number;
}

export class ListCertificatesCommand {
  constructor(
    readonly file: string,
    readonly options: { afterStep?: number; cluster?: string; node: string },
  ) {}
}

@CommandHandler(ListCertificatesCommand)
export class ListCertificatesHandler implements ICommandHandler<ListCertificatesCommand, CertificateListEntry[]> {
  constructor(private readonly simulations: SimulationFactory) {}

  async execute(command: ListCertificatesCommand): Promise<CertificateListEntry[]> {
    const simulation = await rehearseTo(command.file, command.options.afterStep, this.simulations);
    const clusterName = command.options.cluster ?? simulation.scenario.clusters[0].name;
    const cluster = simulation.clusters.get(clusterName);
    if (!cluster) throw new RangeError(`no cluster ${clusterName} (clusters: ${[...simulation.clusters.keys()].join(', ')})`);
    const node = cluster.nodes.get(command.options.node);
    if (!node) throw new RangeError(`no node ${command.options.node} in cluster ${clusterName} (nodes: ${[...cluster.nodes.keys()].join(', ')})`);
    const rows: CertificateListEntry[] = [];
    const identities = [...node.identities.values()];
    if (!node.isPublisher && cluster.itlRecovery) identities.push(cluster.itlRecovery); // distributed to every node (12.5+) [SREGEN]
    for (const id of identities) rows.push({ certificate: id.purpose, usage: 'identity', info: id.certificate, node: node.name, generation: id.generation });
    for (const [store, entries] of node.stores) {
      for (const info of entries.values()) rows.push({ certificate: store, usage: 'trust', info, node: node.name });
    }
    return rows;
  }
}
