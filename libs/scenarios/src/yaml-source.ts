/**
 * Reads YAML text into plain data while keeping the node tree, so any later finding — a schema issue,
 * a default, a dangling reference — can be pinned back to the 1-based line and column it came from.
 */
import { Document, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import { formatPath, type ScenarioIssue } from './errors';
import type { SourceLocation } from './model';

export type Path = readonly PropertyKey[];

export interface Located extends SourceLocation {
  /** False when the path leads nowhere (a missing key): the position is then the nearest ancestor. */
  found: boolean;
}

export interface YamlSource {
  file: string;
  data: unknown;
  /** YAML syntax errors; when present, `data` is not worth validating. */
  issues: ScenarioIssue[];
  /** Position of the value at `path`, or of its key when `at` is `'key'` (for unknown or misplaced keys). */
  locate(path: Path, at?: 'key' | 'value'): Located;
}

export function readYaml(text: string, file: string): YamlSource {
  const lineCounter = new LineCounter();
  // prettyErrors off: we render positions ourselves, and its code-frame would clutter one-line messages.
  // Merge keys (`<<: *defaults`) let phone groups share settings; `locate` follows them.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true });
  const position = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const issues: ScenarioIssue[] = doc.errors.map((error) => ({
    ...position(error.pos[0]),
    field: '(yaml)',
    message: error.message,
  }));
  const data = issues.length ? undefined : doc.toJS({ maxAliasCount: 1000 });
  return { file, data, issues, locate: (path, at = 'value') => locate(doc, path, at, position) };
}

function locate(doc: Document, path: Path, at: 'key' | 'value', position: (offset: number) => SourceLocation): Located {
  let node: unknown = doc.contents;
  let best = startOf(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    node = resolve(doc, node);
    const segment = path[i];
    let next: unknown;
    if (isMap(node)) {
      const pair = findPair(doc, node, String(segment));
      if (pair) {
        const keyStart = startOf(pair.key);
        if (i === path.length - 1 && at === 'key' && keyStart !== undefined) return { ...position(keyStart), found: true };
        // `key:` with nothing after it has no value node; point at the key.
        next = pair.value ?? pair.key;
        if (pair.value == null && keyStart !== undefined) best = keyStart;
      }
    } else if (isSeq(node) && typeof segment === 'number') {
      next = node.items[segment];
    }
    if (next === undefined) return { ...position(best), found: false };
    node = next;
    best = startOf(node) ?? best;
  }
  return { ...position(best), found: true };
}

/** The pair for `key` in a map: its own, else the first one merged in with `<<` (own keys win in YAML too). */
function findPair(doc: Document, map: YAMLMap, key: string, depth = 0): Pair | undefined {
  const own = map.items.find((item) => isPair(item) && keyText(item.key) === key);
  if (own || depth > 10) return own;
  for (const item of map.items) {
    if (!isMergeKey(item.key)) continue;
    const value = resolve(doc, item.value);
    const sources = isSeq(value) ? value.items.map((source) => resolve(doc, source)) : [value];
    for (const source of sources) {
      const merged = isMap(source) ? findPair(doc, source, key, depth + 1) : undefined;
      if (merged) return merged;
    }
  }
  return undefined;
}

function isMergeKey(key: unknown): boolean {
  return isScalar(key) && (typeof key.value === 'symbol' || key.value === '<<');
}

function resolve(doc: Document, node: unknown): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return key == null ? undefined : String(key);
}

function startOf(node: unknown): number | undefined {
  return (node as Node | null | undefined)?.range?.[0];
}

/** An issue at `path`, located in the source. */
export function issueAt(
  source: Pick<YamlSource, 'file' | 'locate'>,
  path: Path,
  message: string,
  options: { expected?: string; at?: 'key' | 'value' } = {},
): ScenarioIssue {
  const { line, column } = source.locate(path, options.at);
  const issue: ScenarioIssue = { file: source.file, line, column, field: formatPath(path), message };
  if (options.expected !== undefined) issue.expected = options.expected;
  return issue;
}
