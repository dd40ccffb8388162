import { MAX_PHONE_FILE_BYTES } from '@trustsim/trust-files';
import { cluster, context } from '../test-support/snapshots';
import type { SnapshotTrustFile } from '../snapshot';
import { itlSize } from './itl-size';

const itl = (records: number, size: number): SnapshotTrustFile => ({ kind: 'ITL', node: 'pub', size, signer: { subject: 'CN=ITLRECOVERY_pub', serial: '1' }, records: Array.from({ length: records }, (_, i) => ({ role: 'TVS', subject: `CN=n${i}`, serial: `${i}` })) });

describe('itl-size [S125DEF]', () => {
  it('[S125DEF] 40 certificates is more than phones load: high; 39 is close: medium; 10 nothing', () => {
    expect(itlSize.check(cluster({ trustFiles: [itl(40, 50_000)] }), context()).map((f) => [f.severity, f.title])).toEqual([['high', 'hq ITL of pub: 40 certificates, 50000 bytes — more than phones load']]);
    expect(itlSize.check(cluster({ trustFiles: [itl(39, 50_000)] }), context()).map((f) => f.severity)).toEqual(['medium']);
    expect(itlSize.check(cluster({ trustFiles: [itl(10, 14_000)] }), context())).toEqual([]);
  });

  it('[S125DEF] bytes count too: over 64 KB is high, within 10 % of it medium', () => {
    expect(itlSize.check(cluster({ trustFiles: [itl(20, MAX_PHONE_FILE_BYTES + 1)] }), context()).map((f) => f.severity)).toEqual(['high']);
    expect(itlSize.check(cluster({ trustFiles: [itl(20, 60_000)] }), context()).map((f) => f.severity)).toEqual(['medium']);
  });

  it('[S125DEF] without files the ITL is counted from the cluster: ITLRecovery, CallManager twice and CallManager-ECDSA (11.0+), a TVS per node, CAPF', () => {
    const nodes = Array.from({ length: 34 }, (_, i) => ({ name: i ? `sub${i}` : 'pub', publisher: i === 0, services: i ? ['callmanager', 'tvs'] : ['callmanager', 'tftp', 'capf', 'tvs'] }));
    const [finding] = itlSize.check(cluster({ nodes }), context());
    expect(finding).toMatchObject({ severity: 'medium', title: 'hq ITL (counted from the cluster): 39 certificates — close to what phones load' });
    // 10.5 has no ECDSA identities: one certificate fewer.
    expect(itlSize.check(cluster({ nodes, version: '10.5(2)SU5' }), context())[0]).toMatchObject({ title: 'hq ITL (counted from the cluster): 38 certificates — close to what phones load' });
    expect(itlSize.check(cluster(), context())).toEqual([]);
  });

  it('[S125DEF] the ITLs of several TFTP nodes that are alike are one finding naming them, with the range of sizes', () => {
    const of = (node: string, size: number): SnapshotTrustFile => ({ ...itl(40, size), node });
    const findings = itlSize.check(cluster({ trustFiles: [of('pub', 65_900), of('sub1', 65_930), { ...itl(12, 20_000), node: 'sub2' }] }), context());
    expect(findings.map((f) => [f.severity, f.title])).toEqual([['high', 'hq ITL of 2 TFTP nodes (pub, sub1): 40 certificates, 65900–65930 bytes — more than phones load']]);
    expect(findings[0].phones).toEqual({ groups: ['hq/desks'], count: 200 });
  });
});
