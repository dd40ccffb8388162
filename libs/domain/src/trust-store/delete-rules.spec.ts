import { decideTrustDelete, type ClusterTrustStores, type DeletableEntry } from './delete-rules';

const entry = (serialHex: string, issuerCn?: string): DeletableEntry => ({
  serialHex,
  notBefore: new Date('2024-01-01T00:00:00Z'),
  fingerprint: `fp-${serialHex}`,
  issuer: issuerCn ? { CN: issuerCn } : undefined,
});

/** pub, sub1, sub2: the Example root replicated to every node's tomcat-trust; sub2 has none in CAPF-trust. */
function cluster(): ClusterTrustStores {
  const node = (extra: Record<string, Record<string, DeletableEntry>> = {}) =>
    new Map(
      Object.entries({
        'tomcat-trust': { 'Example Root CA': entry('2720'), 'Example Issuing CA': entry('3030', 'Example Root CA') },
        'CAPF-trust': { 'Cisco Root CA M2': entry('01') },
        'IPSec-trust': {},
        'Phone-Edge-trust': { 'Edge Root': entry('ed') },
        ...extra,
      }).map(([store, certs]) => [store, new Map(Object.entries(certs))]),
    );
  return {
    publisher: 'pub',
    nodes: new Map([
      ['pub', node({ 'IPSec-trust': { 'sub1.example.com': entry('5151') } })],
      ['sub1', node({ 'IPSec-trust': { 'pub.example.com': entry('9090') } })],
      ['sub2', node({ 'CAPF-trust': {} })],
    ]),
  };
}

