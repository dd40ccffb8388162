import { certificate, cluster, context, group, replacing } from '../test-support/snapshots';
import { callManagerKeySize } from './callmanager-key-size';

describe('callmanager-key-size [chapter]', () => {
  const base = cluster();

  it('[chapter] a 4096-bit CallManager with models whose support the catalogue does not know: medium, verify in CURT', () => {
    const snapshot = cluster({ identities: replacing(base, certificate('sub1', 'CallManager', { keyLength: 4096 })), phoneGroups: [group(), group({ group: 'far', callManagerGroup: ['pub'], tftp: ['pub'] })] });
    const [finding, ...rest] = callManagerKeySize.check(snapshot, context());
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'medium', title: 'hq/sub1 CallManager is RSA 4096: verify support (CP-8845)', phones: { groups: ['hq/desks'], count: 200 } });
    expect(finding.detail).toMatch(/3072\/4096 RSA key size support/);
  });

  it('[chapter] 2048 bits: nothing, whatever the models', () => {
    expect(callManagerKeySize.check(base, context())).toEqual([]);
  });

  it('[chapter] the phone group says (keySizes): a group without 4096 is a known risk (high), a group with it no finding', () => {
    const snapshot = cluster({
      identities: replacing(base, certificate('sub1', 'CallManager', { keyLength: 4096 })),
      phoneGroups: [group({ group: 'old-desks', keySizes: [2048] }), group({ group: 'new-desks', keySizes: [2048, 3072, 4096] })],
    });
    const findings = callManagerKeySize.check(snapshot, context());
    expect(findings.map((f) => [f.severity, f.phones?.groups])).toEqual([['high', ['hq/old-desks']]]);
    expect(findings[0].title).toBe('hq/sub1 CallManager is RSA 4096: models that do not support it (CP-8845)');
  });
});
