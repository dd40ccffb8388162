import type { NodeAddress } from '../core/refs';
import { runs } from '../node/node-state';
import { callManagerGroupFor, configContent, configFileId, servesItl } from '../world/cluster-view';
import type { World } from '../world/world';
import type { PhoneFacts, ServedConfig, ServedToPhone } from './phone-world';
import type { PhoneState } from './phone-state';
import { proxiesHomeCluster, servedBy } from './proxy-tftp';

/**
 * The first TFTP server of a DHCP option 150 list that has an ITL — and, with `running`, runs Cisco Tftp
 * now, as a booting phone needs [SBULK].
 */
export function firstTftp(world: World, addresses: readonly NodeAddress[], running: boolean): NodeAddress | undefined {
  for (const address of addresses) {
    const node = world.node(address.cluster, address.node);
    if (!node || !world.tftp(address.cluster, address.node)?.itl) continue;
    if (!running || runs(node, 'tftp')) return address;
  }
  return undefined;
}

/** The configuration file a TFTP node of `cluster` signs for a phone group, configuring it for `configFor` (another cluster behind a proxy). */
export function configServed(world: World, tftp: NodeAddress, configFor: string, facts: PhoneFacts): ServedConfig {
  const callManagerGroup = callManagerGroupFor(world, configFor, facts);
  const signer = world.node(tftp.cluster, tftp.node)!.identities.CallManager.fingerprint;
  const content = configContent(facts.group, callManagerGroup, facts.securityProfile);
  return { id: configFileId(content, signer), signer, cluster: configFor, callManagerGroup, content };
}

/** What a TFTP node serves of its own cluster: its ITL, its cluster's CTL, a configuration it signs. */
export function ownFiles(world: World, tftp: NodeAddress, facts: PhoneFacts): ServedToPhone | undefined {
  const itl = world.tftp(tftp.cluster, tftp.node)?.itl;
  if (!itl) return undefined;
  const ctl = world.cluster(tftp.cluster).ctl;
  return { tftp, itl: world.trustList(itl.file), ...(ctl ? { ctl: world.trustList(ctl.file) } : {}), config: configServed(world, tftp, tftp.cluster, facts) };
}

/**
 * The files a phone is offered now, as servedBy decides (proxy-tftp.ts): usually the answering TFTP node's
 * own cluster's — its ITL, the cluster's CTL and a configuration it signs; behind a proxy TFTP, the home
 * cluster's trust lists and configuration, signed by the proxy [SPROXY] (§11).
 */
export function servedFiles(world: World, phone: PhoneState, facts: PhoneFacts): ServedToPhone | undefined {
  const tftp = firstTftp(world, phone.tftp, true);
  if (!tftp) return undefined;
  const home = facts.cluster;
  const proxied = world.cluster(tftp.cluster).proxyFor;
  const remoteTftp = proxiesHomeCluster(tftp.cluster, home, new Set(proxied)) ? world.nodes(home).find((n) => servesItl(world, home, n)) : undefined;
  if (servedBy(tftp.cluster, home, new Set(proxied), remoteTftp !== undefined).trustListsFrom === 'home') {
    const ctl = world.cluster(home).ctl;
    return {
      tftp,
      itl: world.trustList(world.tftp(home, remoteTftp!.name)!.itl!.file),
      ...(ctl ? { ctl: world.trustList(ctl.file) } : {}),
      config: configServed(world, tftp, home, facts),
    };
  }
  return ownFiles(world, tftp, facts);
}
