import {
  Assumptions,
  CtlDecision,
  decideCtl,
  decideSecureRegistration,
  ConfigDecision,
  HttpsDecision,
  ConfigFileView,
  decideConfig,
  decideHttpsServer,
  decideTrustList,
  failoverOrder,
  proxiesHomeCluster,
  registerDownTheGroup,
  registerPhone,
  Registration,
  servedBy,
  TrustListDecision,
  TrustListView,
  liveVouch,
  TvsAttempt,
  TvsCache,
  TvsCacheAt,
  tvsCacheAfterReset,
  TvsServer,
} from '@trustsim/domain';
import { ClusterRuntime, NodeRuntime } from './cluster-runtime';
import { IdentityCertificate } from './identity-issuer';
import { PhoneRuntime } from './phone-runtime';

/** What the world gives a booting phone: its clusters, and memoized decisions shared by identical phones. */
export interface BootContext {
  cluster(name: string): ClusterRuntime;
  assumptions: Assumptions;
  memo: DecisionMemo;
  /** The simulated clock (epoch ms): cached TVS answers expire on it. */
  now(): number;
  record(phone: PhoneRuntime, type: string, data: unknown): void;
  /** Carries out the phone's pending CAPF operation against that cluster's CAPF. */
  capf(phone: PhoneRuntime, cluster: ClusterRuntime): void;
}

/** Stands for "no trust list", "no configuration" or "no cached TVS answer" in memo keys. */
const NONE = {};

interface Dated<V> {
  value: V;
  /** When it stops holding (epoch ms): decide again from then. */
  until: number;
}

/** A three-level map keyed by object identity, whose entries hold until a given time: cheap lookups, no key strings built per phone. */
class Memo3<V> {
  private readonly root = new Map<object, Map<object, Map<object, Dated<V>>>>();

  get(a: object, b: object, c: object, now: number, make: () => V, until: () => number): V {
    let l1 = this.root.get(a);
    if (!l1) this.root.set(a, (l1 = new Map()));
    let l2 = l1.get(b);
    if (!l2) l1.set(b, (l2 = new Map()));
    let v = l2.get(c);
    if (v === undefined || v.until <= now) l2.set(c, (v = { value: make(), until: until() }));
    return v.value;
  }

  clear(): void {
    this.root.clear();
  }
}

interface Memoized<D> {
  decision: D;
  /** The event type and payload, built once and shared by every phone that reached this decision. */
  event: [string, unknown];
}

/**
 * Phones in the same situation (same held files and cached TVS answers, same offered file, same
 * configuration — hence the same TVS list — and the same cluster state) reach the same decision: decide
 * once, share the result and its event payload. The memo is cleared whenever a cluster changes, and an
 * entry decided from cached TVS answers lapses when the first of them expires.
 */
export class DecisionMemo {
  private readonly ctls = new Memo3<Memoized<CtlDecision>>();
  private readonly trustLists = new Memo3<Memoized<TrustListDecision>>();
  private readonly configs = new Memo3<Memoized<ConfigDecision>>();
  private readonly https = new Memo3<HttpsDecision>();
  /** One key object per (ITL, CTL, TVS cache) a phone holds, so decisions stay keyed by three objects. */
  private readonly heldKeys = new Map<object, Map<object, Map<object, object>>>();
  /**
   * A cache and a new answer give one next cache, shared by the phones that got that answer at that
   * instant. Keyed by the answer's content: different decisions (groups) can get the same answer.
   */
  private readonly remembered = new WeakMap<TvsCache, Map<string, TvsCache>>();
  decisions = 0;

  clear(): void {
    this.ctls.clear();
    this.trustLists.clear();
    this.configs.clear();
    this.https.clear();
    this.heldKeys.clear();
  }

  /** Whether the phone trusts its services' HTTPS server. */
  httpsServer(phone: PhoneRuntime, server: object, cached: TvsCacheAt, decide: () => HttpsDecision): HttpsDecision {
    return this.https.get(this.held(phone, cached), server, phone.config ?? NONE, cached.now, () => {
      this.decisions++;
      return decide();
    }, holdsUntil(cached));
  }

