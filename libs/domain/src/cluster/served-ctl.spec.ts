import type { ClusterEvent } from './cluster-events';
import { evolveCluster, NO_CLUSTER } from './cluster-state';
import type { IdentityRequest, PkiPort, TwinCertificateRequest } from '../core/ports';
import { facts, KEY, node, world } from '../test-support/world';
import type { World } from '../world/world';
import { planServedCtl, purposeOfRecord } from './served-ctl';

const SERIALS: Record<string, string> = { 'pub/CallManager/1': 'c1', 'pub/ITLRecovery/1': 'a1', 'pub/CAPF/1': 'd1', 'sub1/CallManager/1': 'b1' };
const CURRENT_START = new Date('2025-06-01T00:00:00Z');

/** A mixed-mode 14SU3 cluster whose certificates have the serials above (sub1's CallManager renewed: b0 → b1). */
function cluster(): World {
  const w = world({
    cluster: { security: 'mixed', release: '14SU3' },
    nodes: [node('hq', 'pub', ['callmanager', 'tftp', 'capf'], { publisher: true }), node('hq', 'sub1', ['callmanager', 'tftp'])],
  });
  return { ...w, certificate: (fp) => facts(fp, { serialHex: SERIALS[fp] ?? '1', notBefore: CURRENT_START }) };
}

function pki(issued: IdentityRequest[], minted: TwinCertificateRequest[]): PkiPort {
  return {
    issueIdentity: (r) => {
      issued.push(r);
      return { certificate: facts(`${r.node}/${r.purpose}/${r.generation}`, { serialHex: r.imported?.serial ?? '1' }), key: KEY(`${r.cluster}/${r.node}/${r.purpose}/${r.generation}`) };
    },
    mintTwinCertificate: (r) => {
      minted.push(r);
      return { certificate: facts(`minted ${r.serial}`, { serialHex: r.serial ?? '1', commonName: 'Token1' }), key: KEY(r.key.name) };
    },
    sastToken: () => {
      throw new Error('not used');
    },
    checkChoice: () => ({ ok: true }),
    csr: () => '',
    multiServerNames: () => ({ commonName: '', subjectAltNames: [] }),
  };
}

describe('[S125CTL] [twin] the CTL a twin serves at install (served-ctl.ts)', () => {
  const served = {
    signer: { subject: 'CN=ITLRECOVERY_pub', serial: 'a1' },
    records: [
      { role: 'SAST', subject: 'CN=pub', serial: 'c1', node: 'pub', purpose: 'CallManager' },
      { role: 'SAST', subject: 'CN=ITLRECOVERY_pub', serial: 'a1', node: 'pub' },
      { role: 'CCM+TFTP', subject: 'CN=pub', serial: 'c1', node: 'pub', purpose: 'CallManager' },
      { role: 'CCM+TFTP', subject: 'CN=sub1', serial: 'b0', node: 'sub1', purpose: 'CallManager' },
      { role: 'SAST', subject: 'CN=Token1, O=Cisco', issuer: 'CN=Cisco Manufacturing CA', serial: 'e0' },
    ],
  };

  it('[S125CTL] records whose serial is a current certificate use it; an older serial is an older generation, minted for the CTL (0), valid until the current one started', () => {
    const issued: IdentityRequest[] = [];
    const minted: TwinCertificateRequest[] = [];
    const plan = planServedCtl(cluster(), 'hq', served, { pki: pki(issued, minted), trust: [] });
    expect(plan.records.map((r) => [r.role, r.fingerprint, r.dnsName])).toEqual([
      ['SAST', 'pub/CallManager/1', 'pub'],
      ['SAST', 'pub/ITLRecovery/1', 'pub'],
      ['CCM+TFTP', 'pub/CallManager/1', 'pub'],
      ['CCM+TFTP', 'sub1/CallManager/0', 'sub1'],
      ['SAST', 'minted e0', ''],
    ]);
    expect(issued).toHaveLength(1);
    expect(issued[0]).toMatchObject({ node: 'sub1', purpose: 'CallManager', generation: 0, imported: { subject: 'CN=sub1', serial: 'b0', notAfter: CURRENT_START.toISOString() } });
    expect(plan.minted.map((m) => [m.node, m.purpose, m.generation, m.serial])).toEqual([
      ['sub1', 'CallManager', 0, 'b0'],
      [undefined, 'SAST', 0, 'e0'],
    ]);
  });

  it('[twin] a record of no node that is no current certificate (a USB eToken) is minted with its own key, issued by the twin CA of its issuer', () => {
    const minted: TwinCertificateRequest[] = [];
    planServedCtl(cluster(), 'hq', served, { pki: pki([], minted), trust: [] });
    expect(minted).toEqual([expect.objectContaining({ subject: 'CN=Token1, O=Cisco', serial: 'e0', key: { name: 'twin-ctl/hq/e0', keyType: 'RSA', keyLength: 2048 }, issuerKey: expect.objectContaining({ name: 'twin-ca/CN=Cisco Manufacturing CA' }) })]);
  });

  it('[S125CTL] the SAST record of the signer\'s serial signs it', () => {
    const plan = planServedCtl(cluster(), 'hq', served, { pki: pki([], []), trust: [] });
    expect(plan.signer.ref).toEqual({ cluster: 'hq', node: 'pub', purpose: 'ITLRecovery', generation: 1, fingerprint: 'pub/ITLRecovery/1' });
    const byOlder = planServedCtl(cluster(), 'hq', { ...served, signer: { subject: 'CN=Token1', serial: 'e0' } }, { pki: pki([], []), trust: [] });
    expect(byOlder.signer.ref).toMatchObject({ node: 'pub', purpose: 'SAST', generation: 0, fingerprint: 'minted e0' });
  });

  it('[twin] without a purpose the record\'s role says which certificate it is', () => {
    expect(['SAST', 'CCM+TFTP', 'CAPF', 'TVS'].map((role) => purposeOfRecord(role, 'CN=pub'))).toEqual(['CallManager', 'CallManager', 'CAPF', 'TVS']);
    expect(purposeOfRecord('SAST', 'CN=ITLRECOVERY_pub, O=corp')).toBe('ITLRecovery');
  });
});

describe('[S125CTL] [twin] the cluster knows its CTL is the imported one until the next CTL update', () => {
  it('[S125CTL] an imported CTL marks the state; `utils ctl update CTLFile` (a CTL built from the certificates) clears it', () => {
    const signer = { cluster: 'hq', node: 'pub', purpose: 'ITLRecovery', generation: 1, fingerprint: 'f' };
    const ctl = (imported: boolean): ClusterEvent => ({ type: 'CtlUpdated', data: { fileName: 'CTLFile.tlv', file: imported ? 'a' : 'b', size: 1, signer, mode: 'normal', cause: 'x', bytes: '', ...(imported && { imported: true as const }) } });
    const served = evolveCluster({ ...NO_CLUSTER, name: 'hq' }, ctl(true), { at: 0 });
    expect(served.ctlImported).toBe(true);
    expect(evolveCluster(served, ctl(false), { at: 1 }).ctlImported).toBeUndefined();
  });
});
