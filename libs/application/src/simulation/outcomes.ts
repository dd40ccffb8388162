import { decideCtl, decideTrustList, needsManualTrustListDelete, phoneStatus, PhoneStatus, PhoneStatusFacts } from '@trustsim/domain';
import { BootContext, cacheAfterReset, servedFiles, servicesTrust, tvsServersFor } from './phone-boot';
import { PhoneRuntime } from './phone-runtime';
import { IdentityCertificate } from './identity-issuer';

/** The facts an `expect` can check about one phone (scenario-language.md, "Outcomes"). */
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
  /** Which TVS it asked at its last trust-list decision, and what came of it ("old/sub1 vouched"). */
  tvs?: string;
  needsManualTrustListDelete: boolean;
}

export interface OutcomeContext extends Pick<BootContext, 'cluster' | 'memo' | 'now' | 'assumptions'> {
  certificate(fingerprint: string): IdentityCertificate | undefined;
}

/** Computes a phone's outcome now, including the dry run "would its next reset accept what is served?". */
export function phoneOutcome(phone: PhoneRuntime, ctx: OutcomeContext): PhoneOutcome {
  const served = servedFiles(phone, ctx);
  const sbd = phone.model.securityByDefault;
  let wouldAccept = true;
  let holdsServed = true;
  let configCurrent = phone.lastConfig !== 'rejected' && !!phone.config;
  const offeredCtl = served?.ctl;
  // The next boot starts from the cache a reset leaves (tvs-cache.ts).
  const cached = { cache: cacheAfterReset(phone, ctx), now: ctx.now() };
  if (served) {
    // Dry run of the next boot: the CTL first, then the ITL checked against the CTL the phone would hold.
    let ctlAfter = phone.ctl;
    if (offeredCtl && phone.ctl?.id !== offeredCtl.id) {
      holdsServed = false;
      const ctl = ctx.memo.ctl(phone, offeredCtl, cached, () => decideCtl(phone.ctl, offeredCtl, phone.itl, tvsServersFor(phone, ctx), sbd, cached)).decision;
      wouldAccept = ctl.accepted;
      if (ctl.accepted) ctlAfter = offeredCtl;
    }
    const offered = served.itl;
    if (sbd && phone.itl?.id !== offered.id) {
      holdsServed = false;
      const itl =
        ctlAfter === phone.ctl
          ? ctx.memo.trustList(phone, offered, cached, () => decideTrustList(phone.itl, offered, tvsServersFor(phone, ctx), phone.ctl, cached)).decision
          : decideTrustList(phone.itl, offered, tvsServersFor(phone, ctx), ctlAfter, cached);
      wouldAccept &&= itl.accepted;
    }
    configCurrent = configCurrent && phone.config!.fileId === served.config.id;
  }
  const facts: PhoneStatusFacts = {
    poweredOn: phone.powered,
    // A device without Security by Default still checks a CTL in mixed mode (and then needs it deleted by hand) [STOKENLESS].
    securityByDefault: sbd || !!offeredCtl || !!phone.ctl,
    registered: !!phone.registration?.registered,
    holdsServedTrustList: holdsServed,
    wouldAcceptServedTrustList: wouldAccept,
    configCurrent,
  };
  const signer = phone.itl?.signerFingerprint ? ctx.certificate(phone.itl.signerFingerprint) : undefined;
  const reg = phone.registration;
  return {
    name: phone.name,
    group: phone.group.group,
    cluster: phone.group.cluster,
    model: phone.model.model,
    status: phoneStatus(facts),
    itl: sbd ? (phone.lastItl ?? (phone.itl ? 'accepted' : undefined)) : undefined,
    ...(phone.lastCtl || phone.ctl ? { ctl: phone.lastCtl ?? 'accepted' } : {}),
    config: phone.lastConfig,
    registration: reg?.registered ? reg.mode : 'none',
    registeredTo: reg?.registered ? `${reg.cluster}/${reg.node}` : undefined,
    itlSigner: signer && { cluster: signer.cluster, node: signer.node, purpose: signer.purpose, generation: signer.generation },
    ...(phone.lastTvs ? { tvs: phone.lastTvs } : {}),
    ...httpsServices(phone, ctx),
    needsManualTrustListDelete: needsManualTrustListDelete(facts),
  };
}

/**
 * HTTPS services (Extension Mobility, directories) are served by the tomcat of the phone's CallManager
 * group; the phone trusts that certificate through its trust lists, a cached TVS answer or TVS [S125DEF]
 * [SSECMIG logs] (https-decision.ts).
 */
function httpsServices(phone: PhoneRuntime, ctx: OutcomeContext): Pick<PhoneOutcome, 'httpsServices'> {
  if (!phone.powered) return {};
  const decision = servicesTrust(phone, ctx, ctx.now());
  return decision ? { httpsServices: decision.working ? 'working' : 'broken' } : {};
}

export const STATUSES: PhoneStatus[] = ['trusted', 'degraded', 'locked', 'unregistered', 'off'];

export function countStatuses(outcomes: Iterable<PhoneOutcome>): Record<PhoneStatus, number> {
  const counts = { trusted: 0, degraded: 0, locked: 0, unregistered: 0, off: 0 };
  for (const o of outcomes) counts[o.status]++;
  return counts;
}
