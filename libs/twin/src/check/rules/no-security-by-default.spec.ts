import { cluster, context, group } from '../test-support/snapshots';
import { noSecurityByDefault } from './no-security-by-default';

describe('model-without-security-by-default [STOKENLESS] [S125CTL]', () => {
  const groups = [group(), group({ group: 'lobby', model: 'CP-7960', count: 20 }), group({ group: 'conf', model: 'CP-7937G', count: 3 })];

  it('[STOKENLESS] in mixed mode, 7960s and 7937s are medium: a CTL signer change needs their CTL deleted by hand', () => {
    const [finding] = noSecurityByDefault.check(cluster({ security: 'mixed', phoneGroups: groups }), context());
    expect(finding).toMatchObject({ severity: 'medium', title: 'hq: 23 phones of models without Security by Default (CP-7960, CP-7937G)', phones: { groups: ['hq/lobby', 'hq/conf'], count: 23 } });
  });

  it('[STOKENLESS] in a non-secure cluster they are low; Security-by-Default models alone: nothing', () => {
    expect(noSecurityByDefault.check(cluster({ phoneGroups: groups }), context()).map((f) => f.severity)).toEqual(['low']);
    expect(noSecurityByDefault.check(cluster(), context())).toEqual([]);
  });
});
