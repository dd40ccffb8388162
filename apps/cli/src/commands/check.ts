/**
 * `trustsim check <scenario>`: the risks in the cluster's current state, before any change, each with
 * its rule and sources (libs/twin's rules). A twin is judged from its own certificates and trust files;
 * any other scenario from the state the simulator installs (snapshot-from-application.ts).
 *
 * Exit codes: 0 nothing at or above --fail-on; 1 a risk at or above it (for CI); 2 invalid input.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { InvalidReleaseError, parseRelease } from '@trustsim/domain';
import { formatIssueReport, ScenarioError } from '@trustsim/scenarios';
import { checkReportJson, checkReportPage, checkReportText, runCheck, SEVERITIES, snapshotFromTwin, type Severity, type SnapshotSet } from '@trustsim/twin';
import { setExit, type CommandIo } from './command-io';
import { loadValidScenario } from '@trustsim/application';
import { snapshotFromApplication } from './snapshot-from-application';

interface CheckCommandOptions {
  days: number;
  failOn: Severity;
  json?: boolean;
  html?: string;
  target?: string;
  method: 'refresh' | 'l2';
  now?: string;
  simulate?: boolean;
}

export function registerCheck(program: Command, io: CommandIo): void {
  program
    .command('check')
    .description('the risks in the current state of a cluster (a twin from `trustsim import`, or any scenario), each with its rule and sources; exit 1 when one is at or above --fail-on')
    .argument('<scenario>', 'scenario file')
    .option('--days <n>', 'certificates due within this many days', (v) => Number.parseInt(v, 10), 90)
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a risk is at or above this').choices([...SEVERITIES]).default('high'))
    .option('--json', 'the findings as JSON (versioned) on standard output')
    .option('--html <file>', 'also write the findings as an HTML page')
    .option('--target <release>', 'an upgrade you are considering (FN70613 [SFN]); the scenario\'s own upgrade steps are checked too')
    .addOption(new Option('--method <method>', 'the upgrade method of --target').choices(['refresh', 'l2']).default('refresh'))
    .option('--now <iso>', 'judge the state at this moment (default: the scenario\'s start; for a twin, its import); "today" for now')
    .option('--simulate', 'judge a twin by the state the simulator installs for it, not by its imported files')
    .action(async (file: string, opts: CheckCommandOptions) => {
      try {
        setExit(io, await runCheckCommand(file, opts, io));
      } catch (error) {
        if (error instanceof ScenarioError) {
          io.err(formatIssueReport(error.issues));
          setExit(io, 2);
        } else if (error instanceof InvalidReleaseError || error instanceof RangeError) {
          io.err(`trustsim check: ${error.message}`);
          setExit(io, 2);
        } else throw error;
      }
    });
}

async function runCheckCommand(file: string, opts: CheckCommandOptions, io: CommandIo): Promise<number> {
  if (!Number.isInteger(opts.days) || opts.days < 0) throw new RangeError(`--days ${opts.days}: a whole number of days`);
  const now = opts.now === undefined ? undefined : opts.now === 'today' ? new Date() : new Date(opts.now);
  if (now && Number.isNaN(now.getTime())) throw new RangeError(`--now ${opts.now}: not a date-time (e.g. 2026-03-01T09:00:00Z, or today)`);
  if (opts.target) parseRelease(opts.target);
  const scenario = loadValidScenario(file);
  const options = { ...(now && { now }), ...(opts.target && { target: { to: opts.target, method: opts.method } }) };
  const snapshot: SnapshotSet = scenario.twin && !opts.simulate ? snapshotFromTwin(scenario, options) : await snapshotFromApplication(scenario, { ...options, cwd: process.cwd() });
  const result = runCheck(snapshot, { days: opts.days, failOn: opts.failOn });
  io.out(opts.json ? checkReportJson(result) : checkReportText(result));
  if (opts.html) {
    mkdirSync(dirname(resolve(opts.html)), { recursive: true });
    writeFileSync(opts.html, checkReportPage(result));
    io.err(`report: ${opts.html}`);
  }
  return result.failed ? 1 : 0;
}
