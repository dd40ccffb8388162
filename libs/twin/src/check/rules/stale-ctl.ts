/**
 * A mixed-mode CTL that no longer matches the nodes' current certificates. The CTL is never updated by
 * itself: after a CallManager, CAPF or ITLRecovery change it must be updated with `utils ctl update
 * CTLFile` [S125CTL] [chapter]. Until then secure phones cannot register over TLS to a node whose current
 * CallManager certificate the CTL lacks [SPH7975] [S125CTL] (§7.5).
 */
import { isAtLeast, parseRelease } from '@trustsim/domain';
import type { CheckRule, Finding } from '../finding';
import type { ClusterSnapshot, SnapshotCertificate } from '../snapshot';
import { describeCertificate, reference } from './certificate-text';

export const staleCtl: CheckRule = {
  id: 'ctl-not-updated',
  sources: ['S125CTL', 'chapter'],
  looksFor: 'a mixed-mode CTL whose records no longer match the nodes\' current certificates',
  check(cluster: ClusterSnapshot): Finding[] {
    if (cluster.security !== 'mixed') return [];
    const ctl = cluster.trustFiles.find((f) => f.kind === 'CTL');
    if (!ctl) return [];
    const serials = new Set(ctl.records.map((r) => r.serial));
    const listed = (c: SnapshotCertificate) => c.serial !== undefined && serials.has(c.serial);
    const runsCm = new Set(cluster.nodes.filter((n) => n.services.includes('callmanager') || n.services.includes('tftp')).map((n) => n.name));
    const findings: Finding[] = [];
    const missing = cluster.identities.filter((c) => c.serial && !listed(c) && ((c.purpose === 'CallManager' && runsCm.has(c.node)) || c.purpose === 'CAPF'));
    const currentSerials = new Set(cluster.identities.map((c) => c.serial));
    const older = ctl.records.filter((r) => r.role !== 'SAST' && !currentSerials.has(r.serial));
    if (missing.length) {
      const nodes = missing.filter((c) => c.purpose === 'CallManager').map((c) => c.node);
      const secure = cluster.phoneGroups.filter((g) => g.securityProfile !== 'non-secure' && g.callManagerGroup.some((n) => nodes.includes(n)));
      findings.push({
        rule: this.id,
        severity: 'high',
        sources: ['S125CTL', 'chapter', 'SPH7975'],
        cluster: cluster.name,
        title: `${cluster.name}: the CTL${ctl.file ? ` (${ctl.file})` : ''} lacks the current ${missing.map((c) => `${c.purpose} of ${c.node}`).join(', ')}`,
        detail:
          `Current: ${missing.map(describeCertificate).join('; ')}.${older.length ? ` The CTL still lists ${older.map((r) => `${r.role} ${r.subject} (serial ${r.serial})`).join(', ')}.` : ''} ` +
          'The CTL is never updated by itself: run utils ctl update CTLFile, then reset the phones [S125CTL] [chapter]. Until then secure phones cannot register over TLS to those nodes [SPH7975] [S125CTL]' +
          `${missing.some((c) => c.purpose === 'CAPF') ? ', and LSC operations cannot authenticate CAPF [chapter]' : ''}.`,
        certificates: missing.map(reference),
        ...(secure.length && { phones: { groups: secure.map((g) => `${cluster.name}/${g.group}`), count: secure.reduce((n, g) => n + g.count, 0) } }),
      });
    }
    const itlRecovery = cluster.identities.find((c) => c.purpose === 'ITLRecovery');
    if (itlRecovery && cluster.ctl !== 'token' && isAtLeast(parseRelease(cluster.version), '10.5(2)') && itlRecovery.serial && !listed(itlRecovery)) {
      findings.push({
        rule: this.id,
        severity: 'medium',
        sources: ['S125CTL'],
        cluster: cluster.name,
        title: `${cluster.name}: the CTL lacks the current ITLRecovery`,
        detail: `${describeCertificate(itlRecovery)}. From 10.5(2) the tokenless CTL carries ITLRecovery as its second SAST [S125CTL]: without it, the anchor phones would need after a CallManager change is missing. Run utils ctl update CTLFile and reset the phones.`,
        certificates: [reference(itlRecovery)],
      });
    }
    return findings;
  },
};
