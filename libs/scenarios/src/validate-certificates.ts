/**
 * Semantic checks of everything about certificates that the simulator would otherwise refuse mid-run,
 * unlocated: files to upload that are missing or unreadable, inline descriptions it cannot write as X.509
 * (serial, dates, names, key lengths), identities a node does not hold at its release (regenerate,
 * generateCsr, `set cert regen`, `from:`), and multi-server CSRs for purposes that have none.
 */
import { closeSync, constants, openSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseCliCommand } from './cli-commands';
import { CSR_PURPOSES, EC_KEY_LENGTHS, MULTI_SERVER_PURPOSES } from './vocabulary';
import { RSA_KEY_LENGTH_RANGE } from './limits';
import type { CertificatePurpose, CertificateSource, ClusterSpec, NodeSelector, NodeSpec, Step } from './model';
import { readRelease, releaseAtLeast, type ReleaseParts } from './releases';
import { earliestStepTimes } from './validate-limits';
import type { ClusterEntry, ValidationKit } from './validation-kit';
import type { Path } from './yaml-source';

const YEAR_MS = 365 * 86_400_000;
/** What the simulator gives a described certificate without `notAfter`: five years. */
const DESCRIBED_VALIDITY_MS = 5 * YEAR_MS;

export function checkCertificates(kit: ValidationKit): void {
  const times = earliestStepTimes(kit.scenario);
  const start = Date.parse(kit.scenario.start);
  // Each node's host name as the steps so far left it (`set network hostname` renames the first label).
  const hostNames = new Map<string, string>();
  const hostOf = (cluster: string, node: string) => hostNames.get(`${cluster}/${node}`) ?? node;
  for (const step of kit.scenario.steps) {
    const base: Path = ['steps', step.index, step.kind];
    const entry = 'cluster' in step && typeof step.cluster === 'string' ? kit.clusters.get(step.cluster) : undefined;
    switch (step.kind) {
      case 'uploadCertificate':
        checkSource(kit, step, [...base, 'certificate'], step.certificate, start + times[step.index]);
        break;
      case 'regenerate':
        if (entry) for (const { node, path } of targets(kit, entry, step.nodes, base)) holds(kit, step, path, entry, node, step.purpose, 'regenerate');
        break;
      case 'generateCsr':
        // A purpose with no CSR at all is that one mistake, whatever the distribution.
        if (!checkCsrPurpose(kit, step, base, step.purpose)) break;
        if (entry) {
          for (const { node, path } of targets(kit, entry, step.nodes, base)) holds(kit, step, path, entry, node, step.purpose, 'generate a CSR for');
          if (step.distribution === 'multi-server') checkMultiServer(kit, step, base, entry, step.purpose, hostOf);
        }
        break;
      case 'cli': {
        const parsed = parseCliCommand(step.command);
        if (entry && parsed.ok && parsed.command.kind === 'cert-regen') {
          const purpose = parsed.command.purpose;
          for (const { node } of targets(kit, entry, step.nodes, base)) holds(kit, step, [...base, 'command'], entry, node, purpose, `'set cert regen ${purpose}' on`);
        }
        if (entry && parsed.ok && parsed.command.kind === 'set-hostname') {
          const hostname = parsed.command.hostname;
          for (const { node } of targets(kit, entry, step.nodes, base)) {
            hostNames.set(`${entry.spec.name}/${node.name}`, [hostname, ...hostOf(entry.spec.name, node.name).split('.').slice(1)].join('.'));
          }
        }
        break;
      }
      default:
        break;
    }
  }
}

/** The nodes a step names (checked to exist elsewhere), each with the path it was named at. */
function targets(kit: ValidationKit, entry: ClusterEntry, selector: NodeSelector, base: Path): { node: NodeSpec; path: Path }[] {
  if ('all' in selector) return entry.spec.nodes.map((node) => ({ node, path: [...base, 'nodes'] }));
  const single = kit.has([...base, 'node']);
  return selector.names.flatMap((name, j) => {
    const node = entry.nodes.get(name);
    return node ? [{ node, path: single ? [...base, 'node'] : [...base, 'nodes', j] }] : [];
  });
}

