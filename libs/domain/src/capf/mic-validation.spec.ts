import { parseRelease } from '../release/release';
import { MIC_ROOT_STORES, micValidationStore } from './mic-validation';

describe('which store validates a phone MIC', () => {
  it('[chapter] CUCM ships the MIC roots in CallManager-trust and CAPF-trust', () => {
    expect(MIC_ROOT_STORES).toEqual(['CallManager-trust', 'CAPF-trust']);
  });

  it('[chapter] Secure Onboarding uses CallManager-trust up to 12.5(1)SU2 and CAPF-trust from 12.5(1)SU3', () => {
    expect(micValidationStore(parseRelease('11.5(1)SU9'), 'secure-onboarding')).toBe('CallManager-trust');
    expect(micValidationStore(parseRelease('12.5(1)SU2'), 'secure-onboarding')).toBe('CallManager-trust');
    expect(micValidationStore(parseRelease('12.5(1)SU3'), 'secure-onboarding')).toBe('CAPF-trust');
    expect(micValidationStore(parseRelease('14SU2'), 'secure-onboarding')).toBe('CAPF-trust');
  });

  it('[chapter] a CAPF operation authenticated by the MIC uses the roots that stay in CAPF-trust, on every release', () => {
    expect(micValidationStore(parseRelease('11.5(1)SU9'), 'capf-operation')).toBe('CAPF-trust');
    expect(micValidationStore(parseRelease('15'), 'capf-operation')).toBe('CAPF-trust');
  });
});
