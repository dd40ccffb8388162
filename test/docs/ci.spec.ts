/**
 * docs/ci.md stays true: its GitHub Actions and GitLab CI examples are valid YAML, and the trustsim
 * commands in them, run as each CI would run them (every shard of the matrix into one gathered report
 * folder, then the merging job), give the JUnit file of the unsharded library run.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { EXIT, runCli } from '../../apps/cli/src/cli';
import { yamlBlocks } from './language-drift';

const ROOT = join(__dirname, '../..');
const CI_DOC = readFileSync(join(ROOT, 'docs/ci.md'), 'utf8');

interface Pipeline {
  name: string;
  /** The shard command of each machine, its variables filled in. */
  shards: string[];
  merge: string;
}

/** The trustsim commands of a script (a step's `run`, a job's `script` item). */
function trustsimCommands(scripts: unknown[]): string[] {
  return scripts.flatMap((s) => String(s).split('\n')).map((line) => line.trim()).filter((line) => line.startsWith('npx trustsim '));
}

function pipelines(): Pipeline[] {
  const [github, gitlab] = yamlBlocks(CI_DOC).map((b) => parse(b.text) as Record<string, any>);
  const steps = (job: string) => (github.jobs[job].steps as { run?: string }[]).map((s) => s.run).filter(Boolean);
  const matrix: number[] = github.jobs.rehearse.strategy.matrix.shard;
  const [githubShard] = trustsimCommands(steps('rehearse'));
  const [githubMerge] = trustsimCommands(steps('report'));
  const total: number = gitlab.rehearse.parallel;
  const [gitlabShard] = trustsimCommands(gitlab.rehearse.script);
  const [gitlabMerge] = trustsimCommands(gitlab['merge-reports'].script);
  return [
    { name: 'GitHub Actions', shards: matrix.map((i) => githubShard.split('${{ matrix.shard }}').join(String(i))), merge: githubMerge },
    {
      name: 'GitLab CI',
      shards: Array.from({ length: total }, (_, i) => gitlabShard.replace('$CI_NODE_INDEX', String(i + 1)).replace('$CI_NODE_TOTAL', String(total))),
      merge: gitlabMerge,
    },
  ];
}

/** A command line as the shell would pass it: words, quotes removed, globs expanded (in sorted order). */
function argv(command: string): string[] {
  return command
    .replace(/^npx trustsim /, '')
    .split(/\s+/)
    .map((word) => word.replace(/^"(.*)"$/, '$1'))
    .flatMap((word) => {
      if (!word.includes('*')) return [word];
      const pattern = new RegExp(`^${word.split('/').pop()!.replace(/[.]/g, '\\.').replace(/\*/g, '.*')}$`);
      return readdirSync(dirname(word))
        .filter((f) => pattern.test(f))
        .sort()
        .map((f) => join(dirname(word), f));
    });
}

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['node', 'trustsim', ...args], { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function withoutTimings(xml: string): string {
  return xml
    .replace(/ time="[\d.]+"/g, '')
    .replace(/name="run_id" value="[0-9a-f]+"/g, '')
    .replace(/, run [0-9a-f]+\)/g, ')');
}

describe('docs/ci.md', () => {
  it('has a GitHub Actions matrix of four shards and a GitLab CI equivalent, each with a merging job', () => {
    const found = pipelines();
    expect(found.map((p) => p.shards.length)).toEqual([4, 4]);
    for (const p of found) {
      expect(p.shards[0]).toMatch(/^npx trustsim run scenarios --shard "?1\/4"? .*--report junit/);
      expect(p.merge).toMatch(/^npx trustsim merge-reports reports\/scenarios-shard-\*\.xml --out \S+$/);
    }
  });

  describe.each(pipelines())('the $name example, run on a small library', ({ shards, merge }) => {
    const cwd = process.cwd();
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'trustsim-ci-'));
      process.chdir(dir);
      // Five scenarios over four machines: one machine runs two; a sub-folder sorts among the files.
      mkdirSync('scenarios/migration', { recursive: true });
      for (const f of ['hostname-change-single-node-12.5.yaml', 'regen-tvs-then-callmanager-11.5.yaml', 'mixed-mode-ctl-export-12.5.yaml', 'migration/without-itlrecovery.yaml', 'upload-same-name-root.yaml']) {
        copyFileSync(join(ROOT, 'scenarios', f), join('scenarios', f));
      }
    });
    afterAll(() => {
      process.chdir(cwd);
      rmSync(dir, { recursive: true, force: true });
    });

    it('gives, merged, the JUnit file of the unsharded run', async () => {
      // The machines' reports/ folders as the merging job gathers them into one: the file names differ, so one folder is the same.
      for (const shard of shards) expect((await cli(argv(shard))).code).toBe(EXIT.ok);
      expect(readdirSync('reports').filter((f) => f.endsWith('.xml')).sort()).toEqual([1, 2, 3, 4].map((i) => `scenarios-shard-${i}-of-4.xml`));
      expect(readdirSync('reports').filter((f) => f.endsWith('.json'))).toHaveLength(5);

      const merged = await cli(argv(merge));
      expect(merged.code).toBe(EXIT.ok);
      expect(merged.out).toMatch(/^merged 5 scenarios from 4 files: \d+ tests, 0 failures, 0 errors into /);

      const whole = await cli(['run', 'scenarios', '--jobs', '1', '--store', 'memory:', '--report', 'junit', '--report-dir', 'whole']);
      expect(whole.code).toBe(EXIT.ok);
      const out = argv(merge).at(-1)!;
      expect(withoutTimings(readFileSync(out, 'utf8'))).toBe(withoutTimings(readFileSync('whole/scenarios.xml', 'utf8')));
    }, 120_000);
  });
});
