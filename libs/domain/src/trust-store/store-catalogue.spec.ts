import {
  canonicalStoreName,
  deleteScopeOf,
  identityStores,
  isPublisherOnly,
  restartsAfterDelete,
  storeExistsIn,
  storeInfo,
  TRUST_STORE_NAMES,
  trustStores,
  uploadScopeOf,
  type TrustStoreName,
} from './store-catalogue';

describe('the catalogue of trust stores and identity certificates', () => {
  it('[chapter] lists the chapter\'s trust stores, and the AXL-only ones marked uncertain', () => {
    for (const name of ['tomcat-trust', 'CallManager-trust', 'IPSec-trust', 'CAPF-trust', 'Userlicensing-trust', 'TVS-trust', 'Phone-SAST-trust', 'Phone-CTL-trust'] as const) {
      expect(storeInfo(name).listedIn).toMatch(/^\[chapter\]/);
    }
    for (const name of ['Phone-trust', 'Phone-VPN-trust', 'directory-trust', 'Phone-CTL-ASA-trust'] as const) {
      expect(storeInfo(name).listedIn).toMatch(/\[uncertain/);
    }
  });

  it('cites a source for every fact', () => {
    const tagged = /\[(chapter|uncertain|S[A-Z0-9-]+)/;
    for (const store of [...trustStores(), ...identityStores()]) {
      const facts = Object.values(store).filter((v): v is { value: unknown; source: string } => typeof v === 'object' && v !== null && 'source' in v);
      expect(facts.length).toBeGreaterThan(2);
      for (const fact of facts) if (fact.source !== '—') expect(fact.source).toMatch(tagged);
    }
  });

  it('[chapter] finds a store whatever its casing, as Cisco\'s documents spell them both ways', () => {
    expect(canonicalStoreName('ipsec-trust')).toBe('IPSec-trust');
    expect(canonicalStoreName(' USERLICENSING-TRUST ')).toBe('Userlicensing-trust');
    expect(canonicalStoreName('Phone-edge-trust')).toBe('Phone-Edge-trust');
    expect(canonicalStoreName('callmanager')).toBe('CallManager');
    expect(canonicalStoreName('CallManager-ECDSA')).toBe('CallManager-ECDSA');
    expect(canonicalStoreName('tomcat trust')).toBeUndefined();
  });

  it('[SCN] uploads to tomcat-trust, CallManager-trust, Phone-SAST-trust and directory-trust reach every node', () => {
    for (const name of ['tomcat-trust', 'CallManager-trust', 'Phone-SAST-trust', 'directory-trust'] as const) {
      expect(uploadScopeOf(name)).toBe('cluster');
    }
  });

  it('[chapter] an upload to CAPF-trust stays on its node', () => {
    expect(uploadScopeOf('CAPF-trust')).toBe('node');
    expect(storeInfo('CAPF-trust').upload.source).toMatch(/\[chapter\]/);
  });

  it('[uncertain] uploads to IPSec-trust, TVS-trust, Phone-VPN-trust and Userlicensing-trust stay on their node (inferred from [SCN])', () => {
    for (const name of ['IPSec-trust', 'TVS-trust', 'Phone-VPN-trust', 'Userlicensing-trust'] as const) {
      expect(uploadScopeOf(name)).toBe('node');
      expect(storeInfo(name).upload.source).toMatch(/\[uncertain – inferred/);
    }
  });

  it('[chapter] trustDeleteScope cluster: CAPF-trust, tomcat-trust, CallManager-trust and Phone-SAST-trust are deleted on every node, the rest on one', () => {
    const clusterWide = TRUST_STORE_NAMES.filter((n) => deleteScopeOf(n, 'cluster') === 'cluster');
    expect(clusterWide.sort()).toEqual(['CAPF-trust', 'CallManager-trust', 'Phone-Edge-trust', 'Phone-SAST-trust', 'tomcat-trust']);
  });

  it('[SREGEN] trustDeleteScope node: every store is deleted node by node, except publisher-only Phone-Edge-trust', () => {
    const clusterWide = TRUST_STORE_NAMES.filter((n) => deleteScopeOf(n, 'node') === 'cluster');
    expect(clusterWide).toEqual(['Phone-Edge-trust']);
  });

  it('[chapter] Phone-Edge-trust is publisher-only; the CAPF identity from 14 [SREGEN]', () => {
    expect(isPublisherOnly('Phone-Edge-trust')).toBe(true);
    expect(isPublisherOnly('tomcat-trust')).toBe(false);
    expect(isPublisherOnly('CAPF')).toBe(true);
    expect(isPublisherOnly('CAPF', '14')).toBe(true);
    expect(isPublisherOnly('CAPF', '12.5(1)SU3')).toBe(false);
  });

  it('[SREGEN] names the services to restart after a delete', () => {
    const restarts = Object.fromEntries(TRUST_STORE_NAMES.map((n) => [n, restartsAfterDelete(n)]).filter(([, s]) => s.length > 0));
    expect(restarts).toEqual({ 'tomcat-trust': ['tomcat'], 'IPSec-trust': ['drf-master', 'drf-local'], 'CAPF-trust': ['capf'] } satisfies Partial<Record<TrustStoreName, string[]>>);
  });

  it('[chapter] [SREGEN] says where an identity\'s CA chain goes, and which identities can be CA-signed or multi-server', () => {
    expect(storeInfo('CallManager').chainStores.value).toEqual(['CallManager-trust']);
    expect(storeInfo('CallManager-ECDSA').chainStores.value).toEqual(['CallManager-trust']);
    expect(storeInfo('tomcat').chainStores.value).toEqual(['tomcat-trust']);
    expect(storeInfo('CAPF').chainStores.value).toEqual(['CAPF-trust', 'CallManager-trust']);
    expect(identityStores().filter((s) => s.multiServer.value).map((s) => s.name)).toEqual(['CallManager', 'CallManager-ECDSA', 'tomcat', 'tomcat-ECDSA']);
    expect(identityStores().filter((s) => !s.caSignable.value).map((s) => s.name)).toEqual(['ITLRecovery']);
  });

  it('[SREGEN] [SPROXY] knows when stores appeared', () => {
    expect(storeExistsIn('CallManager-ECDSA', '10.5(2)')).toBe(false);
    expect(storeExistsIn('CallManager-ECDSA', '11.0')).toBe(true);
    expect(storeExistsIn('Phone-Edge-trust', '14')).toBe(false);
    expect(storeExistsIn('Phone-Edge-trust', '14SU1')).toBe(true);
    expect(storeExistsIn('Phone-Edge-trust')).toBe(true);
  });
});