/**
 * Why `node` holds no `purpose` certificate, or undefined. What a cluster installs (the simulator's cluster
 * installer): CallManager, TVS, tomcat and ipsec on every node; CallManager-ECDSA and tomcat-ECDSA on every
 * node from 11.0 [SREGEN]; ITLRecovery, one for the cluster on the publisher, from 10.0 [SITL10]; CAPF on
 * the publisher when it runs capf [chapter Table 3 "CAPF (publisher only)"]. An upgrade adds none of them.
 */
export function missingIdentity(release: ReleaseParts, cluster: ClusterSpec, node: NodeSpec, purpose: CertificatePurpose): string | undefined {
  switch (purpose) {
    case 'CallManager-ECDSA':
    case 'tomcat-ECDSA':
      return releaseAtLeast(release, { major: 11, minor: 0, mr: 0, su: 0 }) ? undefined : `release ${cluster.version} has no ${purpose} certificate (the -ECDSA certificates come with 11.0)`;
    case 'ITLRecovery':
      return releaseAtLeast(release, { major: 10, minor: 0, mr: 0, su: 0 }) ? undefined : `release ${cluster.version} has no ITLRecovery certificate (it comes with 10.0)`;
    case 'CAPF':
      if (node.role === 'publisher' && node.services.includes('capf')) return undefined;
      return node.role === 'publisher' ? `node '${node.name}' does not run capf, so it has no CAPF certificate` : `node '${node.name}' has no CAPF certificate: CAPF's is on the publisher only`;
    default:
      return undefined;
  }
}

function holds(kit: ValidationKit, step: Step, path: Path, entry: ClusterEntry, node: NodeSpec, purpose: CertificatePurpose, action: string): void {
  const release = kit.releases.get(entry.spec.name);
  const why = release && missingIdentity(release, entry.spec, node, purpose);
  if (why) kit.report(path, step.loc, `cannot ${action} ${purpose} on '${node.name}': ${why}`, { expected: expectedHolder(entry.spec, purpose) });
}

function expectedHolder(cluster: ClusterSpec, purpose: CertificatePurpose): string {
  if (purpose === 'CAPF') return `the publisher (${cluster.nodes.find((n) => n.role === 'publisher')?.name ?? 'none'}) with capf in its services`;
  return 'a purpose the release has';
}

/** CUCM makes CSRs for the purposes of CSR_PURPOSES only (run: csr-purposes.ts, "CUCM makes no CSR for"). */
function checkCsrPurpose(kit: ValidationKit, step: Step, base: Path, purpose: CertificatePurpose): boolean {
  if ((CSR_PURPOSES as readonly string[]).includes(purpose)) return true;
  const at: Path = kit.has([...base, 'purpose']) ? [...base, 'purpose'] : base;
  kit.report(at, step.loc, `CUCM makes no CSR for ${purpose} [chapter "Support for Certificates from External CAs"]: regenerate it instead`, {
    expected: `one of ${CSR_PURPOSES.join(', ')}`,
  });
  return false;
}

/**
 * A multi-server (SAN) CSR exists only for the purposes with Y in the chapter's Table 3 "Multi server"
 * column, and lists every node of the cluster by its DNS name [chapter Tables 3, 5]: the simulator names a
 * node `<node>.<cluster>.example.com` (its first label changed by `set network hostname`), so each part must
 * be a DNS label.
 */
