/** Phone selectors (`all`, `{group}`, `{model}`, `{cluster}`, `{names}`, lists) and node targets. */
import { z } from 'zod';
import type { NodeSelector, PhoneSelector } from './model';
import { byShape, exactlyOne, named, raise, strictObject, withInputForm, type Report } from './schema-helpers';
import { clusterName, groupName, label, nodeName, phoneName } from './schema-scalars';

const SELECTOR_EXPECTED = 'all, { group }, { model }, { cluster }, { names: [...] } or a list of these';

const allText = <T>(value: T, expected: string) =>
  withInputForm(
    z.string().transform((text, ctx) => {
      if (text === 'all') return value;
      raise(ctx, [], `'${text}' is not allowed here`, { expected });
      return z.NEVER;
    }),
    () => z.literal('all'),
  );

const selectorMapping = strictObject(
  {
    group: groupName.optional(),
    model: label.optional(),
    cluster: clusterName.optional(),
    names: z.array(phoneName).min(1).optional(),
  },
  (raw, report, misspelt) => exactlyOne(raw, ['group', 'model', 'cluster', 'names'], report, { misspelt }),
).transform((s): PhoneSelector => {
  if (s.group !== undefined) return { group: s.group };
  if (s.model !== undefined) return { model: s.model };
  if (s.cluster !== undefined) return { cluster: s.cluster };
  return { names: s.names ?? [] };
});

const selectorItem = byShape({ text: allText<PhoneSelector>({ all: true }, SELECTOR_EXPECTED), mapping: selectorMapping }, SELECTOR_EXPECTED);

export const phoneSelector: z.ZodType<PhoneSelector> = named(byShape(
  {
    text: allText<PhoneSelector>({ all: true }, SELECTOR_EXPECTED),
    mapping: selectorMapping,
    // A list is a union; a list of one is just that selector.
    list: z
      .array(selectorItem)
      .min(1)
      .transform((items): PhoneSelector => (items.length === 1 ? items[0] : { anyOf: items })),
  },
  SELECTOR_EXPECTED,
), 'phoneSelector');

const NODES_EXPECTED = 'all or a list of node names, e.g. [pub, sub1]';
const nodesValue: z.ZodType<NodeSelector> = byShape(
  {
    text: allText<NodeSelector>({ all: true }, NODES_EXPECTED),
    list: z
      .array(nodeName)
      .min(1)
      .transform((names): NodeSelector => ({ names: [...new Set(names)] })),
  },
  NODES_EXPECTED,
);

/** `node: a`, `nodes: [a, b]` or `nodes: all`, wherever a step names a node. */
export const nodeTarget = { node: nodeName.optional(), nodes: nodesValue.optional() };
export const needsNode = (raw: Record<string, unknown>, report: Report, misspelt: ReadonlySet<string>) => exactlyOne(raw, ['node', 'nodes'], report, { misspelt });
export const toNodes = (v: { node?: string; nodes?: NodeSelector }): NodeSelector => (v.node !== undefined ? { names: [v.node] } : v.nodes!);
