/** A CallManager node as a registering phone sees it. */
export interface CallManagerTarget {
  cluster: string;
  node: string;
  /** Powered, running Cisco CallManager. */
  available: boolean;
}

export type Registration =
  | { registered: true; cluster: string; node: string; mode: 'non-secure' | 'secure' }
  | { registered: false; reason: 'no-callmanager-reachable' | 'stale-configuration-refused' }
  /** An Authenticated/Encrypted profile that cannot register securely does not register at all (secure-registration.ts). */
  | { registered: false; reason: 'secure-registration-refused'; detail: string }
  /** The node's CallManager certificate has a key the phone does not handle (key-size-support.ts). */
  | { registered: false; reason: 'key-size-unsupported'; detail: string }
  /** Its TFTP served a trust list too big to load (decide-boot.ts). */
  | { registered: false; reason: 'trust-list-too-large'; detail: string };

export interface RegistrationInput {
  /** The CallManager group of the configuration the phone runs: the new one if accepted, else its last one. */
  callManagerGroup: readonly CallManagerTarget[];
  /** The configuration it was just offered was accepted. */
  configAccepted: boolean;
  /** The TFTP server it booted from, as a CallManager (it may not run one). */
  tftpServer?: CallManagerTarget;
  /** Assumption configSignatureFailure (§16.6). */
  configSignatureFailure: 'degraded' | 'unregistered';
}

/**
 * Registration of a non-secure phone (domain-reference §7.4–7.5):
 * - it registers with the first available node of its CallManager group [SPH7975];
 * - when the configuration signature was refused it keeps its stale configuration and "very likely"
 *   still registers (assumption configSignatureFailure) [SMIGC] [SITL10]; with no configuration at all
 *   it tries the TFTP server's address, which works only if that node runs CallManager [SMIGC].
 */
export function registerPhone(input: RegistrationInput): Registration {
  if (!input.configAccepted && input.configSignatureFailure === 'unregistered') {
    return { registered: false, reason: 'stale-configuration-refused' };
  }
  const candidates = [...input.callManagerGroup];
  if (!input.configAccepted && candidates.length === 0 && input.tftpServer) candidates.push(input.tftpServer);
  const target = candidates.find((c) => c.available);
  if (!target) return { registered: false, reason: 'no-callmanager-reachable' };
  return { registered: true, cluster: target.cluster, node: target.node, mode: 'non-secure' };
}
