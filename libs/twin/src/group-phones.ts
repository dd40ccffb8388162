/**
 * Phone groups of a twin: the export's phones grouped by device pool, model, security mode and LSC,
 * with exact `names:` (a twin's phones are real ones). Each pool's CallManager group and TFTP servers
 * come from the mapping file; without an entry the cluster's defaults apply, and the import says so.
 */
import type { Diagnostics } from './diagnostics';
import type { Mapping, PoolMapping } from './mapping-file';
import { scenarioName } from './names';
import type { NodeRegistry } from './node-registry';
import { catalogueModel } from './phone-models';
import type { PhoneInventory } from './read-phone-inventory';
import { readSecurityProfile } from './security-profiles';
import type { TwinNode, TwinPhoneGroup } from './twin-model';

/** A CallManager group holds at most three servers. */
const CALLMANAGER_GROUP_SIZE = 3;

export interface GroupingResult {
  groups: TwinPhoneGroup[];
  /** Device types the catalogue does not know, with their row counts (for the mapping template). */
  unknownDeviceTypes: { deviceType: string; phones: number }[];
  /** Profile names whose mode was assumed (for the mapping template). */
  unsettledProfiles: string[];
  /** Pools of the export with their phone counts (for the mapping template). */
  pools: { name: string; phones: number }[];
  imported: number;
}

export function groupPhones(inventory: PhoneInventory, shown: string, mapping: Mapping, registry: NodeRegistry, diagnostics: Diagnostics): GroupingResult {
  const unknown = new Map<string, number>();
  const unsettled = new Map<string, string>();
  const poolCounts = new Map<string, { name: string; phones: number }>();
  const buckets = new Map<string, TwinPhoneGroup>();
  let assumedLsc = false;
  for (const row of inventory.rows) {
    const model = catalogueModel(row.deviceType, mapping.models);
    if (!model) {
      unknown.set(row.deviceType, (unknown.get(row.deviceType) ?? 0) + 1);
      diagnostics.warning({ file: shown, line: row.line }, `unknown model '${row.deviceType}' (not in trustsim's model catalogue; a mapping file may name a stand-in under models:): row not imported`);
      continue;
    }
    const profile = readSecurityProfile(row.profile, mapping.securityProfiles);
    if (profile.assumed && row.profile !== undefined && !unsettled.has(row.profile)) unsettled.set(row.profile, profile.why!);
    let lsc = row.lsc;
    if (lsc === undefined) {
      // Without an LSC column: a phone with a secure profile could not register securely without an LSC [S15CAPF].
      lsc = profile.mode !== 'non-secure';
      assumedLsc ||= lsc;
    }
    const poolKey = row.pool.toLowerCase();
    const pool = poolCounts.get(poolKey) ?? { name: row.pool, phones: 0 };
    pool.phones++;
    poolCounts.set(poolKey, pool);
    const key = `${poolKey}\u0000${model}\u0000${profile.mode}\u0000${lsc}`;
    let group = buckets.get(key);
    if (!group) {
      group = { group: '', pool: pool.name, model, securityProfile: profile.mode, lsc, names: [] };
      buckets.set(key, group);
    }
    group.names.push(row.name);
  }
  for (const why of unsettled.values()) diagnostics.assumed({ file: shown }, `${why} (a mapping file's securityProfiles: settles it)`);
  if (inventory.rows.length && !inventory.columns.profile) diagnostics.assumed({ file: shown }, 'no security profile column: every phone is taken as non-secure');
  if (assumedLsc) diagnostics.assumed({ file: shown }, 'no LSC status column: phones with an authenticated or encrypted profile are taken to hold an LSC from this cluster\'s CAPF (they could not register securely without one [S15CAPF])');

  const groups = [...buckets.values()];
  nameGroups(groups);
  applyMapping(groups, [...poolCounts.values()], mapping, registry, diagnostics, shown);
  return {
    groups,
    unknownDeviceTypes: [...unknown].map(([deviceType, phones]) => ({ deviceType, phones })),
    unsettledProfiles: [...unsettled.keys()],
    pools: [...poolCounts.values()],
    imported: groups.reduce((n, g) => n + g.names.length, 0),
  };
}

