import { tvsCacheAfterReset } from '../tvs/tvs-cache';
import type { TvsCacheAt } from '../tvs/tvs-query';
import { decideCtl } from './ctl-decision';
import { servicesTrust, tvsServersOf } from './decide-boot';
import { needsManualTrustListDelete, phoneStatus, type PhoneStatus, type PhoneStatusFacts } from './phone-status';
import type { PhoneState } from './phone-state';
import type { PhoneFacts, PhoneWorld } from './phone-world';
import { decideTrustList, type TrustListDecision } from './trust-list-decision';

/** The facts an `expect` can check about one phone (scenario-language "Outcomes"). */
export interface PhoneOutcome {
  name: string;
  group: string;
  cluster: string;
  model: string;
  status: PhoneStatus;
  itl?: 'accepted' | 'trust-list-update-failed';
  ctl?: 'accepted' | 'trust-list-update-failed';
  /** Whether its HTTPS services' server (its CallManager group's first node's tomcat) is trusted; Security-by-Default phones only. */
  httpsServices?: 'working' | 'broken';
  config?: 'accepted' | 'rejected';
  registration: 'secure' | 'non-secure' | 'none';
  registeredTo?: string;
  itlSigner?: { cluster: string; node: string; purpose: string; generation: number };
  /** Which TVS it asked at its last decision that asked one, and what came of it ("old/sub1 vouched"). */
  tvs?: string;
  needsManualTrustListDelete: boolean;
}

/** An outcome without the phone's name: phones in the same state share one. */
export type PhoneOutcomeFacts = Omit<PhoneOutcome, 'name'>;

/** What an outcome also needs to know: whose certificate a trust list's signer is. */
export interface OutcomeWorld extends PhoneWorld {
  identity(fingerprint: string): { cluster: string; node: string; purpose: string; generation: number } | undefined;
}

/** The cache a phone boots with after a reset (tvs-cache.ts, assumption tvsCacheAcrossReset). */
function cacheAtNextBoot(s: PhoneState, world: PhoneWorld): TvsCacheAt {
  return { cache: tvsCacheAfterReset(s.tvsCache, world.assumptions.tvsCacheAcrossReset), now: world.now };
}

/**
 * What the phone would decide about the ITL its TFTP serves if it were reset now (the dry run behind
 * "locked"); undefined for a device without Security by Default or when no TFTP answers.
 */
export function nextResetDecision(s: PhoneState, facts: PhoneFacts, world: PhoneWorld): TrustListDecision | undefined {
  const served = world.served(s, facts);
  if (!served || !facts.model.securityByDefault) return undefined;
  const held = s.itl === undefined ? undefined : world.trustList(s.itl);
  const ctl = s.ctl === undefined ? undefined : world.trustList(s.ctl);
  return decideTrustList(held, served.itl, tvsServersOf(s, world), ctl, cacheAtNextBoot(s, world));
}

/**
 * A phone's outcome now (phone-status.ts), including the dry run "would its next reset accept what is
 * served?": the CTL first, then the ITL checked against the CTL it would then hold.
 */
export function phoneOutcome(s: PhoneState, facts: PhoneFacts, world: OutcomeWorld): PhoneOutcomeFacts {
  const served = world.served(s, facts);
  const sbd = facts.model.securityByDefault;
  const heldItl = s.itl === undefined ? undefined : world.trustList(s.itl);
  const heldCtl = s.ctl === undefined ? undefined : world.trustList(s.ctl);
  let wouldAccept = true;
  let holdsServed = true;
  let configCurrent = s.lastConfig !== 'rejected' && !!s.config;
  const cached = cacheAtNextBoot(s, world);
  if (served) {
    let ctlAfter = heldCtl;
    if (served.ctl && s.ctl !== served.ctl.id) {
      holdsServed = false;
      const ctl = decideCtl(heldCtl, served.ctl, heldItl, tvsServersOf(s, world), sbd, cached);
      wouldAccept = ctl.accepted;
      if (ctl.accepted) ctlAfter = served.ctl;
    }
    if (sbd && s.itl !== served.itl.id) {
      holdsServed = false;
      wouldAccept &&= decideTrustList(heldItl, served.itl, tvsServersOf(s, world), ctlAfter, cached).accepted;
    }
    configCurrent = configCurrent && s.config!.fileId === served.config.id;
  }
  const facts2: PhoneStatusFacts = {
    poweredOn: s.powered,
    // A device without Security by Default still checks a CTL in mixed mode (and then needs it deleted by hand) [STOKENLESS].
    securityByDefault: sbd || !!served?.ctl || !!heldCtl,
    registered: !!s.registration?.registered,
    holdsServedTrustList: holdsServed,
    wouldAcceptServedTrustList: wouldAccept,
    configCurrent,
    // A file too big to load is refused whoever signed it (trust-list-decision.ts, ctl-decision.ts).
    servedTrustListTooLarge: !!served && ((sbd && s.itl !== served.itl.id && !!served.itl.tooLarge) || (!!served.ctl && s.ctl !== served.ctl.id && !!served.ctl.tooLarge)),
  };
  const signer = heldItl?.signerFingerprint ? world.identity(heldItl.signerFingerprint) : undefined;
  const reg = s.registration;
  const https = s.powered ? servicesTrust(s, facts, world) : undefined;
  return {
    group: facts.group,
    cluster: facts.cluster,
    model: facts.model.model,
    status: phoneStatus(facts2),
    itl: sbd ? (s.lastItl ?? (s.itl ? 'accepted' : undefined)) : undefined,
    ...(s.lastCtl || s.ctl ? { ctl: s.lastCtl ?? 'accepted' } : {}),
    config: s.lastConfig,
    registration: reg?.registered ? reg.mode : 'none',
    registeredTo: reg?.registered ? `${reg.cluster}/${reg.node}` : undefined,
    itlSigner: signer && { cluster: signer.cluster, node: signer.node, purpose: signer.purpose, generation: signer.generation },
    ...(s.lastTvs ? { tvs: s.lastTvs } : {}),
    ...(https ? { httpsServices: https.working ? ('working' as const) : ('broken' as const) } : {}),
    needsManualTrustListDelete: needsManualTrustListDelete(facts2),
  };
}
