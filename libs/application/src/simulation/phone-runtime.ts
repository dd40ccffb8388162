import { PhoneModel, Registration, TrustListView, TvsCache } from '@trustsim/domain';
import { PhoneGroupSpec } from '@trustsim/scenarios';

export interface NodeAddress {
  cluster: string;
  node: string;
}

/** The configuration a phone runs: where it came from and the CallManager group (= TVS list) it names. */
export interface HeldConfig {
  cluster: string;
  callManagerGroup: readonly string[];
  fileId: string;
}

/** A locally significant certificate, by the CAPF certificate that issued it (shared by the phones it issued). */
export interface Lsc {
  cluster: string;
  issuerFingerprint: string;
  /** When CAPF issued it (ISO): with the phone's name and issuer, what its certificate is made from (PhoneCertificates). */
  issuedAt: string;
}

/** A CAPF operation set on the phone's page; the phone carries it out at its next boot (§8). */
export interface PendingCapf {
  cluster: string;
  operation: 'install' | 'delete';
  authMode: string;
  keyOrder?: string;
  keySize?: number;
  /** Secure Onboarding: the MIC is validated against the store the release uses for onboarding (mic-validation.ts). */
  onboarding?: true;
}

/** One phone's state during a run. Kept small: a 40,000-phone cluster holds 40,000 of these. */
export class PhoneRuntime {
  powered: boolean;
  itl?: TrustListView;
  /** The CTL it holds (mixed mode) [S125CTL]. */
  ctl?: TrustListView;
  lastCtl?: 'accepted' | 'trust-list-update-failed';
  lsc?: Lsc;
  capf?: PendingCapf;
  /** Logged in through EMCC: the visiting cluster's DHCP option 150, to go back to at logout. */
  emccVisitingTftp?: NodeAddress[];
  config?: HeldConfig;
  lastItl?: 'accepted' | 'trust-list-update-failed';
  lastConfig?: 'accepted' | 'rejected';
  /** The TVS answer behind its last trust-list decision, when it had to ask ("old/sub1 vouched"). */
  lastTvs?: string;
  registration?: Registration;
  /** Positive TVS answers it keeps for 24 hours [SSECMIG logs]; shared by phones that got them together. */
  tvsCache?: TvsCache;
  /** Its event stream (set when the run provisions it). */
  stream = '';
  /** DHCP option 150: the TFTP servers it asks, in order. */
  tftp: NodeAddress[];

  /** What selectors match on (see expectations.ts). */
  readonly key: { name: string; group: string; model: string; cluster: string };

  constructor(
    readonly name: string,
    readonly group: PhoneGroupSpec,
    readonly model: PhoneModel,
  ) {
    this.key = { name, group: group.group, model: model.model, cluster: group.cluster };
    this.powered = group.power === 'on';
    this.tftp = dhcpOf(group);
  }
}

const groupDhcp = new WeakMap<PhoneGroupSpec, NodeAddress[]>();

/** A group's DHCP option 150 list, one array shared by its phones (checkpoints and memo keys look at it by identity). */
function dhcpOf(group: PhoneGroupSpec): NodeAddress[] {
  let list = groupDhcp.get(group);
  if (!list) groupDhcp.set(group, (list = group.tftp.map((node) => ({ cluster: group.cluster, node }))));
  return list;
}
