/**
 * The phone-model catalogue, as data with its sources. `securityByDefault: false` means the device
 * ignores the ITL (and cannot use TVS) [STOKENLESS] [S125CTL] (domain-reference §7, last paragraph).
 * The trust-model issue completes this table; a scenario names models from it.
 */
export interface PhoneModel {
  model: string;
  securityByDefault: boolean;
  source: string;
}

const MODELS: PhoneModel[] = [
  { model: 'CP-8845', securityByDefault: true, source: '[SPH88] 8800 series: ITL, "Trust List update failed" status' },
  { model: 'CP-7960', securityByDefault: false, source: '[STOKENLESS] [S125CTL]: 7940/7960 ignore the ITL' },
];

const BY_NAME = new Map(MODELS.map((m) => [m.model, m]));

export function phoneModel(name: string): PhoneModel | undefined {
  return BY_NAME.get(name);
}

export function knownPhoneModels(): string[] {
  return MODELS.map((m) => m.model);
}
