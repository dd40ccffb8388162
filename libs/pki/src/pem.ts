/** PEM armour (RFC 7468): wrapping DER for text files, and finding the blocks in a text. */

export interface PemBlock {
  /** The word(s) after BEGIN, e.g. "CERTIFICATE". */
  label: string;
  /** The base64 body with whitespace removed. */
  base64: string;
}

export interface PemScan {
  blocks: PemBlock[];
  /** Labels of BEGIN lines with no matching END line (a cut-off file). */
  unterminated: string[];
}

export function toPem(der: Buffer, label = 'CERTIFICATE'): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

export function looksLikePem(text: string): boolean {
  return text.includes('-----BEGIN ');
}

/** All BEGIN/END blocks in order; text between blocks (explanations, `openssl x509 -text` output) is ignored. */
export function scanPem(text: string): PemScan {
  const blocks: PemBlock[] = [];
  const unterminated: string[] = [];
  const begin = /-----BEGIN ([A-Z0-9 ]+)-----/g;
  let match: RegExpExecArray | null;
  while ((match = begin.exec(text)) !== null) {
    const label = match[1];
    const endMarker = `-----END ${label}-----`;
    const end = text.indexOf(endMarker, begin.lastIndex);
    if (end < 0) {
      unterminated.push(label);
      continue;
    }
    blocks.push({ label, base64: text.slice(begin.lastIndex, end).replace(/\s+/g, '') });
    begin.lastIndex = end + endMarker.length;
  }
  return { blocks, unterminated };
}
