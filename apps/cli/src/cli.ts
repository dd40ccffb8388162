import { Command, Option } from 'commander';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { INestApplicationContext } from '@nestjs/common';
import { RunResult, RunScenarioCommand, StepNotSimulatedError, StepNotStoredError, TrustsimModule, ValidateScenarioCommand } from '@trustsim/application';
import { formatIssues, Scenario, ScenarioError } from '@trustsim/scenarios';
import { StoreUnavailableError } from '@trustsim/event-store';
import { formatDuration, runReport } from './format';
import { bench } from './bench';

/** Exit codes: 0 every expectation holds, 1 one fails, 2 the input is invalid or the tool failed. */
export const EXIT = { ok: 0, expectationFailed: 1, invalid: 2 } as const;

async function withApp<T>(store: string | undefined, work: (bus: CommandBus) => Promise<T>): Promise<T> {
  const app: INestApplicationContext = await NestFactory.createApplicationContext(TrustsimModule.forRoot({ store, cwd: process.cwd() }), { logger: false });
  app.enableShutdownHooks();
  try {
    return await work(app.get(CommandBus));
  } finally {
    await app.close();
  }
}

function parseAssumptions(values: string[] | undefined): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (const v of values ?? []) {
    const [name, value] = v.split('=');
    if (!name || value === undefined) throw new Error(`--assume expects name=value, got "${v}"`);
    out[name] = value === 'true' ? true : value === 'false' ? false : value;
  }
  return out;
}

function countPhones(scenario: Scenario): number {
  let n = 0;
  for (const cluster of scenario.clusters) for (const group of cluster.phones) n += group.names.length;
  return n;
}

function storeLabel(store: string | undefined): string {
  return store ?? '.trustsim/trustsim.db';
}

/** Turns known failures into one clear message and an exit code instead of a stack trace. */
function explainFailure(error: unknown, out: (s: string) => void): number {
  if (error instanceof ScenarioError) {
    out(formatIssues(error.issues));
    out(`${error.issues.length} problem${error.issues.length === 1 ? '' : 's'} found`);
    return EXIT.invalid;
  }
  if (error instanceof StoreUnavailableError || error instanceof StepNotStoredError || error instanceof StepNotSimulatedError) {
    out(`trustsim: ${error.message}`);
    return EXIT.invalid;
  }
  throw error;
}

export async function runCli(argv: string[], io = { out: (s: string) => console.log(s), err: (s: string) => console.error(s) }): Promise<number> {
  let code: number = EXIT.ok;
  const program = new Command('trustsim')
    .description('Rehearse CUCM certificate and trust-list changes before making them on a real cluster')
    .showHelpAfterError()
    .exitOverride();

  program
    .command('run')
    .description('run a scenario file: prints a timeline and the outcome of every phone group; exit 0 only if every expectation holds')
    .argument('<file>', 'scenario file (YAML)')
    .option('--store <url>', 'event store: a SQLite file path (default .trustsim/trustsim.db), sqlite:<path>, or memory:')
    .option('--seed <n>', 'override the scenario seed', (v) => Number.parseInt(v, 10))
    .addOption(new Option('--assume <name=value...>', 'set an assumption (see scenario-language.md)'))
    .action(async (file: string, opts: { store?: string; seed?: number; assume?: string[] }) => {
      try {
        const result: RunResult = await withApp(opts.store, (bus) =>
          bus.execute(
            new RunScenarioCommand(file, {
              seed: opts.seed,
              assumptions: parseAssumptions(opts.assume),
              onStep: process.stderr.isTTY ? (e) => process.stderr.write(`  ${formatDuration(e.at)} ${e.text}\n`) : undefined,
            }),
          ),
        );
        io.out(runReport(result, storeLabel(opts.store)));
        code = result.passed ? EXIT.ok : EXIT.expectationFailed;
      } catch (error) {
        code = explainFailure(error, io.err);
      }
    });

  program
    .command('validate')
    .description('check a scenario file without running it; names the line and column of every error')
    .argument('<file>', 'scenario file (YAML)')
    .action(async (file: string) => {
      try {
        const scenario: Scenario = await withApp('memory:', (bus) => bus.execute(new ValidateScenarioCommand(file)));
        io.out(`${file}: valid (${scenario.clusters.length} cluster(s), ${scenario.steps.length} steps, ${countPhones(scenario)} phones)`);
      } catch (error) {
        code = explainFailure(error, io.err);
      }
    });

  program
    .command('bench')
    .description('benchmark: the ITLRecovery rehearsal with a full cluster of phones on the SQLite store')
    .option('--phones <n>', 'phones in the cluster', (v) => Number.parseInt(v, 10), 40_000)
    .option('--scenario <file>', 'scenario to scale', 'scenarios/itl-recovery-nonsecure.yaml')
    .action(async (opts: { phones: number; scenario: string }) => {
      await bench({ ...opts, cwd: process.cwd() }, io.out);
    });

  try {
    await program.parseAsync(argv);
  } catch (error) {
    const e = error as { code?: string; exitCode?: number };
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
    if (e.code?.startsWith('commander.')) return EXIT.invalid;
    throw error;
  }
  return code;
}
