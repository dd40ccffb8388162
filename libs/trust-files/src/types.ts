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
  /**
   * The certificate. Without one the record is a stub: RECORD_LENGTH, DNS_NAME, FUNCTION, IP_ADDRESS
   * only, as CUCM writes each CCM+TFTP entry of the CTL after `utils ctl set-cluster non-secure-mode`
   * ("RECORDLENGTH 2 33 / DNSNAME 13 10.48.47.153 / FUNCTION 2 CCM+TFTP / IPADDRESS 4") [SNONSECURE].
   */
  certificateDer?: Buffer;
  role: TrustRole;
  /**
   * The server's name as CUCM knows it (System > Server: a short host name such as `cucm-1051-a-pub`, or
   * an IP address) [STOKENLESS] [SNONSECURE]; an empty string for a USB eToken (a lone NUL, "DNSNAME 1") [SNONSECURE].
   */
  dnsName?: string;
  /** Dotted IPv4. */
  ipAddress?: string;
  /**
   * Whether the record carries the certificate's own SIGNATURE element (tag 8), default true. The CTL
   * client writes none ("7 PUBLICKEY 140 / 9 CERTIFICATE 902", no tag 8, in every record of a token CTL)
   * [SNONSECURE] [STOKENLESS]; CUCM's own tokenless CTL has it ("8 SIGNATURE 128") [STOKENLESS].
   */
  certificateSignature?: boolean;
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
  /**
   * Header SIGNER_VERSION (tag 28). By default it is left out, as in every published CUCM dump (their
   * header lengths, 336 [STOKENLESS] and 304 [SNONSECURE], add up only without it), except that a file with a
   * TFTP or CCM+TFTP record holding an EC key gets 1.1 (phones then fetch their configuration over HTTPS
   * with that certificate [SUCM-NZ]). `null` leaves it out whatever the records.
   */
  signerVersion?: readonly [number, number] | null;
}

export interface ParsedTrustRecord {
  /** Offset of the record's first byte (its RECORD_LENGTH element) in the file. */
  offset: number;
  /** The record's RECORD_LENGTH. */
  length: number;
  dnsName?: string;
  /** Empty when the record has no SUBJECT_NAME (a stub: see `missingTags`). */
  subject: string;
  role: number;
  /** Empty when the record has no ISSUER_NAME. */
  issuer: string;
  /** Empty when the record has no SERIAL_NUMBER. */
  serialHex: string;
  /** Empty when the record has no PUBLIC_KEY. */
  publicKey: Buffer;
  /** The certificate's signature value; empty when the record has no SIGNATURE (CTL-client records). */
  signature: Buffer;
  certificateDer?: Buffer;
  ipAddress?: string;
  certificateHash?: Buffer;
  hashAlgorithm?: number;
  /** Tags this library does not know, in file order; their elements were skipped. */
  unknownTags: number[];
  /**
   * Certificate fields (SUBJECT_NAME, ISSUER_NAME, SERIAL_NUMBER, PUBLIC_KEY, SIGNATURE) the record
   * does not carry, in tag order: [8] for a CTL-client record, [3, 5, 6, 7, 8] for the stub CUCM leaves
   * of a server entry after non-secure mode [SNONSECURE]. Only FUNCTION is required of a record.
   */
  missingTags: number[];
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
