/**
 * Phones with an authenticated or encrypted profile need an LSC: without one they do not register until
 * CAPF installs it [S15CAPF]. In a cluster that is not in mixed mode a secure profile cannot be honoured
 * (no CTL: the phone registers over TCP, or keeps retrying [SPH7975] [S125CTL]).
 */
import type { CheckRule, Finding } from '../finding';
import type { ClusterSnapshot } from '../snapshot';

export const secureWithoutLsc: CheckRule = {
  id: 'secure-profile-without-lsc',
  sources: ['S15CAPF', 'S125CTL'],
  looksFor: 'secure profiles on phones without an LSC, or in a cluster without mixed mode',
  check(cluster: ClusterSnapshot): Finding[] {
    const findings: Finding[] = [];
    const secure = cluster.phoneGroups.filter((g) => g.securityProfile !== 'non-secure');
    const withoutLsc = secure.filter((g) => !g.lsc);
    if (withoutLsc.length) {
      findings.push({
        rule: this.id,
        severity: 'high',
        sources: ['S15CAPF'],
        cluster: cluster.name,
        title: `${cluster.name}: ${withoutLsc.reduce((n, g) => n + g.count, 0)} phones with a secure profile and no LSC`,
        detail: 'An authenticated or encrypted phone does not register without a valid LSC; it waits for CAPF to install one [S15CAPF]. Install LSCs first (a CAPF operation with a non-secure profile), then switch the profile.',
        phones: { groups: withoutLsc.map((g) => `${cluster.name}/${g.group}`), count: withoutLsc.reduce((n, g) => n + g.count, 0) },
      });
    }
    if (cluster.security !== 'mixed' && secure.length) {
      findings.push({
        rule: this.id,
        severity: 'medium',
        sources: ['SPH7975', 'S125CTL'],
        cluster: cluster.name,
        title: `${cluster.name}: ${secure.reduce((n, g) => n + g.count, 0)} phones with a secure profile in a cluster not in mixed mode`,
        detail: 'A secure registration needs the CallManager\'s certificate in a CTL [SPH7975] [S125CTL]; without mixed mode there is none, so these profiles are not honoured as written.',
        phones: { groups: secure.map((g) => `${cluster.name}/${g.group}`), count: secure.reduce((n, g) => n + g.count, 0) },
      });
    }
    return findings;
  },
};
