import { formatIssueReport, ScenarioError, type ScenarioIssue } from './errors';
import { MAX_ALIAS_EXPANSION, MAX_YAML_NESTING } from './limits';
import { checkScenario, parseScenario } from './parse-scenario';

const cluster = `scenario: t
clusters:
  hq:
    version: 14SU2
    nodes:
      - { name: pub, role: publisher, services: [callmanager, tftp] }
`;

/** The issues of `text` (parse and validate), failing the test on any exception other than none. */
function issuesOf(text: string): ScenarioIssue[] {
  return checkScenario(text, 's.yaml').issues;
}

describe('YAML aliases and merge keys (issue 13)', () => {
  it('an alias that names no anchor is located at the alias', () => {
    expect(issuesOf(cluster.replace('scenario: t', 'scenario: *nope'))).toEqual([
      { file: 's.yaml', line: 1, column: 11, field: '(yaml)', message: "alias '*nope' names no anchor before it", expected: "an anchor '&nope' earlier in the file" },
    ]);
  });

  it('an alias used before its anchor is unknown too (YAML reads top to bottom)', () => {
    const text = `${cluster}    phones:\n      - { <<: *d, group: a }\n      - &d { group: b, count: 1, model: CP-8845 }\n`;
    expect(issuesOf(text).map((i) => [i.line, i.column, i.message])).toEqual([[8, 15, "alias '*d' names no anchor before it"]]);
  });

  it('a merge key given something other than a mapping is located at its value', () => {
    const text = `${cluster}    phones:\n      - group: a\n        <<: 5\n        count: 1\n        model: CP-8845\n`;
    expect(issuesOf(text)).toEqual([
      {
        file: 's.yaml',
        line: 9,
        column: 13,
        field: '(yaml)',
        message: "the merge key '<<' is given '5'",
        expected: 'a mapping, an alias of one (<<: *defaults), or a list of them',
      },
    ]);
    const list = `${cluster}    phones:\n      - &d { group: a, count: 1, model: CP-8845 }\n      - { <<: [*d, 3], group: b }\n`;
    expect(issuesOf(list).map((i) => [i.line, i.message])).toEqual([[9, "the merge key '<<' is given a list with an item that is not a mapping"]]);
  });

  it('accepts a thousand phone groups that merge the same defaults (yaml alone refused them as a bomb)', () => {
    const groups = Array.from({ length: 999 }, (_, i) => `      - { <<: *desk, group: g${i + 1} }\n`).join('');
    const text = `${cluster}    phones:\n      - &desk { group: g0, count: 2, model: CP-8845, securityProfile: authenticated }\n${groups}`;
    const scenario = parseScenario(text, 's.yaml');
    const phones = scenario.clusters[0].phones;
    expect(phones).toHaveLength(1000);
    expect(phones[999]).toMatchObject({ group: 'g999', model: 'CP-8845', securityProfile: 'authenticated' });
    expect(phones[999].names).toHaveLength(2);
  });

  it('refuses an alias bomb at the alias where the expansion passes the limit', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) levels.push(`l${i}: &l${i} [${Array(10).fill(i === 1 ? '*a' : `*l${i - 1}`).join(', ')}]`);
    const issues = issuesOf(`${levels.join('\n')}\n${cluster}`);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ field: '(yaml)', message: `aliases expand the file by more than ${MAX_ALIAS_EXPANSION.toLocaleString('en-US')} values (an alias bomb?)` });
    // l1..l4 add 123,440 values; the first *l4 of line 6 (l5) adds 111,111 more and crosses 200,000.
    expect([issues[0].line, issues[0].column]).toEqual([6, 10]);
  });

  it('refuses an alias inside the collection it names', () => {
    expect(issuesOf(`${cluster}steps: &s [ { expect: *s } ]\n`).map((i) => [i.line, i.column, i.message])).toEqual([
      [7, 23, "alias '*s' is inside the value it refers to (it would never end)"],
    ]);
  });
});

