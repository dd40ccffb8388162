import { parseRelease } from '../release/release';
import { ctlRecords, ctlSigner } from './ctl-plan';

const cert = (node: string, purpose: string) => ({ fingerprint: `${node}-${purpose}`, node, purpose });
const input = {
  publisherCallManager: cert('pub', 'CallManager'),
  callManagers: [cert('pub', 'CallManager'), cert('sub1', 'CallManager')],
  itlRecovery: cert('pub', 'ITLRecovery'),
  capf: cert('pub', 'CAPF'),
  phoneSast: [cert('other', 'CallManager')],
};

describe('the tokenless CTL (mixed mode)', () => {
  it('[S125CTL] [SREGEN] is signed by CallManager up to 11.5 and by ITLRecovery from 12.0', () => {
    expect(ctlSigner(parseRelease('11.5(1)SU9'), 'normal')).toBe('CallManager');
    expect(ctlSigner(parseRelease('12.0(1)'), 'normal')).toBe('ITLRecovery');
  });

  it('[S125DEF] [chapter] after utils ctl reset localkey the CallManager key signs until the next update', () => {
    expect(ctlSigner(parseRelease('14SU2'), 'reset-localkey')).toBe('CallManager');
  });

  it('[S125CTL] carries ITLRecovery as a second SAST from 10.5(2), never TVS, and Phone-SAST-trust as SAST', () => {
    const roles = ctlRecords(parseRelease('12.5(1)SU3'), input).map((r) => `${r.certificate.fingerprint}:${r.role}`);
    expect(roles).toEqual(['pub-CallManager:SAST', 'pub-ITLRecovery:SAST', 'pub-CallManager:CCM+TFTP', 'sub1-CallManager:CCM+TFTP', 'pub-CAPF:CAPF', 'other-CallManager:SAST']);
    expect(ctlRecords(parseRelease('10.5(1)'), input).some((r) => r.certificate.purpose === 'ITLRecovery')).toBe(false);
    expect(roles.some((r) => r.includes('TVS'))).toBe(false);
  });
});
