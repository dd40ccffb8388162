/**
 * Small snapshots for rule specs: a 14SU3 cluster of two nodes (pub: CallManager, TFTP, CAPF; sub1:
 * CallManager, TFTP), every identity certificate valid from 2025-03-01 to 2028-03-01 (ITLRecovery to
 * 2045), 2048-bit SHA-256, and one group of 200 CP-8845 phones. Each spec changes what its rule needs.
 */
import type { CheckContext } from '../finding';
import type { ClusterSnapshot, SnapshotCertificate, SnapshotPhoneGroup } from '../snapshot';

export const NOW = new Date('2026-03-01T09:00:00Z');
export const context = (days = 90): CheckContext => ({ now: NOW, days });

export function certificate(node: string, purpose: string, fields: Partial<SnapshotCertificate> = {}): SnapshotCertificate {
  return {
    node,
    purpose,
    subject: `CN=${purpose === 'ITLRecovery' ? `ITLRECOVERY_${node}` : node}`,
    issuer: `CN=${purpose === 'ITLRecovery' ? `ITLRECOVERY_${node}` : node}`,
    serial: `${node}${purpose}`.replace(/[^0-9a-f]/gi, '').toLowerCase() || '1',
    notBefore: '2025-03-01T00:00:00Z',
    notAfter: purpose === 'ITLRecovery' ? '2045-03-01T00:00:00Z' : '2028-03-01T00:00:00Z',
    keyType: purpose.endsWith('-ECDSA') ? 'EC' : 'RSA',
    keyLength: purpose.endsWith('-ECDSA') ? 256 : 2048,
    hash: 'SHA256',
    ...fields,
  };
}

export function group(fields: Partial<SnapshotPhoneGroup> = {}): SnapshotPhoneGroup {
  return { group: 'desks', model: 'CP-8845', count: 200, securityProfile: 'non-secure', lsc: false, callManagerGroup: ['sub1', 'pub'], tftp: ['pub', 'sub1'], ...fields };
}

export function cluster(fields: Partial<ClusterSnapshot> = {}): ClusterSnapshot {
  const identities = ['pub', 'sub1'].flatMap((n) => ['CallManager', 'TVS', 'tomcat', 'ipsec'].map((p) => certificate(n, p)));
  return {
    name: 'hq',
    version: '14SU3',
    security: 'non-secure',
    nodes: [
      { name: 'pub', publisher: true, services: ['callmanager', 'tftp', 'capf', 'tvs'] },
      { name: 'sub1', publisher: false, services: ['callmanager', 'tftp', 'tvs'] },
    ],
    identities: [...identities, certificate('pub', 'ITLRecovery'), certificate('pub', 'CAPF')],
    trustCertificates: [],
    trustFiles: [],
    phoneGroups: [group()],
    plannedUpgrades: [],
    gaps: [],
    ...fields,
  };
}

/** The identities with one replaced (matched by node and purpose). */
export function replacing(base: ClusterSnapshot, ...changed: SnapshotCertificate[]): SnapshotCertificate[] {
  return base.identities.map((c) => changed.find((x) => x.node === c.node && x.purpose === c.purpose) ?? c);
}
