import { Command, Option } from 'commander';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { INestApplicationContext } from '@nestjs/common';
import { readFileSync, mkdirSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  ExportedTrustFile,
  ExportTrustFilesCommand,
  CertificateListEntry,
  ExplainPhoneCommand,
  AllAssumptionsResult,
  DiffRunsCommand,
  ListRunsCommand,
  RunDiff,
  RunListing,
  ShowRunCommand,
  StoredRun,
  UnknownRunError,
  OpenTrainingSession,
  StartTrainingCommand,
  RunAllAssumptionsCommand,
  Explanation,
  ListCertificatesCommand,
  PhoneCertificatesCommand,
  PhoneCertificatesResult,
  RunResult,
  RunScenarioCommand,
  StepNotSimulatedError,
  StepNotStoredError,
  ForkMismatchError,
  TrustsimModule,
  ValidateScenarioCommand,
} from '@trustsim/application';
import { TrustFileFormatError } from '@trustsim/trust-files';
import { showTrustFile } from './itl-show';
import { certificateListTable, filterCertificates } from './certificate-list';
import { runShell } from './shell';
import { ReportFormat, writeLibraryJUnit, writeRunReports } from './reports';
import { formatIssues, Scenario, ScenarioError } from '@trustsim/scenarios';
import { StoreUnavailableError } from '@trustsim/event-store';
import { allAssumptionsReport, diffReport, formatDuration, libraryTable, runReport, runsTable } from './format';
import { scenarioFiles } from './library';
import { bench } from './bench';
import { registerImport } from './commands/import';
import { registerCheck } from './commands/check';

/** Exit codes: 0 every expectation holds, 1 one fails, 2 the input is invalid or the tool failed. */
export const EXIT = { ok: 0, expectationFailed: 1, invalid: 2 } as const;

