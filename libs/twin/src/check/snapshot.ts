/**
 * A cluster's current state as `trustsim check` judges it: plain data, whoever built it — a twin's
 * scenario file and the trust files it was imported from (snapshot-from-twin.ts), or the simulator
 * installing any scenario (apps/cli's snapshot-from-application.ts). Rules read only this.
 */
import type { SecurityProfile } from '@trustsim/scenarios';

export interface SnapshotNode {
  name: string;
  publisher: boolean;
  services: string[];
  fqdn?: string;
  address?: string;
}

/** An identity certificate; fields a source does not know are absent, and rules needing them skip it. */
export interface SnapshotCertificate {
  node: string;
  purpose: string;
  subject?: string;
  issuer?: string;
  serial?: string;
  notBefore?: string;
  notAfter?: string;
  keyType?: 'RSA' | 'EC';
  keyLength?: number;
  hash?: string;
  fingerprint?: string;
}

export interface SnapshotTrustCertificate extends Omit<SnapshotCertificate, 'node' | 'purpose'> {
  store: string;
  /** Absent: every node. */
  nodes?: string[];
  subject: string;
}

export interface SnapshotTrustRecord {
  role: string;
  subject: string;
  serial: string;
  /** The node the record names (its DNS name or address), when it names one of the cluster's. */
  node?: string;
}

export interface SnapshotTrustFile {
  kind: 'ITL' | 'CTL';
  /** The TFTP node serving it, when known. */
  node?: string;
  /** Where it was read (a twin's source file), for findings to point at. */
  file?: string;
  /** Bytes; absent when not known. */
  size?: number;
  signer: { subject: string; serial: string };
  records: SnapshotTrustRecord[];
}

export interface SnapshotPhoneGroup {
  group: string;
  model: string;
  count: number;
  securityProfile: SecurityProfile;
  lsc: boolean;
  /** Also the phones' TVS list [STOKENLESS] [SBULK]. */
  callManagerGroup: string[];
  /** DHCP option 150. */
  tftp: string[];
  /** The RSA key sizes of CallManager certificates the group's phones handle, where the scenario says (keySizes). */
  keySizes?: number[];
}

export interface PlannedUpgrade {
  from: string;
  to: string;
  method: 'refresh' | 'l2';
  /** Where the plan was read: a scenario step (`file:line`) or the command line. */
  where: string;
}

export interface ClusterSnapshot {
  name: string;
  version: string;
  security: 'non-secure' | 'mixed';
  ctl?: 'token' | 'tokenless';
  nodes: SnapshotNode[];
  identities: SnapshotCertificate[];
  trustCertificates: SnapshotTrustCertificate[];
  trustFiles: SnapshotTrustFile[];
  phoneGroups: SnapshotPhoneGroup[];
  plannedUpgrades: PlannedUpgrade[];
  /** What this snapshot does not know, said once in the report (e.g. "no trust file: ITL size estimated"). */
  gaps: string[];
}

export interface SnapshotSet {
  scenario: string;
  file: string;
  /** The moment the state is judged at (ISO). */
  now: string;
  /** A twin: its keys were minted by trustsim, the real ones stayed on the cluster. */
  keysMinted: boolean;
  source: 'twin' | 'simulator';
  clusters: ClusterSnapshot[];
}
