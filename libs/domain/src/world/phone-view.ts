import type { CapfTrust } from '../capf/capf-operation';
import { MIC_ROOT_COMMON_NAME, micValidationStore } from '../capf/mic-validation';
import type { NodeAddress } from '../core/refs';
import { runs, storeOf } from '../node/node-state';
import type { ConfigFileView } from '../phone/config-decision';
import type { HeldConfig } from '../phone/phone-events';
import type { OutcomeWorld } from '../phone/phone-outcome';
import type { PhoneState } from '../phone/phone-state';
import type { CallManagerNode, PhoneFacts, ServedToPhone } from '../phone/phone-world';
import { firstTftp, ownFiles, servedFiles } from '../phone/served-files';
import type { TrustListView } from '../shared/trust-list-view';
import type { TvsServer } from '../tvs/tvs-query';
import type { CertificateKey } from '../phone/key-size-support';
import { rolesFor } from '../tvs/tvs-state';
import { awaitingReplication } from '../tvs/awaiting-replication';
import { capfNodeOf, trustedCapfFingerprints, tvsAnswerAssumptions } from './cluster-view';
import { consult } from '../assumptions/consulted';
import { publisherOf, type World } from './world';

/**
 * The clusters as phones see them at one instant, over a World: the files a TFTP node serves, TVS servers,
 * CallManager nodes, CAPF. Answers are cached for the life of the view — one instant and one state of the
 * clusters — because 40,000 phones ask the same few questions.
 */
export class PhoneView implements OutcomeWorld {
  private readonly tvsByConfig = new Map<HeldConfig, readonly TvsServer[]>();
  private readonly tvsByNode = new Map<string, TvsServer | null>();
  private readonly callManagers = new Map<string, CallManagerNode>();
  private readonly capfs = new Map<string, (CapfTrust & { commonName: string }) | null>();

  constructor(readonly world: World) {}

  get now(): number {
    return this.world.now;
  }

  get assumptions() {
    return this.world.assumptions;
  }

  served(phone: PhoneState, facts: PhoneFacts): ServedToPhone | undefined {
    return servedFiles(this.world, phone, facts);
  }

  firstTftp(addresses: readonly NodeAddress[], running: boolean): NodeAddress | undefined {
    return firstTftp(this.world, addresses, running);
  }

  ownFiles(tftp: NodeAddress, facts: PhoneFacts): ServedToPhone | undefined {
    return ownFiles(this.world, tftp, facts);
  }

  trustList(id: string): TrustListView {
    return this.world.trustList(id);
  }

  configFile(id: string): ConfigFileView {
    return this.world.configFile(id);
  }

  identity(fingerprint: string) {
    return this.world.identity(fingerprint);
  }

  tvsServers(config: HeldConfig): readonly TvsServer[] {
    let servers = this.tvsByConfig.get(config);
    if (!servers) {
      servers = config.callManagerGroup.map((n) => this.tvsServer(config.cluster, n)).filter((s): s is TvsServer => !!s);
      this.tvsByConfig.set(config, servers);
    }
    return servers;
  }

  /** A TVS server as a phone sees it: where it is, whether it answers, the certificate it presents, what it vouches for. */
  private tvsServer(cluster: string, name: string): TvsServer | undefined {
    const key = `${cluster}/${name}`;
    let server = this.tvsByNode.get(key);
    if (server === undefined) {
      const node = this.world.node(cluster, name);
      const identity = node?.identities.TVS;
      const state = this.world.tvs(cluster, name);
      server =
        node && identity
          ? {
              cluster,
              node: name,
              reachable: runs(node, 'tvs'),
              certificateFingerprint: identity.fingerprint,
              rolesFor: (fp: string) => {
                // The answer rests on these readings: this is where they count as consulted (cluster-view.ts).
                for (const name of tvsAnswerAssumptions(this.world, cluster, fp)) consult(this.world.assumptions, name);
                return state ? rolesFor(state, fp) : [];
              },
              awaitingReplication: (fp: string) => awaitingReplication(this.world.pendingWork(), cluster, name, fp),
            }
          : null;
      this.tvsByNode.set(key, server);
    }
    return server ?? undefined;
  }

  callManager(cluster: string, name: string): CallManagerNode {
    const key = `${cluster}/${name}`;
    let target = this.callManagers.get(key);
    if (!target) {
      const node = this.world.node(cluster, name);
      const state = this.world.cluster(cluster);
      target = {
        cluster,
        node: name,
        available: !!node && runs(node, 'callmanager'),
        mixedMode: state.security === 'mixed',
        callManagerFingerprint: node?.identities.CallManager?.fingerprint ?? '',
        callManagerEcdsaFingerprint: node?.identities['CallManager-ECDSA']?.fingerprint,
        address: node?.ip ?? '',
        callManagerKey: keyOf(this.world, node?.identities.CallManager?.fingerprint),
        callManagerEcdsaKey: keyOf(this.world, node?.identities['CallManager-ECDSA']?.fingerprint),
        ecdsaOnly: state.parameters.tlsCiphers === 'ECDSA only',
        trustedCapfFingerprints: node ? trustedCapfFingerprints(this.world, cluster, node) : new Set(),
      };
      this.callManagers.set(key, target);
    }
    return target;
  }

  servicesServer(config: HeldConfig): string | undefined {
    return this.world.node(config.cluster, config.callManagerGroup[0])?.identities.tomcat?.fingerprint;
  }

  /**
   * The cluster's CAPF as a phone's CAPF operation meets it: its certificate, the CAPF certificates whose
   * LSCs it accepts, and whether the store that validates MICs holds the manufacturing root (mic-validation.ts).
   */
  capf(cluster: string, onboarding: boolean): (CapfTrust & { readonly commonName: string }) | undefined {
    const key = `${cluster}/${onboarding}`;
    let capf = this.capfs.get(key);
    if (capf === undefined) {
      const node = capfNodeOf(this.world, cluster);
      const publisher = publisherOf(this.world, cluster);
      const store = micValidationStore(this.world.release(cluster), onboarding ? 'secure-onboarding' : 'capf-operation');
      capf = node
        ? {
            fingerprint: node.identities.CAPF.fingerprint,
            commonName: this.world.certificate(node.identities.CAPF.fingerprint).commonName,
            trustedIssuerFingerprints: trustedCapfFingerprints(this.world, cluster, publisher),
            micRootTrusted: MIC_ROOT_COMMON_NAME in storeOf(publisher, store),
          }
        : null;
      this.capfs.set(key, capf);
    }
    return capf ?? undefined;
  }
}

/** A certificate's key type and size, as a phone meets it in a TLS handshake. */
function keyOf(world: World, fingerprint: string | undefined): CertificateKey | undefined {
  if (!fingerprint) return undefined;
  const facts = world.certificate(fingerprint);
  return { type: facts.keyType, bits: facts.keyBits };
}