describe('deleting a trust certificate', () => {
  it('[chapter] refuses to delete the system\'s own certificate: only trust certificates can be deleted', () => {
    const result = decideTrustDelete({ store: 'CallManager', commonName: 'cucm-pub', node: 'pub' }, cluster(), { trustDeleteScope: 'cluster' });
    expect(result).toMatchObject({ accepted: false, code: 'not-a-trust-certificate' });
    expect('reason' in result && result.reason).toMatch(/"cucm-pub" in CallManager is this system's own CallManager certificate/);
  });

  it('[chapter] refuses to delete what is not there, and says where it is', () => {
    const absent = decideTrustDelete({ store: 'tomcat-trust', commonName: 'Nobody', node: 'pub' }, cluster(), { trustDeleteScope: 'cluster' });
    expect(absent).toMatchObject({ accepted: false, code: 'certificate-not-found' });
    const elsewhere = decideTrustDelete({ store: 'CAPF-trust', commonName: 'Cisco Root CA M2', node: 'sub2' }, cluster(), { trustDeleteScope: 'cluster' });
    expect('reason' in elsewhere && elsewhere.reason).toMatch(/in CAPF-trust on sub2: nothing to delete\. It is on pub, sub1: delete it there/);
  });

  it('[chapter] trustDeleteScope cluster: a tomcat-trust certificate leaves every node holding it; Tomcat restarts there [SREGEN]', () => {
    const result = decideTrustDelete({ store: 'tomcat-trust', commonName: 'Example Root CA', node: 'sub1' }, cluster(), { trustDeleteScope: 'cluster' });
    expect(result).toMatchObject({
      accepted: true,
      store: 'tomcat-trust',
      serialHex: '2720',
      scope: 'cluster',
      nodes: ['sub1', 'pub', 'sub2'],
      before: [],
      followUps: [{ kind: 'restart', service: 'tomcat', nodes: ['sub1', 'pub', 'sub2'] }],
    });
    expect(result.accepted && result.source).toMatch(/\[chapter\]/);
  });

  it('[SREGEN] trustDeleteScope node: the same delete leaves only the node it is made on', () => {
    const result = decideTrustDelete({ store: 'tomcat-trust', commonName: 'Example Root CA', node: 'sub1' }, cluster(), { trustDeleteScope: 'node' });
    expect(result).toMatchObject({ accepted: true, scope: 'node', nodes: ['sub1'], followUps: [{ service: 'tomcat', nodes: ['sub1'] }], source: '[SREGEN] (trustDeleteScope: node)' });
  });

  it('[chapter] deletes a CAPF-trust certificate cluster-wide though its upload stayed on one node; CAPF restarts [SREGEN]', () => {
    const result = decideTrustDelete({ store: 'capf-trust', commonName: 'Cisco Root CA M2', node: 'pub' }, cluster(), { trustDeleteScope: 'cluster' });
    expect(result).toMatchObject({ accepted: true, store: 'CAPF-trust', nodes: ['pub', 'sub1'], followUps: [{ service: 'capf' }] });
  });

  it('[uncertain] [SREGEN] an IPSec-trust delete stays on its node under both readings, restarts DRF and warns about DRS', () => {
    for (const trustDeleteScope of ['cluster', 'node'] as const) {
      const result = decideTrustDelete({ store: 'IPSec-trust', commonName: 'pub.example.com', node: 'sub1' }, cluster(), { trustDeleteScope });
      expect(result).toMatchObject({ accepted: true, scope: 'node', nodes: ['sub1'], followUps: [{ service: 'drf-master' }, { service: 'drf-local' }] });
      expect(result.accepted && result.warnings.join()).toMatch(/DRS backup and restore fail/);
    }
  });

  it('[chapter] deletes from Phone-Edge-trust only on the publisher, and then everywhere', () => {
    const fromSub = decideTrustDelete({ store: 'Phone-Edge-trust', commonName: 'Edge Root', node: 'sub1' }, cluster(), { trustDeleteScope: 'node' });
    expect(fromSub).toMatchObject({ accepted: false, code: 'publisher-only' });
    const fromPub = decideTrustDelete({ store: 'Phone-Edge-trust', commonName: 'Edge Root', node: 'pub' }, cluster(), { trustDeleteScope: 'node' });
    expect(fromPub).toMatchObject({ accepted: true, scope: 'cluster', nodes: ['pub', 'sub1', 'sub2'] });
  });

  it('[chapter] warns that deleting an issuer breaks the chain of what it issued', () => {
    const result = decideTrustDelete({ store: 'tomcat-trust', commonName: 'Example Root CA', node: 'pub' }, cluster(), { trustDeleteScope: 'cluster' });
    expect(result.accepted && result.warnings).toEqual(['"Example Root CA" issued "Example Issuing CA" in tomcat-trust: their chain breaks [chapter]']);
  });

  it('[SREGEN] up to 11.5, Certificate Change Notification is stopped on each node first and started again after', () => {
    const old = decideTrustDelete({ store: 'tomcat-trust', commonName: 'Example Root CA', node: 'pub' }, cluster(), { trustDeleteScope: 'node', release: '11.5(1)SU9' });
    expect(old).toMatchObject({
      before: [{ kind: 'stop', service: 'certificate-change-notification', nodes: ['pub', 'sub1', 'sub2'] }],
      followUps: [{ kind: 'restart', service: 'tomcat' }, { kind: 'start', service: 'certificate-change-notification' }],
    });
    const recent = decideTrustDelete({ store: 'tomcat-trust', commonName: 'Example Root CA', node: 'pub' }, cluster(), { trustDeleteScope: 'node', release: '12.0' });
    expect(recent).toMatchObject({ before: [], followUps: [{ service: 'tomcat' }] });
  });

  it('[chapter] (§2) refuses an unknown node or store', () => {
    expect(decideTrustDelete({ store: 'tomcat-trust', commonName: 'x', node: 'sub9' }, cluster(), { trustDeleteScope: 'cluster' })).toMatchObject({ code: 'unknown-node' });
    expect(decideTrustDelete({ store: 'web-trust', commonName: 'x', node: 'pub' }, cluster(), { trustDeleteScope: 'cluster' })).toMatchObject({ code: 'unknown-store' });
  });
});
