import { EventMeta, unreachable } from '../core/event';
import type { BulkCertificate } from '../cluster/cluster-events';
import type { SftpEvent } from './sftp-events';

/** The shared SFTP area: each cluster's last export, and the consolidated set (a new export needs a new consolidation). */
export interface SftpState {
  readonly exports: Readonly<Record<string, readonly BulkCertificate[]>>;
  readonly consolidated?: readonly BulkCertificate[];
}

export const EMPTY_SFTP: SftpState = Object.freeze({ exports: {} });

export function evolveSftp(state: SftpState, event: SftpEvent, _meta: EventMeta): SftpState {
  switch (event.type) {
    case 'BulkCertificatesExported':
      return { exports: { ...state.exports, [event.data.cluster]: event.data.certificates } };
    case 'BulkCertificatesConsolidated':
      return { ...state, consolidated: event.data.certificates };
    default:
      return unreachable(event, 'SFTP event');
  }
}