function checkMultiServer(kit: ValidationKit, step: Step, base: Path, entry: ClusterEntry, purpose: CertificatePurpose, hostOf: (cluster: string, node: string) => string): void {
  const at: Path = kit.has([...base, 'distribution']) ? [...base, 'distribution'] : base;
  if (!(MULTI_SERVER_PURPOSES as readonly string[]).includes(purpose)) {
    kit.report(at, step.loc, `${purpose} has no multi-server (SAN) certificate [chapter Table 3]`, {
      expected: `distribution: single-server, or one of ${MULTI_SERVER_PURPOSES.join(', ')}`,
    });
    return;
  }
  const names = [entry.spec.name, ...entry.spec.nodes.map((n) => hostOf(entry.spec.name, n.name))];
  const bad = names.filter((name) => !isDnsName(name));
  if (bad.length) {
    kit.report(at, step.loc, `a multi-server certificate lists every node by its DNS name, and ${bad.map((b) => `'${b}'`).join(', ')} cannot be part of one`, {
      expected: "cluster and node names of letters, digits and '-' (dots between labels)",
    });
  }
}

/** RFC 1035 labels: letters, digits and '-', not at either end, at most 63 characters each. */
function isDnsName(name: string): boolean {
  return name.length <= 200 && name.split('.').every((label) => /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(label));
}

function checkSource(kit: ValidationKit, step: Step, base: Path, source: CertificateSource, earliest: number): void {
  if ('path' in source) checkFile(kit, step, kit.has([...base, 'path']) ? [...base, 'path'] : base, source.path);
  else if ('from' in source) {
    const entry = kit.clusters.get(source.from.cluster);
    const node = entry?.nodes.get(source.from.node);
    const release = entry && kit.releases.get(entry.spec.name);
    const why = entry && node && release && missingIdentity(release, entry.spec, node, source.from.purpose);
    if (why) kit.report([...base, 'from', 'purpose'], step.loc, `'${source.from.cluster}/${source.from.node}' has no ${source.from.purpose} certificate to upload: ${why}`);
  } else if ('subject' in source) checkDescription(kit, step, base, source, earliest);
}

/** The file exists and can be read, relative to the scenario's directory as the simulator reads it. */
function checkFile(kit: ValidationKit, step: Step, path: Path, file: string): void {
  if (kit.context.checkCertificateFiles === false) return;
  const full = resolve(dirname(kit.scenario.file), file);
  let problem: string | undefined;
  try {
    const stat = statSync(full);
    if (stat.isDirectory()) problem = 'is a directory, not a certificate file';
    // A FIFO or a device would leave the simulator reading forever.
    else if (!stat.isFile()) problem = 'is not a regular file';
    // Non-blocking, so opening never waits; it fails as reading would (EACCES).
    else closeSync(openSync(full, constants.O_RDONLY | constants.O_NONBLOCK));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    problem = code === 'ENOENT' || code === 'ENOTDIR' ? 'does not exist' : `cannot be read (${code ?? (error as Error).message})`;
  }
  if (problem) {
    kit.report(path, step.loc, `certificate file '${file}' ${problem} (${full})`, { expected: "a PEM or DER file, relative to the scenario file's directory" });
  }
}

type Description = Extract<CertificateSource, { subject: string }>;

/**
 * An inline description must be something X.509 can carry; whether CUCM accepts it (an 8192-bit key, a
 * SHA-1 signature) is for the upload rules to say when the step runs, with their reason.
 */
