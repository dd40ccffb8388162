import { Command } from 'commander';
import { OpenTrainingSession, StartTrainingCommand, ValidateScenarioCommand } from '@trustsim/application';
import { Scenario } from '@trustsim/scenarios';
import { BEYOND_CUCM_LIMITS, CliContext } from '../cli-context';
import { runShell } from '../shell';
import { storeOption } from './runs';

function countPhones(scenario: Scenario): number {
  let n = 0;
  for (const cluster of scenario.clusters) for (const group of cluster.phones) n += group.names.length;
  return n;
}

/** `validate` (a file checked without running it) and `shell` (the training shell). */
export function registerValidateAndTrain(program: Command, ctx: CliContext): void {
  program
    .command('validate')
    .description('check a scenario file without running it; names the line and column of every error')
    .argument('<file>', 'scenario file (YAML; the language: docs/scenario-language.md)')
    .option(...BEYOND_CUCM_LIMITS)
    .action((file: string, opts: { beyondCucmLimits?: boolean }) =>
      ctx.action(async () => {
        const scenario: Scenario = await ctx.withApp('memory:', ({ commands }) => commands.execute(new ValidateScenarioCommand(file, { beyondCucmLimits: opts.beyondCucmLimits })));
        ctx.io.out(`${file}: valid (${scenario.clusters.length} cluster(s), ${scenario.steps.length} steps, ${countPhones(scenario)} phones)`);
      }),
    );

  program
    .command('shell')
    .description("training shell: load a scenario's starting state and type platform CLI commands, reset phones, wait; `save` writes a scenario")
    .argument('<file>', 'scenario file (its clusters and phones; its steps are not run)')
    .addOption(storeOption())
    .action((file: string, opts: { store?: string }) =>
      ctx.action(async () => {
        await ctx.withApp(opts.store, async ({ commands }) => {
          const open: OpenTrainingSession = await commands.execute(new StartTrainingCommand(file));
          try {
            await runShell(open.session, process.stdin, ctx.io.out);
          } finally {
            await open.close();
          }
        });
      }),
    );
}
