import {
  Assumptions,
  ConfigDecision,
  ConfigFileView,
  decideConfig,
  decideTrustList,
  registerPhone,
  Registration,
  TrustListDecision,
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
}

/**
 * Phones in the same situation (same held file, same offered file, same TVS list, same cluster state)
 * reach the same decision: decide once, share the result and its event payload. The memo is cleared
 * whenever a cluster changes.
 */
export class DecisionMemo {
  private readonly trustLists = new Map<string, { decision: TrustListDecision; event: [string, unknown] }>();
  private readonly configs = new Map<string, { decision: ConfigDecision; event: [string, unknown] }>();
  decisions = 0;

  clear(): void {
    this.trustLists.clear();
    this.configs.clear();
  }

  trustList(key: string, decide: () => TrustListDecision, offeredId: string, fileName: string, signer?: string) {
    let hit = this.trustLists.get(key);
    if (!hit) {
      this.decisions++;
      const decision = decide();
      const event: [string, unknown] = decision.accepted
        ? ['ItlAccepted', { file: offeredId, fileName, signer, via: decision.via, ...tvsPart(decision.tvs) }]
        : ['TrustListUpdateFailed', { file: offeredId, fileName, signer, reason: decision.reason, ...(decision.detail ? { detail: decision.detail } : {}), ...tvsPart(decision.tvs) }];
      this.trustLists.set(key, (hit = { decision, event }));
    }
    return hit;
  }

  config(key: string, decide: () => ConfigDecision, file: ConfigFileView) {
    let hit = this.configs.get(key);
    if (!hit) {
      this.decisions++;
      const decision = decide();
      const event: [string, unknown] = decision.accepted
        ? ['ConfigAccepted', { file: file.id, signer: file.signerFingerprint, via: decision.via, ...tvsPart(decision.tvs) }]
        : ['ConfigRejected', { file: file.id, signer: file.signerFingerprint, reason: decision.reason, ...tvsPart(decision.tvs) }];
      this.configs.set(key, (hit = { decision, event }));
    }
    return hit;
  }
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

/** The TVS servers a phone asks: the CallManager group of the configuration it runs [STOKENLESS] [SBULK]. */
export function tvsServersFor(phone: PhoneRuntime, ctx: Pick<BootContext, 'cluster'>): TvsServer[] {
  if (!phone.config) return [];
  const cluster = ctx.cluster(phone.config.cluster);
  return phone.config.callManagerGroup.map((n) => cluster.tvsServer(n)).filter((s): s is TvsServer => !!s);
}

export function tvsKey(phone: PhoneRuntime): string {
  return phone.config ? `${phone.config.cluster}:${phone.config.callManagerGroup.join(',')}` : '-';
}

/** The configuration content a cluster serves a phone: its CallManager group and security profile. */
export function configContent(phone: PhoneRuntime): string {
  return `<device><group>${phone.group.group}</group><callManagerGroup>${phone.group.callManagerGroup.join(',')}</callManagerGroup><securityProfile>${phone.group.securityProfile}</securityProfile></device>`;
}

/**
 * One boot of a phone after a reset or power-on (domain-reference §7, §14): download the ITL and decide
 * whether to install it, download the configuration and decide whether to apply it, then register.
 * A device without Security by Default skips the trust list and takes the unsigned configuration.
 */
export function bootPhone(phone: PhoneRuntime, cause: string, ctx: BootContext): void {
  const served = tftpFor(phone, ctx);
  ctx.record(phone, 'PhoneReset', served ? { cause, tftp: { cluster: served.cluster.name, node: served.node.name } } : { cause, tftp: null });
  let configAccepted = false;
  if (served) {
    const sbd = phone.model.securityByDefault;
    if (sbd) {
      const offered = served.node.itl!.view;
      const key = `${phone.itl?.id ?? '-'}|${offered.id}|${tvsKey(phone)}`;
      const { decision, event } = ctx.memo.trustList(
        key,
        () => decideTrustList(phone.itl, offered, tvsServersFor(phone, ctx)),
        offered.id,
        offered.fileName,
        offered.signerFingerprint,
      );
      ctx.record(phone, event[0], event[1]);
      phone.lastItl = decision.accepted ? 'accepted' : 'trust-list-update-failed';
      if (decision.accepted) phone.itl = offered;
    }
    const file = served.cluster.configFile(served.node, configContent(phone));
    const { decision, event } = sbd
      ? ctx.memo.config(`${phone.itl?.id ?? '-'}|${file.id}|${tvsKey(phone)}`, () => decideConfig(phone.itl, file, tvsServersFor(phone, ctx)), file)
      : ctx.memo.config(`unsigned|${file.id}`, () => ({ accepted: true, via: 'unsigned' }), file);
    ctx.record(phone, event[0], event[1]);
    configAccepted = decision.accepted;
    phone.lastConfig = decision.accepted ? 'accepted' : 'rejected';
    if (decision.accepted) {
      phone.config = { cluster: served.cluster.name, callManagerGroup: phone.group.callManagerGroup, fileId: file.id };
    }
  }
  const registration = register(phone, configAccepted, served, ctx);
  phone.registration = registration;
  ctx.record(
    phone,
    registration.registered ? 'PhoneRegistered' : 'PhoneRegistrationFailed',
    registration.registered ? { cluster: registration.cluster, node: registration.node, mode: registration.mode } : { reason: registration.reason },
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
  return registerPhone({
    callManagerGroup: group,
    configAccepted,
    tftpServer: served && served.cluster.callManagerTarget(served.node.name),
    configSignatureFailure: ctx.assumptions.configSignatureFailure,
  });
}
