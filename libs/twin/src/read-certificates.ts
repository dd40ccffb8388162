/**
 * Certificates as an administrator takes them off a cluster: Download .PEM/.DER from OS Administration
 * (Certificate Management), or `show cert own <purpose>` output saved to a file. A file may hold several
 * PEM blocks (a chain); text around them is ignored. Each certificate comes back with what its path says
 * about it — purpose (`CallManager.pem`), trust store (`tomcat-trust/…`) and node (`pub/…`,
 * `pub-tomcat.pem`) — for cluster inference to use with the certificate's own subject and usage.
 *
 * Not read, each with a reason: private keys (they stay on the cluster; the twin mints its own), CSRs,
 * PKCS#12 and archives (the Bulk Certificate Management export is "a PKCS12 file that contains
 * certificates from all nodes" [SBULK], a layout no public document details).
 */
import { readFileSync } from 'node:fs';
import { CertificateFormatError, parseCertificate } from '@trustsim/pki';
import type { CertificatePurpose } from '@trustsim/scenarios';
import { certificateFacts, type CertificateFacts } from './certificate-facts';
import type { Diagnostics } from './diagnostics';
import { PURPOSE_NAMES, TRUST_STORE_NAMES } from './names';
import { walkFiles, type FoundFile } from './walk-files';

export interface CertificateRead {
  shown: string;
  /** 1-based line of the PEM block's BEGIN; absent for DER. */
  line?: number;
  facts: CertificateFacts;
  /** From the path: the identity purpose the file is named after. */
  purpose?: CertificatePurpose;
  /** From the path: the trust store folder it sits in. */
  store?: string;
  /** From the path: words that may name the node (folders, the rest of the file name). */
  nodeHints: string[];
}

const ARCHIVES = /\.(p12|pfx|tar|tgz|gz|zip)$/i;

