/**
 * One walk over a composed YAML document that checks what yaml itself would only find later, unlocated or
 * too slowly, and indexes the tree for locating paths:
 * - duplicate keys, with a Set per mapping (yaml's own `uniqueKeys` check compares each key with every
 *   earlier one: 20,000 keys took seconds);
 * - aliases: one that names no earlier anchor (`*nope`), one inside the node it refers to, and the number
 *   of values aliases add to the document (alias bombs), each at the alias;
 * - merge keys whose value is not a mapping or a list of them (`<<: 5`), at the value.
 * Aliases are resolved once here: yaml's `Alias.resolve` scans every earlier anchor and alias on each
 * call, so its `toJS` took 5 s for 20,000 `<<: *defaults`. `toData` converts the checked tree itself.
 *
 * The walk recurses once per level; readYaml only builds a tree after the nesting check (yaml-nesting.ts).
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Alias, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { SourceLocation } from './model';

export interface TreeFinding {
  offset: number;
  message: string;
  expected?: string;
}

interface PairIndex {
  own: Map<string, Pair>;
  merges: Pair[];
}

export class YamlTree {
  readonly findings: TreeFinding[] = [];
  private readonly targets = new Map<Alias, Node | undefined>();
  private readonly indexes = new WeakMap<YAMLMap, PairIndex>();
  /** Anchor name → the node it currently names (document order: a later anchor of the same name wins). */
  private readonly anchors = new Map<string, Node>();
  /** Expanded size of each finished collection; aliases look their target up here. */
  private readonly sizes = new Map<Node, number>();
  /** Collections being walked: an alias to one of them is an alias inside its own anchor. */
  private readonly open = new Set<Node>();
  private readonly data = new Map<Node, unknown>();
  private expansion = 0;
  private expansionReported = false;

  constructor(
    doc: Document,
    private readonly limits: { maxAliasExpansion: number },
    private readonly position: (offset: number) => Omit<SourceLocation, 'file'>,
  ) {
    this.size(doc.contents);
  }

  /** The node an alias stands for (undefined when it names no anchor); any other node as it is. */
  resolve(node: unknown): unknown {
    return isAlias(node) ? this.targets.get(node) : node;
  }

  /**
   * Plain data, as yaml's `toJS` gives it: mappings become objects (keys as text), merge keys copy the keys
   * the mapping does not set itself, and every alias of an anchor shares that anchor's value. Only call it
   * when `findings` is empty (an alias cycle would not end).
   */
  toData(node: unknown): unknown {
    if (isAlias(node)) return this.toData(this.targets.get(node));
    if (!isMap(node) && !isSeq(node)) return isScalar(node) ? node.value : null;
    const done = this.data.get(node);
    if (done !== undefined) return done;
    let value: unknown;
    if (isSeq(node)) {
      value = node.items.map((item) => this.toData(item));
    } else {
      const object: Record<string, unknown> = {};
      for (const item of node.items) {
        if (!isPair(item)) continue;
        if (isMergeKey(item.key)) {
          const source = this.resolve(item.value);
          const sources = isSeq(source) ? source.items : [source];
          for (const one of sources) {
            const merged = this.toData(one) as Record<string, unknown>;
            for (const key of Object.keys(merged)) if (!Object.prototype.hasOwnProperty.call(object, key)) define(object, key, merged[key]);
          }
        } else {
          define(object, dataKey(item.key, (key) => this.toData(key)), this.toData(item.value));
        }
      }
      value = object;
    }
    this.data.set(node, value);
    return value;
  }

  /** The pair for `key` in a map: its own, else the first one merged in with `<<` (own keys win in YAML too). */
  pair(map: YAMLMap, key: string, depth = 0): Pair | undefined {
    const index = this.index(map);
    const own = index.own.get(key);
    if (own || depth > 10) return own;
    for (const merge of index.merges) {
      const value = this.resolve(merge.value);
      const sources = isSeq(value) ? value.items.map((source) => this.resolve(source)) : [value];
      for (const source of sources) {
        const merged = isMap(source) ? this.pair(source, key, depth + 1) : undefined;
        if (merged) return merged;
      }
    }
    return undefined;
  }

  private index(map: YAMLMap): PairIndex {
    let index = this.indexes.get(map);
    if (!index) {
      index = { own: new Map(), merges: [] };
      for (const item of map.items) {
        if (!isPair(item)) continue;
        if (isMergeKey(item.key)) index.merges.push(item);
        else {
          const key = keyText(item.key);
          if (key !== undefined && !index.own.has(key)) index.own.set(key, item);
        }
      }
      this.indexes.set(map, index);
    }
    return index;
  }

  /** Number of values `node` stands for once aliases are expanded (1 for a scalar or an empty value). */
  private size(node: unknown): number {
    if (isAlias(node)) return this.alias(node);
    if (node && typeof node === 'object' && 'anchor' in node && typeof node.anchor === 'string' && node.anchor) {
      this.anchors.set(node.anchor, node as Node);
    }
    if (isMap(node)) {
      this.open.add(node);
      let total = 1;
      const seen = new Map<string, Pair>();
      for (const item of node.items) {
        if (!isPair(item)) continue;
        this.duplicate(seen, item);
        total = add(total, this.size(item.key), this.size(item.value));
        if (isMergeKey(item.key)) this.mergeValue(item);
      }
      this.open.delete(node);
      this.sizes.set(node, total);
      return total;
    }
    if (isSeq(node)) {
      this.open.add(node);
      let total = 1;
      for (const item of node.items) total = add(total, this.size(item));
      this.open.delete(node);
      this.sizes.set(node, total);
      return total;
    }
    return 1;
  }

  private alias(alias: Alias): number {
    const target = this.anchors.get(alias.source);
    this.targets.set(alias, target);
    const offset = alias.range?.[0] ?? 0;
    if (!target) {
      this.findings.push({ offset, message: `alias '*${alias.source}' names no anchor before it`, expected: `an anchor '&${alias.source}' earlier in the file` });
      return 1;
    }
    if (this.open.has(target)) {
      this.findings.push({ offset, message: `alias '*${alias.source}' is inside the value it refers to (it would never end)` });
      return 1;
    }
    const size = this.sizes.get(target) ?? 1;
    this.expansion = add(this.expansion, size);
    if (this.expansion > this.limits.maxAliasExpansion && !this.expansionReported) {
      this.expansionReported = true;
      this.findings.push({
        offset,
        message: `aliases expand the file by more than ${this.limits.maxAliasExpansion.toLocaleString('en-US')} values (an alias bomb?)`,
        expected: 'fewer or smaller aliases',
      });
    }
    return size;
  }

  private duplicate(seen: Map<string, Pair>, pair: Pair): void {
    if (isMergeKey(pair.key)) return; // several `<<` are how YAML 1.1 merges several maps
    const key = keyText(pair.key);
    if (key === undefined) return;
    const first = seen.get(key);
    if (!first) {
      seen.set(key, pair);
      return;
    }
    const offset = startOf(pair.key) ?? 0;
    const firstAt = startOf(first.key);
    const where = firstAt === undefined ? '' : ` (first at line ${this.position(firstAt).line})`;
    this.findings.push({ offset, message: `duplicate key '${key}'${where}`, expected: 'each key once per mapping' });
  }

  /** `<<` takes a mapping, an alias of one, or a list of those [YAML 1.1 merge type]. */
  private mergeValue(pair: Pair): void {
    const value = this.resolve(pair.value);
    if (isAlias(pair.value) && value === undefined) return; // the unknown alias is reported already
    const ok = isMap(value) || (isSeq(value) && value.items.every((item) => isMap(this.resolve(item))));
    if (!ok) {
      this.findings.push({
        offset: startOf(pair.value) ?? startOf(pair.key) ?? 0,
        message: `the merge key '<<' is given ${describeNode(value)}`,
        expected: 'a mapping, an alias of one (<<: *defaults), or a list of them',
      });
    }
  }
}

