import { PhoneModel, Registration, TrustListView } from '@trustsim/domain';
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

/** One phone's state during a run. Kept small: a 40,000-phone cluster holds 40,000 of these. */
export class PhoneRuntime {
  powered: boolean;
  itl?: TrustListView;
  config?: HeldConfig;
  lastItl?: 'accepted' | 'trust-list-update-failed';
  lastConfig?: 'accepted' | 'rejected';
  /** The TVS answer behind its last trust-list decision, when it had to ask ("old/sub1 vouched"). */
  lastTvs?: string;
  registration?: Registration;
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
    this.tftp = group.tftp.map((node) => ({ cluster: group.cluster, node }));
  }
}
