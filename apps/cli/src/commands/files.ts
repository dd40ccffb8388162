import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { CertificateListEntry, CertificatesQuery, ExportedTrustFile, PhoneCertificatesQuery, PhoneCertificatesResult, RunScenarioCommand, TrustFilesQuery } from '@trustsim/application';
import { Buses, CliContext, CliUsageError, EXIT, parseStep } from '../cli-context';
import { certificateListTable, filterCertificates } from '../certificate-list';
import { showTrustFile } from '../itl-show';
import { storeOption } from './runs';

/** The run a file-reading command reads: `--run <id>` in the store, or `--scenario <file>` rehearsed first in memory. */
interface RunSource {
  scenario?: string;
  run?: string;
  store?: string;
}

/** Runs `read` against a stored run, or against a rehearsal of a scenario file into a throw-away store. */
async function readRun<T>(ctx: CliContext, source: RunSource, read: (buses: Buses, runId: string) => Promise<T>): Promise<T> {
  if (!!source.scenario === !!source.run) throw new CliUsageError('name the run to read: --run <run> (a stored run) or --scenario <file> (rehearsed first, in memory)');
  if (source.run) return ctx.withApp(source.store, (buses) => read(buses, source.run!));
  return ctx.withApp('memory:', async (buses) => read(buses, (await buses.commands.execute(new RunScenarioCommand(source.scenario!))).runId));
}

const runOptions = (command: Command) =>
  command
    .option('--run <run>', 'a stored run (id or unique prefix)')
    .option('--scenario <file>', 'a scenario file, rehearsed first in memory')
    .addOption(storeOption())
    .option('--at <step>', 'after this step (1-based, as in the timeline; 0 = installed; default: at the end)', parseStep);

