/**
 * Trust-store certificates expired or due: a chain through an expired CA breaks, and expired trust
 * certificates are not carried over on an upgrade to 12.5(1)SU6 / 14SU2 or later [S14].
 */
import type { CheckContext, CheckRule, Finding } from '../finding';
import type { ClusterSnapshot } from '../snapshot';
import { dueIn } from './certificate-text';

export const trustCertificatesExpiring: CheckRule = {
  id: 'trust-certificate-expiring',
  sources: ['S14', 'chapter'],
  looksFor: 'trust-store certificates expired or expiring within --days',
  check(cluster: ClusterSnapshot, context: CheckContext): Finding[] {
    const findings: Finding[] = [];
    for (const cert of cluster.trustCertificates) {
      const days = dueIn(cert, context.now);
      if (days === undefined || days > context.days) continue;
      const where = `${cert.store}${cert.nodes ? ` on ${cert.nodes.join(', ')}` : ''}`;
      findings.push({
        rule: this.id,
        severity: days < 0 ? 'medium' : 'low',
        sources: [...this.sources],
        cluster: cluster.name,
        title: `${cluster.name} ${where}: ${cert.subject} ${days < 0 ? `expired ${cert.notAfter!.slice(0, 10)}` : `expires ${cert.notAfter!.slice(0, 10)} (in ${days} days)`}`,
        detail: `Peers whose chain runs through it stop being trusted when it expires; an upgrade to 12.5(1)SU6, 14SU2 or later does not carry expired trust certificates over [S14]. Upload its successor before, and delete it afterwards [chapter].`,
      });
    }
    return findings;
  },
};
