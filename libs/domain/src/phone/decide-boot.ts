import { capfKeyChoice, type CapfKeyOrder } from '../capf/capf-key';
import { decideCapfOperation, type CapfAuthMode } from '../capf/capf-operation';
import type { EventMeta } from '../core/event';
import type { TrustListView } from '../shared/trust-list-view';
import type { TvsAttempt, TvsCacheAt, TvsServer } from '../tvs/tvs-query';
import { failoverOrder, registerDownTheGroup } from './callmanager-failover';
import { decideConfig, type ConfigDecision } from './config-decision';
import { decideCtl, type CtlDecision } from './ctl-decision';
import { decideHttpsServer, type HttpsDecision } from './https-decision';
import type { PhoneEvent, ServicesReached } from './phone-events';
import { evolvePhone, type PhoneState } from './phone-state';
import type { CallManagerNode, PhoneFacts, PhoneWorld, ServedToPhone } from './phone-world';
import { registerPhone, type Registration } from './registration';
import { decideSecureRegistration } from './secure-registration';
import { decideCallManagerKeySize } from './key-size-support';
import { decideTrustList, type TrustListDecision } from './trust-list-decision';

/**
 * One boot of a phone after a reset or power-on (domain-reference §7, §14): download the CTL (mixed mode)
 * and the ITL and decide whether to install each, download the configuration and decide whether to apply
 * it (carrying out a pending CAPF operation with it), then register and reach its services. A device
 * without Security by Default skips the ITL and takes the unsigned configuration. Later decisions read
 * what earlier ones installed, so the boot folds its own events as it goes: the state after them is
 * exactly what `evolvePhone` makes of them.
 */
export function decideBoot(phone: PhoneState, facts: PhoneFacts, world: PhoneWorld, cause: string): PhoneEvent[] {
  const boot = new Boot(phone, world);
  const served = world.served(phone, facts);
  boot.emit({ type: 'PhoneReset', data: { cause, tftp: served ? served.tftp : null, tvsCache: world.assumptions.tvsCacheAcrossReset } });
  const configAccepted = served ? boot.download(served, facts) : false;
  const registration = boot.cannotLoad ? tooLargeToLoad(boot.cannotLoad) : register(boot.state, facts, world, configAccepted, served);
  boot.emit(
    registration.registered
      ? { type: 'PhoneRegistered', data: { cluster: registration.cluster, node: registration.node, mode: registration.mode, ...servicesReached(boot.state, facts, world) } }
      : { type: 'PhoneRegistrationFailed', data: { reason: registration.reason, ...('detail' in registration ? { detail: registration.detail } : {}) } },
  );
  return boot.events;
}

/** The events of one boot so far, and the phone's state after them. */
class Boot {
  readonly events: PhoneEvent[] = [];
  /** Why the phone could not load a trust list its TFTP served (too big), if it could not: it then fails registration [S125DEF]. */
  cannotLoad?: string;
  private readonly meta: EventMeta;

  constructor(
    public state: PhoneState,
    private readonly world: PhoneWorld,
  ) {
    this.meta = { at: world.now };
  }

  emit(event: PhoneEvent): void {
    this.events.push(event);
    this.state = evolvePhone(this.state, event, this.meta);
  }

  /** The CTL first, then the ITL checked against it, then the configuration (§7.2–7.4, §14 steps 1–4); true when the configuration was applied. */
  download(served: ServedToPhone, facts: PhoneFacts): boolean {
    const { world } = this;
    const sbd = facts.model.securityByDefault;
    if (served.ctl) {
      const offered = served.ctl;
      const s = this.state;
      const decision = decideCtl(heldCtl(s, world), offered, heldItl(s, world), tvsServersOf(s, world), sbd, cached(s, world));
      this.emit(ctlEvent(offered, decision));
      if (!decision.accepted && decision.reason === 'too-large') this.cannotLoad = `${offered.fileName}: ${decision.detail}`;
    }
    if (sbd) {
      const offered = served.itl;
      const s = this.state;
      const decision = decideTrustList(heldItl(s, world), offered, tvsServersOf(s, world), heldCtl(s, world), cached(s, world));
      this.emit(itlEvent(offered, decision));
      if (!decision.accepted && decision.reason === 'too-large') this.cannotLoad ??= `${offered.fileName}: ${decision.detail}`;
    }
    const file = world.configFile(served.config.id);
    const s = this.state;
    // A device without Security by Default ignores the ITL and cannot ask TVS, but checks a CTL it holds [STOKENLESS].
    const ctl = heldCtl(s, world);
    const decision: ConfigDecision = sbd
      ? decideConfig(heldItl(s, world), file, tvsServersOf(s, world), ctl, cached(s, world))
      : ctl
        ? decideConfig(undefined, file, [], ctl)
        : { accepted: true, via: 'unsigned' };
    const base = { file: file.id, signer: file.signerFingerprint };
    this.emit(
      decision.accepted
        ? { type: 'ConfigAccepted', data: { ...base, via: decision.via, ...tvsPart(decision.tvs), cluster: served.config.cluster, callManagerGroup: served.config.callManagerGroup } }
        : { type: 'ConfigRejected', data: { ...base, reason: decision.reason, ...tvsPart(decision.tvs) } },
    );
    // A CAPF operation reaches the phone with its configuration (§8).
    const pending = this.state.capf;
    if (pending && decision.accepted && pending.cluster === served.config.cluster) this.emit(capfOperation(this.state, facts, world));
    return decision.accepted;
  }
}

