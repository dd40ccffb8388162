import { formatIssues, ScenarioError, type ScenarioIssue } from './errors';
import { checkScenario, loadScenario, parseScenario } from './parse-scenario';

/** The issues parseScenario throws for `text` (fails the test if it does not throw). */
function issuesOf(text: string): ScenarioIssue[] {
  try {
    parseScenario(text, 's.yaml');
  } catch (error) {
    if (error instanceof ScenarioError) return error.issues;
    throw error;
  }
  throw new Error('expected a ScenarioError');
}

const cluster = `scenario: t
clusters:
  hq:
    version: 14SU2
    nodes:
      - { name: pub, role: publisher, services: [callmanager, tftp] }
      - { name: sub1 }
`;

describe('a typo in a key', () => {
  const text = `${cluster}steps:
  - resetPhones: { cluster: hq, phones: all, batchsize: 100, interval: 2m }
`;

  it('is reported with its line, column, field, a suggestion and what was expected', () => {
    const issues = issuesOf(text);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toEqual({
      file: 's.yaml',
      line: 9,
      column: 46,
      field: 'steps[0].resetPhones.batchsize',
      message: "unknown key 'batchsize' (did you mean 'batchSize'?)",
      expected: 'one of cluster, phones, batchSize, interval, at',
    });
    expect(formatIssues(issues)).toBe(
      "s.yaml:9:46: steps[0].resetPhones.batchsize: unknown key 'batchsize' (did you mean 'batchSize'?) (expected one of cluster, phones, batchSize, interval, at)",
    );
  });

  it('in a required key is one issue, not also "missing key"', () => {
    const issues = issuesOf(`${cluster}steps:\n  - regenerate: { cluster: hq, node: pub, purpse: TVS }\n`);
    expect(issues.map((i) => i.message)).toEqual(["unknown key 'purpse' (did you mean 'purpose'?)"]);
  });

  it('in a step name suggests the step', () => {
    const [issue] = issuesOf(`${cluster}steps:\n  - regenrate: { cluster: hq, node: pub, purpose: TVS }\n`);
    expect(issue).toMatchObject({ line: 9, column: 5, field: 'steps[0].regenrate', message: "unknown key 'regenrate' (did you mean 'regenerate'?)" });
  });
});

describe('several mistakes', () => {
  it('are all reported at once, each with its own location', () => {
    const text = `${cluster}steps:
  - regenerate: { cluster: hq, node: pub, purpose: ITLrecovery }
  - wait: 10 minutes
  - cli: { cluster: hq, node: pub }
`;
    const issues = issuesOf(text);
    expect(issues.map(({ line, column, field, message }) => ({ line, column, field, message }))).toEqual([
      {
        line: 9,
        column: 52,
        field: 'steps[0].regenerate.purpose',
        message: "unknown value 'ITLrecovery' (did you mean 'ITLRecovery'?)",
      },
      { line: 10, column: 11, field: 'steps[1].wait', message: "'10 minutes' is not a duration" },
      { line: 11, column: 10, field: 'steps[2].cli.command', message: "missing required key 'command'" },
    ]);
    expect(issues[1].expected).toBe('a duration such as 500ms, 90s, 2m, 1h or 7d');
    expect(issues[2].expected).toBe('text');
  });

  it('include problems found while filling defaults (publisher rules)', () => {
    const twoPublishers = issuesOf(cluster.replace('{ name: sub1 }', '{ name: sub1, role: publisher }'));
    expect(twoPublishers).toEqual([
      expect.objectContaining({ line: 7, column: 29, field: 'clusters.hq.nodes[1].role', message: "cluster 'hq' already has publisher 'pub'; 'sub1' cannot be one too" }),
    ]);
    const none = issuesOf(cluster.replace('role: publisher, ', ''));
    expect(none).toEqual([expect.objectContaining({ line: 6, column: 7, field: 'clusters.hq.nodes', message: "cluster 'hq' has no publisher" })]);
  });

  it('report a phone group whose count and names disagree, or that has neither', () => {
    const issues = issuesOf(`${cluster}    phones:
      - { group: a, count: 3, names: [SEP001122334455], model: CP-8845 }
      - { group: b, model: CP-8845 }
      - { group: c, names: [SEP0011], model: CP-8845 }
`);
    expect(issues.map((i) => [i.field, i.message])).toEqual([
      ['clusters.hq.phones[0].count', 'count 3 disagrees with the 1 names listed'],
      ['clusters.hq.phones[1]', "a phone group needs 'count' or 'names'"],
      ['clusters.hq.phones[2].names[0]', "'SEP0011' is not a phone name"],
    ]);
  });

  it('report at given both beside and inside a step', () => {
    const [issue] = issuesOf(`${cluster}steps:\n  - snapshot: { name: s, at: 1m }\n    at: 2m\n`);
    expect(issue).toMatchObject({ field: 'steps[0].snapshot.at', message: "'at' is given both beside and inside the step" });
  });

  it('report a start time without a zone (it would differ between machines)', () => {
    const [issue] = issuesOf(cluster.replace('scenario: t', 'scenario: t\nstart: 2026-01-05T08:00:00'));
    expect(issue).toMatchObject({ field: 'start', message: "'2026-01-05T08:00:00' is not a date-time" });
  });
});

