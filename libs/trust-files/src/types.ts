/**
 * The library's data shapes. Inputs name what a caller has (DER bytes, a private KeyObject); parsed
 * shapes name what the file holds, with roles as plain numbers because a real file may carry a role
 * this library does not know.
 */
import type { KeyObject } from 'node:crypto';
import type { TrustFileDigest } from './algorithms';
import type { TrustRole } from './roles';

export type { TrustFileDigest } from './algorithms';

export interface TrustRecordInput {
  certificateDer: Buffer;
  role: TrustRole;
  /** Host name; CUCM fills it for its own servers. */
  dnsName?: string;
  /** Dotted IPv4. */
  ipAddress?: string;
}

export interface TrustFileSigner {
  certificateDer: Buffer;
  /** An RSA private key: the format signs with RSA PKCS#1 v1.5 only. */
  privateKey: KeyObject;
}

export interface TrustFileInput {
  /** `ITLFile.tlv`, `ITLSEP<MAC>.tlv`, `CTLFile.tlv`, ... */
  fileName: string;
  /** Unix seconds; part of the input (not read from a clock) so builds are deterministic. */
  timestamp: number;
  digest: TrustFileDigest;
  records: readonly TrustRecordInput[];
  signer: TrustFileSigner;
  /** Header VERSION, default 1.2 (what real files carry). */
  version?: readonly [number, number];
  /** Header SIGNER_VERSION; by default 1.1 when a TFTP or CCM+TFTP record has an EC key, else 1.0. */
  signerVersion?: readonly [number, number];
}

export interface ParsedTrustRecord {
  /** Offset of the record's first byte (its RECORD_LENGTH element) in the file. */
  offset: number;
  /** The record's RECORD_LENGTH. */
  length: number;
  dnsName?: string;
  subject: string;
  role: number;
  issuer: string;
  serialHex: string;
  publicKey: Buffer;
  signature: Buffer;
  certificateDer?: Buffer;
  ipAddress?: string;
  certificateHash?: Buffer;
  hashAlgorithm?: number;
  /** Tags this library does not know, in file order; their elements were skipped. */
  unknownTags: number[];
}

export interface ParsedTrustFileSigner {
  name: string;
  serialHex: string;
  issuer: string;
}

export interface ParsedTrustFile {
  version: [number, number];
  headerLength: number;
  signerVersion?: [number, number];
  signer: ParsedTrustFileSigner;
  digest: TrustFileDigest;
  signatureAlgorithm: number;
  signatureModulus: number;
  signature: Buffer;
  /** Offset of the SIGNATURE element's tag byte. */
  signatureOffset: number;
  fileName: string;
  timestamp: number;
  records: ParsedTrustRecord[];
  /** The file without the SIGNATURE element (head and value): what the signature covers. */
  signedContent: Buffer;
  /** Header tags this library does not know, in file order; their elements were skipped. */
  unknownHeaderTags: number[];
  /** File size in bytes. */
  size: number;
}
