import { randomBytes } from 'node:crypto';
import { Command, Option } from 'commander';
import { isLoopback } from '../../../server/src/studio-options';
import { CliContext, CliUsageError } from '../cli-context';
import { storeOption } from './runs';

interface ServeOptions {
  port: number;
  host: string;
  store?: string;
  library: string;
  token?: string;
}

/** `trustsim serve`: the studio (HTTP API and browser UI) until Ctrl-C. */
export function registerServe(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description('trustsim studio: the scenario library, runs, the phone grid and timeline, training consoles, in a browser (and a JSON API, documented at /api/docs)')
    .addOption(new Option('--port <n>', 'port to listen on (0: any free port)').default(4180).argParser(parsePort))
    .option('--host <address>', 'interface to listen on; anything but loopback requires a token', '127.0.0.1')
    .addOption(storeOption())
    .option('--library <dir>', 'scenario library folder: the only files the studio reads', 'scenarios')
    .option('--token <token>', 'required on every request (generated and printed when --host is not loopback and none is given)')
    .action((opts: ServeOptions) =>
      ctx.action(async () => {
        const token = opts.token ?? (isLoopback(opts.host) ? undefined : randomBytes(18).toString('base64url'));
        if (opts.token !== undefined && opts.token.length < 16) throw new CliUsageError('--token: use at least 16 characters');
        // Loaded here, not at start: the other commands need neither Express nor Swagger.
        const { startStudio } = await import('../../../server/src/create-studio');
        const studio = await startStudio({ port: opts.port, host: opts.host, store: opts.store, library: opts.library, cwd: process.cwd(), token });
        ctx.io.out(`trustsim studio on ${studio.url}`);
        if (token && !opts.token) ctx.io.out(`token (generated): ${token} — send it as Authorization: Bearer <token>, or open the URL above`);
        ctx.io.out(`API documentation: ${studio.url.replace(/\/(\?.*)?$/, '/api/docs')} · library: ${opts.library} · Ctrl-C to stop`);
        await untilInterrupted();
        ctx.io.out('stopping: runs in progress finish, training sessions close (their runs stay), the store closes');
        await studio.close();
      }),
    );
}

function parsePort(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new CliUsageError(`--port ${text}: expected a port number (0-65535)`);
  return n;
}

function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
