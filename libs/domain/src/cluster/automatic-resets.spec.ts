import { certificateUpdateResetsPhones } from './automatic-resets';

describe('Phone Interaction on Certificate Update [SREL14] [S14]', () => {
  it('resets phones after a TVS, CAPF, CallManager or ITLRecovery update when automatic', () => {
    for (const purpose of ['TVS', 'CAPF', 'CallManager', 'ITLRecovery']) expect(certificateUpdateResetsPhones(purpose, 'automatic')).toBe(true);
  });

  it('leaves phones alone when manual, and after a tomcat update', () => {
    expect(certificateUpdateResetsPhones('TVS', 'manual')).toBe(false);
    expect(certificateUpdateResetsPhones('tomcat', 'automatic')).toBe(false);
  });
});