/** `itl show` / `itl export`, `cert list` / `cert export` / `cert phone`: files as a TFTP node or a node serves them. */
export function registerFiles(program: Command, ctx: CliContext): void {
  const itl = program.command('itl').description("ITL and CTL files in Cisco's TLV format");
  itl
    .command('show')
    .description('print what `show itl` prints: records, roles, signer, verification result, phone-side limits')
    .argument('<file>', 'an ITLFile.tlv / CTLFile.tlv, from trustsim or from a real TFTP server')
    .action((file: string) =>
      ctx.action(async () => {
        const shown = showTrustFile(readFileSync(file), file);
        ctx.io.out(shown.text);
        return shown.verified ? EXIT.ok : EXIT.expectationFailed;
      }),
    );
  runOptions(itl.command('export'))
    .description('write the ITL/CTL files the TFTP nodes served after a step of a run (read from its events)')
    .option('--cluster <name>', 'cluster (default: the first)')
    .option('--node <name...>', 'TFTP node(s) (default: every TFTP node)')
    .requiredOption('--out <dir>', 'directory to write <cluster>/<node>/ITLFile.tlv into')
    .addOption(new Option('--digest <algorithm>', 'digest of the file signature (default: as stored)').choices(['sha1', 'sha256', 'sha512']))
    .action((opts: RunSource & { at?: number; cluster?: string; node?: string[]; out: string; digest?: 'sha1' | 'sha256' | 'sha512' }) =>
      ctx.action(async () => {
        const files: ExportedTrustFile[] = await readRun(ctx, opts, ({ queries }, run) => queries.execute(new TrustFilesQuery(run, { at: opts.at, cluster: opts.cluster, nodes: opts.node, digest: opts.digest })));
        for (const f of files) {
          const dir = join(opts.out, f.cluster, f.node);
          mkdirSync(dir, { recursive: true });
          writeFileSync(join(dir, f.fileName), f.bytes);
          ctx.io.out(`${join(dir, f.fileName)}  ${f.bytes.length} bytes`);
        }
      }),
    );

  const cert = program.command('cert').description('certificates of a node or a phone');
  runOptions(cert.command('list'))
    .description("list a node's certificates like the Certificate List page, after a step of a run")
    .requiredOption('--node <name>', 'node')
    .option('--cluster <name>', 'cluster (default: the first)')
    .option('--common-name <text>', 'common name contains')
    .option('--expires-before <date>', 'expiring before this date (YYYY-MM-DD)', (v) => new Date(v))
    .addOption(new Option('--key-type <type>', 'key type').choices(['RSA', 'EC']))
    .addOption(new Option('--usage <usage>', 'identity or trust certificates').choices(['identity', 'trust']))
    .action((opts: RunSource & { at?: number; node: string; cluster?: string; commonName?: string; expiresBefore?: Date; keyType?: 'RSA' | 'EC'; usage?: 'identity' | 'trust' }) =>
      ctx.action(async () => {
        const rows: CertificateListEntry[] = await readRun(ctx, opts, ({ queries }, run) => queries.execute(new CertificatesQuery(run, { at: opts.at, cluster: opts.cluster, node: opts.node })));
        const shown = filterCertificates(rows, opts);
        ctx.io.out(certificateListTable(shown));
        ctx.io.out(`${shown.length} of ${rows.length} certificates`);
      }),
    );
  runOptions(cert.command('export'))
    .description("write a node's certificates as PEM files (open them with `openssl x509 -in <file> -text`)")
    .requiredOption('--node <name>', 'node')
    .option('--cluster <name>', 'cluster (default: the first)')
    .requiredOption('--out <dir>', 'directory to write <purpose>.pem (identity) and <store>/<common name>.pem (trust) into')
    .action((opts: RunSource & { at?: number; node: string; cluster?: string; out: string }) =>
      ctx.action(async () => {
        const rows: CertificateListEntry[] = await readRun(ctx, opts, ({ queries }, run) => queries.execute(new CertificatesQuery(run, { at: opts.at, cluster: opts.cluster, node: opts.node })));
        for (const r of rows) {
          // CUCM names identity files after the purpose (CallManager.pem, ITLRecovery.pem); trust files after the CN.
          const file = r.usage === 'identity' ? join(opts.out, `${r.certificate}.pem`) : join(opts.out, r.certificate, `${r.info.commonName.replace(/[^\w.-]+/g, '_')}.pem`);
          mkdirSync(join(file, '..'), { recursive: true });
          writeFileSync(file, r.info.pem);
          ctx.io.out(`${file}  ${r.info.commonName}`);
        }
      }),
    );
  runOptions(cert.command('phone'))
    .description("write a phone's LSC (signed by the CAPF that issued it) and MIC as PEM files, after a step of a run")
    .requiredOption('--phone <name>', 'phone name (SEP…)')
    .requiredOption('--out <dir>', 'directory to write <phone>-LSC.pem, <phone>-LSC-issuer.pem and <phone>-MIC.pem into')
    .action((opts: RunSource & { at?: number; phone: string; out: string }) =>
      ctx.action(async () => {
        const result: PhoneCertificatesResult = await readRun(ctx, opts, ({ queries }, run) => queries.execute(new PhoneCertificatesQuery(run, opts.phone, opts.at)));
        mkdirSync(opts.out, { recursive: true });
        const write = (name: string, pem: string, what: string) => {
          const file = join(opts.out, `${result.phone}-${name}.pem`);
          writeFileSync(file, pem);
          ctx.io.out(`${file}  ${what}`);
        };
        if (result.lsc) {
          const i = result.lsc.issuer;
          write('LSC', result.lsc.certificate.pem, `LSC serial ${result.lsc.certificate.serialHex}, issued by ${i.certificate.commonName} (${i.cluster}/${i.node} ${i.purpose} generation ${i.generation})`);
          write('LSC-issuer', i.certificate.pem, `${i.certificate.commonName}: verify with openssl verify -partial_chain -CAfile <this> <LSC>`);
        } else ctx.io.out(`${result.phone} has no LSC`);
        if (result.mic) write('MIC', result.mic.pem, `MIC issued by ${result.mic.issuer.CN ?? 'the manufacturing CA'}`);
      }),
    );
}