/** A pool with one kind of phone is one group named after the pool; otherwise `<pool>-<model>-<mode>[-lsc]`. */
function nameGroups(groups: TwinPhoneGroup[]): void {
  const perPool = new Map<string, number>();
  for (const g of groups) perPool.set(g.pool.toLowerCase(), (perPool.get(g.pool.toLowerCase()) ?? 0) + 1);
  const taken = new Set<string>();
  for (const g of groups) {
    const alone = perPool.get(g.pool.toLowerCase()) === 1;
    const base = scenarioName(alone ? g.pool : `${g.pool}-${g.model}-${g.securityProfile}${g.lsc ? '-lsc' : ''}`, 'phones');
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}-${n}`;
    taken.add(name.toLowerCase());
    g.group = name;
  }
}

function applyMapping(groups: TwinPhoneGroup[], pools: { name: string; phones: number }[], mapping: Mapping, registry: NodeRegistry, diagnostics: Diagnostics, shown: string): void {
  if (pools.length === 0) return;
  if (mapping.shown === '') {
    diagnostics.assumed({ file: shown }, 'no mapping file: every device pool uses the cluster\'s CallManager group and TFTP servers (trustsim import --mapping-template <file> writes one to fill in)');
  }
  const inExport = new Set(pools.map((p) => p.name.toLowerCase()));
  for (const entry of mapping.pools.values()) {
    if (!inExport.has(entry.pool.toLowerCase())) diagnostics.warning({ file: mapping.shown, line: entry.line }, `pool '${entry.pool}' has no phone in the export: entry not used`);
  }
  for (const pool of pools) {
    const entry = mapping.pools.get(pool.name.toLowerCase());
    if (!entry) {
      if (mapping.shown !== '') diagnostics.assumed({ file: mapping.shown }, `pool '${pool.name}' is not in the mapping: its ${pool.phones} phones use the cluster's CallManager group and TFTP servers`);
      continue;
    }
    const callManagerGroup = entry.callManagerGroup && resolve(entry, 'callManagerGroup', registry, diagnostics, mapping.shown);
    const tftp = entry.tftp && resolve(entry, 'tftp', registry, diagnostics, mapping.shown);
    for (const g of groups) {
      if (g.pool.toLowerCase() !== pool.name.toLowerCase()) continue;
      if (callManagerGroup?.length) g.callManagerGroup = callManagerGroup;
      if (tftp?.length) g.tftp = tftp;
    }
  }
}

/** Mapping node names as the twin's nodes; a node named there runs the service the mapping implies. */
function resolve(entry: PoolMapping, field: 'callManagerGroup' | 'tftp', registry: NodeRegistry, diagnostics: Diagnostics, file: string): string[] {
  const { names, line } = entry[field]!;
  const service = field === 'tftp' ? 'tftp' : 'callmanager';
  const nodes: TwinNode[] = [];
  for (const name of names) {
    const node = registry.find(name);
    if (!node) {
      diagnostics.error({ file, line }, `pool '${entry.pool}': ${field} names '${name}', not a node of the cluster (${registry.all.map((n) => n.name).join(', ')}): left out`);
      continue;
    }
    if (!node.services.has(service)) {
      node.services.add(service);
      diagnostics.assumed({ file, line }, `${node.name} runs ${service === 'tftp' ? 'TFTP' : 'CallManager'}: pool '${entry.pool}'s ${field} names it`);
    }
    if (!nodes.includes(node)) nodes.push(node);
  }
  if (field === 'callManagerGroup' && nodes.length > CALLMANAGER_GROUP_SIZE) {
    diagnostics.error({ file, line }, `pool '${entry.pool}': a CallManager group holds at most ${CALLMANAGER_GROUP_SIZE} servers; the first ${CALLMANAGER_GROUP_SIZE} are used`);
    nodes.length = CALLMANAGER_GROUP_SIZE;
  }
  return nodes.map((n) => n.name);
}

