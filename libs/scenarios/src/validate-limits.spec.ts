import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkScenario, checkScenarioFile } from './parse-scenario';
import { CUCM_CLUSTER_DEVICES, CUCM_MEGACLUSTER_DEVICES, MAX_TOTAL_PHONES } from './limits';
import type { ValidationContext } from './validate-scenario';

const cluster = (name: string, phones: number[], subscribers = 1) => `  ${name}:
    version: 14SU2
    nodes:
      - { name: ${name}pub, role: publisher, services: [tftp] }
${Array.from({ length: subscribers }, (_, i) => `      - { name: ${name}sub${i + 1}, services: [callmanager] }`).join('\n')}
    phones:
${phones.map((count, k) => `      - { group: ${name}${k}, count: ${count}, model: CP-8845 }`).join('\n')}
`;

const scenario = (clusters: string, steps = '') => `scenario: limits\nclusters:\n${clusters}${steps ? `steps:\n${steps}` : ''}`;

function problems(text: string, context?: ValidationContext): [string, string][] {
  return checkScenario(text, 'l.yaml', context).issues.map((i) => [i.field, i.message]);
}

describe('devices per cluster: what CUCM supports [SRND], unless beyondCucmLimits', () => {
  it(`accepts ${CUCM_CLUSTER_DEVICES.toLocaleString('en-US')} phones in a standard cluster and refuses one more, at the cluster's phones`, () => {
    expect(problems(scenario(cluster('hq', [30_000, 10_000])))).toEqual([]);
    const found = checkScenario(scenario(cluster('hq', [30_000, 10_001])), 'l.yaml').issues;
    expect(found).toEqual([
      {
        file: 'l.yaml',
        line: 9,
        column: 7,
        field: 'clusters.hq.phones',
        message: "cluster 'hq' has 40,001 phones: CUCM supports at most 40,000 devices in a standard cluster (80,000 in a megacluster, with more than 8 subscribers running callmanager) [SRND]",
        expected: 'at most 40,000 phones, or beyondCucmLimits (trustsim --beyond-cucm-limits) to rehearse it anyway',
      },
    ]);
  });

  it('beyondCucmLimits lets a larger cluster through (trustsim --beyond-cucm-limits)', () => {
    expect(problems(scenario(cluster('hq', [60_000])), { beyondCucmLimits: true })).toEqual([]);
  });

  it(`a megacluster (more than 8 call-processing subscribers) takes ${CUCM_MEGACLUSTER_DEVICES.toLocaleString('en-US')}`, () => {
    expect(problems(scenario(cluster('hq', [80_000], 9)))).toEqual([]);
    expect(problems(scenario(cluster('hq', [80_000], 8)))[0][1]).toMatch(/^cluster 'hq' has 80,000 phones: CUCM supports at most 40,000 devices in a standard cluster/);
    expect(problems(scenario(cluster('hq', [80_001], 16)))).toEqual([
      ['clusters.hq.phones', "cluster 'hq' has 80,001 phones: CUCM supports at most 80,000 devices in a megacluster (more than 8 call-processing subscribers) [SRND]"],
    ]);
  });
});

describe(`phones in all: at most ${MAX_TOTAL_PHONES.toLocaleString('en-US')}, whatever the caller asks`, () => {
  it('count: 1000000 is refused while reading, at the count, before a single phone is named (issue 13)', () => {
    const { scenario: read, issues } = checkScenario(scenario(cluster('hq', [1_000_000])), 'l.yaml', { beyondCucmLimits: true });
    expect(issues.map((i) => [i.field, i.line, i.column, i.message])).toEqual([
      ['clusters.hq.phones[0].count', 9, 30, 'the scenario has 1,000,000 phones: trustsim runs at most 200,000 in one scenario, across all clusters (memory)'],
    ]);
    expect(read!.clusters[0].phones[0].names).toEqual([]);
  });

  it('counts every cluster, and points at the group that goes past the limit', () => {
    const text = scenario(cluster('east', [80_000, 40_000]) + cluster('west', [60_000, 20_001]));
    expect(problems(text, { beyondCucmLimits: true })).toEqual([
      ['clusters.west.phones[1].count', 'the scenario has 200,001 phones: trustsim runs at most 200,000 in one scenario, across all clusters (memory)'],
    ]);
    expect(problems(scenario(cluster('east', [40_000]) + cluster('west', [40_000])))).toEqual([]);
  });
});

