/**
 * `trustsim import`: a scenario file that is a twin of a real cluster (libs/twin), checked with the
 * simulator's own validation before it is written. Diagnostics go to standard error, the scenario to
 * `--out` or standard output.
 *
 * Exit codes: 0 imported; 1 imported, but some input could not be read (listed); 2 nothing to import
 * or invalid options.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { Command } from 'commander';
import { InvalidReleaseError } from '@trustsim/domain';
import { checkScenario, formatIssues } from '@trustsim/scenarios';
import { importTwin, ImportInputError, mappingTemplate, renderTwinScenario, summarizeDiagnostics } from '@trustsim/twin';
import { setExit, type CommandIo } from './command-io';
import { simulatorValidationContext } from '@trustsim/application';

interface ImportCommandOptions {
  trustFiles?: string;
  certificates?: string;
  phones?: string;
  mapping?: string;
  mappingTemplate?: string;
  version?: string;
  cluster?: string;
  out?: string;
  now?: string;
}

export function registerImport(program: Command, io: CommandIo): void {
  program
    .command('import')
    .description('a twin of your real cluster: a scenario file from its trust files, certificates and phone export (then add steps and run it)')
    .option('--trust-files <dir>', 'ITLFile.tlv / CTLFile.tlv fetched from each TFTP server (one folder per server, or files named <server>-ITLFile.tlv)')
    .option('--certificates <dir>', 'PEM/DER certificates from OS Administration (CallManager.pem, tomcat.pem …; trust certificates in folders named after their store)')
    .option('--phones <csv>', 'BAT phone export ("Export Phones – All Details" or a shorter list with Device Name, Device Pool, Device Type)')
    .option('--mapping <file>', 'device pool → CallManager group and TFTP servers (DHCP option 150); security profile modes; stand-in models')
    .option('--mapping-template <file>', 'write a mapping file to fill in, with every pool of the phone export')
    .option('--version <release>', 'the release, when the trust files cannot tell it (e.g. 14SU3)')
    .option('--cluster <name>', 'the cluster\'s name in the scenario')
    .option('--out <file>', 'write the scenario here (default: standard output)')
    .option('--now <iso>', 'the moment of the import, the twin\'s start (default: now)')
    .action((opts: ImportCommandOptions) => {
      try {
        setExit(io, runImport(opts, io));
      } catch (error) {
        if (error instanceof ImportInputError || error instanceof InvalidReleaseError || error instanceof RangeError) {
          io.err(`trustsim import: ${error.message}`);
          setExit(io, 2);
          return;
        }
        throw error;
      }
    });
}

function runImport(opts: ImportCommandOptions, io: CommandIo): number {
  const now = opts.now === undefined ? undefined : new Date(opts.now);
  if (now && Number.isNaN(now.getTime())) throw new RangeError(`--now ${opts.now}: not a date-time (e.g. 2026-03-01T09:00:00Z)`);
  const { twin, template } = importTwin({ trustFiles: opts.trustFiles, certificates: opts.certificates, phones: opts.phones, mapping: opts.mapping, version: opts.version, cluster: opts.cluster, now });
  for (const line of summarizeDiagnostics(twin.diagnostics)) io.err(line);
  if (opts.mappingTemplate) {
    write(opts.mappingTemplate, mappingTemplate(template));
    io.err(`mapping template: ${opts.mappingTemplate} (${template.pools.length} pools)`);
  }
  const cluster = twin.cluster;
  if (cluster.nodes.length === 0) {
    io.err('trustsim import: no node of the cluster was found; nothing written');
    return 2;
  }
  const base = opts.out ? dirname(resolve(opts.out)) : process.cwd();
  const text = renderTwinScenario(twin, { sources: twin.sources.map((s) => relative(base, resolve(s)) || '.'), tool: 'trustsim import' });
  const file = opts.out ?? '(standard output)';
  // The twin must be a scenario the simulator runs: the same checks as `trustsim validate`.
  const { issues } = checkScenario(text, file, simulatorValidationContext());
  if (opts.out) write(opts.out, text);
  else io.out(text.trimEnd());
  if (issues.length) {
    io.err(formatIssues(issues));
    io.err(`trustsim import: the twin does not validate (${issues.length} problem${issues.length === 1 ? '' : 's'} above)`);
    return 2;
  }
  const phones = cluster.phones.reduce((n, g) => n + g.names.length, 0);
  const assumed = twin.diagnostics.filter((d) => d.level === 'assumed').length;
  const problems = twin.diagnostics.filter((d) => d.level === 'error' || d.level === 'warning').length;
  io.err(
    `twin of '${cluster.name}' (${cluster.version}, ${cluster.security}): ${cluster.nodes.length} nodes, ${cluster.certificates.length} identity and ${cluster.trustCertificates.length} trust certificates, ` +
      `${phones}${twin.phones.read ? ` of ${twin.phones.read}` : ''} phones in ${cluster.phones.length} groups · ${assumed} assumed · ${problems} not read or doubtful${opts.out ? ` → ${opts.out}` : ''}`,
  );
  io.err('Private keys stay on the cluster: the twin mints its own keys for the same identities.');
  return twin.diagnostics.some((d) => d.level === 'error') ? 1 : 0;
}

function write(path: string, text: string): void {
  mkdirSync(dirname(resolve(path)), { recursive: true });
  writeFileSync(path, text);
}
