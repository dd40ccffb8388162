/**
 * FN70613 / CSCvv13565: a refresh upgrade from 12.0 or earlier to 12.5(1) up to 12.5(1)SU2 regenerates
 * ITLRecovery, so phones no longer trust the ITL it signs; in mixed mode the CTL keeps only the
 * CallManager anchor. Upgrade straight to 12.5(1)SU3 or later, or follow the field notice's recovery
 * (`utils ctl reset localkey`, restarts, resets, `utils ctl update CTLFile`) [SFN]. The rule itself is
 * the domain's upgradeEffects.
 */
import { isAtLeast, isBefore, parseRelease, upgradeEffects } from '@trustsim/domain';
import type { CheckRule, Finding } from '../finding';
import type { ClusterSnapshot } from '../snapshot';

export const fn70613Upgrade: CheckRule = {
  id: 'fn70613-refresh-upgrade',
  sources: ['SFN'],
  looksFor: 'a planned refresh upgrade into FN70613\'s range (12.5(1) to 12.5(1)SU2 from 12.0 or earlier)',
  check(cluster: ClusterSnapshot): Finding[] {
    const findings: Finding[] = [];
    for (const plan of cluster.plannedUpgrades) {
      const effects = upgradeEffects(parseRelease(plan.from), parseRelease(plan.to), plan.method);
      if (!effects.regeneratesItlRecovery) continue;
      const phones = cluster.phoneGroups.reduce((n, g) => n + g.count, 0);
      findings.push({
        rule: this.id,
        severity: 'high',
        sources: [...this.sources],
        cluster: cluster.name,
        title: `${cluster.name}: the ${plan.method} upgrade ${plan.from} → ${plan.to} (${plan.where}) regenerates ITLRecovery`,
        detail: `${effects.why[0]} ${cluster.security === 'mixed' ? 'In mixed mode the CTL is then left with the CallManager anchor only; regenerating CallManager before the fix leaves none [SFN]. ' : ''}Upgrade straight to 12.5(1)SU3 or later, where it is fixed, or plan FN70613's recovery: utils ctl reset localkey, restart CallManager and CTIManager, reset the endpoints, utils ctl update CTLFile, restart, reset [SFN].`,
        ...(phones > 0 && { phones: { groups: cluster.phoneGroups.map((g) => `${cluster.name}/${g.group}`), count: phones } }),
      });
    }
    const release = parseRelease(cluster.version);
    if (findings.length === 0 && cluster.plannedUpgrades.length === 0 && isAtLeast(release, '12.5') && isBefore(release, '12.5(1)SU3') && release.major === 12) {
      findings.push({
        rule: this.id,
        severity: 'info',
        sources: [...this.sources],
        cluster: cluster.name,
        title: `${cluster.name} runs ${cluster.version}, in FN70613's range`,
        detail: 'If the cluster reached this release by a refresh upgrade from 12.0 or earlier, its ITLRecovery was regenerated then [SFN]: check that phones hold the current one (`show itl` on a phone, or its ITL status). Further upgrades: to 12.5(1)SU3 or later.',
      });
    }
    return findings;
  },
};
