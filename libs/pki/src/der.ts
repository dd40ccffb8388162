/**
 * A minimal DER reader: just enough to walk a certificate, to name what is wrong with a broken one (how many
 * bytes a truncated structure announces and how many are there) and to read the fields Node's
 * X509Certificate does not expose (key usage bits, path length, signature algorithm, exact validity).
 */

export const DER_TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  T61_STRING: 0x14,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  VISIBLE_STRING: 0x1a,
  UNIVERSAL_STRING: 0x1c,
  BMP_STRING: 0x1e,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

export interface DerNode {
  /** The identifier octet (class, constructed bit and tag number together, e.g. 0x30 for SEQUENCE). */
  tag: number;
  /** Offset of the identifier octet. */
  start: number;
  /** Offset of the first content byte. */
  contentStart: number;
  /** Offset just past the content. */
  end: number;
}

export class DerError extends Error {
  constructor(
    message: string,
    readonly kind: 'truncated' | 'malformed',
    /** For truncation: total bytes the element needs from its start, and bytes present from its start. */
    readonly needed?: number,
    readonly available?: number,
  ) {
    super(message);
    this.name = 'DerError';
  }
}

/** Reads one TLV at `offset`, not beyond `limit` (default: end of buffer). */
export function readNode(buffer: Buffer, offset: number, limit = buffer.length): DerNode {
  const available = limit - offset;
  if (available < 2) throw new DerError(`needs at least 2 bytes at offset ${offset}, ${Math.max(available, 0)} present`, 'truncated', 2, available);
  const tag = buffer[offset];
  if ((tag & 0x1f) === 0x1f) throw new DerError(`high tag numbers are not used in certificates (offset ${offset})`, 'malformed');
  const first = buffer[offset + 1];
  let length: number;
  let headerLength = 2;
  if (first < 0x80) {
    length = first;
  } else if (first === 0x80) {
    throw new DerError(`indefinite length (BER, not DER) at offset ${offset}`, 'malformed');
  } else {
    const octets = first & 0x7f;
    if (octets > 4) throw new DerError(`length of ${octets} octets at offset ${offset} is implausible`, 'malformed');
    headerLength += octets;
    if (available < headerLength) {
      throw new DerError(`length field at offset ${offset} is cut off`, 'truncated', headerLength, available);
    }
    length = 0;
    for (let i = 0; i < octets; i++) length = length * 256 + buffer[offset + 2 + i];
    if (length < 0x80 || buffer[offset + 2] === 0) {
      throw new DerError(`non-minimal length encoding at offset ${offset}`, 'malformed');
    }
  }
  const needed = headerLength + length;
  if (needed > available) {
    throw new DerError(
      `element at offset ${offset} announces ${length} content bytes (${needed} in all) but only ${available} are present`,
      'truncated',
      needed,
      available,
    );
  }
  return { tag, start: offset, contentStart: offset + headerLength, end: offset + needed };
}

/** The elements inside a constructed node, in order. */
export function childrenOf(buffer: Buffer, node: DerNode): DerNode[] {
  const children: DerNode[] = [];
  let offset = node.contentStart;
  while (offset < node.end) {
    const child = readNode(buffer, offset, node.end);
    children.push(child);
    offset = child.end;
  }
  return children;
}

/** Checks that a node is present and has the expected tag. */
export function expectNode(node: DerNode | undefined, tag: number, what: string): DerNode {
  if (!node) throw new DerError(`${what} is missing`, 'malformed');
  if (node.tag !== tag) {
    throw new DerError(`${what}: expected tag 0x${tag.toString(16)}, found 0x${node.tag.toString(16)}`, 'malformed');
  }
  return node;
}

export function contentOf(buffer: Buffer, node: DerNode): Buffer {
  return buffer.subarray(node.contentStart, node.end);
}

export function bytesOf(buffer: Buffer, node: DerNode): Buffer {
  return buffer.subarray(node.start, node.end);
}

export function decodeOid(content: Buffer): string {
  if (content.length === 0) throw new DerError('empty OBJECT IDENTIFIER', 'malformed');
  const arcs: number[] = [];
  let value = 0;
  for (const byte of content) {
    value = value * 128 + (byte & 0x7f);
    if (byte & 0x80) continue;
    arcs.push(value);
    value = 0;
  }
  const first = arcs[0] < 40 ? 0 : arcs[0] < 80 ? 1 : 2;
  return [first, arcs[0] - first * 40, ...arcs.slice(1)].join('.');
}

/** Decodes the string types used in names; unknown types fall back to Latin-1 so nothing throws. */
export function decodeString(tag: number, content: Buffer): string {
  switch (tag) {
    case DER_TAG.UTF8_STRING:
      return content.toString('utf8');
    case DER_TAG.BMP_STRING: {
      const swapped = Buffer.from(content);
      swapped.swap16();
      return swapped.toString('utf16le');
    }
    case DER_TAG.UNIVERSAL_STRING: {
      let text = '';
      for (let i = 0; i + 3 < content.length; i += 4) text += String.fromCodePoint(content.readUInt32BE(i));
      return text;
    }
    default:
      return content.toString('latin1');
  }
}

/** UTCTime (YYMMDDHHMMSSZ) or GeneralizedTime (YYYYMMDDHHMMSSZ), the only forms RFC 5280 allows. */
export function decodeTime(tag: number, content: Buffer): Date {
  const text = content.toString('latin1');
  const match =
    tag === DER_TAG.UTC_TIME
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(text)
      : tag === DER_TAG.GENERALIZED_TIME
        ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.\d+)?Z$/.exec(text)
        : null;
  if (!match) throw new DerError(`unreadable time ${JSON.stringify(text)}`, 'malformed');
  let year = Number(match[1]);
  if (tag === DER_TAG.UTC_TIME) year += year < 50 ? 2000 : 1900; // RFC 5280 §4.1.2.5.1
  const [month, day, hour, minute, second] = match.slice(2, 7).map((part) => Number(part ?? 0));
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second));
}

/** Encodes one TLV (definite length, DER-minimal), for assembling structures from ready-made parts. */
export function encodeDer(tag: number, content: Buffer): Buffer {
  const length = content.length;
  let header: number[];
  if (length < 0x80) {
    header = [tag, length];
  } else {
    const octets: number[] = [];
    for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) octets.unshift(rest & 0xff);
    header = [tag, 0x80 | octets.length, ...octets];
  }
  return Buffer.concat([Buffer.from(header), content]);
}
