import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT, runCli } from '../cli';

const scenarios = join(__dirname, '../../../../scenarios');

describe('trustsim serve', () => {
  const cwd = process.cwd();
  beforeAll(() => {
    process.chdir(mkdtempSync(join(tmpdir(), 'trustsim-serve-')));
    mkdirSync('library');
    copyFileSync(join(scenarios, 'regen-callmanager-and-tvs-together-11.5.yaml'), join('library', 'together.yaml'));
  });
  afterAll(() => process.chdir(cwd));

  it('prints the URL, answers on loopback, and stops cleanly on Ctrl-C', async () => {
    const out: string[] = [];
    let printed!: () => void;
    const started = new Promise<void>((resolve) => (printed = resolve));
    const done = runCli(['node', 'trustsim', 'serve', '--port', '0', '--store', 'memory:', '--library', 'library'], {
      out: (s) => {
        out.push(s);
        if (/^trustsim studio on /.test(s)) printed();
      },
      err: (s) => out.push(s),
    });
    await started;
    const url = /on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out[0])![1];
    const library = (await (await fetch(`${url}api/scenarios`)).json()) as { scenarios: { path: string }[] };
    expect(library.scenarios.map((s) => s.path)).toEqual(['together.yaml']);
    expect(out.join('\n')).toMatch(/API documentation: http:\/\/127\.0\.0\.1:\d+\/api\/docs/);
    process.emit('SIGINT');
    expect(await done).toBe(EXIT.ok);
    expect(out.join('\n')).toMatch(/stopping/);
    await expect(fetch(`${url}api/scenarios`)).rejects.toThrow();
  }, 60_000);

  it('refuses a short token and a port that is not one', async () => {
    const err: string[] = [];
    const io = { out: () => undefined, err: (s: string) => err.push(s) };
    expect(await runCli(['node', 'trustsim', 'serve', '--token', 'short', '--port', '0', '--store', 'memory:', '--library', 'library'], io)).toBe(EXIT.invalid);
    expect(await runCli(['node', 'trustsim', 'serve', '--port', '70000'], io)).toBe(EXIT.invalid);
    expect(err.join('\n')).toMatch(/--token: use at least 16 characters[\s\S]*--port 70000: expected a port number/);
  });
});
