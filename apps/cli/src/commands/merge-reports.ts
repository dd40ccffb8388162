import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Command } from 'commander';
import { JUnitSource, mergeJUnit, ReportMergeError } from '@trustsim/application';
import { CliContext } from '../cli-context';

/** `trustsim merge-reports`: the JUnit files of a sharded library run (`run <folder> --shard i/n`) as one. */
export function registerMergeReports(program: Command, ctx: CliContext): void {
  program
    .command('merge-reports')
    .description('join the JUnit files of a sharded library run (`run <folder> --shard i/n --report junit`, one per CI machine) into the one file an unsharded run writes: library order, totals summed again (docs/ci.md)')
    .argument('<files...>', 'JUnit XML files written by `trustsim run --report junit`')
    .option('--out <file>', 'write the merged file here (default: print it)')
    .action((files: string[], opts: { out?: string }) =>
      ctx.action(async () => {
        const merged = mergeJUnit(files.map(readSource));
        const totals = `${merged.suites} scenario${merged.suites === 1 ? '' : 's'} from ${merged.files} file${merged.files === 1 ? '' : 's'}: ${merged.tests} tests, ${merged.failures} failures, ${merged.errors} errors`;
        if (opts.out === undefined) {
          ctx.io.out(merged.xml.replace(/\n$/, ''));
          ctx.io.err(`merged ${totals}`);
        } else {
          mkdirSync(dirname(opts.out), { recursive: true });
          writeFileSync(opts.out, merged.xml);
          ctx.io.out(`merged ${totals} into ${opts.out}`);
        }
      }),
    );
}

function readSource(file: string): JUnitSource {
  try {
    return { file, xml: readFileSync(file, 'utf8') };
  } catch (error) {
    throw new ReportMergeError(`${file}: cannot read it (${(error as Error).message})`);
  }
}
