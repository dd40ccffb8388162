/**
 * A twin as the import builds it, before it is written as a scenario file: the real cluster's nodes,
 * certificates, trust files and phone groups, with where each came from.
 */
import type { CertificatePurpose, SecurityProfile, ServiceName, TrustListRole } from '@trustsim/scenarios';
import type { CertificateFacts } from './certificate-facts';
import type { Diagnostic } from './diagnostics';
import type { TrustFileRead } from './read-trust-files';

export type ReleaseFamily = 'up to 11.5' | '12.0 or later';

export interface TwinNode {
  name: string;
  fqdn?: string;
  address?: string;
  publisher: boolean;
  services: Set<ServiceName>;
}

export interface TwinCertificate {
  node: string;
  purpose: CertificatePurpose;
  facts: CertificateFacts;
  /** `file (record 3)` or `file:12`. */
  source: string;
}

export interface TwinTrustCertificate {
  store: string;
  /** Absent: on every node. */
  nodes?: string[];
  facts: CertificateFacts;
  source: string;
}

export interface TwinServedCtl {
  signer: { subject: string; serial: string };
  records: { role: TrustListRole; subject: string; issuer?: string; serial: string; node?: string; purpose?: CertificatePurpose }[];
}

export interface TwinPhoneGroup {
  group: string;
  pool: string;
  model: string;
  securityProfile: SecurityProfile;
  lsc: boolean;
  names: string[];
  callManagerGroup?: string[];
  tftp?: string[];
}

export interface TwinCluster {
  name: string;
  version: string;
  family?: ReleaseFamily;
  security: 'non-secure' | 'mixed';
  ctl?: 'token' | 'tokenless';
  nodes: TwinNode[];
  certificates: TwinCertificate[];
  trustCertificates: TwinTrustCertificate[];
  servedCtl?: TwinServedCtl;
  phones: TwinPhoneGroup[];
}

export interface Twin {
  cluster: TwinCluster;
  importedAt: string;
  /** Files read, as shown to the user. */
  sources: string[];
  /** The trust files read (for `check` and for reports). */
  trustFiles: TrustFileRead[];
  diagnostics: Diagnostic[];
  /** Phone rows read and imported, for the summary. */
  phones: { read: number; imported: number };
}
