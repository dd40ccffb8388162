/**
 * The scenario language as a JSON Schema (draft-07) for editors, generated from the zod schema (schema.ts)
 * so the two cannot disagree: a YAML language server completes keys and values from it and underlines
 * what it refuses. The descriptions come from the language reference (language-reference.ts).
 *
 * It is deliberately looser than `trustsim validate`: what spans several keys (exactly one of `node` and
 * `nodes`, names that must refer to a node or a snapshot, releases a purpose exists in, CUCM's limits)
 * stays the validator's. Everything the schema refuses, trustsim refuses too.
 */
import { z } from 'zod';
import type { LanguageReference } from './language-reference';
import { inputFormOf, type InputForm } from './schema-helpers';
import { scenarioSchema } from './schema';

export type JsonSchema = { [key: string]: unknown };

export interface JsonSchemaOptions {
  /** docs/scenario-language.md, read: the descriptions. */
  reference?: LanguageReference;
  /** The simulator's assumptions (libs/domain): `assumptions:` then lists each with its values. */
  assumptions?: Readonly<Record<string, { values: readonly (string | boolean)[]; default: string | boolean; sources?: string }>>;
  /** The simulator's phone models: `model` then offers them. */
  models?: readonly string[];
}

export const JSON_SCHEMA_DRAFT = 'http://json-schema.org/draft-07/schema#';

export function scenarioJsonSchema(options: JsonSchemaOptions = {}): JsonSchema {
  const definitions: Record<string, JsonSchema> = {};

  const convert = (schema: z.ZodType, root?: object): JsonSchema => {
    const json = z.toJSONSchema(schema, {
      target: 'draft-07',
      io: 'input',
      unrepresentable: 'any',
      override: ({ zodSchema, jsonSchema }) => {
        if (zodSchema !== root) {
          const input = inputFormOf(zodSchema);
          if (input) return replace(jsonSchema, input.name ? reference(input.name, zodSchema, input) : convert(input.form()));
        }
        if (zodSchema._zod.def.type === 'object') requiredKeys(zodSchema as unknown as z.ZodObject, jsonSchema);
      },
    }) as JsonSchema;
    delete json.$schema;
    return json;
  };

  const reference = (name: string, schema: object, input: InputForm): JsonSchema => {
    if (!(name in definitions)) {
      definitions[name] = {}; // taken before converting, so a definition that uses itself refers to itself
      const form = input.form();
      definitions[name] = convert(form, form === schema ? schema : undefined);
    }
    return { $ref: `#/definitions/${name}` };
  };

  const body = convert(scenarioSchema);
  const schema: JsonSchema = {
    $schema: JSON_SCHEMA_DRAFT,
    title: 'trustsim scenario',
    ...body,
    definitions: Object.fromEntries(Object.entries(definitions).sort(([a], [b]) => a.localeCompare(b))),
  };
  if (options.assumptions) listAssumptions(schema, options.assumptions);
  if (options.models) offerModels(schema, options.models);
  if (options.reference) describe(schema, options.reference);
  return schema;
}

function replace(target: JsonSchema, by: JsonSchema): void {
  for (const key of Object.keys(target)) delete target[key];
  Object.assign(target, by);
}

/**
 * zod counts a key as optional when its input may be undefined, which every wrapper's `unknown` input
 * may; what the key really needs is whether the schema accepts it missing.
 */
function requiredKeys(object: z.ZodObject, json: JsonSchema): void {
  const required = Object.entries(object.shape)
    .filter(([, field]) => !(field as z.ZodType).safeParse(undefined).success)
    .map(([key]) => key);
  if (required.length) json.required = required;
  else delete json.required;
}

/**
 * Calls `visit` for every mapping the language has, with its key: the dotted path of property names
 * from the file (or from a shared definition, by its name), through lists, alternatives and maps.
 * `clusters.phones` is a phone group, `steps.regenerate` the body of a regenerate step, `phoneSelector`
 * the mapping form of a selector.
 */
export function eachMapping(schema: JsonSchema, visit: (key: string, mapping: JsonSchema & { properties: Record<string, JsonSchema> }) => void): void {
  const walk = (node: unknown, key: string): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as JsonSchema;
    if (n.properties && typeof n.properties === 'object') {
      visit(key, n as JsonSchema & { properties: Record<string, JsonSchema> });
      for (const [name, value] of Object.entries(n.properties as Record<string, JsonSchema>)) walk(value, key ? `${key}.${name}` : name);
    }
    for (const combined of ['anyOf', 'oneOf', 'allOf'] as const) if (Array.isArray(n[combined])) for (const member of n[combined] as unknown[]) walk(member, key);
    if (n.items) walk(n.items, key);
    if (n.additionalProperties && typeof n.additionalProperties === 'object') walk(n.additionalProperties, key);
  };
  walk({ ...schema, definitions: undefined }, '');
  for (const [name, definition] of Object.entries((schema.definitions ?? {}) as Record<string, JsonSchema>)) walk(definition, name);
}

/** Every value a key accepts by name (`enum` and `const`), found anywhere under `node` but not through `$ref`. */
export function namedValues(node: unknown): (string | number | boolean)[] {
  if (!node || typeof node !== 'object') return [];
  const n = node as JsonSchema;
  const own = [...(Array.isArray(n.enum) ? n.enum : []), ...('const' in n ? [n.const] : [])] as (string | number | boolean)[];
  const nested = [...['anyOf', 'oneOf', 'allOf'].flatMap((k) => (Array.isArray(n[k]) ? (n[k] as unknown[]).flatMap(namedValues) : [])), ...(n.items ? namedValues(n.items) : [])];
  return [...own, ...nested].filter((v) => v !== null);
}

function listAssumptions(schema: JsonSchema, catalogue: NonNullable<JsonSchemaOptions['assumptions']>): void {
  const properties = schema.properties as Record<string, JsonSchema>;
  properties.assumptions = {
    type: ['object', 'null'],
    properties: Object.fromEntries(
      Object.entries(catalogue).map(([name, a]) => [name, { enum: [...a.values], default: a.default, ...(a.sources ? { description: a.sources } : {}) }]),
    ),
    additionalProperties: false,
  };
}

function offerModels(schema: JsonSchema, models: readonly string[]): void {
  eachMapping(schema, (key, mapping) => {
    if (key === 'clusters.phones' && mapping.properties.model) mapping.properties.model = { type: 'string', enum: [...models] };
  });
}

/** Descriptions from the reference: each mapping's from its own section, each key's from its table row. */
function describe(schema: JsonSchema, reference: LanguageReference): void {
  const root = reference.sections.get('');
  if (root?.description) schema.description = root.description;
  eachMapping(schema, (key, mapping) => {
    const own = reference.sections.get(key);
    if (own?.description && key !== '') mapping.description = own.description;
    for (const [name, value] of Object.entries(mapping.properties)) {
      const text = fieldDescription(reference, key, name);
      if (!text) continue;
      // In draft-07 a `$ref` hides the keywords beside it; `allOf` keeps the description visible.
      mapping.properties[name] = value.$ref ? { description: text, allOf: [value] } : { ...value, description: text };
    }
  });
}

function fieldDescription(reference: LanguageReference, key: string, name: string): string | undefined {
  for (let k: string | undefined = key; k !== undefined; k = k === '' ? undefined : k.includes('.') ? k.slice(0, k.lastIndexOf('.')) : '') {
    const row = reference.sections.get(k)?.fields.get(name);
    if (row) return row;
  }
  return undefined;
}
