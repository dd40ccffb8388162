import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Command } from 'commander';
import { ASSUMPTIONS, knownPhoneModels } from '@trustsim/domain';
import { JsonSchema, readReference, scenarioJsonSchema } from '@trustsim/scenarios';
import { CliContext } from '../cli-context';

/** Where the language reference lives in trustsim's own tree; its sections describe every key. */
export const LANGUAGE_REFERENCE = 'docs/scenario-language.md';

/**
 * `trustsim schema`: the JSON Schema of scenario files, generated from the scenario schema with the
 * descriptions of docs/scenario-language.md, the simulator's assumptions and its phone models.
 * docs/trustsim.schema.json is its output, committed for editors.
 */
export function registerSchema(program: Command, ctx: CliContext): void {
  program
    .command('schema')
    .description(`print the JSON Schema of scenario files, for editors with a YAML language server (keys and values: ${LANGUAGE_REFERENCE})`)
    .action(() =>
      ctx.action(async () => {
        const root = trustsimRoot(__dirname);
        if (!root) ctx.io.err(`trustsim schema: ${LANGUAGE_REFERENCE} not found beside trustsim; the schema has no descriptions`);
        ctx.io.out(JSON.stringify(trustsimJsonSchema(root), null, 2));
      }),
    );
}

/** The schema as `trustsim schema` prints it; `root` is trustsim's folder (no descriptions without it). */
export function trustsimJsonSchema(root: string | undefined): JsonSchema {
  const reference = root ? readReference(readFileSync(join(root, LANGUAGE_REFERENCE), 'utf8')) : undefined;
  return scenarioJsonSchema({
    ...(reference ? { reference } : {}),
    assumptions: Object.fromEntries(Object.values(ASSUMPTIONS).map((a) => [a.name, { values: a.values, default: a.default, sources: a.sources }])),
    models: knownPhoneModels(),
  });
}

/**
 * The folder holding trustsim's package.json and the reference: a walk up rather than a fixed `../..`, so
 * it works from apps/cli/src/commands (tests) and dist/apps/cli/src/commands (the build) alike.
 */
export function trustsimRoot(dir: string): string | undefined {
  for (; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && existsSync(join(dir, LANGUAGE_REFERENCE))) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'trustsim') return dir;
      } catch {
        // not ours; keep walking
      }
    }
    if (dirname(dir) === dir) return undefined;
  }
}
