import { compareReleases, InvalidReleaseError, isAtLeast, isBefore, parseRelease } from './release';
import { itlSignerPurpose, hasItlRecovery, hasEcdsaIdentities } from './release-profile';

describe('CUCM releases', () => {
  it('parses the forms administrators write', () => {
    expect(parseRelease('11.5(1)SU9')).toMatchObject({ major: 11, minor: 5, mr: 1, su: 9 });
    expect(parseRelease('14SU2')).toMatchObject({ major: 14, minor: 0, su: 2 });
    expect(parseRelease('15')).toMatchObject({ major: 15 });
  });

  it('orders them', () => {
    expect(compareReleases(parseRelease('12.5(1)SU2'), parseRelease('12.5(1)SU3'))).toBeLessThan(0);
    expect(isAtLeast(parseRelease('14'), '12.5(1)SU3')).toBe(true);
  });

  it('says whether a release is older than another (the end of a range is exclusive)', () => {
    expect(isBefore(parseRelease('12.5(1)SU2'), '12.5(1)SU3')).toBe(true);
    expect(isBefore(parseRelease('12.5(1)SU3'), '12.5(1)SU3')).toBe(false);
    expect(isBefore(parseRelease('12.0(1)SU3'), '12.5')).toBe(true);
  });

  it('refuses what is not a release, saying what is expected', () => {
    expect(() => parseRelease('twelve')).toThrow(InvalidReleaseError);
    expect(() => parseRelease('7.1')).toThrow(/8.0 to 15/);
  });

  it('[SREGEN] [S125DEF] the ITL is signed by CallManager up to 11.5 and by ITLRecovery from 12.0', () => {
    expect(itlSignerPurpose(parseRelease('11.5(1)SU9'))).toBe('CallManager');
    expect(itlSignerPurpose(parseRelease('12.0(1)'))).toBe('ITLRecovery');
    expect(itlSignerPurpose(parseRelease('15SU1'))).toBe('ITLRecovery');
  });

  it('[SREGEN] ECDSA identity certificates exist from 11.0', () => {
    expect(hasEcdsaIdentities(parseRelease('10.5(2)'))).toBe(false);
    expect(hasEcdsaIdentities(parseRelease('11.0(1)'))).toBe(true);
  });

  it('[SITL10] ITLRecovery exists from 10.0', () => {
    expect(hasItlRecovery(parseRelease('9.1(2)'))).toBe(false);
    expect(hasItlRecovery(parseRelease('10.0(1)'))).toBe(true);
  });
});
