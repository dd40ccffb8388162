import type { Assumptions } from '../assumptions/assumptions';
import type { CapfTrust } from '../capf/capf-operation';
import type { NodeAddress } from '../core/refs';
import type { TrustListView } from '../shared/trust-list-view';
import type { TvsServer } from '../tvs/tvs-query';
import type { ConfigFileView } from './config-decision';
import type { HeldConfig } from './phone-events';
import type { PhoneModel } from './phone-models';
import type { PhoneState } from './phone-state';
import type { CallManagerTarget } from './registration';
import type { SecurityProfile } from './secure-registration';
import type { CertificateKey } from './key-size-support';

/** What never changes about a phone during a run: its group's settings and its model. */
export interface PhoneFacts {
  readonly group: string;
  readonly cluster: string;
  readonly model: PhoneModel;
  readonly securityProfile: SecurityProfile;
  /** The group's say on EC support where the model catalogue says "unknown". */
  readonly ecdsa?: 'yes' | 'no';
  /** The group's say on the RSA key sizes of CallManager certificates its phones handle (key-size-support.ts). */
  readonly keySizes?: readonly number[];
  readonly callManagerGroup: readonly string[];
  readonly tftp: readonly string[];
  readonly trust: 'current' | 'none' | { readonly snapshot: string };
  readonly power: 'on' | 'off';
  readonly lsc?: { readonly issuer: string };
}

/** The configuration file a TFTP node serves a phone: which file, signed by whom, configuring what. */
export interface ServedConfig {
  readonly id: string;
  readonly signer: string;
  /** Whose configuration it is and the CallManager group (= TVS list) it names. */
  readonly cluster: string;
  readonly callManagerGroup: readonly string[];
  /** What the file says (its CallManager group and security profile); the TFTP node signs it when asked. */
  readonly content: string;
}

/** What a booting phone is offered: by the TFTP node that answers, on behalf of the cluster that configures it. */
export interface ServedToPhone {
  readonly tftp: NodeAddress;
  readonly itl: TrustListView;
  readonly ctl?: TrustListView;
  readonly config: ServedConfig;
}

/** A CallManager node as a registering phone meets it, with what its TLS registration checks. */
export interface CallManagerNode extends CallManagerTarget {
  readonly mixedMode: boolean;
  readonly callManagerFingerprint: string;
  /** The node's CallManager-ECDSA certificate (11.0+), what "ECDSA only" ciphers present [S125DEF]. */
  readonly callManagerEcdsaFingerprint?: string;
  readonly address: string;
  /** The keys of its CallManager and CallManager-ECDSA certificates (key-size-support.ts). */
  readonly callManagerKey?: CertificateKey;
  readonly callManagerEcdsaKey?: CertificateKey;
  readonly ecdsaOnly: boolean;
  readonly trustedCapfFingerprints: ReadonlySet<string>;
}

/**
 * What a phone's decisions read of the clusters (the application builds it from the aggregates' states
 * and the files they recorded). Every answer is a pure function of the run's state at that instant.
 */
export interface PhoneWorld {
  /** Simulated time, epoch ms. */
  readonly now: number;
  readonly assumptions: Assumptions;
  /** The files the phone would be offered now (proxy-tftp.ts); undefined when no TFTP server answers. */
  served(phone: PhoneState, facts: PhoneFacts): ServedToPhone | undefined;
  /** The first TFTP server of a DHCP option 150 list that has an ITL (and, with `running`, runs Cisco Tftp now). */
  firstTftp(addresses: readonly NodeAddress[], running: boolean): NodeAddress | undefined;
  /** What a TFTP node serves of its own cluster (no proxy): its ITL, its cluster's CTL, a configuration for the phone. */
  ownFiles(tftp: NodeAddress, facts: PhoneFacts): ServedToPhone | undefined;
  /** A trust list by file id (every file any node served). */
  trustList(id: string): TrustListView;
  /** A configuration file built by a TFTP node, by id. */
  configFile(id: string): ConfigFileView;
  /** The TVS servers a configuration names: its CallManager group [STOKENLESS] [SBULK]. */
  tvsServers(config: HeldConfig): readonly TvsServer[];
  callManager(cluster: string, node: string): CallManagerNode;
  /** The tomcat certificate (fingerprint) of the services a configuration names: its CallManager group's first node [S125DEF]. */
  servicesServer(config: HeldConfig): string | undefined;
  /** The CAPF a cluster runs, as a phone's CAPF operation meets it; undefined when it runs none. */
  capf(cluster: string, onboarding: boolean): (CapfTrust & { readonly commonName: string }) | undefined;
}
