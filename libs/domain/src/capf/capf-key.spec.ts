import { capfKeyChoice } from './capf-key';

describe('the key CAPF gives an LSC', () => {
  it('[S125PSP] [S125DEF] RSA Only: 2048 bits by default, 512–4096 when asked, nothing else', () => {
    expect(capfKeyChoice('RSA Only', undefined, 'unknown', 'CP-8845')).toEqual({ ok: true, keyType: 'RSA', keySize: 2048 });
    expect(capfKeyChoice('RSA Only', 4096, 'no', 'CP-8845')).toEqual({ ok: true, keyType: 'RSA', keySize: 4096 });
    expect(capfKeyChoice('RSA Only', 384, 'yes', 'CP-8845')).toMatchObject({ ok: false, reason: 'key-size-invalid' });
  });

  it('[S125PSP] EC Only: an EC key (256 by default) on a phone that supports it; refused on one that does not', () => {
    expect(capfKeyChoice('EC Only', undefined, 'yes', 'CP-8845')).toEqual({ ok: true, keyType: 'EC', keySize: 256 });
    expect(capfKeyChoice('EC Only', 521, 'yes', 'CP-8845')).toEqual({ ok: true, keyType: 'EC', keySize: 521 });
    expect(capfKeyChoice('EC Only', undefined, 'no', 'CP-7965G')).toMatchObject({ ok: false, reason: 'ec-unsupported' });
  });

  it('[§16.9] EC Only on a model no source describes: refused with what to set, not guessed', () => {
    expect(capfKeyChoice('EC Only', undefined, 'unknown', 'CP-8845')).toMatchObject({ ok: false, reason: 'ec-support-unknown', detail: expect.stringMatching(/ecdsa: yes \| no/) });
  });

  it('[S125PSP] EC Preferred, RSA Backup: EC where supported, RSA otherwise (said so when support is unknown)', () => {
    expect(capfKeyChoice('EC Preferred, RSA Backup', 384, 'yes', 'CP-8845')).toEqual({ ok: true, keyType: 'EC', keySize: 384 });
    expect(capfKeyChoice('EC Preferred, RSA Backup', undefined, 'no', 'CP-7965G')).toEqual({ ok: true, keyType: 'RSA', keySize: 2048 });
    expect(capfKeyChoice('EC Preferred, RSA Backup', 384, 'no', 'CP-7965G')).toEqual({ ok: true, keyType: 'RSA', keySize: 2048 });
    expect(capfKeyChoice('EC Preferred, RSA Backup', undefined, 'unknown', 'CP-8845')).toMatchObject({ ok: true, keyType: 'RSA', note: expect.stringMatching(/assumed/) });
  });
});
