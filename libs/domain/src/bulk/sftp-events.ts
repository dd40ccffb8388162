import type { DomainEvent } from '../core/event';
import type { BulkCertificate } from '../cluster/cluster-events';

/**
 * The events of the SFTP area Bulk Certificate Management shares between clusters (stream `sftp-<run>`):
 * each cluster's export, and the consolidated set [chapter] [SBULK].
 */
export type SftpEvent =
  | DomainEvent<'BulkCertificatesExported', { cluster: string; type: 'TFTP' | 'All'; certificates: readonly BulkCertificate[] }>
  | DomainEvent<'BulkCertificatesConsolidated', { on: string; certificates: readonly BulkCertificate[] }>;