export function readCertificates(root: string, diagnostics: Diagnostics): CertificateRead[] {
  const found: CertificateRead[] = [];
  for (const file of walkFiles(root, diagnostics)) {
    if (ARCHIVES.test(file.name)) {
      diagnostics.error(
        { file: file.shown },
        'not read: a PKCS#12 file or archive (a Bulk Certificate Management export?). Its layout is not publicly documented beyond "a PKCS12 file that contains certificates from all nodes" [SBULK]; download each certificate as .PEM or .DER instead',
      );
      continue;
    }
    if (/\.tlv$/i.test(file.name)) {
      diagnostics.warning({ file: file.shown }, 'a trust file among the certificates: not read here (give its folder to --trust-files)');
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = readFileSync(file.path);
    } catch (error) {
      diagnostics.error({ file: file.shown }, `cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      continue;
    }
    found.push(...readCertificateFile(bytes, file, diagnostics));
  }
  return found;
}

export function readCertificateFile(bytes: Buffer, file: Pick<FoundFile, 'shown' | 'name' | 'folders'>, diagnostics: Diagnostics): CertificateRead[] {
  const hints = pathHints(file);
  const make = (facts: CertificateFacts, line?: number): CertificateRead => ({ shown: file.shown, ...(line !== undefined && { line }), facts, ...hints });
  // DER: a SEQUENCE with a long-form length (see parseCertificate).
  if (bytes[0] === 0x30 && (bytes[1] === 0x81 || bytes[1] === 0x82)) {
    try {
      return [make(certificateFacts(parseCertificate(bytes)))];
    } catch (error) {
      diagnostics.error({ file: file.shown }, `not a certificate: ${(error as Error).message}`);
      return [];
    }
  }
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const blocks = pemBlocks(text);
  if (blocks.length === 0) {
    const printed = /Serial Number|Signature Algorithm|Validity/i.test(text);
    diagnostics.error(
      { file: file.shown },
      printed
        ? 'a certificate printed as text without its PEM block: not read (save the -----BEGIN CERTIFICATE----- block, or Download .PEM)'
        : 'no certificate in it (neither PEM nor DER)',
    );
    return [];
  }
  const read: CertificateRead[] = [];
  for (const block of blocks) {
    const where = { file: file.shown, line: block.line };
    if (block.end === undefined) {
      diagnostics.error(where, `the ${block.label} block has no END line: the file is cut off`);
    } else if (/PRIVATE KEY/.test(block.label)) {
      diagnostics.warning(where, 'a private key: not read — private keys stay on the cluster; the twin mints its own keys for the same identities');
    } else if (/CERTIFICATE REQUEST/.test(block.label)) {
      diagnostics.warning(where, 'a certificate signing request, not a certificate: not read');
    } else if (block.label !== 'CERTIFICATE' && block.label !== 'X509 CERTIFICATE' && block.label !== 'TRUSTED CERTIFICATE') {
      diagnostics.error(where, `a ${block.label} block, not a certificate: not read`);
    } else {
      try {
        read.push(make(certificateFacts(parseCertificate(block.text)), block.line));
      } catch (error) {
        if (!(error instanceof CertificateFormatError)) throw error;
        diagnostics.error(where, `not a certificate: ${error.message}`);
      }
    }
  }
  return read;
}

interface PemBlock {
  label: string;
  /** 1-based line of the BEGIN line. */
  line: number;
  /** Line of the END line; undefined when missing. */
  end?: number;
  /** The block from BEGIN to END, for parseCertificate. */
  text: string;
}

/** Every BEGIN/END block with the line it starts on. */
export function pemBlocks(text: string): PemBlock[] {
  const lines = text.split(/\r?\n/);
  const blocks: PemBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const begin = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(lines[i]);
    if (!begin) continue;
    const label = begin[1];
    let j = i + 1;
    while (j < lines.length && !lines[j].includes(`-----END ${label}-----`)) {
      if (/-----BEGIN /.test(lines[j])) break;
      j++;
    }
    const closed = j < lines.length && lines[j].includes(`-----END ${label}-----`);
    blocks.push({ label, line: i + 1, ...(closed && { end: j + 1 }), text: lines.slice(i, closed ? j + 1 : j).join('\n') });
    i = closed ? j : j - 1;
  }
  return blocks;
}

/**
 * What a path says: `hq/pub/CallManager.pem` → purpose CallManager, node hints [hq, pub];
 * `pub/tomcat-trust/Corp_Root.pem` → store tomcat-trust, node hints [pub]; `sub1-ipsec.der` → ipsec, [sub1].
 */
export function pathHints(file: Pick<FoundFile, 'name' | 'folders'>): Pick<CertificateRead, 'purpose' | 'store' | 'nodeHints'> {
  const stem = file.name.replace(/\.(pem|der|crt|cer|cert|txt|b64)$/i, '');
  const lower = (s: string) => s.toLowerCase();
  let store: string | undefined;
  const nodeHints: string[] = [];
  for (const folder of file.folders) {
    const named = TRUST_STORE_NAMES.find((s) => lower(s) === lower(folder));
    if (named) store = named;
    else nodeHints.push(folder);
  }
  // The longest purpose or store the file name contains as a whole word wins (tomcat-ECDSA over tomcat).
  const words = (name: string) => new RegExp(`(^|[^A-Za-z])${name.replace(/[-]/g, '[-_ ]?')}($|[^A-Za-z])`, 'i');
  let purpose: CertificatePurpose | undefined;
  let rest = stem;
  if (!store) {
    const inName = [...TRUST_STORE_NAMES].sort((a, b) => b.length - a.length).find((s) => words(s).test(stem));
    if (inName) {
      store = inName;
      rest = stem.replace(words(inName), ' ');
    } else {
      purpose = [...PURPOSE_NAMES].sort((a, b) => b.length - a.length).find((p) => words(p).test(stem));
      if (purpose) rest = stem.replace(words(purpose), ' ');
    }
  }
  // Around a purpose, the rest of the name may be the node (`pub-CallManager`); a trust file is named after its CN.
  if (purpose) for (const word of rest.split(/[-_. ]+/)) if (word && !/^(show|cert|own|pem|der|certificate)$/i.test(word)) nodeHints.push(word);
  return { ...(purpose && { purpose }), ...(store && { store }), nodeHints };
}
