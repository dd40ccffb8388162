/**
 * docs/trust-model.md is where every reason trustsim gives leads: each tag used anywhere in the repository
 * (code, scenarios, reports, explain) must resolve to a document of its legend (§0.1, the same list as
 * libs/domain sources.ts), and each section number the code cites (`§7.3`, `domain-reference §16.2`) must
 * be a section of it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { citedTags, SOURCES, sourceDocument } from '@trustsim/domain';
import { parseScenario } from '@trustsim/scenarios';
import { runCli } from '../../apps/cli/src/cli';

const ROOT = join(__dirname, '../..');
const TRUST_MODEL = readFileSync(join(ROOT, 'docs/trust-model.md'), 'utf8');
const SKIP = new Set(['node_modules', 'dist', '.git', '.trustsim', 'reports', 'coverage']);
const TEXT = /\.(ts|js|md|ya?ml|json|txt|csv|html)$/;

/** Every text file of the repository, relative to its root. */
function repositoryFiles(dir = ROOT): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (SKIP.has(name)) return [];
      const stat = statSync(path, { throwIfNoEntry: false });
      if (!stat) return [];
      if (stat.isDirectory()) return repositoryFiles(path);
      return TEXT.test(name) || name === 'README' ? [relative(ROOT, path)] : [];
    });
}

const files = repositoryFiles().map((file) => ({ file, text: readFileSync(join(ROOT, file), 'utf8') }));

/** The rows of the §0.1 legend: tag → address. */
function legend(): Map<string, string> {
  const section = TRUST_MODEL.split(/^### 0\.1 /m)[1].split(/^## /m)[0];
  const rows = new Map<string, string>();
  for (const line of section.split('\n')) {
    const m = /^\| `([^`]+)` \|.*\| (\S+) \|$/.exec(line.trim());
    if (m) rows.set(m[1], m[2]);
  }
  return rows;
}

describe('every source tag resolves to a document (docs/trust-model.md §0.1)', () => {
  it('reads the whole repository', () => expect(files.length).toBeGreaterThan(300));

  it('finds no tag in the code, scenarios, docs or notes that the legend lacks', () => {
    const unknown = files.flatMap(({ file, text }) =>
      text.split('\n').flatMap((line, i) => citedTags(line).filter((tag) => !sourceDocument(tag)).map((tag) => `[${tag}] in ${file}:${i + 1}`)),
    );
    expect(unknown).toEqual([]);
  });

  it('uses every tag it defines somewhere (a legend of tags nothing cites would hide a typo)', () => {
    const cited = new Set(files.filter((f) => !f.file.startsWith('docs/trust-model.md') && !f.file.endsWith('sources.ts')).flatMap((f) => citedTags(f.text)));
    expect(SOURCES.map((s) => s.tag).filter((tag) => !cited.has(tag))).toEqual([]);
  });

  it('lists in the legend exactly the documents of libs/domain sources.ts, at the same addresses', () => {
    const rows = legend();
    expect([...rows.keys()].sort()).toEqual(SOURCES.map((s) => s.tag).sort());
    for (const s of SOURCES) expect(`${s.tag} ${rows.get(s.tag)}`).toBe(`${s.tag} ${s.address}`);
  });

  it('points to documents of this repository that exist', () => {
    for (const s of SOURCES.filter((x) => x.address.startsWith('docs/'))) expect(existsSync(join(ROOT, s.address))).toBe(true);
  });
});

describe('every section the code cites is a section of docs/trust-model.md', () => {
  const headings = new Set([...TRUST_MODEL.matchAll(/^#{2,4} (\d+(?:\.\d+)?)[. ]/gm)].map((m) => m[1]));

  it('has its numbered sections', () => expect(headings.has('16.2')).toBe(true));

  it('resolves every § reference that is not an RFC\'s', () => {
    const missing = files.flatMap(({ file, text }) =>
      [...text.matchAll(/(RFC \d+ )?§ ?(\d+(?:\.\d+)?)/g)].filter((m) => !m[1] && !headings.has(m[2])).map((m) => `§${m[2]} in ${file}`),
    );
    expect(missing).toEqual([]);
  });
});

describe('explain and the HTML report lead to the sources', () => {
  it('explain ends with what each tag it cited stands for, and names docs/trust-model.md', async () => {
    const file = join(ROOT, 'scenarios/regen-callmanager-and-tvs-together-11.5.yaml');
    const phone = parseScenario(readFileSync(file, 'utf8'), file).clusters[0].phones[0].names[0];
    const out: string[] = [];
    expect(await runCli(['node', 'trustsim', 'explain', file, phone], { out: (s) => out.push(s), err: (s) => out.push(s) })).toBe(0);
    const text = out.join('\n');
    const sources = text.slice(text.indexOf('\nSources (docs/trust-model.md explains each rule):'));
    expect(sources.length).toBeGreaterThan(60);
    for (const tag of citedTags(text.slice(0, text.length - sources.length))) {
      expect(sources).toContain(`[${tag}]`);
      expect(sources).toContain(sourceDocument(tag)!.address);
    }
    expect(sources).toMatch(/\[SSECMIG\] +TAC 213407 "Migrate Phones Between Secure Clusters"/);
  }, 60_000);
});
