import { ROLE_NAMES, TrustRole, isTrustRole, trustRoleName } from './roles';

describe('trust roles (trust-file-format.md, record tag 4)', () => {
  it('uses the wire values of the format', () => {
    expect(TrustRole).toEqual({ SAST: 0, CCM: 1, CCM_TFTP: 2, TFTP: 3, CAPF: 4, APP_SERVER: 7, TVS: 21 });
  });

  it('names roles as `show itl` prints them, and unknown values visibly', () => {
    expect([0, 1, 2, 3, 4, 7, 21].map(trustRoleName)).toEqual(['SAST', 'CCM', 'CCM+TFTP', 'TFTP', 'CAPF', 'APP-SERVER', 'TVS']);
    expect(ROLE_NAMES[TrustRole.CCM_TFTP]).toBe('CCM+TFTP');
    expect(trustRoleName(5)).toBe('UNKNOWN(5)');
    expect(isTrustRole(21)).toBe(true);
    expect(isTrustRole(5)).toBe(false);
  });
});