/** A plain `<<` key; yaml gives it a Symbol value when merge keys are on. */
export function isMergeKey(key: unknown): boolean {
  return isScalar(key) && typeof key.value === 'symbol';
}

/** A scalar key as the data spells it (`null` → '', as yaml's toJS does); undefined for other keys. */
export function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return key.value === null ? '' : String(key.value);
  return undefined;
}

/** The object key a pair's key becomes (yaml's rule: null → '', scalars as text, collections as JSON). */
function dataKey(key: unknown, toData: (node: unknown) => unknown): string {
  const text = keyText(key);
  if (text !== undefined) return text;
  const value = toData(key);
  return value === null ? '' : JSON.stringify(value);
}

/** An own property even for `__proto__` (an assignment would set the object's prototype instead). */
function define(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  else object[key] = value;
}

export function startOf(node: unknown): number | undefined {
  return (node as Node | null | undefined)?.range?.[0];
}

function describeNode(node: unknown): string {
  if (isScalar(node)) return node.value === null ? 'nothing' : `'${String(node.value)}'`;
  if (isSeq(node)) return 'a list with an item that is not a mapping';
  return node == null ? 'nothing' : 'something that is not a mapping';
}

/** Sums that stop growing at MAX_SAFE_INTEGER (a bomb's sizes would otherwise lose all meaning). */
function add(...values: number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return Math.min(total, Number.MAX_SAFE_INTEGER);
}
