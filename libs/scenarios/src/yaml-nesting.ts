/**
 * The nesting depth of a YAML text, measured on the parser's token tree before anything recursive runs.
 *
 * yaml's composer, its toJS and zod all recurse once per level: a few hundred nested `[` (or indented
 * mappings) overflow the stack and surface as "Maximum call stack size exceeded", at a depth that depends
 * on how deep the caller's own stack already is. yaml's Parser keeps an explicit stack, so its tokens can
 * be walked without recursion and the text refused, located, before the composer sees it.
 */
import type { CST } from 'yaml';

/** The offset of the first collection nested deeper than `limit` levels, or undefined. */
export function firstTooDeep(tokens: readonly CST.Token[], limit: number): number | undefined {
  const pending: [CST.Token, number][] = tokens.map((token) => [token, 0]);
  while (pending.length > 0) {
    const [token, depth] = pending.pop()!;
    if (token.type === 'document') {
      if (token.value) pending.push([token.value, depth]);
      continue;
    }
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') continue;
    const level = depth + 1;
    if (level > limit) return token.offset;
    for (const item of token.items as CST.CollectionItem[]) {
      // An explicit key (`? [a, b]`) may itself be a collection.
      if (item.key) pending.push([item.key, level]);
      if (item.value) pending.push([item.value, level]);
    }
  }
  return undefined;
}
