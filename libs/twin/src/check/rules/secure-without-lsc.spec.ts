import { cluster, context, group } from '../test-support/snapshots';
import { secureWithoutLsc } from './secure-without-lsc';

describe('secure-profile-without-lsc [S15CAPF] [S125CTL]', () => {
  it('[S15CAPF] encrypted phones without an LSC are high; with one, nothing', () => {
    const snapshot = cluster({ security: 'mixed', phoneGroups: [group({ group: 'a', securityProfile: 'encrypted' }), group({ group: 'b', securityProfile: 'authenticated', lsc: true })] });
    expect(secureWithoutLsc.check(snapshot, context()).map((f) => [f.severity, f.title, f.phones!.groups])).toEqual([['high', 'hq: 200 phones with a secure profile and no LSC', ['hq/a']]]);
  });

  it('[S125CTL] a secure profile in a cluster not in mixed mode is medium', () => {
    const snapshot = cluster({ phoneGroups: [group({ securityProfile: 'authenticated', lsc: true })] });
    expect(secureWithoutLsc.check(snapshot, context()).map((f) => f.severity)).toEqual(['medium']);
  });
});