async function withApp<T>(store: string | undefined, work: (bus: CommandBus) => Promise<T>): Promise<T> {
  // abortOnError: false, or Nest exits the process on a store that cannot be opened instead of letting us say why.
  const app: INestApplicationContext = await NestFactory.createApplicationContext(TrustsimModule.forRoot({ store, cwd: process.cwd() }), { logger: false, abortOnError: false });
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

/** The store as the report names it: never with a password in it. */
function storeLabel(store: string | undefined): string {
  return (store ?? '.trustsim/trustsim.db').replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

/** Turns known failures into one clear message and an exit code instead of a stack trace. */
/** `--fork 3f2a9c@2`: a run id (or a unique prefix) and a step number. */
function parseFork(text: string): { run: string; afterStep: number } {
  const m = /^([^@\s]+)@(\d+)$/.exec(text.trim());
  if (!m) throw new RangeError(`--fork ${text}: expected <run>@<step>, e.g. --fork 3f2a9c@2 (see \`trustsim runs\`)`);
  return { run: m[1], afterStep: Number(m[2]) };
}

function explainFailure(error: unknown, out: (s: string) => void): number {
  if (error instanceof ScenarioError) {
    out(formatIssues(error.issues));
    out(`${error.issues.length} problem${error.issues.length === 1 ? '' : 's'} found`);
    return EXIT.invalid;
  }
  if (error instanceof TrustFileFormatError) {
    out(`trustsim: not a valid ITL/CTL file: ${error.message}`);
    return EXIT.invalid;
  }
  if (error instanceof StoreUnavailableError || error instanceof StepNotStoredError || error instanceof StepNotSimulatedError || error instanceof ForkMismatchError || error instanceof RangeError || error instanceof UnknownRunError) {
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
    .description('run a scenario file, or every scenario of a folder: timeline and outcome per phone group; exit 0 only if every expectation holds')
    .argument('<path>', 'scenario file (YAML) or a folder of them')
    .option('--store <url>', 'event store: a SQLite file path (default .trustsim/trustsim.db), sqlite:<path>, memory:, or kurrentdb://host:2113?tls=false (EventStoreDB/KurrentDB)')
    .option('--seed <n>', 'override the scenario seed', (v) => Number.parseInt(v, 10))
    .addOption(new Option('--assume <name=value...>', 'set an assumption (see scenario-language.md)'))
    .option('--all-assumptions', 'run under every combination of assumptions and list the outcomes that depend on one')
    .addOption(new Option('--report <format...>', 'also write reports: json (versioned), junit (a test case per expectation), html (one self-contained file)').choices(['json', 'junit', 'html']))
    .option('--report-dir <dir>', 'where reports go', 'reports')
    .option('--fork <run@step>', 'start from the state a stored run had after that step (1-based; 0 = installed), without replaying the steps before; the file must begin with the same steps')
    .action(async (path: string, opts: { store?: string; seed?: number; assume?: string[]; allAssumptions?: boolean; report?: ReportFormat[]; reportDir: string; fork?: string }) => {
      try {
        const assumptions = parseAssumptions(opts.assume);
        const fork = opts.fork === undefined ? undefined : parseFork(opts.fork);
        const progress = (e: { at: number; text: string }) => process.stderr.write(`  ${formatDuration(e.at)} ${e.text}\n`);
        const onStep = process.stderr.isTTY && !process.env.CI ? progress : undefined;
        if (fork && (opts.allAssumptions || statSync(path).isDirectory())) throw new RangeError('--fork runs one scenario file, not a folder or --all-assumptions');
        if (statSync(path).isDirectory()) {
          const rows: { file: string; result?: RunResult; error?: string }[] = [];
          await withApp(opts.store, async (bus) => {
            for (const file of scenarioFiles(path)) {
              try {
                const result: RunResult = await bus.execute(new RunScenarioCommand(file, { seed: opts.seed, assumptions }));
                rows.push({ file, result });
                for (const written of await writeRunReports(bus, file, result, (opts.report ?? []).filter((f) => f !== 'junit'), opts.reportDir)) io.out(`report: ${written}`);
              } catch (error) {
                rows.push({ file, error: error instanceof ScenarioError ? formatIssues(error.issues) : (error as Error).message });
              }
            }
          });
          if (opts.report?.includes('junit')) {
            io.out(`report: ${writeLibraryJUnit(rows.map((r) => r.result ?? { file: r.file, error: new Error(r.error) }), opts.reportDir, path)}`);
          }
          io.out(libraryTable(rows));
          code = rows.some((r) => r.error) ? EXIT.invalid : rows.every((r) => r.result!.passed) ? EXIT.ok : EXIT.expectationFailed;
          return;
        }
        if (opts.allAssumptions) {
          const result: AllAssumptionsResult = await withApp(opts.store, (bus) =>
            bus.execute(new RunAllAssumptionsCommand(path, onStep ? (v, i, n) => process.stderr.write(`  variant ${i + 1}/${n} ${v.passed ? 'passes' : 'fails'}\n`) : undefined)),
          );
          io.out(allAssumptionsReport(result));
          code = result.safeUnderEveryReading ? EXIT.ok : EXIT.expectationFailed;
          return;
        }
        const result: RunResult = await withApp(opts.store, async (bus) => {
          const run: RunResult = await bus.execute(new RunScenarioCommand(path, { seed: opts.seed, assumptions, onStep, fork }));
          for (const written of await writeRunReports(bus, path, run, opts.report ?? [], opts.reportDir)) io.err(`report: ${written}`);
          return run;
        });
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

  const storeOption = () => new Option('--store <url>', 'event store: SQLite path (default .trustsim/trustsim.db), memory:, or kurrentdb://host:2113?tls=false');
  program
    .command('runs')
    .description('list the runs stored in the event log')
    .addOption(storeOption())
    .action(async (opts: { store?: string }) => {
      try {
        const runs: RunListing[] = await withApp(opts.store, (bus) => bus.execute(new ListRunsCommand()));
        io.out(runsTable(runs));
      } catch (error) {
        code = explainFailure(error, io.err);
      }
    });
  program
    .command('show')
    .description('rebuild a stored run\'s timeline and outcome table from its events, without re-simulating')
    .argument('<run>', 'run id (or a unique prefix)')
    .addOption(storeOption())
    .action(async (run: string, opts: { store?: string }) => {
      try {
        const stored: StoredRun = await withApp(opts.store, (bus) => bus.execute(new ShowRunCommand(run)));
        io.out(runReport(stored, storeLabel(opts.store)));
        code = stored.passed ? EXIT.ok : EXIT.expectationFailed;
      } catch (error) {
        code = explainFailure(error, io.err);
      }
    });
  program
    .command('diff')
    .description('the phones whose outcome differs between two stored runs, grouped and counted')
    .argument('<runA>', 'run id (or prefix)')
    .argument('<runB>', 'run id (or prefix)')
    .addOption(storeOption())
    .action(async (a: string, b: string, opts: { store?: string }) => {
      try {
        const diff: RunDiff = await withApp(opts.store, (bus) => bus.execute(new DiffRunsCommand(a, b)));
        io.out(diffReport(diff));
      } catch (error) {
        code = explainFailure(error, io.err);
      }
    });

  program
    .command('explain')
    .description('the chain of decisions of one phone across a run: files offered, signers, TVS answers, why it ended as it did')
    .argument('<file>', 'scenario file')
    .argument('<phone>', 'phone name (SEP…), as listed by `trustsim run`')
    .addOption(new Option('--assume <name=value...>', 'set an assumption'))
    .action(async (file: string, phone: string, opts: { assume?: string[] }) => {
      try {
        const explanation: Explanation = await withApp('memory:', (bus) => bus.execute(new ExplainPhoneCommand(file, phone, { assumptions: parseAssumptions(opts.assume) })));
        io.out(`${explanation.phone}: ${explanation.status}`);
        io.out(explanation.lines.join('\n'));
        io.out(`\n${explanation.verdict}`);
      } catch (error) {
        code = explainFailure(error, io.err);
      }
    });

  program
    .command('shell')
    .description('training shell: load a scenario\'s starting state and type platform CLI commands, reset phones, wait; `save` writes a scenario')
    .argument('<file>', 'scenario file (its clusters and phones; its steps are not run)')
    .addOption(storeOption())
    .action(async (file: string, opts: { store?: string }) => {
      try {
        await withApp(opts.store, async (bus) => {
          const open: OpenTrainingSession = await bus.execute(new StartTrainingCommand(file));
          try {
            await runShell(open.session, process.stdin, io.out);
          } finally {
            await open.close();
          }
        });
      } catch (error) {
        code = explainFailure(error, io.err);
      }
    });

  const itl = program.command('itl').description('ITL and CTL files in Cisco\'s TLV format');
  itl
    .command('show')
    .description('print what `show itl` prints: records, roles, signer, verification result, phone-side limits')
    .argument('<file>', 'an ITLFile.tlv / CTLFile.tlv, from trustsim or from a real TFTP server')
    .action((file: string) => {
      try {
        const shown = showTrustFile(readFileSync(file), file);
        io.out(shown.text);
        code = shown.verified ? EXIT.ok : EXIT.expectationFailed;
      } catch (error) {
        code = explainFailure(error, io.err);
      }
    });
  itl
    .command('export')
    .description('write the ITL/CTL files the TFTP nodes serve after a step of a scenario (default: after the last, settled)')
    .requiredOption('--scenario <file>', 'scenario file')
    .option('--at <step>', 'after this step (1-based, as in the timeline)', (v) => Number.parseInt(v, 10))
    .option('--cluster <name>', 'cluster (default: the first)')
    .option('--node <name...>', 'TFTP node(s) (default: every TFTP node)')
    .requiredOption('--out <dir>', 'directory to write <cluster>/<node>/ITLFile.tlv into')
    .addOption(new Option('--digest <algorithm>', 'digest of the file signature').choices(['sha1', 'sha256', 'sha512']))
    .action(async (opts: { scenario: string; at?: number; cluster?: string; node?: string[]; out: string; digest?: 'sha1' | 'sha256' | 'sha512' }) => {
      try {
        const files: ExportedTrustFile[] = await withApp('memory:', (bus) =>
          bus.execute(new ExportTrustFilesCommand(opts.scenario, { afterStep: opts.at === undefined ? undefined : opts.at - 1, cluster: opts.cluster, nodes: opts.node, digest: opts.digest })),
        );
        for (const f of files) {
          const dir = join(opts.out, f.cluster, f.node);
          mkdirSync(dir, { recursive: true });
          writeFileSync(join(dir, f.fileName), f.bytes);
          io.out(`${join(dir, f.fileName)}  ${f.bytes.length} bytes`);
        }
      } catch (error) {
        code = explainFailure(error, io.err);
      }
    });

  const cert = program.command('cert').description('certificates of a node');
  cert
    .command('list')
    .description('list a node\'s certificates like the Certificate List page, after a step of a scenario')
    .requiredOption('--scenario <file>', 'scenario file')
    .requiredOption('--node <name>', 'node')
    .option('--cluster <name>', 'cluster (default: the first)')
    .option('--at <step>', 'after this step (1-based; default: after the last, settled)', (v) => Number.parseInt(v, 10))
    .option('--common-name <text>', 'common name contains')
    .option('--expires-before <date>', 'expiring before this date (YYYY-MM-DD)', (v) => new Date(v))
    .addOption(new Option('--key-type <type>', 'key type').choices(['RSA', 'EC']))
    .addOption(new Option('--usage <usage>', 'identity or trust certificates').choices(['identity', 'trust']))
    .action(async (opts: { scenario: string; node: string; cluster?: string; at?: number; commonName?: string; expiresBefore?: Date; keyType?: 'RSA' | 'EC'; usage?: 'identity' | 'trust' }) => {
      try {
        const rows: CertificateListEntry[] = await withApp('memory:', (bus) =>
          bus.execute(new ListCertificatesCommand(opts.scenario, { afterStep: opts.at === undefined ? undefined : opts.at - 1, cluster: opts.cluster, node: opts.node })),
        );
        const shown = filterCertificates(rows, opts);
        io.out(certificateListTable(shown));
        io.out(`${shown.length} of ${rows.length} certificates`);
      } catch (error) {
        code = explainFailure(error, io.err);
      }
    });

  cert
    .command('export')
    .description('write a node\'s certificates as PEM files (open them with `openssl x509 -in <file> -text`)')
    .requiredOption('--scenario <file>', 'scenario file')
    .requiredOption('--node <name>', 'node')
    .option('--cluster <name>', 'cluster (default: the first)')
    .option('--at <step>', 'after this step (1-based; default: after the last, settled)', (v) => Number.parseInt(v, 10))
    .requiredOption('--out <dir>', 'directory to write <purpose>.pem (identity) and <store>/<common name>.pem (trust) into')
    .action(async (opts: { scenario: string; node: string; cluster?: string; at?: number; out: string }) => {
      try {
        const rows: CertificateListEntry[] = await withApp('memory:', (bus) =>
          bus.execute(new ListCertificatesCommand(opts.scenario, { afterStep: opts.at === undefined ? undefined : opts.at - 1, cluster: opts.cluster, node: opts.node })),
        );
        for (const r of rows) {
          // CUCM names identity files after the purpose (CallManager.pem, ITLRecovery.pem); trust files after the CN.
          const file = r.usage === 'identity' ? join(opts.out, `${r.certificate}.pem`) : join(opts.out, r.certificate, `${r.info.commonName.replace(/[^\w.-]+/g, '_')}.pem`);
          mkdirSync(join(file, '..'), { recursive: true });
          writeFileSync(file, r.info.pem);
          io.out(`${file}  ${r.info.commonName}`);
        }
      } catch (error) {
        code = explainFailure(error, io.err);
      }
    });

  cert
    .command('phone')
    .description('write a phone\'s LSC (signed by the CAPF that issued it) and MIC as PEM files, after a step of a scenario')
    .requiredOption('--scenario <file>', 'scenario file')
    .requiredOption('--phone <name>', 'phone name (SEP…)')
    .option('--at <step>', 'after this step (1-based; default: after the last, settled)', (v) => Number.parseInt(v, 10))
    .requiredOption('--out <dir>', 'directory to write <phone>-LSC.pem, <phone>-LSC-issuer.pem and <phone>-MIC.pem into')
    .action(async (opts: { scenario: string; phone: string; at?: number; out: string }) => {
      try {
        const result: PhoneCertificatesResult = await withApp('memory:', (bus) => bus.execute(new PhoneCertificatesCommand(opts.scenario, opts.phone, opts.at === undefined ? undefined : opts.at - 1)));
        mkdirSync(opts.out, { recursive: true });
        const write = (name: string, pem: string, what: string) => {
          const file = join(opts.out, `${result.phone}-${name}.pem`);
          writeFileSync(file, pem);
          io.out(`${file}  ${what}`);
        };
        if (result.lsc) {
          const i = result.lsc.issuer;
          write('LSC', result.lsc.certificate.pem, `LSC serial ${result.lsc.certificate.serialHex}, issued by ${i.certificate.commonName} (${i.cluster}/${i.node} ${i.purpose} generation ${i.generation})`);
          write('LSC-issuer', i.certificate.pem, `${i.certificate.commonName}: verify with openssl verify -partial_chain -CAfile <this> <LSC>`);
        } else io.out(`${result.phone} has no LSC`);
        if (result.mic) write('MIC', result.mic.pem, `MIC issued by ${result.mic.issuer.CN ?? 'the manufacturing CA'}`);
      } catch (error) {
        code = explainFailure(error, io.err);
      }
    });

  registerImport(program, { ...io, exit: (c) => (code = c) });
  registerCheck(program, { ...io, exit: (c) => (code = c) });

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