  private held(phone: PhoneRuntime, cached: TvsCacheAt): object {
    const itl = phone.itl ?? NONE;
    const ctl = phone.ctl ?? NONE;
    const cache = cached.cache ?? NONE;
    let byCtl = this.heldKeys.get(itl);
    if (!byCtl) this.heldKeys.set(itl, (byCtl = new Map()));
    let byCache = byCtl.get(ctl);
    if (!byCache) byCtl.set(ctl, (byCache = new Map()));
    let key = byCache.get(cache);
    if (!key) byCache.set(cache, (key = {}));
    return key;
  }

  /**
   * The phone's cache after a decision: a TVS that vouched live is remembered for 24 hours [SSECMIG logs];
   * an answer from the cache, a refusal or no answer leaves it as it was.
   */
  remember(cache: TvsCache | undefined, fingerprint: string, attempts: readonly TvsAttempt[] | undefined, now: number): TvsCache | undefined {
    const live = attempts && liveVouch(attempts);
    if (!live) return cache;
    const from = cache ?? TvsCache.EMPTY;
    let next = this.remembered.get(from);
    if (!next) this.remembered.set(from, (next = new Map()));
    const key = `${fingerprint}|${now}|${live.cluster}/${live.node}|${live.roles}`;
    let after = next.get(key);
    if (!after) next.set(key, (after = from.remember({ fingerprint, roles: live.roles ?? [], cluster: live.cluster, node: live.node }, now)));
    return after;
  }

  ctl(phone: PhoneRuntime, offered: TrustListView, cached: TvsCacheAt, decide: () => CtlDecision): Memoized<CtlDecision> {
    return this.trustFile(this.ctls, phone, offered, cached, decide, ['CtlAccepted', 'CtlUpdateFailed']);
  }

  trustList(phone: PhoneRuntime, offered: TrustListView, cached: TvsCacheAt, decide: () => TrustListDecision): Memoized<TrustListDecision> {
    return this.trustFile(this.trustLists, phone, offered, cached, decide, ['ItlAccepted', 'TrustListUpdateFailed']);
  }

  /** A CTL or ITL decision and its event (accepted, or the "Trust List Update Failed" of that file). */
  private trustFile<D extends CtlDecision | TrustListDecision>(
    memo: Memo3<Memoized<D>>,
    phone: PhoneRuntime,
    offered: TrustListView,
    cached: TvsCacheAt,
    decide: () => D,
    [accepted, failed]: [string, string],
  ): Memoized<D> {
    return memo.get(this.held(phone, cached), offered, phone.config ?? NONE, cached.now, () => {
      this.decisions++;
      const decision = decide();
      const base = { file: offered.id, fileName: offered.fileName, signer: offered.signerFingerprint };
      const event: [string, unknown] = decision.accepted
        ? [accepted, { ...base, via: decision.via, ...tvsPart(decision.tvs) }]
        : [failed, { ...base, reason: decision.reason, ...(decision.detail ? { detail: decision.detail } : {}), ...tvsPart(decision.tvs) }];
      return { decision, event };
    }, holdsUntil(cached));
  }

  config(phone: PhoneRuntime, file: ConfigFileView, cached: TvsCacheAt, decide: () => ConfigDecision): Memoized<ConfigDecision> {
    return this.configs.get(this.held(phone, cached), file, phone.config ?? NONE, cached.now, () => {
      this.decisions++;
      const decision = decide();
      const base = { file: file.id, signer: file.signerFingerprint };
      const event: [string, unknown] = decision.accepted
        ? ['ConfigAccepted', { ...base, via: decision.via, ...tvsPart(decision.tvs) }]
        : ['ConfigRejected', { ...base, reason: decision.reason, ...tvsPart(decision.tvs) }];
      return { decision, event };
    }, holdsUntil(cached));
  }
}

/** A decision made from the phone's cached TVS answers holds until the first of them expires. */
function holdsUntil(cached: TvsCacheAt): () => number {
  return () => cached.cache?.validUntil(cached.now) ?? Infinity;
}

const tvsSummaries = new WeakMap<readonly TvsAttempt[], string>();