describe('YAML nesting (issue 13)', () => {
  it.each([
    ['flow lists', (n: number) => `${cluster}steps: ${'['.repeat(n)}${']'.repeat(n)}\n`],
    ['block mappings', (n: number) => `${cluster}steps:\n${Array.from({ length: n }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n')} 1\n`],
  ])('%s nested past the limit are refused with a location, not a stack overflow', (_, build) => {
    for (const depth of [MAX_YAML_NESTING + 1, 1_000, 20_000]) {
      if (depth > 3_000 && _ === 'block mappings') continue; // its text grows with the square of the depth
      const issues = issuesOf(build(depth));
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ field: '(yaml)', message: `lists and mappings are nested more than ${MAX_YAML_NESTING} levels deep`, expected: `at most ${MAX_YAML_NESTING} levels` });
      expect(issues[0].line).toBeGreaterThanOrEqual(7);
    }
  });

  it(`accepts ${MAX_YAML_NESTING} levels (the limit is not the parser's)`, () => {
    // The document mapping, `steps`'s list and 62 more: the schema complains, not the YAML reader.
    const issues = issuesOf(`${cluster}steps: ${'['.repeat(MAX_YAML_NESTING - 1)}${']'.repeat(MAX_YAML_NESTING - 1)}\n`);
    expect(issues.map((i) => i.field)).not.toContain('(yaml)');
  });
});

describe('several YAML documents', () => {
  it('a second document is located where it starts', () => {
    expect(issuesOf(`${cluster}---\nscenario: u\n`).map((i) => [i.line, i.message])).toEqual([[7, 'a second YAML document starts here']]);
  });
});

describe('many problems (issue 13)', () => {
  const text = `${cluster}${Array.from({ length: 20_000 }, (_, i) => `junk${i}: ${i}`).join('\n')}\n`;

  it('20,000 unknown keys are all found, and a report prints the first 50 and counts the rest', () => {
    const { issues } = checkScenario(text, 's.yaml');
    expect(issues).toHaveLength(20_000);
    const lines = formatIssueReport(issues).split('\n');
    expect(lines).toHaveLength(51);
    expect(lines[0]).toBe("s.yaml:7:1: junk0: unknown key 'junk0' (expected one of scenario, title, seed, start, clusters, steps, expect, assumptions, twin)");
    expect(lines[50]).toBe('… and 19,950 more problems (20,000 in all; the first 50 are shown)');
  });

  it('a ScenarioError carries every issue but a capped message', () => {
    const some = `${cluster}${Array.from({ length: 2_000 }, (_, i) => `junk${i}: ${i}`).join('\n')}\n`;
    const error = (() => {
      try {
        parseScenario(some, 's.yaml');
      } catch (e) {
        return e as ScenarioError;
      }
      throw new Error('expected a ScenarioError');
    })();
    expect(error).toBeInstanceOf(ScenarioError);
    expect(error.issues).toHaveLength(2_000);
    expect(error.message.split('\n')).toHaveLength(52); // "2000 problems:", 50 issues, the count
  });

  it('a report of 50 or fewer is every issue, in file order', () => {
    const issues: ScenarioIssue[] = [
      { file: 'f', line: 3, column: 1, field: 'b', message: 'm' },
      { file: 'f', line: 1, column: 2, field: 'a', message: 'm', expected: 'x' },
    ];
    expect(formatIssueReport(issues)).toBe('f:1:2: a: m (expected x)\nf:3:1: b: m');
    expect(formatIssueReport(issues, 1)).toBe('f:1:2: a: m (expected x)\n… and 1 more problem (2 in all; the first 1 are shown)');
  });
});

describe('YAML data', () => {
  it('a key named __proto__ stays a key (and is reported as unknown), it does not change the prototype', () => {
    const issues = issuesOf(`${cluster}__proto__: { polluted: true }\n`);
    expect(issues.map((i) => i.message)).toEqual(["unknown key '__proto__'"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('own keys win over merged ones wherever the merge key sits', () => {
    const text = `${cluster}    phones:\n      - &d { group: a, count: 1, model: CP-8845 }\n      - { group: b, <<: *d, model: CP-7841 }\n`;
    expect(parseScenario(text, 's.yaml').clusters[0].phones.map((g) => [g.group, g.model])).toEqual([
      ['a', 'CP-8845'],
      ['b', 'CP-7841'],
    ]);
  });
});
