/**
 * What the scenario language has that its reference (docs/scenario-language.md) does not describe. Every
 * list comes from the code: the keys, steps, selectors, expectation kinds and named values from the JSON
 * Schema that `trustsim schema` generates from the zod schema; the assumptions from the domain's
 * catalogue; the CLI commands of a `cli` step from the parser; the exit codes from the CLI. A new key,
 * step, value or assumption is therefore reported by name, with the section it belongs in.
 */
import { parse } from 'yaml';
import { eachMapping, namedValues, parentKey, type JsonSchema, type LanguageReference, type ReferenceSection } from '@trustsim/scenarios';

export interface DriftInputs {
  schema: JsonSchema;
  reference: LanguageReference;
  /** The reference's text (for the example blocks of each step's section). */
  markdown: string;
  assumptions: readonly { name: string; values: readonly (string | boolean)[]; default: string | boolean }[];
  cliCommands: readonly string[];
  exitCodes: Readonly<Record<string, number>>;
}

/** One line per thing the reference is missing; empty when it describes the whole language. */
export function languageDrift(inputs: DriftInputs): string[] {
  const { schema, reference } = inputs;
  const missing: string[] = [];
  const mappings = new Map<string, Set<string>>();
  eachMapping(schema, (key, mapping) => {
    const keys = mappings.get(key) ?? new Set<string>();
    for (const name of Object.keys(mapping.properties)) keys.add(name);
    mappings.set(key, keys);
  });

  for (const [key, keys] of mappings) {
    const section = reference.sectionFor(key);
    const where = section ? `section "${section.heading}" (<!-- schema: ${section.key} -->)` : 'the reference';
    for (const name of keys) {
      // A key the enclosing mapping has too (a step's `at`, inside its body or beside it) is described there.
      const inherited = mappings.get(parentKey(key) ?? '\0')?.has(name) && mentionsKey(reference.sectionFor(parentKey(key)!), name);
      if (!mentionsKey(section, name) && !inherited) missing.push(`${label(key)}: key \`${name}\` is not described in ${where}`);
    }
  }

  eachMapping(schema, (key, mapping) => {
    for (const [name, value] of Object.entries(mapping.properties)) {
      for (const v of namedValues(value)) {
        if (!reference.mentions.has(String(v))) missing.push(`${label(key)}.${name}: value \`${String(v)}\` is not mentioned anywhere in the reference`);
      }
    }
  });

  const steps = [...(mappings.get('steps') ?? [])].filter((name) => name !== 'at');
  for (const step of steps) {
    const section = reference.sections.get(`steps.${step}`);
    if (!section) {
      missing.push(`step \`${step}\` has no section of its own (a heading followed by <!-- schema: steps.${step} -->)`);
      continue;
    }
    if (!examplesOf(section).some((example) => usesStep(example, step))) missing.push(`step \`${step}\`: its section has no example scenario that uses it`);
  }

  const assumptions = reference.sections.get('assumptions');
  for (const a of inputs.assumptions) {
    const row = assumptions?.text.split('\n').find((line) => line.trim().startsWith(`| \`${a.name}\``));
    if (!row) {
      missing.push(`assumption \`${a.name}\` has no row in the assumptions table`);
      continue;
    }
    const cells = row.split('|').map((c) => c.trim());
    for (const v of a.values) if (!cells[2]?.includes(`\`${String(v)}\``)) missing.push(`assumption \`${a.name}\`: value \`${String(v)}\` is not in its row's values`);
    if (cells[3] !== `\`${String(a.default)}\``) missing.push(`assumption \`${a.name}\`: its default is \`${String(a.default)}\`, the row says ${cells[3] || 'nothing'}`);
  }

  const cli = reference.sections.get('steps.cli');
  for (const command of inputs.cliCommands) {
    if (!cli || !codeSpans(cli.text).includes(command)) missing.push(`cli command \`${command}\` is not listed in the \`cli\` step's section`);
  }

  const exits = inputs.markdown.split(/\n#+ Exit codes\n/)[1]?.split(/\n#/)[0] ?? '';
  for (const [name, code] of Object.entries(inputs.exitCodes)) {
    if (!new RegExp(`^\\| \`${code}\` \\|`, 'm').test(exits)) missing.push(`exit code ${code} (${name}) is not in the "Exit codes" table`);
  }
  return missing;
}

function label(key: string): string {
  return key === '' ? '(the file)' : key;
}

/** The code spans of a text, outside fenced blocks. */
function codeSpans(text: string): string[] {
  return [...text.replace(/```[\s\S]*?```/g, '').matchAll(/`([^`\n]+)`/g)].map((m) => m[1].trim());
}

/** A key is described when a code span of the section names it: `purpose`, `{ snapshot: <name> }`, `node` / `nodes`. */
function mentionsKey(section: ReferenceSection | undefined, name: string): boolean {
  if (!section) return false;
  return codeSpans(section.text).some((span) => span === name || span.split(/[^A-Za-z0-9_-]+/).includes(name));
}

/** The YAML example blocks of a section. */
export function examplesOf(section: ReferenceSection): string[] {
  return [...section.text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
}

/** Every ```yaml block of a markdown text, with the line it starts on. */
export function yamlBlocks(markdown: string): { line: number; text: string }[] {
  const blocks: { line: number; text: string }[] = [];
  for (const m of markdown.matchAll(/^```yaml\n([\s\S]*?)^```/gm)) blocks.push({ line: markdown.slice(0, m.index).split('\n').length + 1, text: m[1] });
  return blocks;
}

function usesStep(example: string, step: string): boolean {
  const data = parse(example) as { steps?: Record<string, unknown>[] } | null;
  return (data?.steps ?? []).some((item) => item && typeof item === 'object' && step in item);
}