/** "old/sub1 vouched", or every attempt when none vouched ("new/cm1 handshake-failed, new/cm2 unreachable"); shared per decision. */
function tvsSummary(tvs: readonly TvsAttempt[]): string {
  let text = tvsSummaries.get(tvs);
  if (!text) {
    const vouched = tvs.find((t) => t.outcome === 'vouched');
    text = vouched ? `${vouched.cluster}/${vouched.node} vouched${vouched.cachedUntil ? ` (cached answer, until ${vouched.cachedUntil})` : ''}` : tvs.map((t) => `${t.cluster}/${t.node} ${t.outcome}`).join(', ');
    tvsSummaries.set(tvs, text);
  }
  return text;
}

function tvsPart(tvs: TvsAttempt[] | undefined) {
  return tvs && tvs.length ? { tvs } : {};
}

/** The first TFTP server of the phone's DHCP option 150 list that answers [SBULK]. */
export function tftpFor(phone: PhoneRuntime, ctx: Pick<BootContext, 'cluster'>): { cluster: ClusterRuntime; node: NodeRuntime } | undefined {
  for (const address of phone.tftp) {
    const cluster = ctx.cluster(address.cluster);
    const node = cluster.nodes.get(address.node);
    if (node && node.runs('tftp') && node.itl) return { cluster, node };
  }
  return undefined;
}

/** What a phone downloads at boot: from the TFTP node that answers, on behalf of the cluster that configures it. */
export interface ServedFiles {
  /** The TFTP node it downloads from, and that node's cluster. */
  cluster: ClusterRuntime;
  node: NodeRuntime;
  itl: TrustListView;
  ctl?: TrustListView;
  config: ConfigFileView;
  /** The cluster whose configuration it is (another one behind a proxy TFTP). */
  configCluster: ClusterRuntime;
}

/**
 * The files a phone is offered now, as servedBy decides (phone/proxy-tftp.ts): usually the TFTP node's own
 * cluster's — its ITL, the cluster's CTL and a configuration it signs; behind a proxy TFTP, the home
 * cluster's trust lists and configuration, signed by the proxy [SPROXY] (§11).
 */
export function servedFiles(phone: PhoneRuntime, ctx: Pick<BootContext, 'cluster'>): ServedFiles | undefined {
  const served = tftpFor(phone, ctx);
  if (!served) return undefined;
  const { cluster, node } = served;
  const home = phone.group.cluster;
  // The home cluster's TFTP node is looked up behind a proxy only: tftpNodes builds an array, per phone.
  const remote = proxiesHomeCluster(cluster.name, home, cluster.proxyFor) ? ctx.cluster(home) : undefined;
  const remoteTftp = remote?.tftpNodes.find((n) => n.runs('tftp') && n.itl);
  if (servedBy(cluster.name, home, cluster.proxyFor, remoteTftp !== undefined).trustListsFrom === 'home') {
    return { cluster, node, itl: remoteTftp!.itl!.view, ctl: remote!.ctl?.view, config: cluster.proxiedConfigFile(node, phone.group, remote!), configCluster: remote! };
  }
  return { cluster, node, itl: node.itl!.view, ctl: cluster.ctl?.view, config: cluster.configFile(node, phone.group), configCluster: cluster };
}

/** The TVS servers a phone asks: the CallManager group of the configuration it runs [STOKENLESS] [SBULK]. */
export function tvsServersFor(phone: PhoneRuntime, ctx: Pick<BootContext, 'cluster'>): TvsServer[] {
  if (!phone.config) return [];
  const cluster = ctx.cluster(phone.config.cluster);
  return phone.config.callManagerGroup.map((n) => cluster.tvsServer(n)).filter((s): s is TvsServer => !!s);
}


/**
 * One boot of a phone after a reset or power-on (domain-reference §7, §14): download the ITL and decide
 * whether to install it, download the configuration and decide whether to apply it, then register and
 * reach its services. A device without Security by Default skips the trust list and takes the unsigned
 * configuration. Positive TVS answers go into the phone's cache as they come [SSECMIG logs].
 */