function heldItl(s: PhoneState, world: PhoneWorld): TrustListView | undefined {
  return s.itl === undefined ? undefined : world.trustList(s.itl);
}

function heldCtl(s: PhoneState, world: PhoneWorld): TrustListView | undefined {
  return s.ctl === undefined ? undefined : world.trustList(s.ctl);
}

/** The TVS servers a phone asks: the CallManager group of the configuration it runs [STOKENLESS] [SBULK]. */
export function tvsServersOf(s: PhoneState, world: PhoneWorld): readonly TvsServer[] {
  return s.config ? world.tvsServers(s.config) : [];
}

function cached(s: PhoneState, world: PhoneWorld): TvsCacheAt {
  return { cache: s.tvsCache, now: world.now };
}

function tvsPart(tvs: readonly TvsAttempt[] | undefined): { tvs?: readonly TvsAttempt[] } {
  return tvs && tvs.length ? { tvs } : {};
}

function ctlEvent(offered: TrustListView, d: CtlDecision): PhoneEvent {
  const base = { file: offered.id, fileName: offered.fileName, signer: offered.signerFingerprint };
  return d.accepted
    ? { type: 'CtlAccepted', data: { ...base, via: d.via, ...tvsPart(d.tvs) } }
    : { type: 'CtlUpdateFailed', data: { ...base, reason: d.reason, ...(d.detail ? { detail: d.detail } : {}), ...tvsPart(d.tvs) } };
}

function itlEvent(offered: TrustListView, d: TrustListDecision): PhoneEvent {
  const base = { file: offered.id, fileName: offered.fileName, signer: offered.signerFingerprint };
  return d.accepted
    ? { type: 'ItlAccepted', data: { ...base, via: d.via, ...tvsPart(d.tvs) } }
    : { type: 'TrustListUpdateFailed', data: { ...base, reason: d.reason, ...(d.detail ? { detail: d.detail } : {}), ...tvsPart(d.tvs) } };
}

/**
 * The phone's pending CAPF operation against its cluster's CAPF (capf/capf-operation.ts decides, capf-key.ts
 * picks the key): an LSC installed or deleted, still waiting, or failed with why.
 */
function capfOperation(s: PhoneState, facts: PhoneFacts, world: PhoneWorld): PhoneEvent {
  const pending = s.capf!;
  const capf = world.capf(pending.cluster, pending.onboarding === true);
  if (!capf) return { type: 'CapfOperationFailed', data: { operation: pending.operation, reason: 'no-capf', detail: `cluster ${pending.cluster} runs no CAPF service` } };
  const decision = decideCapfOperation(
    pending.operation,
    pending.authMode as CapfAuthMode,
    { hasMic: facts.model.mic, lsc: s.lsc, profile: facts.securityProfile, heldItl: heldItl(s, world), heldCtl: heldCtl(s, world) },
    capf,
  );
  switch (decision.outcome) {
    case 'issued': {
      const key = capfKeyChoice((pending.keyOrder ?? 'RSA Only') as CapfKeyOrder, pending.keySize, facts.ecdsa ?? facts.model.ecdsa, facts.model.model);
      if (!key.ok) return { type: 'CapfOperationFailed', data: { operation: pending.operation, reason: key.reason, detail: key.detail } };
      return {
        type: 'LscInstalled',
        data: {
          cluster: pending.cluster,
          issuer: capf.commonName,
          issuerFingerprint: capf.fingerprint,
          authenticatedWith: decision.authenticatedWith,
          keyType: key.keyType,
          keySize: key.keySize,
          ...(key.note ? { note: key.note } : {}),
        },
      };
    }
    case 'deleted':
      return { type: 'LscDeleted', data: { cluster: pending.cluster } };
    case 'pending':
      return { type: 'CapfOperationPending', data: { operation: pending.operation, reason: decision.reason } };
    case 'failed':
      return { type: 'CapfOperationFailed', data: { operation: pending.operation, reason: decision.reason, detail: decision.detail } };
  }
}

