import { needsManualTrustListDelete, phoneStatus, PhoneStatusFacts } from './phone-status';

const healthy: PhoneStatusFacts = {
  poweredOn: true,
  securityByDefault: true,
  registered: true,
  holdsServedTrustList: true,
  wouldAcceptServedTrustList: true,
  configCurrent: true,
};

describe('a phone\'s status [scenario-language Outcomes]', () => {
  it('is trusted when it holds what TFTP serves, runs the current configuration and is registered', () => {
    expect(phoneStatus(healthy)).toBe('trusted');
  });

  it('is off when powered off, whatever else', () => {
    expect(phoneStatus({ ...healthy, poweredOn: false, wouldAcceptServedTrustList: false })).toBe('off');
  });

  it('[SITL10] [SREGEN-T] is locked when its next reset would refuse the served ITL: only a manual delete or a cluster-side restore helps', () => {
    const facts = { ...healthy, holdsServedTrustList: false, wouldAcceptServedTrustList: false };
    expect(phoneStatus(facts)).toBe('locked');
    expect(needsManualTrustListDelete(facts)).toBe(true);
  });

  it('[SMIGC] is degraded when registered with a stale configuration', () => {
    expect(phoneStatus({ ...healthy, configCurrent: false })).toBe('degraded');
  });

  it('is degraded when not yet reset since its TFTP started serving a new ITL it would accept', () => {
    expect(phoneStatus({ ...healthy, holdsServedTrustList: false })).toBe('degraded');
  });

  it('is unregistered when it cannot register and is not locked', () => {
    expect(phoneStatus({ ...healthy, registered: false })).toBe('unregistered');
  });

  it('[STOKENLESS] a device without Security by Default ignores the ITL: never locked by it', () => {
    const legacy = { ...healthy, securityByDefault: false, holdsServedTrustList: false, wouldAcceptServedTrustList: false };
    expect(phoneStatus(legacy)).toBe('trusted');
    expect(needsManualTrustListDelete(legacy)).toBe(false);
  });
});

describe('a phone whose TFTP serves a trust list too big to load [S125DEF]', () => {
  it('[S125DEF] is unregistered, not locked: its registration fails, and deleting its ITL would not help', () => {
    const facts = { ...healthy, registered: false, holdsServedTrustList: false, wouldAcceptServedTrustList: false, servedTrustListTooLarge: true };
    expect(phoneStatus(facts)).toBe('unregistered');
    expect(needsManualTrustListDelete(facts)).toBe(false);
  });
});

describe('[scenario-language Outcomes] a phone still registered on stale settings whose next reset would refuse the same trust list', () => {
  it('is locked, not degraded', () => {
    const facts = { ...healthy, registered: true, configCurrent: false, holdsServedTrustList: false, wouldAcceptServedTrustList: false };
    expect(phoneStatus(facts)).toBe('locked');
    expect(needsManualTrustListDelete(facts)).toBe(true);
  });
});
