/**
 * docs/tutorial.md is true because this test wrote its outputs: it writes each `yaml file=…` block to a
 * fresh folder, in order (a later block of the same name replaces the file, as the reader edits it), runs
 * each `console` block's `$ trustsim …` command there, and compares what the command prints, and its exit
 * code (`exit=N`), with the block. TRUSTSIM_UPDATE_DOCS=1 writes the outputs into the page instead.
 *
 * The run id and the time a run took change every run; they are shown as <run-id> and <time>.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../apps/cli/src/cli';

const TUTORIAL = join(__dirname, '../../docs/tutorial.md');
const UPDATE = process.env.TRUSTSIM_UPDATE_DOCS === '1';

interface Block {
  lang: string;
  attributes: Record<string, string>;
  body: string;
  /** Where the body starts and ends in the page, to write a new one. */
  start: number;
  end: number;
  line: number;
}

function blocks(markdown: string): Block[] {
  return [...markdown.matchAll(/^```(\w+)([^\n]*)\n([\s\S]*?)^```$/gm)].map((m) => {
    const start = m.index + m[0].indexOf('\n') + 1;
    return {
      lang: m[1],
      attributes: Object.fromEntries([...m[2].matchAll(/(\w+)=(\S+)/g)].map((a) => [a[1], a[2]])),
      body: m[3],
      start,
      end: start + m[3].length,
      line: markdown.slice(0, m.index).split('\n').length,
    };
  });
}

/** `trustsim run a.yaml --store memory:` → the arguments (double quotes group words). */
function words(command: string): string[] {
  return [...command.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);
}

function normalise(text: string): string {
  return text.replace(/\brun [0-9a-f]{12}\b/g, 'run <run-id>').replace(/ · \d+(?:\.\d+)? s$/gm, ' · <time>');
}

async function run(command: string): Promise<{ code: number; output: string }> {
  const [program, ...args] = words(command);
  if (program !== 'trustsim') throw new Error(`the tutorial runs trustsim commands only, not '${command}'`);
  const lines: string[] = [];
  const code = await runCli(['node', 'trustsim', ...args], { out: (s) => lines.push(s), err: (s) => lines.push(s) });
  return { code, output: normalise(lines.join('\n')) };
}

describe('docs/tutorial.md', () => {
  const cwd = process.cwd();
  beforeAll(() => process.chdir(mkdtempSync(join(tmpdir(), 'trustsim-tutorial-'))));
  afterAll(() => process.chdir(cwd));

  it('shows what its commands print, run in order on its files (TRUSTSIM_UPDATE_DOCS=1 rewrites the outputs)', async () => {
    const markdown = readFileSync(TUTORIAL, 'utf8');
    const page = blocks(markdown);
    expect(page.filter((b) => b.lang === 'console').length).toBeGreaterThanOrEqual(6);
    const differences: string[] = [];
    const rewrites: { block: Block; body: string }[] = [];
    for (const block of page) {
      if (block.lang === 'yaml' && block.attributes.file) writeFileSync(block.attributes.file, block.body);
      if (block.lang !== 'console') continue;
      const command = block.body.split('\n')[0];
      if (!command.startsWith('$ ')) throw new Error(`docs/tutorial.md:${block.line}: a console block starts with "$ <command>"`);
      const { code, output } = await run(command.slice(2));
      const body = `${command}\n${output}\n`;
      if (String(code) !== block.attributes.exit) differences.push(`line ${block.line}: ${command} exits ${code}, the page says exit=${block.attributes.exit}`);
      if (body !== block.body) differences.push(`line ${block.line}: ${command} prints something else now:\n${output}`);
      rewrites.push({ block, body });
    }
    if (UPDATE) {
      let text = markdown;
      for (const { block, body } of [...rewrites].reverse()) text = text.slice(0, block.start) + body + text.slice(block.end);
      writeFileSync(TUTORIAL, text);
      return;
    }
    expect(differences).toEqual([]);
  }, 180_000);
});
