import { Command, Option } from 'commander';
import { DiffRunsQuery, Explanation, ExplainPhoneQuery, ListRunsQuery, RunDiff, RunListing, RunScenarioCommand, ShowRunQuery, StoredRun } from '@trustsim/application';
import { existsSync, statSync } from 'node:fs';
import { citedTags, sourceDocument, TRUST_MODEL_DOC } from '@trustsim/domain';
import { CliContext, EXIT, parseAssumptions, parseStep, storeLabel } from '../cli-context';
import { diffReport, runReport, runsTable } from '../format';

export const storeOption = () => new Option('--store <url>', 'event store: SQLite path (default .trustsim/trustsim.db), memory:, or kurrentdb://host:2113?tls=false');

/** `runs`, `show`, `diff`, `explain`: every read of a stored run comes from its events, never from its file. */
export function registerRunReads(program: Command, ctx: CliContext): void {
  program
    .command('runs')
    .description('list the runs stored in the event log')
    .addOption(storeOption())
    .action((opts: { store?: string }) =>
      ctx.action(async () => {
        const runs: RunListing[] = await ctx.withApp(opts.store, ({ queries }) => queries.execute(new ListRunsQuery()));
        ctx.io.out(runsTable(runs));
      }),
    );

  program
    .command('show')
    .description("a stored run's timeline and outcome table, rebuilt from its events; --at: as they stood after a step")
    .argument('<run>', 'run id (or a unique prefix)')
    .option('--at <step>', 'after this step (1-based; 0 = installed)', parseStep)
    .addOption(storeOption())
    .action((run: string, opts: { store?: string; at?: number }) =>
      ctx.action(async () => {
        const stored: StoredRun = await ctx.withApp(opts.store, ({ queries }) => queries.execute(new ShowRunQuery(run, opts.at)));
        ctx.io.out(runReport(stored, storeLabel(opts.store)));
        if (stored.incomplete) return EXIT.incomplete;
        return stored.passed ? EXIT.ok : EXIT.expectationFailed;
      }),
    );

  program
    .command('diff')
    .description('the phones whose outcome differs between two stored runs, grouped and counted')
    .argument('<runA>', 'run id (or prefix)')
    .argument('<runB>', 'run id (or prefix)')
    .addOption(storeOption())
    .action((a: string, b: string, opts: { store?: string }) =>
      ctx.action(async () => {
        const diff: RunDiff = await ctx.withApp(opts.store, ({ queries }) => queries.execute(new DiffRunsQuery(a, b)));
        ctx.io.out(diffReport(diff));
      }),
    );

  program
    .command('explain')
    .description('the chain of decisions of one phone across a run: files offered, signers, TVS answers, why it ended as it did')
    .argument('<run>', 'a stored run (id or unique prefix), or a scenario file to rehearse first (in memory)')
    .argument('<phone>', 'phone name (SEP…), as listed by `trustsim run`')
    .option('--at <step>', 'up to this step (1-based; 0 = installed)', parseStep)
    .addOption(storeOption())
    .addOption(new Option('--assume <name=value...>', 'set an assumption (with a scenario file)'))
    .action((run: string, phone: string, opts: { store?: string; at?: number; assume?: string[] }) =>
      ctx.action(async () => {
        const isFile = existsSync(run) && statSync(run).isFile();
        const explanation: Explanation = await ctx.withApp(isFile ? 'memory:' : opts.store, async ({ commands, queries }) => {
          const runId = isFile ? (await commands.execute(new RunScenarioCommand(run, { assumptions: parseAssumptions(opts.assume) }))).runId : run;
          return queries.execute(new ExplainPhoneQuery(runId, phone, opts.at));
        });
        ctx.io.out(`${explanation.phone}: ${explanation.status}`);
        ctx.io.out(explanation.lines.join('\n'));
        ctx.io.out(`\n${explanation.verdict}`);
        if (explanation.assumptions.length) ctx.io.out(`\nAssumptions that decided it:\n${explanation.assumptions.map((a) => `  - ${a}`).join('\n')}`);
        if (explanation.chapter.length) ctx.io.out(`\nThe chapter says otherwise:\n${explanation.chapter.map((c) => `  - ${c}`).join('\n')}`);
        ctx.io.out(sourcesOf([...explanation.lines, explanation.verdict, ...explanation.assumptions, ...explanation.chapter]));
      }),
    );
}

/** What the tags of an explanation stand for, and where every rule is explained. */
function sourcesOf(texts: readonly string[]): string {
  const cited = citedTags(texts.join('\n')).flatMap((tag) => sourceDocument(tag) ?? []);
  const width = Math.max(0, ...cited.map((s) => s.tag.length + 2));
  const lines = cited.map((s) => `  ${`[${s.tag}]`.padEnd(width)}  ${s.title}, ${s.release} — ${s.address}`);
  return [`\nSources (${TRUST_MODEL_DOC} explains each rule):`, ...lines].join('\n');
}
