/**
 * Test certificates, fast. The TBSCertificate is assembled with node-forge's ASN.1 helpers and signed
 * natively (crypto.sign, ~1 ms) instead of forge's pure-JS RSA (~36 ms a certificate); building the TBS
 * ourselves also lets the subject key be EC, which forge's certificate API cannot hold. Keys are cached
 * per module instance, so each jest test file generates each key once.
 */
import { KeyObject, generateKeyPairSync, sign } from 'node:crypto';
import * as forge from 'node-forge';

const { asn1 } = forge;

export interface TestKeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

const keyCache = new Map<string, TestKeyPair>();

/** An RSA key pair, generated once per (bits, slot) in this test file. */
export function rsaKey(bits: 1024 | 2048 | 3072 | 4096 = 2048, slot = 0): TestKeyPair {
  return cached(`rsa-${bits}-${slot}`, () => generateKeyPairSync('rsa', { modulusLength: bits }));
}

export function ecKey(curve: 'prime256v1' | 'secp384r1' = 'prime256v1', slot = 0): TestKeyPair {
  return cached(`ec-${curve}-${slot}`, () => generateKeyPairSync('ec', { namedCurve: curve }));
}

function cached(id: string, make: () => TestKeyPair): TestKeyPair {
  let pair = keyCache.get(id);
  if (!pair) keyCache.set(id, (pair = make()));
  return pair;
}

/** Attributes in DER order, e.g. [['C','US'], ..., ['CN','cucm-pub']] (CUCM writes C first). */
export type TestName = readonly (readonly [type: keyof typeof ATTRIBUTE_OIDS, value: string])[];

const ATTRIBUTE_OIDS = {
  CN: '2.5.4.3',
  OU: '2.5.4.11',
  O: '2.5.4.10',
  L: '2.5.4.7',
  ST: '2.5.4.8',
  C: '2.5.4.6',
  E: '1.2.840.113549.1.9.1',
} as const;

/** A CUCM-style name: C, ST, L, O, OU, CN in DER order. */
export function cucmName(cn: string, ou = 'VTG'): TestName {
  return [['C', 'US'], ['ST', 'NC'], ['L', 'RTP'], ['O', 'Cisco'], ['OU', ou], ['CN', cn]];
}

export interface TestCertificateOptions {
  subject: TestName;
  /** Defaults to the subject (self-signed). */
  issuer?: TestName;
  /** Hex, without sign byte; the fixture adds one when the top bit is set. */
  serialHex: string;
  /** The certified key. */
  publicKey: KeyObject;
  /** Raw SubjectPublicKeyInfo DER to put in place of `publicKey`'s (e.g. a compressed EC point). */
  spkiDer?: Buffer;
  /** The issuer's private key (self-signed: the subject's own). */
  signingKey: KeyObject;
  md?: 'sha1' | 'sha256' | 'sha512';
  notBefore?: Date;
  notAfter?: Date;
}

const SIGNATURE_OIDS: Record<string, Record<string, string>> = {
  rsa: { sha1: '1.2.840.113549.1.1.5', sha256: '1.2.840.113549.1.1.11', sha512: '1.2.840.113549.1.1.13' },
  ec: { sha1: '1.2.840.10045.4.1', sha256: '1.2.840.10045.4.3.2', sha512: '1.2.840.10045.4.3.4' },
};

/** A DER X.509 v3 certificate (no extensions: the trust files never look at them). */
export function makeCertificate(options: TestCertificateOptions): Buffer {
  const md = options.md ?? 'sha256';
  const keyType = options.signingKey.asymmetricKeyType!;
  const algorithm = algorithmIdentifier(SIGNATURE_OIDS[keyType][md], keyType === 'rsa');
  const serial = options.serialHex.length % 2 ? `0${options.serialHex}` : options.serialHex;
  const serialBytes = parseInt(serial.slice(0, 2), 16) & 0x80 ? `00${serial}` : serial;
  const spkiDer = options.spkiDer ?? options.publicKey.export({ type: 'spki', format: 'der' });
  const spki = asn1.fromDer(forge.util.createBuffer(spkiDer.toString('binary')));

  const tbs = seq([
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, '\x02')]),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, forge.util.hexToBytes(serialBytes)),
    algorithm,
    name(options.issuer ?? options.subject),
    seq([
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.UTCTIME, false, asn1.dateToUtcTime(options.notBefore ?? new Date('2024-01-01T00:00:00Z'))),
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.UTCTIME, false, asn1.dateToUtcTime(options.notAfter ?? new Date('2044-01-01T00:00:00Z'))),
    ]),
    name(options.subject),
    spki,
  ]);
  const tbsDer = Buffer.from(asn1.toDer(tbs).getBytes(), 'binary');
  const signature = sign(md, tbsDer, options.signingKey);
  const certificate = seq([
    tbs,
    algorithmIdentifier(SIGNATURE_OIDS[keyType][md], keyType === 'rsa'),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BITSTRING, false, `\x00${signature.toString('binary')}`),
  ]);
  return Buffer.from(asn1.toDer(certificate).getBytes(), 'binary');
}

/** A self-signed certificate for `key`, the usual shape of CUCM's own certificates. */
export function selfSigned(cn: string, serialHex: string, key: TestKeyPair, md: 'sha1' | 'sha256' | 'sha512' = 'sha256'): Buffer {
  return makeCertificate({ subject: cucmName(cn), serialHex, publicKey: key.publicKey, signingKey: key.privateKey, md });
}

function seq(children: forge.asn1.Asn1[]): forge.asn1.Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, children);
}

function algorithmIdentifier(oid: string, withNullParameters: boolean): forge.asn1.Asn1 {
  const parts = [asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(oid).getBytes())];
  if (withNullParameters) parts.push(asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, ''));
  return seq(parts);
}

function name(attributes: TestName): forge.asn1.Asn1 {
  return seq(
    attributes.map(([type, value]) => {
      // Country is a PrintableString, e-mail an IA5String, the rest UTF8String, as OpenSSL writes them.
      const stringType = type === 'C' ? asn1.Type.PRINTABLESTRING : type === 'E' ? asn1.Type.IA5STRING : asn1.Type.UTF8;
      const encoded = stringType === asn1.Type.UTF8 ? forge.util.encodeUtf8(value) : value;
      return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, [
        seq([
          asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(ATTRIBUTE_OIDS[type]).getBytes()),
          asn1.create(asn1.Class.UNIVERSAL, stringType, false, encoded),
        ]),
      ]);
    }),
  );
}
