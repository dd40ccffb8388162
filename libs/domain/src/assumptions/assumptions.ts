/**
 * Where public documentation is silent or disagrees (docs/trust-model.md §16), the simulator follows a
 * named assumption with a default; a scenario may set it (docs/scenario-language.md, "Assumptions").
 * Every rule that depends on one reads it from here, so `--all-assumptions` can vary them.
 */
import { PHONE_MODEL_ASSUMPTIONS } from './phone-model-assumptions';
import { TIMING_ASSUMPTIONS } from './timing-assumptions';
import { TRUST_LIST_ASSUMPTIONS } from './trust-list-assumptions';

export interface AssumptionDefinition<V extends string | boolean = string | boolean> {
  name: string;
  values: readonly V[];
  default: V;
  /** What each reading rests on. */
  sources: string;
}

export const ASSUMPTIONS = {
  tvsVouchesForOwnItlRecovery: {
    name: 'tvsVouchesForOwnItlRecovery',
    values: [false, true],
    default: false,
    sources:
      'false: the chapter and the 12.5 guide regenerate ITLRecovery in two reset rounds [chapter] [S125DEF]; ' +
      'true: TAC 214231 (15) resets once, implying TVS vouches for it [SREGEN] (§16.2)',
  },
  trustDeleteScope: {
    name: 'trustDeleteScope',
    values: ['cluster', 'node'],
    default: 'cluster',
    sources: 'cluster: the chapter (14/15) [chapter]; node: TAC 214231 [SREGEN] (§16.3)',
  },
  configSignatureFailure: {
    name: 'configSignatureFailure',
    values: ['degraded', 'unregistered'],
    default: 'degraded',
    sources:
      'degraded: the phone "very likely" still registers with its stale configuration [SMIGC] [SITL10]; ' +
      'unregistered: the stricter reading (§16.6)',
  },
  itlRecoveryRegenerationResigns: {
    name: 'itlRecoveryRegenerationResigns',
    values: ['immediately', 'at-tftp-restart'],
    default: 'immediately',
    sources:
      'immediately: TFTP rebuilds the ITL when its content changes [S125DEF §4.4]; at-tftp-restart: the documented ' +
      'procedure applies the new key at the TFTP restart [chapter] (§4.4 marks this uncertain)',
  },
  ocspRevokedWithoutCommonCriteria: {
    name: 'ocspRevokedWithoutCommonCriteria',
    values: ['refused', 'accepted'],
    default: 'refused',
    sources:
      'refused: what §13 recommends — a revoked peer should not connect; accepted: the chapter only says that with ' +
      'Common Criteria off an Unknown answer succeeds, and is silent on Revoked [chapter] (§13)',
  },
  tvsCacheAcrossReset: {
    name: 'tvsCacheAcrossReset',
    values: ['cleared', 'kept'],
    default: 'cleared',
    sources:
      'the phone keeps positive TVS answers for 24 hours [SSECMIG logs]; no source says whether they outlive a reset. ' +
      'cleared: the cache is in the phone\'s memory and a reboot empties it (the safer reading for a rehearsal); ' +
      'kept: answers from before a reset still settle questions for their 24 hours (§6)',
  },
  itlRecoveryInItlBefore12: {
    name: 'itlRecoveryInItlBefore12',
    values: [true, false],
    default: true,
    sources:
      'whether a 10.x/11.x ITL (signed by the TFTP node\'s CallManager) lists ITLRecovery as SAST. The 12.5 guide\'s two ' +
      'lists disagree: "Initial Trust List" opens with "ITLRecovery Certificate—This certificate signs the ITL File", ' +
      '"ITL File Contents" lists only the TFTP server\'s CallManager, the TVS and CAPF certificates [S125DEF]; nothing ' +
      'shows a 10.x/11.x ITL. true: listed (ITLRecovery exists from 10.0 for `utils itl reset` [SITL10], which helps ' +
      'only phones that trust it; upgrades to 12.x, whose ITL ITLRecovery signs, are not known to lock phones); ' +
      'false: not listed, so the first ITLRecovery-signed ITL after an upgrade needs TVS (§4.2, §4.3)',
  },
  // Issue 14's readings live in files of their own, by topic: timing, trust lists, phone models.
  ...TIMING_ASSUMPTIONS,
  ...TRUST_LIST_ASSUMPTIONS,
  ...PHONE_MODEL_ASSUMPTIONS,
} as const satisfies Record<string, AssumptionDefinition>;

export type AssumptionName = keyof typeof ASSUMPTIONS;

export type Assumptions = { [K in AssumptionName]: (typeof ASSUMPTIONS)[K]['values'][number] };

export function defaultAssumptions(): Assumptions {
  const out: Record<string, unknown> = {};
  for (const def of Object.values(ASSUMPTIONS)) out[def.name] = def.default;
  return out as Assumptions;
}

export class UnknownAssumptionError extends Error {}

/** Defaults overridden by what a scenario sets; unknown names or values are refused. */
export function resolveAssumptions(set: Record<string, string | boolean>): Assumptions {
  const resolved = defaultAssumptions() as Record<string, unknown>;
  for (const [name, value] of Object.entries(set)) {
    const def = (ASSUMPTIONS as Record<string, AssumptionDefinition>)[name];
    if (!def) throw new UnknownAssumptionError(`unknown assumption "${name}" (known: ${Object.keys(ASSUMPTIONS).join(', ')})`);
    if (!def.values.includes(value)) {
      throw new UnknownAssumptionError(`assumption ${name}: ${String(value)} is not one of ${def.values.join(', ')}`);
    }
    resolved[name] = value;
  }
  return resolved as Assumptions;
}

/** For the scenario validator: every assumption and the values it accepts. */
export function assumptionCatalogue(): Record<string, readonly (string | boolean)[]> {
  return Object.fromEntries(Object.values(ASSUMPTIONS).map((d) => [d.name, d.values]));
}