export function bootPhone(phone: PhoneRuntime, cause: string, ctx: BootContext): void {
  const served = servedFiles(phone, ctx);
  const now = ctx.now();
  ctx.record(phone, 'PhoneReset', served ? { cause, tftp: { cluster: served.cluster.name, node: served.node.name } } : { cause, tftp: null });
  phone.tvsCache = cacheAfterReset(phone, ctx);
  const cached = (): TvsCacheAt => ({ cache: phone.tvsCache, now });
  // What the phone keeps of a decision's TVS answers: the summary for its outcome, a live vouch in its cache.
  const noteTvs = (fingerprint: string | undefined, tvs: TvsAttempt[] | undefined) => {
    if (!tvs?.length) return;
    phone.lastTvs = tvsSummary(tvs);
    if (fingerprint) phone.tvsCache = ctx.memo.remember(phone.tvsCache, fingerprint, tvs, now);
  };
  let configAccepted = false;
  if (served) {
    const sbd = phone.model.securityByDefault;
    // The CTL first (mixed mode), then the ITL checked against it (§7.2, §7.3, §14 steps 1–2).
    const offeredCtl = served.ctl;
    if (offeredCtl) {
      const at = cached();
      const { decision, event } = ctx.memo.ctl(phone, offeredCtl, at, () => decideCtl(phone.ctl, offeredCtl, phone.itl, tvsServersFor(phone, ctx), sbd, at));
      ctx.record(phone, event[0], event[1]);
      phone.lastCtl = decision.accepted ? 'accepted' : 'trust-list-update-failed';
      noteTvs(offeredCtl.signerFingerprint, decision.tvs);
      if (decision.accepted) phone.ctl = offeredCtl;
    }
    if (sbd) {
      const offered = served.itl;
      const at = cached();
      const { decision, event } = ctx.memo.trustList(phone, offered, at, () => decideTrustList(phone.itl, offered, tvsServersFor(phone, ctx), phone.ctl, at));
      ctx.record(phone, event[0], event[1]);
      phone.lastItl = decision.accepted ? 'accepted' : 'trust-list-update-failed';
      noteTvs(offered.signerFingerprint, decision.tvs);
      if (decision.accepted) phone.itl = offered;
    }
    const file = served.config;
    const at = cached();
    // A device without Security by Default ignores the ITL and cannot ask TVS, but checks a CTL it holds [STOKENLESS].
    const { decision, event } = ctx.memo.config(phone, file, at, () =>
      sbd ? decideConfig(phone.itl, file, tvsServersFor(phone, ctx), phone.ctl, at) : phone.ctl ? decideConfig(undefined, file, [], phone.ctl) : { accepted: true, via: 'unsigned' },
    );
    ctx.record(phone, event[0], event[1]);
    noteTvs(file.signerFingerprint, decision.tvs);
    configAccepted = decision.accepted;
    phone.lastConfig = decision.accepted ? 'accepted' : 'rejected';
    if (decision.accepted) phone.config = served.configCluster.heldConfig(phone.group, file);
    // A CAPF operation reaches the phone with its configuration (§8).
    if (phone.capf && decision.accepted && phone.capf.cluster === served.configCluster.name) ctx.capf(phone, served.configCluster);
  }
  const registration = register(phone, configAccepted, served, ctx);
  phone.registration = registration;
  const services = registration.registered ? reachServices(phone, ctx, now) : undefined;
  ctx.record(
    phone,
    registration.registered ? 'PhoneRegistered' : 'PhoneRegistrationFailed',
    registration.registered
      ? { cluster: registration.cluster, node: registration.node, mode: registration.mode, ...servicesFact(services) }
      : { reason: registration.reason, ...('detail' in registration ? { detail: registration.detail } : {}) },
  );
}

/** The TVS answers a phone still has when it boots after a reset (tvs-cache.ts, assumption tvsCacheAcrossReset). */
export function cacheAfterReset(phone: PhoneRuntime, ctx: Pick<BootContext, 'assumptions'>): TvsCache | undefined {
  return tvsCacheAfterReset(phone.tvsCache, ctx.assumptions.tvsCacheAcrossReset);
}

/** The `httpsServices` fact an event carries, when the phone reached its services. */
export function servicesFact(decision: HttpsDecision | undefined): { httpsServices?: 'working' | 'broken' } {
  return decision ? { httpsServices: decision.working ? 'working' : 'broken' } : {};
}

