/**
 * docs/trustsim.schema.json is what editors load: it must be what `trustsim schema` prints today, and a
 * standard JSON Schema validator (ajv) must accept every scenario trustsim accepts — the library, the
 * examples and the reference's examples — and refuse what trustsim refuses for its shape.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { runCli } from '../../apps/cli/src/cli';
import { trustsimJsonSchema } from '../../apps/cli/src/commands/schema';
import { yamlBlocks } from './language-drift';

const ROOT = join(__dirname, '../..');
const COMMITTED = join(ROOT, 'docs/trustsim.schema.json');
const generated = `${JSON.stringify(trustsimJsonSchema(ROOT), null, 2)}\n`;

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? yamlFiles(path) : /\.ya?ml$/.test(name) ? [path] : [];
    });
}

/** YAML as an editor's language server reads it: merge keys on, no alias limit. */
function read(text: string): unknown {
  return parse(text, { merge: true, maxAliasCount: -1 });
}

const isScenario = (data: unknown): boolean => typeof data === 'object' && data !== null && 'scenario' in data;

describe('docs/trustsim.schema.json', () => {
  it('is what `trustsim schema` prints today (TRUSTSIM_UPDATE_DOCS=1 rewrites it)', async () => {
    const out: string[] = [];
    const code = await runCli(['node', 'trustsim', 'schema'], { out: (s) => out.push(s), err: (s) => out.push(`stderr: ${s}`) });
    expect(code).toBe(0);
    expect(`${out.join('\n')}\n`).toBe(generated);
    if (process.env.TRUSTSIM_UPDATE_DOCS === '1') writeFileSync(COMMITTED, generated);
    const committed = readFileSync(COMMITTED, 'utf8');
    if (committed !== generated) throw new Error('docs/trustsim.schema.json is out of date: run `node bin/trustsim.js schema > docs/trustsim.schema.json` (or the docs tests with TRUSTSIM_UPDATE_DOCS=1)');
  });
});

describe('the JSON Schema, read by a standard validator (ajv)', () => {
  const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(JSON.parse(generated) as object);
  const problems = (data: unknown) => (validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`));

  const library = [...yamlFiles(join(ROOT, 'scenarios')), ...yamlFiles(join(ROOT, 'examples'))]
    .map((file) => ({ file: relative(ROOT, file), data: read(readFileSync(file, 'utf8')) }))
    .filter((f) => isScenario(f.data));

  it('finds the library and the examples', () => expect(library.length).toBeGreaterThan(60));

  it.each(library.map((f) => [f.file, f.data] as const))('accepts %s', (_file, data) => {
    expect(problems(data)).toEqual([]);
  });

  it('accepts every example of docs/scenario-language.md', () => {
    const blocks = yamlBlocks(readFileSync(join(ROOT, 'docs/scenario-language.md'), 'utf8'));
    expect(blocks.flatMap((b) => problems(read(b.text)).map((p) => `line ${b.line}: ${p}`))).toEqual([]);
  });

  const base = `scenario: s
clusters:
  hq:
    version: "14SU2"
    nodes: [{ name: pub, role: publisher, services: [callmanager, tftp] }]
    phones: [{ group: desks, count: 2, model: CP-8845 }]
`;

  it('accepts the spellings trustsim accepts: service and store names in any case and spacing, releases as numbers', () => {
    const data = read(`${base}steps:
  - restartService: { cluster: hq, nodes: all, service: "cisco   tftp" }
  - uploadCertificate: { cluster: hq, node: pub, store: IPSec-trust, certificate: { subject: "CN=x" } }
  - upgrade: { cluster: hq, to: 15, method: l2 }
  - at: 1h30m
    wait: 10m
`);
    expect(problems(data)).toEqual([]);
  });

  it.each([
    ['an unknown key', `${base}steps:\n  - regenerate: { cluster: hq, node: pub, purpose: CallManager, keysize: 2048 }\n`, 'additionalProperty'],
    ['a misspelt purpose', `${base}steps:\n  - regenerate: { cluster: hq, node: pub, purpose: ITLrecovery }\n`, 'allowedValues'],
    ['a duration without a unit', `${base}steps:\n  - wait: 10\n`, 'type'],
    ['a phone name that is not SEP and 12 hex digits', `${base}expect:\n  - phones: { names: [SEP0011] }\n    status: trusted\n`, 'pattern'],
    ['an unknown assumption', `${base}assumptions: { tvsVouches: true }\n`, 'additionalProperty'],
    ['a phone model trustsim does not know', base.replace('CP-8845', 'CP-9999'), 'allowedValues'],
    ['a step without its required key', `${base}steps:\n  - regenerate: { cluster: hq, node: pub }\n`, 'missingProperty'],
  ])('refuses %s', (_what, text, reason) => {
    expect(problems(read(text)).join('\n')).toContain(reason);
  });
});
