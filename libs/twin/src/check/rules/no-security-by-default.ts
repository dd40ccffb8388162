/**
 * Devices without Security by Default (7940/7960, 7936/7937, …) ignore the ITL and cannot ask TVS: in
 * mixed mode any change of the CTL signer needs their CTL deleted by hand; in a non-secure cluster
 * nothing verifies their configuration files or HTTPS services [STOKENLESS] [S125CTL] (§7, last paragraph).
 */
import { phoneModel } from '@trustsim/domain';
import type { CheckRule, Finding } from '../finding';
import type { ClusterSnapshot } from '../snapshot';

export const noSecurityByDefault: CheckRule = {
  id: 'model-without-security-by-default',
  sources: ['STOKENLESS', 'S125CTL'],
  looksFor: 'phone models without Security by Default',
  check(cluster: ClusterSnapshot): Finding[] {
    const groups = cluster.phoneGroups.filter((g) => phoneModel(g.model)?.securityByDefault === false);
    if (groups.length === 0) return [];
    const models = [...new Set(groups.map((g) => g.model))].join(', ');
    const count = groups.reduce((n, g) => n + g.count, 0);
    const mixed = cluster.security === 'mixed';
    return [
      {
        rule: this.id,
        severity: mixed ? 'medium' : 'low',
        sources: [...this.sources],
        cluster: cluster.name,
        title: `${cluster.name}: ${count} phones of models without Security by Default (${models})`,
        detail: mixed
          ? 'They cannot ask TVS, so any change of the CTL signer (regenerating the publisher\'s CallManager, ITLRecovery from 12.0, utils ctl reset) needs their CTL deleted by hand [STOKENLESS] [S125CTL]. Count the visits before the change.'
          : 'They ignore the ITL: their configuration files and HTTPS services are not verified [STOKENLESS]. Certificate changes do not lock them, and do not protect them either.',
        phones: { groups: groups.map((g) => `${cluster.name}/${g.group}`), count },
      },
    ];
  },
};
