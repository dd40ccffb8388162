/**
 * A clone of the repository alone is enough: nothing in it — code comments, help texts, READMEs, docs,
 * scenarios, tests' messages — points at a folder beside it (`../shared/…`) or at a path of one machine.
 * The one exception: a test may read the optional external test vectors (`../shared/test-vectors/`) and
 * report itself skipped without them.
 *
 * Not read: node_modules, dist, notes/ (work records of how the code was built, with the paths of the
 * machine it was built on) and the top-level README.md, which the integrator edits (notes/i19.md lists the
 * lines it should change); drop that exclusion once they are in.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = join(__dirname, '../..');
const SKIP = new Set(['node_modules', 'dist', '.git', '.trustsim', 'reports', 'coverage', 'notes']);
// This file's own probes are the patterns it looks for.
const NOT_READ = new Set(['test/docs/no-outside-pointers.spec.ts']);
const TEXT = /\.(ts|js|md|ya?ml|json|txt|csv|html|sh)$|^Dockerfile|^docker-compose/;

function repositoryFiles(dir = ROOT): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (SKIP.has(name)) return [];
      const stat = statSync(path, { throwIfNoEntry: false });
      if (!stat) return [];
      if (stat.isDirectory()) return repositoryFiles(path);
      const file = relative(ROOT, path);
      return TEXT.test(name) && !NOT_READ.has(file) ? [file] : [];
    });
}

/** A folder beside the repository, or an absolute path of one machine (Linux, macOS, Windows, file URLs). */
const OUTSIDE = /(?:\.\.\/)+shared\/[\w./-]*|(?<![\w.:/-])\/(?:work|home|Users|root|mnt)\/[\w.-]+|\b[A-Z]:\\(?:Users|work)\\|file:\/\/\//g;

/** Paths in a Dockerfile or compose file are inside the container, not on anyone's machine. */
const CONTAINER = /(^|\/)(Dockerfile|docker-compose[\w.-]*|compose[\w.-]*\.ya?ml)$/;

/** `../shared/roles` from libs/domain/src/tftp is the domain's own shared/ folder: a module of the repository. */
function insideRepository(file: string, path: string): boolean {
  const target = resolve(ROOT, dirname(file), path);
  return !relative(ROOT, target).startsWith('..') && ['', '.ts', '.js', '/index.ts'].some((ext) => existsSync(target + ext));
}

/** A test that reads the optional external test vectors and says it skipped without them. */
function isOptionalVectorTest(file: string, text: string): boolean {
  return file.endsWith('.spec.ts') && /skip/.test(text);
}

function outsidePointers(file: string, text: string): string[] {
  return text.split('\n').flatMap((line, i) =>
    [...line.matchAll(OUTSIDE)]
      .filter((m) => !(m[0].includes('shared/') && insideRepository(file, m[0])))
      .filter((m) => !(m[0].startsWith('../shared/test-vectors/') && isOptionalVectorTest(file, text)))
      .filter((m) => !(m[0].startsWith('/') && CONTAINER.test(file)))
      .map((m) => `${file}:${i + 1}: ${m[0]} — ${line.trim().slice(0, 120)}`),
  );
}

describe('nothing in the repository points outside it', () => {
  const files = repositoryFiles();

  it('reads the code, docs, scenarios and tests', () => {
    expect(files).toEqual(expect.arrayContaining(['apps/cli/src/cli.ts', 'docs/scenario-language.md', 'libs/scenarios/README.md']));
  });

  it('has no ../shared/… outside the optional test-vector tests, and no absolute path of one machine', () => {
    expect(files.flatMap((file) => outsidePointers(file, readFileSync(join(ROOT, file), 'utf8')))).toEqual([]);
  });

  it('would find one: the patterns catch what they are for', () => {
    expect(outsidePointers('libs/x/README.md', 'Spec: `/work/shared/docs/x.md`, see ../shared/docs/y.md')).toHaveLength(2);
    expect(outsidePointers('libs/x/src/a.ts', "// as in /home/alice/notes.md and C:\\Users\\bob")).toHaveLength(2);
    expect(outsidePointers('libs/x/src/a.spec.ts', "const v = '../shared/test-vectors/x.tlv'; (found ? describe : describe.skip)")).toEqual([]);
    expect(outsidePointers('libs/x/src/a.ts', "const v = '../shared/test-vectors/x.tlv';")).toHaveLength(1);
    expect(outsidePointers('libs/x/src/a.ts', "join(tmpdir(), 'x'); url.pathname === '/health'; 'docs/trust-model.md'")).toEqual([]);
    expect(outsidePointers('libs/domain/src/tftp/itl-plan.ts', "import { Role } from '../shared/roles';")).toEqual([]);
    expect(outsidePointers('libs/domain/src/tftp/itl-plan.ts', '// see ../shared/docs/domain-reference.md')).toHaveLength(1);
  });
});