/**
 * The HTTPS server of a phone's services (Extension Mobility, directories): the tomcat of the first node of
 * the CallManager group its configuration names [S125DEF] (§7.6). Security-by-Default phones only.
 */
export function servicesServer(phone: PhoneRuntime, ctx: Pick<BootContext, 'cluster'>): IdentityCertificate | undefined {
  const config = phone.config;
  if (!phone.model.securityByDefault || !config) return undefined;
  return ctx.cluster(config.cluster).nodes.get(config.callManagerGroup[0])?.identities.get('tomcat');
}

/** Whether the phone trusts its services' HTTPS server at `now`, from what it holds, its cached TVS answers or a TVS (https-decision.ts). */
export function servicesTrust(phone: PhoneRuntime, ctx: Pick<BootContext, 'cluster' | 'memo'>, now: number, tomcat = servicesServer(phone, ctx)): HttpsDecision | undefined {
  if (!tomcat) return undefined;
  const at = { cache: phone.tvsCache, now };
  return ctx.memo.httpsServer(phone, tomcat, at, () => decideHttpsServer(phone.itl, phone.ctl, tomcat.certificate.fingerprint, tvsServersFor(phone, ctx), at));
}

/**
 * A registered phone reaches its services' HTTPS server (its idle or directories URL) once after it boots —
 * a simplification: real phones do so when first used. The answer TVS gives goes into the cache, which
 * keeps the services working for 24 hours even if TVS can no longer be reached [SSECMIG logs].
 */
export function reachServices(phone: PhoneRuntime, ctx: BootContext, now: number): HttpsDecision | undefined {
  const tomcat = servicesServer(phone, ctx);
  const decision = servicesTrust(phone, ctx, now, tomcat);
  if (decision?.tvs) phone.tvsCache = ctx.memo.remember(phone.tvsCache, tomcat!.certificate.fingerprint, decision.tvs, now);
  return decision;
}

function register(
  phone: PhoneRuntime,
  configAccepted: boolean,
  served: { cluster: ClusterRuntime; node: NodeRuntime } | undefined,
  ctx: BootContext,
): Registration {
  const config = phone.config;
  const group = config ? config.callManagerGroup.map((n) => ctx.cluster(config.cluster).callManagerTarget(n)) : [];
  const registration = registerPhone({
    callManagerGroup: group,
    configAccepted,
    tftpServer: served && served.cluster.callManagerTarget(served.node.name),
    configSignatureFailure: ctx.assumptions.configSignatureFailure,
  });
  if (!registration.registered) return registration;
  // A refused TLS registration is a failed node: the phone goes on down its CallManager group [SPH7975].
  const cluster = ctx.cluster(registration.cluster);
  return registerDownTheGroup(failoverOrder(registration, group), (node) => registerAs(phone, cluster, node));
}

/**
 * The registration a CallManager node accepts from a phone that reaches it: TLS when the profile asks for
 * it and the phone holds the node's current certificate in its CTL and a trusted LSC (§7.5, §14 step 5).
 */
export function registerAs(phone: PhoneRuntime, cluster: ClusterRuntime, node: string): Registration {
  const secure = decideSecureRegistration({
    profile: phone.group.securityProfile,
    clusterMixedMode: cluster.security === 'mixed',
    heldCtl: phone.ctl,
    callManagerFingerprint: cluster.node(node).identity('CallManager').certificate.fingerprint,
    // Presented instead of the RSA certificate over "ECDSA only" ciphers (secure-registration.ts).
    callManagerEcdsaFingerprint: cluster.node(node).identities.get('CallManager-ECDSA')?.certificate.fingerprint,
    callManagerAddress: cluster.node(node).ip,
    ecdsaOnly: cluster.parameters.tlsCiphers === 'ECDSA only',
    phoneEcdsa: phone.group.ecdsa ?? phone.model.ecdsa,
    lsc: phone.lsc,
    trustedCapfFingerprints: cluster.trustedCapfFingerprints(node),
  });
  if (secure.mode === 'refused') return { registered: false, reason: 'secure-registration-refused', detail: secure.detail };
  return { registered: true, cluster: cluster.name, node, mode: secure.mode };
}
