import { phoneModel, type PhoneFacts } from '@trustsim/domain';
import type { Scenario } from '@trustsim/scenarios';
import type { GroupSetup, RunSetup } from '../run/run-setup';
import type { PhoneEntry } from './phone-fleet';
import { streamName } from './streams';

/** A phone group's facts, shared by its phones. */
export function phoneFacts(cluster: string, group: GroupSetup): PhoneFacts {
  const model = phoneModel(group.model);
  if (!model) throw new RangeError(`unknown phone model ${group.model} (group ${cluster}/${group.group})`);
  return {
    group: group.group,
    cluster,
    model,
    securityProfile: group.securityProfile,
    ...(group.ecdsa ? { ecdsa: group.ecdsa } : {}),
    ...(group.keySizes ? { keySizes: group.keySizes } : {}),
    callManagerGroup: group.callManagerGroup,
    tftp: group.tftp,
    trust: group.trust,
    power: group.power,
    ...(group.lsc ? { lsc: group.lsc } : {}),
  };
}

/** The phones of a run in the scenario's order (clusters, their groups, each group's names). */
export function phoneEntries(setup: RunSetup, namesOf: (cluster: string, group: string) => readonly string[], runId: string): PhoneEntry[] {
  const entries: PhoneEntry[] = [];
  for (const cluster of setup.clusters) {
    for (const group of cluster.phones) {
      const facts = phoneFacts(cluster.name, group);
      for (const name of namesOf(cluster.name, group.group)) {
        entries.push({ name, facts, key: { name, group: group.group, model: group.model, cluster: cluster.name }, stream: streamName('phone', runId, name) });
      }
    }
  }
  return entries;
}

/** The names a scenario gives each group (generated from the seed where it only gives a count). */
export function scenarioNames(scenario: Scenario): (cluster: string, group: string) => readonly string[] {
  const byGroup = new Map(scenario.clusters.flatMap((c) => c.phones.map((g) => [`${c.name}/${g.group}`, g.names] as const)));
  return (cluster, group) => byGroup.get(`${cluster}/${group}`) ?? [];
}
