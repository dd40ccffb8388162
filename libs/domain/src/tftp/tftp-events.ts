import type { DomainEvent } from '../core/event';
import type { SignerRef } from '../core/refs';
import type { ItlSigningMode } from './itl-plan';

/**
 * The events of a TFTP node (stream `tftp-<run>.<cluster>.<node>`): the ITL it builds and signs (with its
 * bytes, so a run can be read back and a phone's decision explained from the very file it was offered),
 * the configuration files it signs, and the tomcat certificate its HTTPS download offers.
 */
export type TftpEvent =
  | DomainEvent<
      'ItlResigned',
      {
        cluster: string;
        node: string;
        fileName: string;
        file: string;
        size: number;
        signer: SignerRef;
        mode: ItlSigningMode;
        cause: string;
        /** The certificate purpose whose update made the node rebuild the file (Phone Interaction on Certificate Update reacts to it). */
        certificateUpdate?: string;
        /** The file, base64. */
        bytes: string;
      }
    >
  | DomainEvent<
      'ConfigFileBuilt',
      {
        /** Whose configuration it is (another cluster's behind a proxy TFTP) and for which phone group. */
        configFor: string;
        group: string;
        /** The content (CallManager group, security profile) and its signature (base64) by `signer`. */
        content: string;
        signature: string;
        signer: string;
        file: string;
      }
    >
  | DomainEvent<'TftpOffersCachedTomcatCertificate', { offered: string; current: string; fix: string }>
  | DomainEvent<'TftpTomcatCertificateReloaded', { offered: string; was: string; cause: string }>;
