/**
 * Reads YAML text into plain data while keeping the node tree, so any later finding — a schema issue,
 * a default, a dangling reference — can be pinned back to the 1-based line and column it came from.
 */
import { Composer, isMap, isSeq, LineCounter, Parser, type CST, type Document } from 'yaml';
import { formatPath, type ScenarioIssue } from './errors';
import { MAX_ALIAS_EXPANSION, MAX_YAML_NESTING } from './limits';
import type { SourceLocation } from './model';
import { firstTooDeep } from './yaml-nesting';
import { startOf, YamlTree } from './yaml-tree';

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

/**
 * Syntax, then structure: nesting depth on the parser's tokens (nothing recursive has run yet), then the
 * composed document's errors and the tree checks (duplicate keys, aliases, merges). Only a document with
 * none of those is turned into data. Every problem is an issue with its line and column; nothing throws.
 */
export function readYaml(text: string, file: string): YamlSource {
  const lineCounter = new LineCounter();
  const position = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const issue = (offset: number, message: string, expected?: string): ScenarioIssue => ({
    ...position(offset),
    field: '(yaml)',
    message,
    ...(expected !== undefined && { expected }),
  });

  const tokens: CST.Token[] = Array.from(new Parser(lineCounter.addNewLine).parse(text));
  const deep = firstTooDeep(tokens, MAX_YAML_NESTING);
  if (deep !== undefined) {
    const issues = [issue(deep, `lists and mappings are nested more than ${MAX_YAML_NESTING} levels deep`, `at most ${MAX_YAML_NESTING} levels`)];
    return { file, data: undefined, issues, locate: () => ({ ...position(0), found: false }) };
  }

  const { doc, secondDocument } = composeFirst(tokens, text.length);
  const issues: ScenarioIssue[] = doc.errors.map((error) => issue(error.pos[0], error.message));
  if (secondDocument !== undefined) {
    issues.push(issue(secondDocument, 'a second YAML document starts here', 'one document per scenario file'));
  }
  const tree = new YamlTree(doc, { maxAliasExpansion: MAX_ALIAS_EXPANSION }, position);
  issues.push(...tree.findings.map((finding) => issue(finding.offset, finding.message, finding.expected)));

  // Aliases and merges were counted and checked above; yaml's own alias-count guard refused a thousand
  // legitimate `<<: *defaults`, and its toJS grows with the square of the number of aliases.
  const data = issues.length === 0 ? tree.toData(doc.contents) : undefined;
  return { file, data, issues, locate: (path, at = 'value') => locate(doc, tree, path, at, position) };
}

/**
 * The first document of the text, as parseDocument composes it but from tokens already parsed. Duplicate
 * keys are left to YamlTree, which checks them in linear time. Merge keys (`<<: *defaults`) let phone
 * groups share settings; `locate` follows them.
 */
function composeFirst(tokens: readonly CST.Token[], end: number): { doc: Document; secondDocument?: number } {
  const composer = new Composer({ merge: true, uniqueKeys: false });
  let doc: Document | undefined;
  for (const next of composer.compose(tokens, true, end)) {
    if (!doc) doc = next;
    else return { doc, secondDocument: next.range[0] };
  }
  return { doc: doc! };
}

function locate(doc: Document, tree: YamlTree, path: Path, at: 'key' | 'value', position: (offset: number) => SourceLocation): Located {
  let node: unknown = doc.contents;
  let best = startOf(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    node = tree.resolve(node);
    const segment = path[i];
    let next: unknown;
    if (isMap(node)) {
      const pair = tree.pair(node, String(segment));
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
