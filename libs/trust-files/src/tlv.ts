/**
 * The trust files' element encoding: tag (1 byte), length (2 bytes, big-endian), value. The header's
 * PADDING tag is the one exception (a lone byte, no length), which the reader exposes as `skipByte`
 * so the caller that knows it is in the header decides.
 */
import { TrustFileFormatError } from './trust-file-format-error';

export const TLV_HEAD_SIZE = 3;
export const MAX_TLV_LENGTH = 0xffff;

// ---------------------------------------------------------------------------------------------
// Writing

export function tlv(tag: number, value: Uint8Array): Buffer {
  if (value.length > MAX_TLV_LENGTH) {
    throw new RangeError(`tag ${tag}: value of ${value.length} bytes does not fit a 2-byte length (max ${MAX_TLV_LENGTH})`);
  }
  const element = Buffer.allocUnsafe(TLV_HEAD_SIZE + value.length);
  element.writeUInt8(tag, 0);
  element.writeUInt16BE(value.length, 1);
  element.set(value, TLV_HEAD_SIZE);
  return element;
}

export function tlvU8(tag: number, value: number): Buffer {
  return tlv(tag, Uint8Array.of(value));
}

export function tlvU16(tag: number, value: number): Buffer {
  const bytes = Buffer.alloc(2);
  bytes.writeUInt16BE(value);
  return tlv(tag, bytes);
}

export function tlvU32(tag: number, value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return tlv(tag, bytes);
}

/** major.minor as two bytes (VERSION, SIGNER_VERSION). */
export function tlvVersion(tag: number, [major, minor]: readonly [number, number]): Buffer {
  return tlv(tag, Uint8Array.of(major, minor));
}

/** Strings are UTF-8 with a terminating NUL; an embedded NUL would silently cut the string short. */
export function tlvString(tag: number, text: string): Buffer {
  if (text.includes('\0')) throw new RangeError(`tag ${tag}: string contains a NUL character: ${JSON.stringify(text)}`);
  return tlv(tag, Buffer.from(`${text}\0`, 'utf8'));
}

/** A container's value is its children's elements, back to back. */
export function tlvContainer(tag: number, children: readonly Buffer[]): Buffer {
  return tlv(tag, Buffer.concat(children));
}

// ---------------------------------------------------------------------------------------------
// Reading

export interface TlvElement {
  tag: number;
  /** Offset of the tag byte in the file. */
  offset: number;
  valueOffset: number;
  length: number;
  /** Offset just past the value. */
  end: number;
  /** A view into the file, not a copy. */
  value: Buffer;
}

/**
 * Reads elements from `bytes` between `offset` and `end` (a bound: the file, the header or one record).
 * Offsets stay absolute file positions so every error can point into the file. `scope` names the bound
 * in messages ("the header (HEADER_LENGTH 412)"); `describeTag` names tags in the right namespace.
 */
export class TlvReader {
  offset: number;

  constructor(
    private readonly bytes: Buffer,
    start: number,
    readonly end: number,
    private readonly scope: string,
    private readonly describeTag: (tag: number) => string = (tag) => `tag ${tag}`,
  ) {
    this.offset = start;
  }

  get done(): boolean {
    return this.offset >= this.end;
  }

  get remaining(): number {
    return this.end - this.offset;
  }

  peekTag(): number {
    if (this.done) throw this.error(`expected an element at offset ${this.offset} but ${this.scope} ends there`, undefined);
    return this.bytes[this.offset];
  }

  /** Steps over one byte (the header's PADDING). */
  skipByte(): void {
    this.peekTag();
    this.offset += 1;
  }

  /** Reads one element and moves past it. */
  readElement(): TlvElement {
    const offset = this.offset;
    const tag = this.peekTag();
    if (this.remaining < TLV_HEAD_SIZE) {
      throw this.error(
        `${this.describeTag(tag)} at offset ${offset} needs a ${TLV_HEAD_SIZE}-byte tag/length head but only ${this.remaining} ${plural(this.remaining, 'byte remains', 'bytes remain')} in ${this.scope}`,
        tag,
      );
    }
    const length = this.bytes.readUInt16BE(offset + 1);
    const valueOffset = offset + TLV_HEAD_SIZE;
    const available = this.end - valueOffset;
    if (length > available) {
      throw this.error(
        `${this.describeTag(tag)} at offset ${offset} declares ${length} bytes but only ${available} remain in ${this.scope}`,
        tag,
      );
    }
    this.offset = valueOffset + length;
    return { tag, offset, valueOffset, length, end: this.offset, value: this.bytes.subarray(valueOffset, this.offset) };
  }

  /** A reader over one element's value, for containers; the container bounds its children. */
  childReader(container: TlvElement, scope: string): TlvReader {
    return new TlvReader(this.bytes, container.valueOffset, container.end, scope, this.describeTag);
  }

  private error(message: string, tag: number | undefined): TrustFileFormatError {
    // Running into the end of the file is the usual symptom of a cut-off download: say so first.
    const prefix = this.end >= this.bytes.length ? 'truncated: ' : '';
    return new TrustFileFormatError(prefix + message, { offset: this.offset, tag });
  }
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}
