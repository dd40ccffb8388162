import { cluster, context } from '../test-support/snapshots';
import { fn70613Upgrade } from './fn70613-upgrade';

describe('fn70613-refresh-upgrade [SFN]', () => {
  const planning = (from: string, to: string, method: 'refresh' | 'l2') => cluster({ version: from, plannedUpgrades: [{ from, to, method, where: '--target' }] });

  it('[SFN] a refresh upgrade from 12.0 to 12.5(1)SU2 is high, for every phone', () => {
    const [finding] = fn70613Upgrade.check(planning('12.0(1)SU3', '12.5(1)SU2', 'refresh'), context());
    expect(finding).toMatchObject({ severity: 'high', title: 'hq: the refresh upgrade 12.0(1)SU3 → 12.5(1)SU2 (--target) regenerates ITLRecovery', phones: { count: 200 } });
    expect(finding.detail).toMatch(/12\.5\(1\)SU3 or later.*utils ctl reset localkey/);
  });

  it('[SFN] straight to 12.5(1)SU3, an L2 upgrade, or from 12.5: nothing', () => {
    expect(fn70613Upgrade.check(planning('11.5(1)SU9', '12.5(1)SU3', 'refresh'), context())).toEqual([]);
    expect(fn70613Upgrade.check(planning('12.0(1)', '12.5(1)SU1', 'l2'), context())).toEqual([]);
    expect(fn70613Upgrade.check(planning('12.5(1)', '12.5(1)SU2', 'refresh'), context())).toEqual([]);
  });

  it('[SFN] a cluster already on 12.5(1)SU1 with no plan gets an info to check its phones\' ITLRecovery', () => {
    expect(fn70613Upgrade.check(cluster({ version: '12.5(1)SU1' }), context()).map((f) => f.severity)).toEqual(['info']);
    expect(fn70613Upgrade.check(cluster({ version: '12.5(1)SU3' }), context())).toEqual([]);
  });
});