describe('simulated time: at most 25 years from the start', () => {
  const base = cluster('hq', [10]);

  it('wait: 36500d and at: 9999999d are refused where they are written (issue 13)', () => {
    expect(problems(scenario(base, '  - wait: 36500d\n'))).toEqual([
      ['steps[0].wait', 'this wait takes the simulated clock to 100 years after the start: trustsim simulates at most 25 years (9125d)'],
    ]);
    expect(problems(scenario(base, '  - waitFor: { phones: all }\n    at: 9999999d\n'))).toEqual([
      ['steps[0].at', 'at 9999999d takes the simulated clock to 27,397 years after the start: trustsim simulates at most 25 years (9125d)'],
    ]);
  });

  it('counts waits together and accepts exactly 25 years', () => {
    expect(problems(scenario(base, '  - wait: 9000d\n  - wait: 125d\n'))).toEqual([]);
    expect(problems(scenario(base, '  - wait: 9000d\n  - wait: 126d\n'))).toEqual([
      ['steps[1].wait', 'this wait takes the simulated clock to 25 years after the start: trustsim simulates at most 25 years (9125d)'],
    ]);
  });

  it('a paced reset wave longer than the year the simulator settles is refused at its interval', () => {
    // 10 phones one at a time: nine intervals from the first batch to the last.
    expect(problems(scenario(base, '  - resetPhones: { cluster: hq, phones: all, batchSize: 1, interval: 40d }\n'))).toEqual([]);
    expect(problems(scenario(base, '  - resetPhones: { cluster: hq, phones: all, batchSize: 1, interval: 41d }\n'))).toEqual([
      ['steps[0].resetPhones.interval', '10 phones in batches of 1 every 41d take 369d: the simulator settles background work for at most 365d'],
    ]);
  });

  it('waitFor waits for the last batch: a long wave after a long wait passes the limit there', () => {
    const steps = '  - wait: 9000d\n  - resetPhones: { cluster: hq, phones: all, batchSize: 1, interval: 30d }\n  - waitFor: { phones: all }\n';
    expect(problems(scenario(base, steps))).toEqual([
      ['steps[1].resetPhones.interval', 'this reset wave takes the simulated clock to 25.4 years after the start: trustsim simulates at most 25 years (9125d)'],
    ]);
  });

  it('a start whose certificates X.509 could not date is refused', () => {
    expect(problems(`scenario: t\nstart: 9990-01-01T00:00:00Z\nclusters:\n${base}`)).toEqual([
      ['start', 'start 9990-01-01T00:00:00Z is outside the years certificates can be dated from'],
    ]);
    expect(problems(`scenario: t\nstart: 1949-12-31T00:00:00Z\nclusters:\n${base}`)[0][0]).toBe('start');
    expect(problems(`scenario: t\nstart: 1950-01-01T00:00:00Z\nclusters:\n${base}`)).toEqual([]);
  });
});

describe('checkScenarioFile (what trustsim validate calls)', () => {
  it('reads the file, passes beyondCucmLimits through, and reports an unreadable file as an issue', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trustsim-check-file-'));
    try {
      const file = join(dir, 'big.yaml');
      writeFileSync(file, scenario(cluster('hq', [45_000])));
      expect(checkScenarioFile(file).issues.map((i) => i.field)).toEqual(['clusters.hq.phones']);
      expect(checkScenarioFile(file, { beyondCucmLimits: true })).toMatchObject({ issues: [], scenario: { name: 'limits' } });
      expect(checkScenarioFile(join(dir, 'none.yaml')).issues).toEqual([
        { file: join(dir, 'none.yaml'), line: 1, column: 1, field: '(file)', message: 'cannot read the file (ENOENT)' },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
