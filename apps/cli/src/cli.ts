import { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bench } from './bench';
import { CliContext, CliUsageError, EXIT, Io } from './cli-context';
import { registerCheck } from './commands/check';
import { registerFiles } from './commands/files';
import { registerImport } from './commands/import';
import { registerLibraryWorker } from './commands/library-worker';
import { registerMergeReports } from './commands/merge-reports';
import { registerRun } from './commands/run';
import { registerRunReads } from './commands/runs';
import { registerSchema } from './commands/schema';
import { registerServe } from './commands/serve';
import { registerValidateAndTrain } from './commands/validate-and-train';

export { EXIT } from './cli-context';

/** The `trustsim` command: each subcommand is registered by the module of its concern (commands/). */
export async function runCli(argv: string[], io: Io = { out: (s) => console.log(s), err: (s) => console.error(s) }): Promise<number> {
  const ctx = new CliContext(io);
  const program = new Command('trustsim')
    .description('Rehearse CUCM certificate and trust-list changes before making them on a real cluster')
    // Help goes where the rest of the output goes (the terminal, or a test's capture).
    .configureOutput({ writeOut: (text) => io.out(text.trimEnd()) })
    .addHelpText('after', '\nVersion: trustsim --version (or -V).')
    .option('--debug', 'print the stack trace of an unexpected error')
    .showHelpAfterError()
    .exitOverride()
    .hook('preAction', (command) => {
      ctx.debug = command.opts().debug === true;
    });
  registerRun(program, ctx);
  registerLibraryWorker(program, ctx);
  registerValidateAndTrain(program, ctx);
  registerRunReads(program, ctx);
  registerFiles(program, ctx);
  registerSchema(program, ctx);
  registerMergeReports(program, ctx);
  registerServe(program, ctx);
  // import and check report their own exit codes (they never open a store).
  const commandIo = { ...io, exit: (c: number) => (ctx.code = c) };
  registerImport(program, commandIo);
  registerCheck(program, commandIo);
  program
    .command('bench')
    .description('benchmark: the ITLRecovery rehearsal on a full cluster (40,000 phones) and across clusters (200,000), SQLite; reading it back; each figure with its target')
    .option('--phones <n>', 'phones in the cluster', (v) => Number.parseInt(v, 10), 40_000)
    .option('--scenario <file>', 'scenario to scale', 'scenarios/itl-recovery-nonsecure.yaml')
    .option('--large-phones <n>', 'phones of the run across five clusters (0: skip it)', (v) => Number.parseInt(v, 10), 200_000)
    .option('--no-what-if', 'skip the run under every reading of the assumptions (--all-assumptions; a minute or more)')
    .action((opts: { phones: number; scenario: string; largePhones: number; whatIf: boolean }) => ctx.action(() => bench({ ...opts, cwd: process.cwd() }, io.out)));

  // The version is asked for before any command: not a program option, which commander would also take
  // after a command, where `import --version <release>` means the cluster's release.
  if (argv.length === 3 && (argv[2] === '--version' || argv[2] === '-V')) {
    io.out(trustsimVersion());
    return EXIT.ok;
  }
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.err(`trustsim: ${error.message}`);
      return EXIT.invalid;
    }
    const e = error as { code?: string };
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
    if (e.code?.startsWith('commander.')) return EXIT.invalid;
    throw error;
  }
  return ctx.code;
}

/** trustsim's version: that of the package.json above this file, from the sources or from dist/. */
function trustsimVersion(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'trustsim' && pkg.version) return pkg.version;
    }
    if (dirname(dir) === dir) return 'unknown';
  }
}
