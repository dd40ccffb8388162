import {
  Assumptions,
  CtlDecision,
  decideCtl,
  decideSecureRegistration,
  ConfigDecision,
  HttpsDecision,
  ConfigFileView,
  decideConfig,
  decideTrustList,
  registerPhone,
  Registration,
  TrustListDecision,
  TrustListView,
  TvsAttempt,
  TvsServer,
} from '@trustsim/domain';
import { ClusterRuntime, NodeRuntime } from './cluster-runtime';
import { PhoneRuntime } from './phone-runtime';

/** What the world gives a booting phone: its clusters, and memoized decisions shared by identical phones. */
export interface BootContext {
  cluster(name: string): ClusterRuntime;
  assumptions: Assumptions;
  memo: DecisionMemo;
  record(phone: PhoneRuntime, type: string, data: unknown): void;
  /** Carries out the phone's pending CAPF operation against that cluster's CAPF. */
  capf(phone: PhoneRuntime, cluster: ClusterRuntime): void;
}

/** Stands for "no trust list" or "no configuration" in memo keys. */
const NONE = {};

/** A three-level map keyed by object identity: cheap lookups, no key strings built per phone. */
class Memo3<V> {
  private readonly root = new Map<object, Map<object, Map<object, V>>>();

  get(a: object, b: object, c: object, make: () => V): V {
    let l1 = this.root.get(a);
    if (!l1) this.root.set(a, (l1 = new Map()));
    let l2 = l1.get(b);
    if (!l2) l1.set(b, (l2 = new Map()));
    let v = l2.get(c);
    if (v === undefined) l2.set(c, (v = make()));
    return v;
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
 * Phones in the same situation (same held file, same offered file, same configuration — hence the same
 * TVS list — and the same cluster state) reach the same decision: decide once, share the result and its
 * event payload. The memo is cleared whenever a cluster changes.
 */
export class DecisionMemo {
  private readonly ctls = new Memo3<Memoized<CtlDecision>>();
  private readonly trustLists = new Memo3<Memoized<TrustListDecision>>();
  private readonly configs = new Memo3<Memoized<ConfigDecision>>();
  private readonly https = new Memo3<HttpsDecision>();
  /** One key object per (ITL, CTL) pair a phone holds, so decisions stay keyed by three objects. */
  private readonly heldPairs = new Map<object, Map<object, object>>();
  decisions = 0;

  clear(): void {
    this.ctls.clear();
    this.trustLists.clear();
    this.configs.clear();
    this.https.clear();
  }

  /** Whether the phone trusts its services' HTTPS server (a dry run for its outcome; no event). */
  httpsServer(phone: PhoneRuntime, server: object, decide: () => HttpsDecision): HttpsDecision {
    return this.https.get(this.held(phone), server, phone.config ?? NONE, () => {
      this.decisions++;
      return decide();
    });
  }

  private held(phone: PhoneRuntime): object {
    const itl = phone.itl ?? NONE;
    const ctl = phone.ctl ?? NONE;
    let byCtl = this.heldPairs.get(itl);
    if (!byCtl) this.heldPairs.set(itl, (byCtl = new Map()));
    let key = byCtl.get(ctl);
    if (!key) byCtl.set(ctl, (key = {}));
    return key;
  }

  ctl(phone: PhoneRuntime, offered: TrustListView, decide: () => CtlDecision): Memoized<CtlDecision> {
    return this.trustFile(this.ctls, phone, offered, decide, ['CtlAccepted', 'CtlUpdateFailed']);
  }

  trustList(phone: PhoneRuntime, offered: TrustListView, decide: () => TrustListDecision): Memoized<TrustListDecision> {
    return this.trustFile(this.trustLists, phone, offered, decide, ['ItlAccepted', 'TrustListUpdateFailed']);
  }

  /** A CTL or ITL decision and its event (accepted, or the "Trust List Update Failed" of that file). */
  private trustFile<D extends CtlDecision | TrustListDecision>(memo: Memo3<Memoized<D>>, phone: PhoneRuntime, offered: TrustListView, decide: () => D, [accepted, failed]: [string, string]): Memoized<D> {
    return memo.get(this.held(phone), offered, phone.config ?? NONE, () => {
      this.decisions++;
      const decision = decide();
      const base = { file: offered.id, fileName: offered.fileName, signer: offered.signerFingerprint };
      const event: [string, unknown] = decision.accepted
        ? [accepted, { ...base, via: decision.via, ...tvsPart(decision.tvs) }]
        : [failed, { ...base, reason: decision.reason, ...(decision.detail ? { detail: decision.detail } : {}), ...tvsPart(decision.tvs) }];
      return { decision, event };
    });
  }

  config(phone: PhoneRuntime, file: ConfigFileView, decide: () => ConfigDecision): Memoized<ConfigDecision> {
    return this.configs.get(this.held(phone), file, phone.config ?? NONE, () => {
      this.decisions++;
      const decision = decide();
      const base = { file: file.id, signer: file.signerFingerprint };
      const event: [string, unknown] = decision.accepted
        ? ['ConfigAccepted', { ...base, via: decision.via, ...tvsPart(decision.tvs) }]
        : ['ConfigRejected', { ...base, reason: decision.reason, ...tvsPart(decision.tvs) }];
      return { decision, event };
    });
  }
}

const tvsSummaries = new WeakMap<readonly TvsAttempt[], string>();

/** "old/sub1 vouched", or every attempt when none vouched ("new/cm1 handshake-failed, new/cm2 unreachable"); shared per decision. */
function tvsSummary(tvs: readonly TvsAttempt[]): string {
  let text = tvsSummaries.get(tvs);
  if (!text) {
    const vouched = tvs.find((t) => t.outcome === 'vouched');
    text = vouched ? `${vouched.cluster}/${vouched.node} vouched` : tvs.map((t) => `${t.cluster}/${t.node} ${t.outcome}`).join(', ');
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
 * The files a phone is offered now. Usually the TFTP node's own cluster's: its ITL, the cluster's CTL and a
 * configuration it signs (a phone pointed at another cluster is taken as provisioned there [scenario-language]).
 * A proxy TFTP relays its remote cluster's trust lists but signs the configuration files itself, so phones
 * of that cluster must trust the proxy's CallManager certificate [SPROXY] (§11).
 */
export function servedFiles(phone: PhoneRuntime, ctx: Pick<BootContext, 'cluster'>): ServedFiles | undefined {
  const served = tftpFor(phone, ctx);
  if (!served) return undefined;
  const { cluster, node } = served;
  const home = phone.group.cluster;
  if (cluster.name !== home && cluster.proxyFor.size > 0 && cluster.proxyFor.has(home)) {
    const remote = ctx.cluster(home);
    const remoteTftp = remote.tftpNodes.find((n) => n.runs('tftp') && n.itl);
    if (remoteTftp) {
      return { cluster, node, itl: remoteTftp.itl!.view, ctl: remote.ctl?.view, config: cluster.proxiedConfigFile(node, phone.group, remote), configCluster: remote };
    }
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
 * whether to install it, download the configuration and decide whether to apply it, then register.
 * A device without Security by Default skips the trust list and takes the unsigned configuration.
 */
export function bootPhone(phone: PhoneRuntime, cause: string, ctx: BootContext): void {
  const served = servedFiles(phone, ctx);
  ctx.record(phone, 'PhoneReset', served ? { cause, tftp: { cluster: served.cluster.name, node: served.node.name } } : { cause, tftp: null });
  let configAccepted = false;
  if (served) {
    const sbd = phone.model.securityByDefault;
    // The CTL first (mixed mode), then the ITL checked against it (§7.2, §7.3, §14 steps 1–2).
    const offeredCtl = served.ctl;
    if (offeredCtl) {
      const { decision, event } = ctx.memo.ctl(phone, offeredCtl, () => decideCtl(phone.ctl, offeredCtl, phone.itl, tvsServersFor(phone, ctx), sbd));
      ctx.record(phone, event[0], event[1]);
      phone.lastCtl = decision.accepted ? 'accepted' : 'trust-list-update-failed';
      if (decision.tvs?.length) phone.lastTvs = tvsSummary(decision.tvs);
      if (decision.accepted) phone.ctl = offeredCtl;
    }
    if (sbd) {
      const offered = served.itl;
      const { decision, event } = ctx.memo.trustList(phone, offered, () => decideTrustList(phone.itl, offered, tvsServersFor(phone, ctx), phone.ctl));
      ctx.record(phone, event[0], event[1]);
      phone.lastItl = decision.accepted ? 'accepted' : 'trust-list-update-failed';
      if (decision.tvs?.length) phone.lastTvs = tvsSummary(decision.tvs);
      if (decision.accepted) phone.itl = offered;
    }
    const file = served.config;
    // A device without Security by Default ignores the ITL and cannot ask TVS, but checks a CTL it holds [STOKENLESS].
    const { decision, event } = ctx.memo.config(phone, file, () =>
      sbd ? decideConfig(phone.itl, file, tvsServersFor(phone, ctx), phone.ctl) : phone.ctl ? decideConfig(undefined, file, [], phone.ctl) : { accepted: true, via: 'unsigned' },
    );
    ctx.record(phone, event[0], event[1]);
    if (decision.tvs?.length) phone.lastTvs = tvsSummary(decision.tvs);
    configAccepted = decision.accepted;
    phone.lastConfig = decision.accepted ? 'accepted' : 'rejected';
    if (decision.accepted) phone.config = served.configCluster.heldConfig(phone.group, file);
    // A CAPF operation reaches the phone with its configuration (§8).
    if (phone.capf && decision.accepted && phone.capf.cluster === served.configCluster.name) ctx.capf(phone, served.configCluster);
  }
  const registration = register(phone, configAccepted, served, ctx);
  phone.registration = registration;
  ctx.record(
    phone,
    registration.registered ? 'PhoneRegistered' : 'PhoneRegistrationFailed',
    registration.registered ? { cluster: registration.cluster, node: registration.node, mode: registration.mode } : { reason: registration.reason, ...('detail' in registration ? { detail: registration.detail } : {}) },
  );
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
  const next = group.filter((t) => t.available && t.cluster === cluster.name).map((t) => t.node);
  let first: Registration | undefined;
  for (const node of [registration.node, ...next.filter((n) => n !== registration.node)]) {
    const attempt = registerAs(phone, cluster, node);
    if (attempt.registered) return attempt;
    first ??= attempt;
  }
  return first!;
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
    callManagerAddress: cluster.node(node).ip,
    ecdsaOnly: cluster.parameters.tlsCiphers === 'ECDSA only',
    phoneEcdsa: phone.group.ecdsa ?? phone.model.ecdsa,
    lsc: phone.lsc,
    trustedCapfFingerprints: cluster.trustedCapfFingerprints(node),
  });
  if (secure.mode === 'refused') return { registered: false, reason: 'secure-registration-refused', detail: secure.detail };
  return { registered: true, cluster: cluster.name, node, mode: secure.mode };
}