/**
 * "If a Unified Communications Manager cluster has more than 39 certificates, then the ITL file size on
 * Cisco IP Phone exceeds 64 kilobytes. Increase in the ITL file size affects the ITL to load properly on the
 * phone causing the phone registration to fail" [S125DEF].
 */
function tooLargeToLoad(detail: string): Registration {
  return { registered: false, reason: 'trust-list-too-large', detail: `it cannot load ${detail}, so its registration fails [S125DEF]` };
}

/**
 * Registration (§7.5, §14 step 5): registration.ts picks the first node the configuration allows, and a
 * refused TLS registration is a failed node, so the phone goes on down its CallManager group [SPH7975].
 */
function register(s: PhoneState, facts: PhoneFacts, world: PhoneWorld, configAccepted: boolean, served: ServedToPhone | undefined): Registration {
  const config = s.config;
  const group = config ? config.callManagerGroup.map((n) => world.callManager(config.cluster, n)) : [];
  const registration = registerPhone({
    callManagerGroup: group,
    configAccepted,
    tftpServer: served && world.callManager(served.tftp.cluster, served.tftp.node),
    // The reading matters only when the configuration was refused (registration.ts).
    configSignatureFailure: configAccepted ? 'degraded' : world.assumptions.configSignatureFailure,
  });
  if (!registration.registered) return registration;
  const cluster = registration.cluster;
  return registerDownTheGroup(failoverOrder(registration, group), (node) => registerAs(s, facts, world, world.callManager(cluster, node)));
}

/**
 * The registration a CallManager node accepts from a phone that reaches it: TLS when the profile asks for
 * it and the phone holds the node's current certificate in its CTL and a trusted LSC (secure-registration.ts).
 */
export function registerAs(s: PhoneState, facts: PhoneFacts, world: PhoneWorld, node: CallManagerNode): Registration {
  // The certificate the node presents: CallManager-ECDSA to a secure phone over "ECDSA only" ciphers (secure-registration.ts).
  const secureEcdsa = node.ecdsaOnly && node.mixedMode && facts.securityProfile !== 'non-secure';
  const key = secureEcdsa ? node.callManagerEcdsaKey : node.callManagerKey;
  const size = key && decideCallManagerKeySize(key, { group: facts.keySizes, model: facts.model.rsaKeySizes, modelName: facts.model.model, assumptions: world.assumptions });
  if (size && !size.supported) return { registered: false, reason: 'key-size-unsupported', detail: size.detail };
  const secure = decideSecureRegistration({
    profile: facts.securityProfile,
    clusterMixedMode: node.mixedMode,
    heldCtl: heldCtl(s, world),
    callManagerFingerprint: node.callManagerFingerprint,
    callManagerEcdsaFingerprint: node.callManagerEcdsaFingerprint,
    callManagerAddress: node.address,
    ecdsaOnly: node.ecdsaOnly,
    phoneEcdsa: facts.ecdsa ?? facts.model.ecdsa,
    lsc: s.lsc,
    trustedCapfFingerprints: node.trustedCapfFingerprints,
  });
  if (secure.mode === 'refused') return { registered: false, reason: 'secure-registration-refused', detail: secure.detail };
  return { registered: true, cluster: node.cluster, node: node.node, mode: secure.mode };
}

/** The HTTPS server of a phone's services (Security-by-Default phones with a configuration). */
export function servicesServerOf(s: PhoneState, facts: PhoneFacts, world: PhoneWorld): string | undefined {
  return facts.model.securityByDefault && s.config ? world.servicesServer(s.config) : undefined;
}

/** Whether the phone trusts its services' HTTPS server now, from what it holds, its cached TVS answers or a TVS (https-decision.ts). */
export function servicesTrust(s: PhoneState, facts: PhoneFacts, world: PhoneWorld): HttpsDecision | undefined {
  const tomcat = servicesServerOf(s, facts, world);
  if (!tomcat) return undefined;
  return decideHttpsServer(heldItl(s, world), heldCtl(s, world), tomcat, tvsServersOf(s, world), cached(s, world));
}

/**
 * A registered phone reaches its services' HTTPS server once after it boots — a simplification: real
 * phones do so when first used. The answer TVS gives goes into the cache, which keeps the services
 * working for 24 hours even if TVS can no longer be reached [SSECMIG logs] (§7.6).
 */
export function servicesReached(s: PhoneState, facts: PhoneFacts, world: PhoneWorld): ServicesReached {
  const decision = servicesTrust(s, facts, world);
  if (!decision) return {};
  return {
    httpsServices: decision.working ? 'working' : 'broken',
    ...(decision.tvs?.length ? { servicesServer: servicesServerOf(s, facts, world), servicesTvs: decision.tvs } : {}),
  };
}
