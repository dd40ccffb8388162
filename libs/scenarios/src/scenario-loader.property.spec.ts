/**
 * Property tests of the scenario loader (issue 13): whatever the text, `checkScenario` returns issues or a
 * scenario and `parseScenario` returns a scenario or throws a ScenarioError — every issue located in the
 * file — and nothing else is ever thrown. Three kinds of input: any text, valid scenarios with YAML-shaped
 * edits, and valid scenarios with one value replaced by another of any shape.
 *
 * Runs per property: the default keeps the file near 10 s in CI; TRUSTSIM_FUZZ_RUNS=<n> asks for n each.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { ScenarioError, type ScenarioIssue } from './errors';
import { checkScenario, parseScenario } from './parse-scenario';
import type { ValidationContext } from './validate-scenario';

const runs = (fallback: number) => Number(process.env.TRUSTSIM_FUZZ_RUNS ?? fallback);
const FILE = 'fuzz.yaml';
const TIMEOUT = 120_000;

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? yamlFiles(path) : name.endsWith('.yaml') ? [path] : [];
  });
}

const SEEDS = [...yamlFiles(join(__dirname, '__fixtures__')), ...yamlFiles(join(__dirname, '../../../scenarios'))].map((path) => readFileSync(path, 'utf8'));

/** What the simulator would pass: known models and assumptions, a CTL rule that answers both ways. */
const CONTEXT: ValidationContext = {
  knownModels: ['CP-8845', 'CP-7841', 'CP-8851', 'CP-7960'],
  knownAssumptions: { tvsVouchesForOwnItlRecovery: [true, false], trustDeleteScope: ['cluster', 'node'] },
  ctlKindUnavailable: (version, kind) => (kind === 'token' && version.startsWith('15') ? 'no CTL client from 14' : undefined),
};

/** Pieces of YAML syntax and of the language, spliced into valid files. */
const TOKENS = [
  ': ', '- ', '[', ']', '{', '}', ', ', '&a ', '*a', '*nope', '<<: ', '<<: *a', '<<: 5', '!!str ', '!!binary ', '!!map ', '!custom ',
  '|\n', '>-\n', "'", '"', '\\', '\n', '\n  ', '\n      - ', '\t', '# ', '%YAML 1.2\n', '? ', '---\n', '...\n', '~', 'null', '-1', '0',
  '1e999', '0x1F', '.nan', '.inf', '99999999999999999999', '1.5', 'true', 'on', 'all', '__proto__', 'constructor', 'toString',
  'version: "99"', 'version: 0', 'count: 1000000', 'count: 100001', 'wait: 36500d', 'at: 9999999d', 'keyLength: 8192', 'hash: MD5',
  'CallManager', 'ITLRecovery', 'tomcat-ECDSA', 'SEP001122334455', 'Cisco Tftp', 'utils itl reset localkey', 'multi-server', 'certs/x.pem',
  '2026-13-45T99:99:99Z', '\u0000', '\uFEFF', '\u2028', '💥',
];

const edit = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 24 }),
  insert: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ unit: 'binary', maxLength: 6 })),
});

const editedScenario = fc.record({ base: fc.constantFrom(...SEEDS), edits: fc.array(edit, { minLength: 1, maxLength: 6 }) }).map(({ base, edits }) => {
  let text = base;
  for (const { at, remove, insert } of edits) {
    const i = at % (text.length + 1);
    text = text.slice(0, i) + insert + text.slice(i + remove);
  }
  return text;
});

/** Any YAML value, with keys from the language so the schema goes deep. */
const KEYS = [...new Set(SEEDS.flatMap((text) => [...text.matchAll(/([A-Za-z][\w-]*):/g)].map((m) => m[1])))];
const { value: anyValue } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(...TOKENS.map((t) => t.trim()), ...KEYS),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 4 })), tie('value'), { maxKeys: 5 }),
  ),
}));

/** Every path to a value inside parsed data. */
function paths(data: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(data)) data.forEach((item, i) => out.push(...paths(item, [...prefix, i])));
  else if (data && typeof data === 'object') for (const [key, item] of Object.entries(data)) out.push(...paths(item, [...prefix, key]));
  return out;
}

const PARSED = SEEDS.map((text) => parse(text) as unknown).map((data) => ({ data, paths: paths(data).filter((p) => p.length > 0) }));

const replacedValue = fc.record({ seed: fc.nat(PARSED.length - 1), pick: fc.nat(), value: anyValue }).map(({ seed, pick, value }) => {
  const { data, paths: all } = PARSED[seed];
  const copy = structuredClone(data) as Record<string | number, unknown>;
  const path = all[pick % all.length];
  let parent = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  parent[path[path.length - 1]] = value;
  return stringify(copy);
});

function assertLocated(issues: readonly ScenarioIssue[], text: string): void {
  const lines = text.split(/\r\n|\r|\n/).length + 1;
  for (const issue of issues) {
    expect(issue.file).toBe(FILE);
    expect(Number.isInteger(issue.line) && issue.line >= 1 && issue.line <= lines).toBe(true);
    expect(Number.isInteger(issue.column) && issue.column >= 1).toBe(true);
    expect(issue.field.length).toBeGreaterThan(0);
    expect(issue.message.length).toBeGreaterThan(0);
  }
}

/** The property: a scenario or located issues, never another exception. */
function loads(text: string): void {
  const { scenario, issues } = checkScenario(text, FILE, CONTEXT);
  assertLocated(issues, text);
  if (!scenario) expect(issues.length).toBeGreaterThan(0);
  try {
    parseScenario(text, FILE);
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    expect(error.issues.length).toBeGreaterThan(0);
    assertLocated(error.issues, text);
  }
}

describe('the scenario loader (property tests)', () => {
  it('starts from valid scenarios (the edits and replacements are what makes them wrong)', () => {
    expect(SEEDS.filter((text) => checkScenario(text, FILE).issues.length === 0).length).toBeGreaterThan(40);
  });

  it(
    'any text: a scenario or located issues, nothing thrown',
    () => {
      fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), loads), { numRuns: runs(300) });
      fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...TOKENS), maxLength: 40 }), loads), { numRuns: runs(300) });
    },
    TIMEOUT,
  );

  it('valid scenarios with YAML-shaped edits: a scenario or located issues, nothing thrown', () => fc.assert(fc.property(editedScenario, loads), { numRuns: runs(300) }), TIMEOUT);

  it('valid scenarios with one value replaced by any other: a scenario or located issues, nothing thrown', () =>
    fc.assert(fc.property(replacedValue, loads), { numRuns: runs(400) }), TIMEOUT);
});
