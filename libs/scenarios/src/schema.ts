/**
 * The shape of a scenario file (docs/scenario-language.md), as zod schemas over the parsed YAML.
 *
 * The schemas check shape and vocabulary and normalise each value to its model form (durations to
 * milliseconds, `node`/`nodes` to a NodeSelector, selectors to PhoneSelector, names to their canonical
 * spelling). Defaults that need no context are filled here; those that depend on other parts of the file
 * (publisher, TFTP list, phone names) and every cross-reference are left to build-*.ts and
 * validate-scenario.ts. Locations are added later from the YAML tree, by path.
 *
 * The parts live in schema-scalars / -selectors / -expectations / -steps / -clusters.ts.
 */
import { z } from 'zod';
import { byShape, strictObject } from './schema-helpers';
import { checkClusterNames, clusters } from './schema-clusters';
import { expectation } from './schema-expectations';
import { isoTime, label } from './schema-scalars';
import { stepItem } from './schema-steps';

export type { ClusterDraft, NodeDraft, PhoneGroupDraft } from './schema-clusters';
export type { ExpectationDraft } from './schema-expectations';
export type { StepDraft } from './schema-steps';
export { compact } from './schema-scalars';

export const DEFAULT_SEED = 1;
export const DEFAULT_START = '2026-01-05T08:00:00Z';

/**
 * Extension: where a twin of a real cluster came from (`trustsim import`). `keys: minted` says, once for
 * every report, that the real private keys stayed on the cluster and the simulator minted its own.
 */
const twin = strictObject({
  importedAt: isoTime,
  tool: label.optional(),
  keys: z.literal('minted').default('minted'),
  sources: z.array(label).optional(),
  assumed: z.array(label).optional(),
  unread: z.array(label).optional(),
});

const assumptions = z.record(z.string(), byShape({ text: z.string(), boolean: z.boolean() }, 'text or true/false'));

export const scenarioSchema = strictObject(
  {
    scenario: label,
    title: z.string().optional(),
    seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(DEFAULT_SEED),
    start: isoTime.default(DEFAULT_START),
    clusters,
    steps: z.array(stepItem).nullish(),
    expect: z.array(expectation).nullish(),
    assumptions: assumptions.nullish(),
    twin: twin.optional(),
  },
  checkClusterNames,
);

export type ScenarioDraft = z.output<typeof scenarioSchema>;
