/** A cluster as a booting phone's downloads name it: `tftp` is the cluster of the TFTP node that answers, `home` the phone's own. */
export type ServingCluster = 'tftp' | 'home';

/** Whose files a TFTP node hands a booting phone. */
export interface TftpServing {
  /** Whose ITL (its first TFTP node with one) and CTL the phone is offered. */
  readonly trustListsFrom: ServingCluster;
  /** Whose CallManager key signs the configuration file. */
  readonly configSignedBy: ServingCluster;
  /** Whose configuration it is (its CallManager group). */
  readonly configFor: ServingCluster;
}

/** Shared answers: 40,000 phones ask per boot, so nothing is allocated per phone. */
const OWN_FILES: TftpServing = Object.freeze({ trustListsFrom: 'tftp', configSignedBy: 'tftp', configFor: 'tftp' });
const RELAYED_FILES: TftpServing = Object.freeze({ trustListsFrom: 'home', configSignedBy: 'tftp', configFor: 'home' });

/** The TFTP node that answers belongs to another cluster that serves as a proxy TFTP for the phone's home cluster [SPROXY]. */
export function proxiesHomeCluster(tftpCluster: string, homeCluster: string, proxiedClusters: ReadonlySet<string>): boolean {
  return tftpCluster !== homeCluster && proxiedClusters.has(homeCluster);
}

/**
 * A proxy TFTP relays its remote cluster's trust lists but signs the configuration files itself, which is
 * why that cluster's phones must trust the proxy's CallManager certificate [SPROXY] (§11). Any other TFTP
 * node serves its own cluster's files (a phone pointed at another cluster is taken as provisioned there
 * [scenario-language]), and so does a proxy whose home cluster has no TFTP node with an ITL to relay (no
 * source says what it serves then: taken as its own files [uncertain]).
 */
export function servedBy(tftpCluster: string, homeCluster: string, proxiedClusters: ReadonlySet<string>, homeHasTftp: boolean): TftpServing {
  return homeHasTftp && proxiesHomeCluster(tftpCluster, homeCluster, proxiedClusters) ? RELAYED_FILES : OWN_FILES;
}
