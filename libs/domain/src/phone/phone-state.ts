import { EventMeta, unreachable } from '../core/event';
import type { NodeAddress } from '../core/refs';
import { liveVouch, type TvsAttempt } from '../tvs/tvs-query';
import { TvsCache } from '../tvs/tvs-cache';
import type { HeldConfig, Lsc, PendingCapf, PhoneEvent } from './phone-events';
import type { Registration } from './registration';

/**
 * What one phone holds and is (domain-reference §14): its trust lists by file id, its configuration, the
 * results of its last decisions, its registration, its cached TVS answers, its LSC and pending CAPF
 * operation, its DHCP option 150 list. Immutable plain data, so the thousands of phones in the same
 * situation share one state object (and the decisions keyed by it).
 */
export interface PhoneState {
  readonly powered: boolean;
  /** DHCP option 150: the TFTP servers it asks, in order. */
  readonly tftp: readonly NodeAddress[];
  readonly itl?: string;
  readonly ctl?: string;
  readonly config?: HeldConfig;
  readonly lastItl?: 'accepted' | 'trust-list-update-failed';
  readonly lastCtl?: 'accepted' | 'trust-list-update-failed';
  readonly lastConfig?: 'accepted' | 'rejected';
  /** The TVS answer behind its last decision that asked one ("old/sub1 vouched"). */
  readonly lastTvs?: string;
  readonly registration?: Registration;
  /** Positive TVS answers it keeps for 24 hours [SSECMIG logs]. */
  readonly tvsCache?: TvsCache;
  readonly lsc?: Lsc;
  readonly capf?: PendingCapf;
  /** Logged in through EMCC: the visiting cluster's DHCP option 150, to go back to at logout. */
  readonly emccVisitingTftp?: readonly NodeAddress[];
}

/** Before `PhoneProvisioned`. */
export const NO_PHONE: PhoneState = Object.freeze({ powered: false, tftp: [] });

export function evolvePhone(state: PhoneState, event: PhoneEvent, meta: EventMeta): PhoneState {
  switch (event.type) {
    case 'PhoneProvisioned': {
      const d = event.data;
      const s: PhoneState = {
        powered: d.power === 'on',
        tftp: d.tftp,
        ...(d.itl ? { itl: d.itl } : {}),
        ...(d.ctl ? { ctl: d.ctl } : {}),
        ...(d.config ? { config: d.config } : {}),
        ...(d.lsc ? { lsc: d.lsc } : {}),
        ...(d.registration ? { registration: d.registration } : {}),
      };
      return remember(s, d.servicesServer, d.servicesTvs, meta);
    }
    case 'PhoneReset': {
      const { tvsCache, ...rest } = state;
      return event.data.tvsCache === 'kept' && tvsCache ? { ...rest, tvsCache } : rest;
    }
    case 'CtlAccepted':
      return remember(noted({ ...state, ctl: event.data.file, lastCtl: 'accepted' }, event.data.tvs), event.data.signer, event.data.tvs, meta);
    case 'CtlUpdateFailed':
      return noted({ ...state, lastCtl: 'trust-list-update-failed' }, event.data.tvs);
    case 'ItlAccepted':
      return remember(noted({ ...state, itl: event.data.file, lastItl: 'accepted' }, event.data.tvs), event.data.signer, event.data.tvs, meta);
    case 'TrustListUpdateFailed':
      return noted({ ...state, lastItl: 'trust-list-update-failed' }, event.data.tvs);
    case 'ConfigAccepted': {
      const d = event.data;
      const config: HeldConfig = { cluster: d.cluster, callManagerGroup: d.callManagerGroup, fileId: d.file };
      return remember(noted({ ...state, config, lastConfig: 'accepted' }, d.tvs), d.signer, d.tvs, meta);
    }
    case 'ConfigRejected':
      return noted({ ...state, lastConfig: 'rejected' }, event.data.tvs);
    case 'LscInstalled': {
      const { capf: _done, ...rest } = state;
      return { ...rest, lsc: { cluster: event.data.cluster, issuerFingerprint: event.data.issuerFingerprint, issuedAt: new Date(meta.at).toISOString() } };
    }
    case 'LscDeleted': {
      const { capf: _done, lsc: _deleted, ...rest } = state;
      return rest;
    }
    case 'CapfOperationFailed': {
      const { capf: _done, ...rest } = state;
      return rest;
    }
    case 'PhoneRegistered': {
      const d = event.data;
      return remember({ ...state, registration: { registered: true, cluster: d.cluster, node: d.node, mode: d.mode } }, d.servicesServer, d.servicesTvs, meta);
    }
    case 'PhoneRegistrationFailed': {
      const d = event.data;
      const registration = (d.detail !== undefined ? { registered: false, reason: d.reason, detail: d.detail } : { registered: false, reason: d.reason }) as Registration;
      return { ...state, registration };
    }
    case 'PhonePoweredOff': {
      const { registration: _lost, ...rest } = state;
      return { ...rest, powered: false };
    }
    case 'PhonePoweredOn':
      return { ...state, powered: true };
    case 'DhcpOption150Changed':
      return { ...state, tftp: event.data.tftp };
    case 'CapfOperationSet':
      return { ...state, capf: event.data };
    case 'EmccLoggedIn':
      return { ...state, emccVisitingTftp: state.tftp, tftp: event.data.tftp };
    case 'EmccLoggedOut': {
      const { emccVisitingTftp, ...rest } = state;
      return emccVisitingTftp ? { ...rest, tftp: emccVisitingTftp } : rest;
    }
    case 'TrustTakenFromSnapshot': {
      const d = event.data;
      const { itl: _i, ctl: _c, config: _f, ...rest } = state;
      return { ...rest, ...(d.itl ? { itl: d.itl } : {}), ...(d.ctl ? { ctl: d.ctl } : {}), ...(d.config ? { config: d.config } : {}) };
    }
    case 'CapfOperationPending':
    case 'PhoneSettled':
      return state;
    default:
      return unreachable(event, 'phone event');
  }
}

/** The summary of a decision's TVS answers the phone's outcome shows. */
function noted(state: PhoneState, tvs: readonly TvsAttempt[] | undefined): PhoneState {
  return tvs?.length ? { ...state, lastTvs: tvsSummary(tvs) } : state;
}

/** A TVS that vouched live is remembered for 24 hours [SSECMIG logs]; a cached answer, a refusal or no answer leaves the cache as it was. */
function remember(state: PhoneState, fingerprint: string | undefined, tvs: readonly TvsAttempt[] | undefined, meta: EventMeta): PhoneState {
  const live = fingerprint && tvs ? liveVouch(tvs) : undefined;
  if (!live) return state;
  const cache = (state.tvsCache ?? TvsCache.EMPTY).remember({ fingerprint: fingerprint!, roles: live.roles ?? [], cluster: live.cluster, node: live.node }, meta.at);
  return { ...state, tvsCache: cache };
}

/** "old/sub1 vouched", or every attempt when none vouched ("new/cm1 handshake-failed, new/cm2 unreachable"). */
export function tvsSummary(tvs: readonly TvsAttempt[]): string {
  const vouched = tvs.find((t) => t.outcome === 'vouched');
  return vouched ? `${vouched.cluster}/${vouched.node} vouched${vouched.cachedUntil ? ` (cached answer, until ${vouched.cachedUntil})` : ''}` : tvs.map((t) => `${t.cluster}/${t.node} ${t.outcome}`).join(', ');
}