describe('YAML syntax errors', () => {
  it('become issues with their position', () => {
    const issues = issuesOf('scenario: t\nclusters:\n  hq: { version: 14SU2\n  other: 1\n');
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]).toMatchObject({ file: 's.yaml', line: 4, column: 3, field: '(yaml)' });
    expect(issues[0].message).toMatch(/Flow map/);
  });

  it('include duplicate keys', () => {
    const [issue] = issuesOf('scenario: t\nscenario: u\n');
    expect(issue).toMatchObject({ line: 2, column: 1, field: '(yaml)', message: "duplicate key 'scenario' (first at line 1)" });
  });

  it('an empty file is reported as such', () => {
    const [issue] = issuesOf('');
    expect(issue).toMatchObject({ line: 1, column: 1, field: '(document)', message: 'found nothing', expected: 'a mapping' });
  });
});

describe('loadScenario', () => {
  it('reports a missing file as a ScenarioError', () => {
    expect(() => loadScenario('/nonexistent/x.yaml')).toThrow(ScenarioError);
    expect(() => loadScenario('/nonexistent/x.yaml')).toThrow('/nonexistent/x.yaml:1:1: (file): cannot read the file (ENOENT)');
  });
});

describe('checkScenario', () => {
  it('lists problems found while filling defaults together with semantic ones', () => {
    const { issues } = checkScenario(
      `${cluster.replace('role: publisher, ', '')}steps:\n  - regenerate: { cluster: dr, node: pub, purpose: TVS }\n`,
      's.yaml',
    );
    expect(issues.map((i) => i.message)).toEqual(["cluster 'hq' has no publisher", "unknown cluster 'dr'"]);
  });
});

describe('YAML anchors and merge keys', () => {
  it('share settings between phone groups, and errors inside a merged mapping point into it', () => {
    const text = `${cluster}    phones:
      - &desk { group: a, count: 2, model: CP-8845, power: maybe }
      - { <<: *desk, group: b }
`;
    const issues = issuesOf(text);
    // Both groups carry the bad value; each issue points at the one place it is written.
    expect(issues.map((i) => [i.field, i.line, i.column])).toEqual([
      ['clusters.hq.phones[0].power', 9, 60],
      ['clusters.hq.phones[1].power', 9, 60],
    ]);
    const fixed = parseScenario(text.replace('maybe', 'off'), 's.yaml');
    expect(fixed.clusters[0].phones.map((g) => [g.group, g.model, g.power])).toEqual([
      ['a', 'CP-8845', 'off'],
      ['b', 'CP-8845', 'off'],
    ]);
  });
});
