import type { AssumptionDefinition } from './assumptions';

/**
 * What the simulator takes for a phone model no source describes (issue 14). The model catalogue
 * (phone/key-size-support.ts) says per model what a source says; a phone group can say it for its own
 * phones (`keySizes:`); this reading covers the rest.
 */
export const PHONE_MODEL_ASSUMPTIONS = {
  unknownModelKeySizes: {
    name: 'unknownModelKeySizes',
    values: ['2048-only', 'up-to-4096'],
    default: '2048-only',
    sources:
      'the RSA key sizes of CallManager certificates a phone model handles, where neither the catalogue nor the phone ' +
      'group says: "Some phone models may fail to register if the RSA key length selected for the CallManager Certificate ' +
      'Purpose is greater than 2048"; the list of models is only in CURT\'s Unified CM Phone Feature List ("3072/4096 RSA ' +
      'key size support") [chapter] (§3, §16.9). 2048-only: such a model is taken as not supporting 3072/4096 (as an ' +
      'unknown ECDSA support is taken as none), so a rehearsal does not promise what nobody checked; up-to-4096: taken ' +
      'as supporting them',
  },
} as const satisfies Record<string, AssumptionDefinition>;
