/**
 * Just enough DER reading to take an X.509 certificate apart for its record (names, serial, key,
 * signature). Node's X509Certificate prints names as display text whose order and escaping we do not
 * control; walking the DER gives the attribute types and raw values the Cisco DN form needs.
 */

export class DerError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
    this.name = 'DerError';
  }
}

export const DerTag = {
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OID: 0x06,
  SEQUENCE: 0x30,
  SET: 0x31,
  CONTEXT_0: 0xa0,
} as const;

export interface DerNode {
  tag: number;
  offset: number;
  valueOffset: number;
  length: number;
  end: number;
}

/** Reads the node at `offset`, which must end by `limit`. Only definite lengths up to 4 bytes: that is DER. */
export function readDerNode(bytes: Uint8Array, offset: number, limit: number = bytes.length): DerNode {
  if (offset + 2 > limit) throw new DerError(`DER node at offset ${offset} is cut off`, offset);
  const tag = bytes[offset];
  if ((tag & 0x1f) === 0x1f) throw new DerError(`DER node at offset ${offset} uses a multi-byte tag`, offset);
  let length = bytes[offset + 1];
  let valueOffset = offset + 2;
  if (length & 0x80) {
    const lengthBytes = length & 0x7f;
    if (lengthBytes === 0) throw new DerError(`DER node at offset ${offset} has an indefinite length`, offset);
    if (lengthBytes > 4) throw new DerError(`DER node at offset ${offset} has a ${lengthBytes}-byte length`, offset);
    if (valueOffset + lengthBytes > limit) throw new DerError(`DER node at offset ${offset} is cut off`, offset);
    length = 0;
    for (let i = 0; i < lengthBytes; i++) length = length * 256 + bytes[valueOffset + i];
    valueOffset += lengthBytes;
  }
  const end = valueOffset + length;
  if (end > limit) {
    throw new DerError(`DER node at offset ${offset} declares ${length} bytes but only ${limit - valueOffset} remain`, offset);
  }
  return { tag, offset, valueOffset, length, end };
}

/** The nodes inside a constructed node (SEQUENCE, SET, [n]). */
export function derChildren(bytes: Uint8Array, parent: DerNode): DerNode[] {
  const children: DerNode[] = [];
  for (let offset = parent.valueOffset; offset < parent.end; ) {
    const child = readDerNode(bytes, offset, parent.end);
    children.push(child);
    offset = child.end;
  }
  return children;
}

export function expectTag(node: DerNode | undefined, tag: number, what: string): DerNode {
  if (!node) throw new DerError(`missing ${what}`, -1);
  if (node.tag !== tag) {
    throw new DerError(`expected ${what} (tag 0x${hex(tag)}) at offset ${node.offset}, found tag 0x${hex(node.tag)}`, node.offset);
  }
  return node;
}

export function derValue(bytes: Buffer, node: DerNode): Buffer {
  return bytes.subarray(node.valueOffset, node.end);
}

/** Dotted form of an OBJECT IDENTIFIER's content bytes. */
export function decodeOid(content: Uint8Array): string {
  const arcs: number[] = [];
  let value = 0;
  for (const byte of content) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      if (arcs.length === 0) {
        const first = value < 80 ? Math.floor(value / 40) : 2;
        arcs.push(first, value - first * 40);
      } else {
        arcs.push(value);
      }
      value = 0;
    }
  }
  return arcs.join('.');
}

function hex(n: number): string {
  return n.toString(16).padStart(2, '0');
}
