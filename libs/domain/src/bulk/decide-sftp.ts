import { unreachable } from '../core/event';
import type { BulkCertificate } from '../cluster/cluster-events';
import type { SftpEvent } from './sftp-events';
import type { SftpState } from './sftp-state';

export type SftpCommand =
  | { kind: 'export'; cluster: string; type: 'TFTP' | 'All'; certificates: readonly BulkCertificate[] }
  /** Consolidate (on one cluster only [chapter]): every export in the area, together. */
  | { kind: 'consolidate'; on: string };

export function decideSftp(state: SftpState, command: SftpCommand): SftpEvent[] {
  switch (command.kind) {
    case 'export':
      return [{ type: 'BulkCertificatesExported', data: { cluster: command.cluster, type: command.type, certificates: command.certificates } }];
    case 'consolidate':
      return [{ type: 'BulkCertificatesConsolidated', data: { on: command.on, certificates: Object.values(state.exports).flat() } }];
    default:
      return unreachable(command, 'SFTP command');
  }
}