function checkDescription(kit: ValidationKit, step: Step, base: Path, c: Description, earliest: number): void {
  const at = (key: string): Path => (kit.has([...base, key]) ? [...base, key] : base);
  const report = (key: string, message: string, expected: string) => kit.report(at(key), step.loc, message, { expected });

  if (c.keyLength !== undefined) {
    if (c.keyType === 'EC' && !(EC_KEY_LENGTHS as readonly number[]).includes(c.keyLength)) {
      report('keyLength', `${c.keyLength} is not an EC key length`, `one of ${EC_KEY_LENGTHS.join(', ')} (P-256, P-384, P-521)`);
    } else if (c.keyType !== 'EC' && (c.keyLength < RSA_KEY_LENGTH_RANGE.min || c.keyLength > RSA_KEY_LENGTH_RANGE.max)) {
      report('keyLength', `${c.keyLength} is not an RSA key length trustsim can describe`, `${RSA_KEY_LENGTH_RANGE.min} to ${RSA_KEY_LENGTH_RANGE.max} bits`);
    }
  }
  if (c.serial !== undefined) {
    const why = serialProblem(c.serial);
    if (why) report('serial', `serial '${c.serial}' ${why}`, 'hex digits (colons and spaces allowed), not all zero, at most 20 octets (RFC 5280 §4.1.2.2)');
  }
  // Without '=' the simulator takes the whole subject as the common name. An issuer other than the subject
  // is the name of a built-in test CA, so any text will do.
  const why = c.subject.includes('=') ? nameProblem(c.subject) : undefined;
  if (why) report('subject', `subject '${c.subject}': ${why}`, 'a common name, or CN=…, O=…, OU=…, L=…, ST=…, C=… (two letters)');
  const outOfRange = (time: number) => {
    const year = new Date(time).getUTCFullYear();
    return year < 1950 || year > 9999 ? year : undefined;
  };
  const notBefore = c.notBefore !== undefined ? Date.parse(c.notBefore) : earliest;
  const notAfter = c.notAfter !== undefined ? Date.parse(c.notAfter) : notBefore + DESCRIBED_VALIDITY_MS;
  const beforeYear = outOfRange(notBefore);
  if (beforeYear !== undefined) {
    report('notBefore', c.notBefore !== undefined ? `notBefore falls in ${beforeYear}: X.509 dates run from 1950 to 9999` : `the step runs in ${beforeYear}, which X.509 dates cannot carry`, 'a date from 1950 to 9999');
  } else {
    const afterYear = outOfRange(notAfter);
    if (afterYear !== undefined) {
      report(
        c.notAfter !== undefined ? 'notAfter' : 'notBefore',
        c.notAfter !== undefined ? `notAfter falls in ${afterYear}: X.509 dates run from 1950 to 9999` : `without notAfter the certificate is valid for 5 years, to ${afterYear}: X.509 dates end in 9999`,
        'a date from 1950 to 9999',
      );
    }
  }
  if (notAfter < notBefore) {
    report(
      'notAfter',
      c.notBefore !== undefined ? 'notAfter is before notBefore' : `notAfter is before the certificate's notBefore, which is the time of the step (${new Date(notBefore).toISOString()} or later)`,
      'notAfter on or after notBefore',
    );
  }
}

/** Why the simulator could not write this serial (it strips colons and spaces and reads the rest as hex). */
function serialProblem(serial: string): string | undefined {
  const hex = serial.replace(/[:\s]/g, '');
  if (!/^[0-9a-fA-F]+$/.test(hex)) return 'is not hexadecimal';
  let minimal = hex.toLowerCase().replace(/^0+/, '');
  if (minimal === '') return 'is zero (serials are positive)';
  if (minimal.length % 2) minimal = `0${minimal}`;
  if (Number.parseInt(minimal[0], 16) >= 8) minimal = `00${minimal}`; // DER integers are signed
  return minimal.length > 40 ? 'is longer than 20 octets' : undefined;
}

/** The simulator reads `TYPE=value` pairs split at ',' or ';' and writes the six types of a CUCM certificate name. */
const NAME_TYPES = ['CN', 'OU', 'O', 'L', 'ST', 'C'];

function nameProblem(text: string): string | undefined {
  const types: string[] = [];
  for (const part of text.split(/[,;]/)) {
    if (part.trim() === '') continue; // "CN=a," — the simulator skips empty parts
    const [rawType, ...rest] = part.split('=');
    const type = rawType.trim().toUpperCase();
    const value = rest.join('=').trim();
    if (rest.length === 0 || type === '') return `'${part.trim()}' is not TYPE=value`;
    if (!NAME_TYPES.includes(type)) return `'${rawType.trim()}' is not a name attribute trustsim writes`;
    if (value === '') return `${type} is empty`;
    if (type === 'C' && !/^[A-Za-z]{2}$/.test(value)) return `country '${value}' is not two letters`;
    types.push(type);
  }
  return types.length === 0 ? 'the name is empty' : undefined;
}
