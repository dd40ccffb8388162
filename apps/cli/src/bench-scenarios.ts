import { isMap, isScalar, isSeq, parseDocument, type Document, type YAMLMap } from 'yaml';

/**
 * The benchmark's scenarios, made from a library scenario: the same steps on more phones. They are
 * written to files and run as a user would run them.
 */

/** The scenario with its first phone group grown so that its clusters hold `phones` phones in all. */
export function scaledScenario(yaml: string, phones: number): string {
  const doc = parseDocument(yaml);
  const groups = phoneGroups(doc);
  if (groups.length === 0) throw new RangeError('the benchmark scenario has no phone group to scale');
  const others = groups.slice(1).reduce((n, g) => n + Number(g.get('count') ?? 0), 0);
  groups[0].set('count', phones - others);
  return doc.toString();
}

/**
 * The scenario's clusters copied `copies` times (hq → hq1, hq2, ...; group lobby → lobby1, ...), `phones`
 * phones in all, and every step and expectation that names a cluster or a group repeated for each copy:
 * the same rehearsal on several clusters at once.
 */
export function spreadOverClusters(yaml: string, phones: number, copies: number): string {
  const doc = parseDocument(scaledScenario(yaml, Math.ceil(phones / copies)));
  const clusters = doc.get('clusters') as YAMLMap<unknown, unknown>;
  const names = clusters.items.map((i) => String((i.key as { value: unknown }).value));
  const groups = phoneGroups(doc).map((g) => String(g.get('group')));
  const copied = doc.createNode({}) as YAMLMap<unknown, unknown>;
  for (let c = 1; c <= copies; c++) {
    for (const name of names) {
      const cluster = (clusters.get(name) as YAMLMap).clone() as YAMLMap;
      rename(cluster, names, groups, c);
      copied.set(`${name}${c}`, cluster);
    }
  }
  doc.set('clusters', copied);
  for (const key of ['steps', 'expect']) {
    const items = doc.get(key);
    if (!isSeq(items)) continue;
    const repeated = doc.createNode([]) as unknown as { add(v: unknown): void };
    for (const item of items.items) {
      if (!names.some((n) => mentions(item, 'cluster', n)) && !groups.some((g) => mentions(item, 'group', g))) {
        repeated.add(item);
        continue;
      }
      for (let c = 1; c <= copies; c++) {
        const copy = (item as YAMLMap).clone() as YAMLMap;
        rename(copy, names, groups, c);
        repeated.add(copy);
      }
    }
    doc.set(key, repeated);
  }
  return doc.toString();
}

/** Whether a node holds `key: value` anywhere inside. */
function mentions(node: unknown, key: string, value: string): boolean {
  if (isMap(node)) return node.items.some((i) => (String((i.key as { value?: unknown }).value) === key && isScalar(i.value) && String(i.value.value) === value) || mentions(i.value, key, value));
  if (isSeq(node)) return node.items.some((i) => mentions(i, key, value));
  return false;
}

/** Every `cluster:` and `group:` inside a node, renamed for copy `c`. */
function rename(node: unknown, clusters: string[], groups: string[], c: number): void {
  if (isSeq(node)) node.items.forEach((i) => rename(i, clusters, groups, c));
  if (!isMap(node)) return;
  for (const item of node.items) {
    const key = String((item.key as { value?: unknown }).value);
    if (isScalar(item.value) && ((key === 'cluster' && clusters.includes(String(item.value.value))) || (key === 'group' && groups.includes(String(item.value.value))))) {
      item.value.value = `${String(item.value.value)}${c}`;
    } else rename(item.value, clusters, groups, c);
  }
}

function phoneGroups(doc: Document): YAMLMap[] {
  const clusters = doc.get('clusters');
  if (!isMap(clusters)) return [];
  return clusters.items.flatMap((i) => {
    const phones = isMap(i.value) ? i.value.get('phones') : undefined;
    return isSeq(phones) ? (phones.items.filter(isMap) as YAMLMap[]) : [];
  });
}
