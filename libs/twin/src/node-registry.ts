/**
 * The real cluster's nodes as the import meets them, under every name a file may use for one: its host
 * name (`pub`), FQDN (`pub.hq.example.com`), IP address, or a scenario name made from those.
 */
import type { ServiceName } from '@trustsim/scenarios';
import { hostOf, scenarioName } from './names';
import type { TwinNode } from './twin-model';

export interface NodeSighting {
  /** A DNS name or an IP address, as a record or a folder gives it. */
  name?: string;
  address?: string;
}

export class NodeRegistry {
  private readonly nodes: TwinNode[] = [];
  private readonly byAlias = new Map<string, TwinNode>();

  get all(): TwinNode[] {
    return this.nodes;
  }

  /** The node a name or address stands for, if known. */
  find(nameOrAddress: string | undefined): TwinNode | undefined {
    if (!nameOrAddress) return undefined;
    const text = nameOrAddress.trim().toLowerCase();
    const exact = this.byAlias.get(text);
    if (exact) return exact;
    // `pub.hq.example.com` is the node known as `pub` — unless that node has another FQDN (`pub.dr.example.com`).
    const byHost = this.byAlias.get(hostOf(text));
    return byHost && (!byHost.fqdn || !text.includes('.') || byHost.fqdn === text) ? byHost : undefined;
  }

  /** The node seen under this name and/or address, created when new; its FQDN and address are filled in as they appear. */
  see(sighting: NodeSighting): TwinNode {
    const known = this.find(sighting.name) ?? this.find(sighting.address);
    const node = known ?? this.create(sighting);
    const name = sighting.name?.trim();
    if (name && name.includes('.') && !/^\d+(\.\d+){3}$/.test(name) && !node.fqdn) node.fqdn = name.toLowerCase();
    if (sighting.address && !node.address) node.address = sighting.address;
    if (name && /^\d+(\.\d+){3}$/.test(name) && !node.address) node.address = name;
    this.alias(node);
    return node;
  }

  addService(node: TwinNode, service: ServiceName): void {
    node.services.add(service);
  }

  private create(sighting: NodeSighting): TwinNode {
    const raw = sighting.name?.trim() || sighting.address || 'node';
    let name = scenarioName(hostOf(raw), 'node');
    // Two nodes with one host name in different domains: the FQDN tells them apart.
    if (this.nodes.some((n) => n.name.toLowerCase() === name.toLowerCase())) name = scenarioName(raw, `node${this.nodes.length + 1}`);
    const node: TwinNode = { name, publisher: false, services: new Set() };
    this.nodes.push(node);
    return node;
  }

  private alias(node: TwinNode): void {
    for (const alias of [node.name, node.fqdn, node.fqdn && hostOf(node.fqdn), node.address]) {
      if (alias && !this.byAlias.has(alias.toLowerCase())) this.byAlias.set(alias.toLowerCase(), node);
    }
  }
}
