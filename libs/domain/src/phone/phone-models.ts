/**
 * The phone-model catalogue, as data with its sources. `securityByDefault: false` means the device
 * ignores the ITL (and cannot use TVS) [STOKENLESS] [S125CTL] (domain-reference §7, last paragraph).
 * The trust-model issue completes this table; a scenario names models from it.
 */
export interface PhoneModel {
  model: string;
  securityByDefault: boolean;
  /**
   * The RSA key sizes of a CallManager certificate the model handles: "Some phone models may fail to
   * register if the RSA key length selected for the CallManager Certificate Purpose is greater than 2048";
   * which ones only CURT's Unified CM Phone Feature List ("3072/4096 RSA key size support") says
   * [chapter] (§3, §16.9). No public source available to trustsim names a model either way, so every model
   * is "unknown": a phone group says what its phones do (`keySizes`), otherwise assumption
   * unknownModelKeySizes decides (key-size-support.ts).
   */
  rsaKeySizes: readonly number[] | 'unknown';
  /**
   * A Manufacture Installed Certificate, for "By Existing Certificate" CAPF operations: installed "in
   * supported Cisco Unified IP Phones" [chapter]; the 6900/7900/8900/9900 series are told to move from MIC
   * to LSC [chapter]. The 7940/7960 generation predates MICs [uncertain: no source in the reference names them].
   */
  mic: boolean;
  /** EC keys for an LSC ("EC Only" CAPF key order): no source in the reference says, per model (§16.9); a phone group can. */
  ecdsa: 'yes' | 'no' | 'unknown';
  /** Highest TLS version, where a source says. */
  tls?: '1.0' | '1.2';
  source: string;
}

const SBD_8800 = '[SPH88] 8800 series: ITL and the "Trust List update failed" status';
const SBD_7900 = '[SPH7975] 7975/7965/7945 admin guide 9.0: CTL/ITL, signed configuration';
const NO_SBD = '[STOKENLESS] [S125CTL]: 7940/7960, 7935/7936/7937 ignore the ITL';

const MODELS: PhoneModel[] = [
  ...['CP-8811', 'CP-8841', 'CP-8845', 'CP-8851', 'CP-8861', 'CP-8865'].map((model) => ({ model, securityByDefault: true, mic: true, ecdsa: 'unknown' as const, rsaKeySizes: 'unknown' as const, tls: '1.2' as const, source: SBD_8800 })),
  ...['CP-7942G', 'CP-7945G', 'CP-7962G', 'CP-7965G', 'CP-7975G'].map((model) => ({ model, securityByDefault: true, mic: true, ecdsa: 'unknown' as const, rsaKeySizes: 'unknown' as const, tls: '1.0' as const, source: `${SBD_7900}; TLS 1.0 only [uncertain]` })),
  ...['CP-7940', 'CP-7960', 'CP-7936', 'CP-7937G'].map((model) => ({ model, securityByDefault: false, mic: false, ecdsa: 'unknown' as const, rsaKeySizes: 'unknown' as const, source: NO_SBD })),
];

const BY_NAME = new Map(MODELS.map((m) => [m.model, m]));

export function phoneModel(name: string): PhoneModel | undefined {
  return BY_NAME.get(name);
}

export function knownPhoneModels(): string[] {
  return MODELS.map((m) => m.model);
}
