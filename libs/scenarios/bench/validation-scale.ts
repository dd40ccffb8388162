/**
 * How validation time grows with the size of a file's mistakes (issue 13: 20,000 unknown top-level keys
 * took 8 s, 40,000 took 26 s — quadratic). Prints milliseconds per case; the ratio between consecutive
 * sizes should stay near 2 (linear), never near 4.
 *
 *   node scripts/build.js && node dist/libs/scenarios/bench/validation-scale.js [20000,40000]
 */
import { checkScenario, formatIssueReport } from '../src';

const HEAD = 'scenario: big\nclusters:\n  hq:\n    version: "14SU2"\n    nodes: [{ name: pub }]\n';

const CASES: Record<string, (n: number) => string> = {
  'unknown top-level keys': (n) => HEAD + Array.from({ length: n }, (_, i) => `junk${i}: ${i}`).join('\n'),
  'duplicate keys': (n) => HEAD + Array.from({ length: n }, () => 'title: again').join('\n'),
  'phone groups merging defaults': (n) =>
    `${HEAD}    phones:\n      - &d { group: g0, count: 1, model: CP-8845 }\n` +
    Array.from({ length: n - 1 }, (_, i) => `      - { <<: *d, group: g${i + 1} }`).join('\n'),
};

const sizes = (process.argv[2] ?? '10000,20000,40000').split(',').map(Number);
for (const [name, build] of Object.entries(CASES)) {
  for (const n of sizes) {
    const text = build(n);
    const started = process.hrtime.bigint();
    const { issues } = checkScenario(text, 'big.yaml');
    const report = formatIssueReport(issues);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(`${name.padEnd(30)} ${String(n).padStart(7)}: ${ms.toFixed(0).padStart(6)} ms, ${issues.length} issues, ${report.split('\n').length} report lines`);
  }
}
