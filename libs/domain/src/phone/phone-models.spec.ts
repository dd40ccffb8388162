import { knownPhoneModels, phoneModel } from './phone-models';

describe('the phone-model catalogue', () => {
  it('[SPH88] 8800 series phones check the ITL (Security by Default)', () => {
    expect(phoneModel('CP-8845')?.securityByDefault).toBe(true);
  });

  it('[STOKENLESS] [S125CTL] 7940/7960 and the 793x conference phones ignore it', () => {
    for (const m of ['CP-7940', 'CP-7960', 'CP-7936', 'CP-7937G']) expect(phoneModel(m)?.securityByDefault).toBe(false);
  });

  it('[chapter] [§16.9] says "unknown" for the CallManager key sizes a model handles where no source says, rather than guessing', () => {
    expect(knownPhoneModels().every((m) => phoneModel(m)!.rsaKeySizes === 'unknown')).toBe(true);
  });

  it('[chapter] phones of the 7900/8800 series carry a MIC for CAPF; the 7960 generation does not', () => {
    expect(phoneModel('CP-8845')!.mic).toBe(true);
    expect(phoneModel('CP-7965G')!.mic).toBe(true);
    expect(phoneModel('CP-7960')!.mic).toBe(false);
  });

  it('every model names its source', () => {
    expect(knownPhoneModels().every((m) => /\[S[A-Z0-9]+\]/.test(phoneModel(m)!.source))).toBe(true);
  });
});
