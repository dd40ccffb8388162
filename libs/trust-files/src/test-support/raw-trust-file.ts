/**
 * Assembles trust files element by element, for layouts buildTrustFile never writes but real files or
 * other tools do (padding after the timestamp, no SIGNER_VERSION, SIGNATURE inside a container, unknown
 * tags, records without a certificate) and for deliberately broken files. The signature is computed as
 * the format defines it, so a parser that misreads such a layout shows up as a verification failure.
 */
import { KeyObject, sign } from 'node:crypto';
import type { TrustFileDigest } from '../algorithms';
import { HeaderTag, RecordTag } from '../tags';
import { tlv, tlvU16, tlvVersion } from '../tlv';

/** A ready element, the signature's place, the padding's place, or a container of further parts. */
export type RawHeaderPart = Buffer | 'SIGNATURE' | 'PADDING' | { container: number; parts: readonly RawHeaderPart[] };

export interface RawTrustFile {
  version?: readonly [number, number];
  /** Everything after VERSION and HEADER_LENGTH, in file order. */
  header: readonly RawHeaderPart[];
  records: readonly Buffer[];
  digest: TrustFileDigest;
  privateKey: KeyObject;
}

export function assembleTrustFile(file: RawTrustFile): Buffer {
  const signatureSize = Math.ceil(file.privateKey.asymmetricKeyDetails!.modulusLength! / 8);
  const head = [tlvVersion(HeaderTag.VERSION, file.version ?? [1, 2]), tlvU16(HeaderTag.HEADER_LENGTH, 0)];

  const size = (part: RawHeaderPart): number => {
    if (part === 'SIGNATURE') return 3 + signatureSize;
    if (part === 'PADDING') return 0;
    if (Buffer.isBuffer(part)) return part.length;
    return 3 + part.parts.reduce((sum, child) => sum + size(child), 0);
  };
  const unpadded = head[0].length + head[1].length + file.header.reduce((sum, part) => sum + size(part), 0);
  const padding = Buffer.alloc((4 - (unpadded % 4)) % 4, HeaderTag.PADDING);
  // Padding counts only where the caller placed it.
  head[1].writeUInt16BE(unpadded + (file.header.includes('PADDING') ? padding.length : 0), 3);

  // Containers keep the length they have in the final file, signature included, in both passes.
  const expand = (part: RawHeaderPart, signature: Buffer | null): Buffer[] => {
    if (part === 'SIGNATURE') return signature ? [signature] : [];
    if (part === 'PADDING') return [padding];
    if (Buffer.isBuffer(part)) return [part];
    const containerHead = Buffer.alloc(3);
    containerHead.writeUInt8(part.container, 0);
    containerHead.writeUInt16BE(size(part) - 3, 1);
    return [containerHead, ...part.parts.flatMap((child) => expand(child, signature))];
  };
  const assemble = (signature: Buffer | null) =>
    Buffer.concat([...head, ...file.header.flatMap((part) => expand(part, signature)), ...file.records]);

  const signature = sign(file.digest, assemble(null), file.privateKey);
  return assemble(tlv(HeaderTag.SIGNATURE, signature));
}

/** RECORD_LENGTH followed by the given elements. */
export function rawRecord(elements: readonly Buffer[]): Buffer {
  const length = elements.reduce((sum, element) => sum + element.length, 5);
  return Buffer.concat([tlvU16(RecordTag.RECORD_LENGTH, length), ...elements]);
}
