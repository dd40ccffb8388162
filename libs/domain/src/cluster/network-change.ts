/** A node's identity certificate as a network change sees it. */
export interface NodeIdentityFacts {
  purpose: string;
  selfSigned: boolean;
}

/** What follows a hostname or IP address change of a node. */
export interface NetworkChangeEffects {
  /** The node's identity certificates regenerated under the new name (purposes, in the order given). */
  regenerate: string[];
  /** Every TFTP node rebuilds its ITL now (it names every node's address). */
  rebuildItls: boolean;
  /** All devices reset to download the new ITL. */
  resetDevices: boolean;
}

/**
 * `set network hostname` regenerates every self-signed certificate of the node under the new name, except
 * ITLRecovery; CA-signed certificates are left to be re-signed by the administrator [SHOST] (§10.6).
 */
export function identitiesRegeneratedByHostnameChange(identities: readonly NodeIdentityFacts[]): string[] {
  return identities.filter((i) => i.selfSigned && i.purpose !== 'ITLRecovery').map((i) => i.purpose);
}

/**
 * Hostname change: the regenerated certificates, and all devices reset to download the new ITL [SHOST]
 * (§10.6). The regenerations rebuild the ITL themselves, as any regeneration does.
 */
export function hostnameChangeEffects(identities: readonly NodeIdentityFacts[]): NetworkChangeEffects {
  return { regenerate: identitiesRegeneratedByHostnameChange(identities), rebuildItls: false, resetDevices: true };
}

/**
 * IP-only change: certificates stay, the ITL is rebuilt on every TFTP node and devices reset to download it
 * [SHOST] (§10.6). Not the CTL: in mixed mode it keeps the old address until `utils ctl update CTLFile`,
 * so secure connections to the node fail until then [SHOST] (phone/secure-registration.ts).
 */
export function ipChangeEffects(): NetworkChangeEffects {
  return { regenerate: [], rebuildItls: true, resetDevices: true };
}
