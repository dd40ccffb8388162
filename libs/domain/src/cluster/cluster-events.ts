import type { DomainEvent } from '../core/event';
import type { IdentityRef, KeyRef, SignerRef } from '../core/refs';
import type { ExpiryWarning } from '../monitoring/expiry-monitor';
import type { NodeBackupContents } from '../node/node-events';
import type { CtlKind } from '../tftp/ctl-plan';
import type { MintedForCtl } from './served-ctl';

export type CtlMode = 'normal' | 'reset-localkey';

/** A certificate Bulk Certificate Management moves, by where it came from. */
export interface BulkCertificate {
  readonly cluster: string;
  readonly node: string;
  readonly purpose: string;
  readonly commonName: string;
  readonly fingerprint: string;
}

/**
 * The events of a cluster (stream `cluster-<run>.<cluster>`): what holds for the whole cluster — its
 * release, security mode and CTL, enterprise parameters, the ITLRecovery pair exported for safekeeping,
 * the CTL client's eTokens, DRS backups, the reset waves it starts, its Certificate Expiry Monitor.
 */
export type ClusterEvent =
  | DomainEvent<
      'ClusterInstalled',
      {
        cluster: string;
        version: string;
        security: 'non-secure' | 'mixed';
        ctlKind: CtlKind;
        parameters: Readonly<Record<string, string | number | boolean>>;
        nodes: readonly { name: string; role: 'publisher' | 'subscriber'; services: readonly string[] }[];
      }
    >
  | DomainEvent<'ParameterChanged', { name: string; value: string | number | boolean }>
  | DomainEvent<'ClusterUpgraded', { from: string; to: string; method: 'refresh' | 'l2'; effects: readonly string[]; regeneratesItlRecovery: boolean; dropsExpiredTrustCertificates: boolean }>
  | DomainEvent<'CtlKindChanged', { from: CtlKind; to: CtlKind; command: string }>
  | DomainEvent<'ClusterSecurityModeChanged', { security: 'non-secure' | 'mixed' }>
  /**
   * `imported`: a twin's CTL as its servers served it (served-ctl.ts), `minted` the older certificates it still
   * carries, with their DER so a reader has them.
   */
  | DomainEvent<'CtlUpdated', { fileName: string; file: string; size: number; signer: SignerRef; mode: CtlMode; cause: string; bytes: string; imported?: true; minted?: readonly MintedForCtl[] }>
  | DomainEvent<'CtlClientFailed', { reason: string }>
  | DomainEvent<'ProxyTftpConfigured', { remote: string }>
  | DomainEvent<'ItlRecoveryExported', { node: string; generation: number; fingerprint: string; key: KeyRef }>
  | DomainEvent<'EtokenRegistered', { token: string; node: string; commonName: string; issuer: string | null; serial: string; fingerprint: string; key: KeyRef; der: string }>
  | DomainEvent<'BackupTaken', { name: string; certificates: readonly { node: string; purpose: string; generation: number }[]; nodes: Readonly<Record<string, NodeBackupContents>> }>
  | DomainEvent<'BackupRestored', { name: string }>
  | DomainEvent<'AutomaticResetsScheduled', { cause: string; at: number; batchSize: number; intervalMs: number }>
  | DomainEvent<'AutomaticResetWaveStarted', { cause: string }>
  | DomainEvent<'CertificateExpiryWarning', ExpiryWarning>
  | DomainEvent<'BulkCertificatesImported', { certificates: readonly BulkCertificate[] }>
  | DomainEvent<'BulkCertificatesImportFailed', { reason: string }>;

/** One of the CTL client's USB eTokens: the administrator's, not a node's [S125CTL]. */
export interface TokenRef extends IdentityRef {
  readonly commonName: string;
  readonly token: string;
}
