import { MAX_PHONE_FILE_BYTES } from '@trustsim/trust-files';
import { certificate, cluster, context } from '../test-support/snapshots';
import type { SnapshotTrustFile } from '../snapshot';
import { estimatedRecordBytes, itlSize } from './itl-size';

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

  it('[S125DEF] without files the ITL is counted from the cluster as the simulator builds it: ITLRecovery, CallManager twice and CallManager-ECDSA (11.0+), a TVS per node, CAPF', () => {
    const nodes = Array.from({ length: 34 }, (_, i) => ({ name: i ? `sub${i}` : 'pub', publisher: i === 0, services: i ? ['callmanager', 'tvs'] : ['callmanager', 'tftp', 'capf', 'tvs'] }));
    const [finding] = itlSize.check(cluster({ nodes }), context());
    expect(finding).toMatchObject({ severity: 'medium', title: expect.stringMatching(/^hq ITL of pub \(counted from the cluster\): 39 certificates, about \d+ bytes — close to what phones load$/) });
    // 10.5 has no ECDSA identities: one certificate fewer.
    expect(itlSize.check(cluster({ nodes, version: '10.5(2)SU5' }), context())[0]).toMatchObject({ title: expect.stringMatching(/: 38 certificates, about \d+ bytes — close to what phones load$/) });
    expect(itlSize.check(cluster(), context())).toEqual([]);
  });

  it('[S125DEF] the ITLs of several TFTP nodes that are alike are one finding naming them, with the range of sizes', () => {
    const of = (node: string, size: number): SnapshotTrustFile => ({ ...itl(40, size), node });
    const findings = itlSize.check(cluster({ trustFiles: [of('pub', 65_900), of('sub1', 65_930), { ...itl(12, 20_000), node: 'sub2' }] }), context());
    expect(findings.map((f) => [f.severity, f.title])).toEqual([['high', 'hq ITL of 2 TFTP nodes (pub, sub1): 40 certificates, 65900–65930 bytes — more than phones load']]);
    expect(findings[0].phones).toEqual({ groups: ['hq/desks'], count: 200 });
  });

  it('[S125DEF] [STOKENLESS] the bytes are estimated from the key sizes: 21 nodes gone to 4096 bits pass 64 KB with 26 records', () => {
    const nodes = Array.from({ length: 21 }, (_, i) => ({ name: i ? `sub${i}` : 'pub', publisher: i === 0, services: i ? ['callmanager', 'tvs'] : ['callmanager', 'tftp', 'capf', 'tvs'] }));
    const tvs = nodes.map((n) => certificate(n.name, 'TVS', { keyLength: 4096 }));
    expect(itlSize.check(cluster({ nodes }), context())).toEqual([]);
    const [close] = itlSize.check(cluster({ nodes, identities: tvs }), context());
    expect(close).toMatchObject({ severity: 'medium', title: expect.stringMatching(/ITL of pub \(counted from the cluster\): 26 certificates, about \d+ bytes — close to what phones load/) });
    const [over] = itlSize.check(cluster({ nodes, identities: [...tvs, certificate('pub', 'CallManager', { keyLength: 4096 })] }), context());
    expect(over).toMatchObject({ severity: 'high', title: expect.stringMatching(/ITL of pub \(counted from the cluster\): 26 certificates, about \d+ bytes — more than phones load/) });
    expect(estimatedRecordBytes('RSA', 1024)).toBe(1156); // TAC 118893's record
  });

  it('[S125DEF] warns (medium) when the ITL would pass the limit only if it also listed Phone-SAST-trust (assumption itlCarriesPhoneSastTrust)', () => {
    const trustCertificates = Array.from({ length: 33 }, (_, i) => ({ store: 'Phone-SAST-trust', subject: `CN=emcc${i}`, keyType: 'RSA' as const, keyLength: 2048 }));
    const findings = itlSize.check(cluster({ trustCertificates }), context());
    expect(findings.map((f) => [f.severity, f.title])).toEqual([
      ['medium', expect.stringMatching(/^hq ITL \(counted from the cluster\): 40 certificates, about \d+ bytes if it also lists the 33 of Phone-SAST-trust — more than phones load$/)],
    ]);
    expect(findings[0].detail).toMatch(/itlCarriesPhoneSastTrust/);
  });

  it('[S125CTL] [S125DEF] in mixed mode the CTL is counted with Phone-SAST-trust, which joins it as SAST at the next update', () => {
    const trustCertificates = Array.from({ length: 34 }, (_, i) => ({ store: 'Phone-SAST-trust', subject: `CN=emcc${i}` }));
    const findings = itlSize.check(cluster({ security: 'mixed', trustCertificates }), context());
    expect(findings.find((f) => f.title.includes('CTL'))).toMatchObject({ severity: 'high', title: expect.stringMatching(/^hq CTL \(counted from the cluster\): 41 certificates/) });
  });
});
