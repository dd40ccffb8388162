import { parseScenario } from './parse-scenario';
import { ScenarioError } from './errors';

const file = (keySizes: string) => `scenario: key-sizes
clusters:
  hq:
    version: 14SU2
    nodes:
      - { name: pub }
    phones:
      - { group: legacy, count: 2, model: CP-7965G${keySizes} }
`;

function issues(text: string): string[] {
  try {
    parseScenario(text, 'k.yaml');
    return [];
  } catch (error) {
    if (error instanceof ScenarioError) return error.issues.map((i) => `${i.line}:${i.column} ${i.field}: ${i.message} (expected ${i.expected})`);
    throw error;
  }
}

describe('a phone group says which CallManager key sizes its phones handle (keySizes, issue 14) [chapter]', () => {
  it('[chapter] keySizes: [2048] parses into the group, and is absent when not given', () => {
    expect(parseScenario(file(', keySizes: [2048]'), 'k.yaml').clusters[0].phones[0].keySizes).toEqual([2048]);
    expect(parseScenario(file(''), 'k.yaml').clusters[0].phones[0]).not.toHaveProperty('keySizes');
  });

  it('[chapter] only the sizes CUCM offers, named at the value\'s line and column', () => {
    expect(issues(file(', keySizes: [2048, 2000]'))).toEqual(['8:70 clusters.hq.phones[0].keySizes[1]: unknown value 2000 (expected one of 1024, 2048, 3072, 4096)']);
    expect(issues(file(', keySizes: []'))[0]).toMatch(/^8:\d+ clusters\.hq\.phones\[0\]\.keySizes/);
  });
});
