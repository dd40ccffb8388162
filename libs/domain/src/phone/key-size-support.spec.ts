import { defaultAssumptions } from '../assumptions/assumptions';
import { decideCallManagerKeySize, knownKeySizeSupport } from './key-size-support';

const RSA = (bits: number) => ({ type: 'RSA' as const, bits });
const unknown8845 = { model: 'unknown' as const, modelName: 'CP-8845', assumptions: defaultAssumptions() };

describe('whether a phone handles the key of a CallManager certificate [chapter] (§3, §16.9)', () => {
  it('[chapter] up to 2048 bits, or an EC key, every phone handles it: the warning starts above 2048', () => {
    expect(decideCallManagerKeySize(RSA(2048), unknown8845)).toEqual({ supported: true });
    expect(decideCallManagerKeySize({ type: 'EC', bits: 384 }, unknown8845)).toEqual({ supported: true });
  });

  it('[chapter] given a phone group that says keySizes [2048], when its CallManager is 4096 bits, then it is refused on the group\'s word', () => {
    const decision = decideCallManagerKeySize(RSA(4096), { ...unknown8845, group: [2048] });
    expect(decision).toMatchObject({ supported: false, basis: 'group' });
    expect(decideCallManagerKeySize(RSA(4096), { ...unknown8845, group: [2048, 3072, 4096] })).toEqual({ supported: true });
  });

  it('[chapter] the catalogue decides where the group is silent', () => {
    expect(decideCallManagerKeySize(RSA(3072), { ...unknown8845, model: [2048, 3072] })).toEqual({ supported: true });
    expect(decideCallManagerKeySize(RSA(4096), { ...unknown8845, model: [2048, 3072] })).toMatchObject({ supported: false, basis: 'catalogue' });
  });

  it('[§16.9] a model nobody describes is taken as not handling 3072/4096 by default, and as handling it under up-to-4096 (assumption unknownModelKeySizes)', () => {
    const refused = decideCallManagerKeySize(RSA(4096), unknown8845);
    expect(refused).toMatchObject({ supported: false, basis: 'assumption' });
    expect(refused.supported === false && refused.detail).toMatch(/unknownModelKeySizes = 2048-only/);
    expect(decideCallManagerKeySize(RSA(4096), { ...unknown8845, assumptions: { unknownModelKeySizes: 'up-to-4096' } })).toEqual({ supported: true });
  });

  it('[chapter] without the assumption, an unknown model is unknown (what trustsim check reports)', () => {
    expect(knownKeySizeSupport(RSA(4096), { model: 'unknown', modelName: 'CP-8845' })).toEqual({ answer: 'unknown' });
    expect(knownKeySizeSupport(RSA(2048), { model: 'unknown', modelName: 'CP-8845' })).toEqual({ answer: 'yes' });
  });
});
