/**
 * Identity certificates expired or due within the window, and the phones each reaches. What an
 * expired certificate breaks, per TAC 214231's impact list [SREGEN]; renew before expiry, in a
 * maintenance window, the Certificate Expiry Monitor warning ahead [chapter].
 */
import { groupsReachedBy, phonesOf } from '../affected-phones';
import type { CheckContext, CheckRule, Finding } from '../finding';
import type { ClusterSnapshot, SnapshotCertificate } from '../snapshot';
import { describeCertificate, dueIn, reference } from './certificate-text';

/** Within this many days a due certificate is urgent, whatever the window. */
export const URGENT_DAYS = 30;

const BREAKS: Record<string, string> = {
  CallManager: 'authenticated and encrypted phones stop registering, and phones stop trusting the TFTP files it signs [SREGEN]',
  TVS: 'phones cannot verify through TVS what their trust lists do not hold (new trust lists, HTTPS services) [S125DEF]',
  tomcat: 'HTTPS stops being trusted: administration pages and phone services such as directories and Extension Mobility [chapter]',
  ITLRecovery: 'it signs the ITL from 12.0 and the tokenless CTL [SREGEN]; renewing it takes the two-round procedure [chapter]',
  CAPF: 'LSC operations fail and phones cannot authenticate CAPF [chapter]',
  ipsec: 'DRS backup and restore between nodes fail [SREGEN]',
};

export const expiringCertificates: CheckRule = {
  id: 'certificate-expiring',
  sources: ['chapter', 'SREGEN'],
  looksFor: 'identity certificates expired or expiring within --days, and the phones they reach',
  check(cluster: ClusterSnapshot, context: CheckContext): Finding[] {
    const findings: Finding[] = [];
    for (const cert of cluster.identities) {
      const days = dueIn(cert, context.now);
      if (days === undefined || days > context.days) continue;
      const phones = phonesOf(cluster, groupsReachedBy(cluster, cert.node, cert.purpose));
      const expired = days < 0;
      findings.push({
        rule: this.id,
        severity: expired || days <= URGENT_DAYS ? 'high' : 'medium',
        sources: [...this.sources],
        cluster: cluster.name,
        title: `${cluster.name}/${cert.node} ${cert.purpose} ${expired ? `expired ${cert.notAfter!.slice(0, 10)} (${-days} days ago)` : `expires ${cert.notAfter!.slice(0, 10)} (in ${days} days)`}`,
        detail:
          `${describeCertificate(cert)}. When it expires: ${BREAKS[cert.purpose.replace(/-ECDSA$/, '')] ?? 'the services using it fail [SREGEN]'}. ` +
          'Renew it before, in a maintenance window; a renewal that changes the ITL makes phones reset to take it [chapter].',
        certificates: [reference(cert)],
        ...(phones && { phones }),
      });
    }
    return findings;
  },
};

export function due(cert: SnapshotCertificate, context: CheckContext): boolean {
  const days = dueIn(cert, context.now);
  return days !== undefined && days <= context.days;
}
