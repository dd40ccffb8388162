/**
 * ITLFile.tlv / CTLFile.tlv as fetched from each TFTP server (a tftp client does it): parsed, their
 * signature checked, every record's certificate read. A file that does not parse, or whose signature
 * does not verify (cut off, altered), is reported with its offset and its records are not used: a twin
 * must not be built from content no signer vouches for.
 *
 * Which server a file came from: the folder it sits in (`<server>/ITLFile.tlv`, the layout of
 * `trustsim itl export`) or its name (`ITLFile-<server>.tlv`, `<server>_CTLFile.tlv`); for an ITL the
 * server's own CCM+TFTP record says it too [S125DEF] (domain-reference §4.2), and wins.
 */
import { readFileSync } from 'node:fs';
import { parseCertificate } from '@trustsim/pki';
import { checkPhoneLimits, parseTrustFile, TrustFileFormatError, trustRoleName, verifyTrustFile, type ParsedTrustFile } from '@trustsim/trust-files';
import { certificateFacts, type CertificateFacts } from './certificate-facts';
import type { Diagnostics } from './diagnostics';
import { walkFiles, type FoundFile } from './walk-files';

export interface TrustRecordRead {
  /** 1-based, in file order. */
  index: number;
  offset: number;
  /** As `show itl` names it: SAST, CCM, CCM+TFTP, TFTP, CAPF, APP-SERVER, TVS, UNKNOWN(n). */
  role: string;
  /** Cisco form, as the record carries it. */
  subject: string;
  issuer: string;
  serial: string;
  dnsName?: string;
  ipAddress?: string;
  /** The record's CERTIFICATE element, read; absent when the record has none or it does not parse. */
  certificate?: CertificateFacts;
}

export interface TrustFileRead {
  shown: string;
  kind: 'ITL' | 'CTL';
  /** Server named by the folder or the file name, as written there. */
  serverHint?: string;
  /** The folder above the server's (the `<cluster>` of `trustsim itl export`'s layout). */
  clusterHint?: string;
  size: number;
  digest: string;
  fileName: string;
  signer: { subject: string; serial: string; issuer: string; record?: number };
  records: TrustRecordRead[];
  /** Phone-side limits the file already breaks or nears (trust-files' checkPhoneLimits). */
  limits: string[];
}

const TRUST_FILE = /^(ITL|CTL)(?:File|SEP[0-9A-F]{12})?\.tlv$/i;

export function readTrustFiles(root: string, diagnostics: Diagnostics): TrustFileRead[] {
  const read: TrustFileRead[] = [];
  const seen = new Map<string, string>(); // folder + content → first file with it
  for (const file of walkFiles(root, diagnostics)) {
    if (!/\.tlv$/i.test(file.name)) {
      diagnostics.warning({ file: file.shown }, 'not a trust file (ITLFile.tlv or CTLFile.tlv expected): skipped');
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = readFileSync(file.path);
    } catch (error) {
      diagnostics.error({ file: file.shown }, `cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      continue;
    }
    // ITLSEP<MAC>.tlv is the server's ITLFile.tlv under a phone's name: one copy per folder is enough.
    const key = `${file.folders.join('/')}\u0000${bytes.toString('base64')}`;
    const copy = seen.get(key);
    if (copy !== undefined) {
      diagnostics.warning({ file: file.shown }, `the same bytes as ${copy}: read once`);
      continue;
    }
    seen.set(key, file.shown);
    const result = readTrustFile(bytes, file, diagnostics);
    if (result) read.push(result);
  }
  return read;
}

export function readTrustFile(bytes: Buffer, file: Pick<FoundFile, 'shown' | 'name' | 'folders'>, diagnostics: Diagnostics): TrustFileRead | undefined {
  let parsed: ParsedTrustFile;
  try {
    parsed = parseTrustFile(bytes);
  } catch (error) {
    if (!(error instanceof TrustFileFormatError)) throw error;
    const tag = error.tag === undefined ? '' : `, tag ${error.tag}`;
    diagnostics.error({ file: file.shown, offset: error.offset }, `not a readable ITL/CTL file (${error.message}${tag}): none of its records were used`);
    return undefined;
  }
  const verification = verifyTrustFile(parsed);
  if (!verification.ok) {
    diagnostics.error(
      { file: file.shown },
      `its signature does not verify (${verification.reason}: ${verification.detail}); the file is cut off or altered, so none of its ${parsed.records.length} records were used`,
    );
    return undefined;
  }
  const names = serverFromName(file);
  return {
    shown: file.shown,
    kind: /^CTL/i.test(parsed.fileName) || /^CTL/i.test(file.name) ? 'CTL' : 'ITL',
    ...names,
    size: parsed.size,
    digest: parsed.digest,
    fileName: parsed.fileName,
    signer: { subject: parsed.signer.name, serial: parsed.signer.serialHex, issuer: parsed.signer.issuer, record: parsed.records.indexOf(verification.signerRecord) + 1 },
    records: parsed.records.map((r, i) => readRecord(r, i + 1, file.shown, diagnostics)),
    limits: checkPhoneLimits(parsed).map((f) => f.message),
  };
}

function readRecord(r: ParsedTrustFile['records'][number], index: number, shown: string, diagnostics: Diagnostics): TrustRecordRead {
  const record: TrustRecordRead = {
    index,
    offset: r.offset,
    role: trustRoleName(r.role),
    subject: r.subject,
    issuer: r.issuer,
    serial: r.serialHex.replace(/^0+(?=.)/, ''),
    ...(r.dnsName && { dnsName: r.dnsName }),
    ...(r.ipAddress && r.ipAddress !== '0.0.0.0' && { ipAddress: r.ipAddress }),
  };
  if (r.unknownTags.length) diagnostics.warning({ file: shown, record: index, offset: r.offset }, `unknown record tags ${r.unknownTags.join(', ')} skipped`);
  if (!r.certificateDer) {
    diagnostics.warning({ file: shown, record: index, offset: r.offset }, `${record.role} record ${r.subject} carries no certificate: its validity, key and hash are unknown`);
    return record;
  }
  try {
    record.certificate = certificateFacts(parseCertificate(r.certificateDer));
  } catch (error) {
    diagnostics.error({ file: shown, record: index, offset: r.offset }, `the certificate of ${record.role} record ${r.subject} cannot be read (${(error as Error).message}): only the record's own fields are used`);
  }
  return record;
}

/** `pub/ITLFile.tlv`, `hq/pub/ITLFile.tlv`, `ITLFile-pub.tlv`, `pub_CTLFile.tlv`, `pub.ITLFile.tlv`. */
function serverFromName(file: Pick<FoundFile, 'name' | 'folders'>): { serverHint?: string; clusterHint?: string } {
  if (!TRUST_FILE.test(file.name)) {
    const m = /^(?:(.+?)[-_.])?(?:ITL|CTL)(?:File|SEP[0-9A-F]{12})?(?:[-_.](.+?))?\.tlv$/i.exec(file.name);
    const server = m?.[1] ?? m?.[2];
    if (server) return { serverHint: server, ...(file.folders.length >= 1 && { clusterHint: file.folders[file.folders.length - 1] }) };
  }
  const folders = file.folders;
  if (folders.length === 0) return {};
  return { serverHint: folders[folders.length - 1], ...(folders.length >= 2 && { clusterHint: folders[folders.length - 2] }) };
}
