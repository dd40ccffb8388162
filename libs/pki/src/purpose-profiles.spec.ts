import { CERTIFICATE_PURPOSES, multiServerNames, purposeExtensions, purposeProfile, PURPOSE_PROFILES } from './purpose-profiles';

describe('purpose profiles (chapter Table 3)', () => {
  it('holds Table 3 for the TLS identities: digitalSignature, keyEncipherment, dataEncipherment; server + client auth', () => {
    for (const purpose of ['CallManager', 'CallManager-ECDSA', 'tomcat', 'tomcat-ECDSA', 'TVS'] as const) {
      expect(PURPOSE_PROFILES[purpose]).toMatchObject({
        keyUsage: ['digitalSignature', 'keyEncipherment', 'dataEncipherment'],
        extKeyUsage: ['serverAuth', 'clientAuth'],
      });
      expect(PURPOSE_PROFILES[purpose].basicConstraints).toBeUndefined();
    }
    expect(PURPOSE_PROFILES.ipsec.extKeyUsage).toEqual(['serverAuth', 'clientAuth', 'ipsecEndSystem']);
  });

  it('makes CAPF a CA: CA:TRUE pathlen 0, digitalSignature + keyCertSign, publisher only', () => {
    expect(purposeExtensions('CAPF')).toEqual({
      keyUsage: ['digitalSignature', 'keyCertSign'],
      extKeyUsage: ['serverAuth'],
      basicConstraints: { ca: true, pathLen: 0 },
    });
    expect(PURPOSE_PROFILES.CAPF).toMatchObject({ publisherOnly: true, multiServer: false, keyType: 'RSA' });
  });

  it('marks ITLRecovery’s usages as an assumption (it is not in Table 3)', () => {
    expect(PURPOSE_PROFILES.ITLRecovery).toMatchObject({ keyUsage: ['digitalSignature', 'keyEncipherment'], extKeyUsage: ['serverAuth', 'clientAuth'] });
    expect(PURPOSE_PROFILES.ITLRecovery.assumption).toMatch(/not in Table 3/);
  });

  it('has multi-server only for CallManager, CallManager-ECDSA, tomcat and tomcat-ECDSA, and EC keys only for the -ECDSA ones', () => {
    expect(CERTIFICATE_PURPOSES.filter((purpose) => PURPOSE_PROFILES[purpose].multiServer)).toEqual([
      'CallManager',
      'CallManager-ECDSA',
      'tomcat',
      'tomcat-ECDSA',
    ]);
    expect(CERTIFICATE_PURPOSES.filter((purpose) => PURPOSE_PROFILES[purpose].keyType === 'EC')).toEqual(['CallManager-ECDSA', 'tomcat-ECDSA']);
  });

  it('builds the multi-server names: <host>-ms.<domain>, then every node', () => {
    expect(multiServerNames('CallManager', { host: 'cucmpub', domain: 'example.com', nodes: ['cucmpub', 'cucmsub1', 'cucmsub2.example.com'] })).toEqual({
      commonName: 'cucmpub-ms.example.com',
      subjectAltNames: ['cucmpub-ms.example.com', 'cucmpub.example.com', 'cucmsub1.example.com', 'cucmsub2.example.com'],
    });
  });

  it('refuses multi-server names where Table 3 says N, wildcards and bad names', () => {
    expect(() => multiServerNames('ipsec', { host: 'cucmpub', domain: 'example.com', nodes: ['a'] })).toThrow(
      'ipsec has no multi-server (SAN) certificate; only CallManager, CallManager-ECDSA, tomcat, tomcat-ECDSA do (chapter Table 3)',
    );
    expect(() => multiServerNames('tomcat', { host: 'cucmpub', domain: 'example.com', nodes: ['*.example.com'] })).toThrow(/wildcard/);
    expect(() => multiServerNames('tomcat', { host: 'cucm.pub', domain: 'example.com', nodes: ['a'] })).toThrow(/single DNS label/);
    expect(() => multiServerNames('tomcat', { host: 'cucmpub', domain: 'example.com', nodes: [] })).toThrow(/at least one node/);
    expect(() => purposeProfile('cup')).toThrow(/unknown certificate purpose "cup"/);
  });
});
