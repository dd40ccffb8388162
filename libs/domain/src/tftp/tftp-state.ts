import { EventMeta, unreachable } from '../core/event';
import type { ServedFile } from '../core/refs';
import type { ItlSigningMode } from './itl-plan';
import type { TftpEvent } from './tftp-events';

/** A configuration file a TFTP node has built: the file id and the CallManager certificate that signed it. */
export interface ConfigFileRef {
  readonly file: string;
  readonly signer: string;
}

/**
 * A TFTP node: the ITL it serves and how it signs now, the configuration files it has built (by
 * `<configFor>/<group>`; built on request and kept until its CallManager key changes), and a stale
 * tomcat certificate its HTTPS download still offers, if any (tftp-tomcat.ts).
 */
export interface TftpState {
  readonly itl?: ServedFile<ItlSigningMode>;
  readonly mode: ItlSigningMode;
  readonly configs: Readonly<Record<string, ConfigFileRef>>;
  readonly staleTomcat?: string;
}

export const NO_TFTP: TftpState = Object.freeze({ mode: 'normal', configs: {} });

export function evolveTftp(state: TftpState, event: TftpEvent, meta: EventMeta): TftpState {
  switch (event.type) {
    case 'ItlResigned': {
      const d = event.data;
      return { ...state, mode: d.mode, itl: { file: d.file, signer: d.signer, mode: d.mode, builtAt: meta.at } };
    }
    case 'ConfigFileBuilt':
      return { ...state, configs: { ...state.configs, [configKey(event.data.configFor, event.data.group)]: { file: event.data.file, signer: event.data.signer } } };
    case 'TftpOffersCachedTomcatCertificate':
      return { ...state, staleTomcat: event.data.offered };
    case 'TftpTomcatCertificateReloaded': {
      const { staleTomcat: _reloaded, ...rest } = state;
      return rest;
    }
    default:
      return unreachable(event, 'TFTP event');
  }
}

export function configKey(configFor: string, group: string): string {
  return `${configFor}/${group}`;
}
