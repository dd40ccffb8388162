import * as forge from 'node-forge';
import { EXT_KEY_USAGE_OIDS, EXTENSION_OIDS, KEY_USAGE_BITS, type ExtKeyUsageName, type KeyUsageName } from './oids';

/** Extensions a certificate may ask for. Absent fields are left out of the certificate. */
export interface CertificateExtensionsSpec {
  /** Key-usage bits; written critical (RFC 5280 says SHOULD). */
  keyUsage?: readonly KeyUsageName[];
  extKeyUsage?: readonly ExtKeyUsageName[];
  /** Written critical. `pathLen` only with `ca: true`. */
  basicConstraints?: { ca: boolean; pathLen?: number };
  /** DNS names for subjectAltName (multi-server certificates list every node here). */
  subjectAltNames?: readonly string[];
  /** Default true: chains are matched by key identifiers. */
  subjectKeyIdentifier?: boolean;
  /** Default true; for a self-signed certificate it repeats the subject key identifier. */
  authorityKeyIdentifier?: boolean;
}

/** forge's raw extension form: id, criticality and a ready-made ASN.1 value. */
export interface ForgeExtension {
  id: string;
  critical: boolean;
  value: forge.asn1.Asn1;
}

const { Class, Type } = forge.asn1;
const create = forge.asn1.create;

/**
 * Builds the extension values ourselves instead of using forge's named-extension helpers: forge knows no
 * ipsecEndSystem, and owning the encoding keeps it stable across forge versions (the bytes end up in event
 * logs). Order is fixed: basicConstraints, keyUsage, extKeyUsage, subjectAltName, SKI, AKI.
 */
export function buildExtensions(spec: CertificateExtensionsSpec, subjectKeyId: Buffer, issuerKeyId: Buffer): ForgeExtension[] {
  const extensions: ForgeExtension[] = [];
  if (spec.basicConstraints) {
    extensions.push({ id: EXTENSION_OIDS.basicConstraints, critical: true, value: basicConstraints(spec.basicConstraints) });
  }
  if (spec.keyUsage) {
    extensions.push({ id: EXTENSION_OIDS.keyUsage, critical: true, value: keyUsage(spec.keyUsage) });
  }
  if (spec.extKeyUsage) {
    extensions.push({ id: EXTENSION_OIDS.extKeyUsage, critical: false, value: extKeyUsage(spec.extKeyUsage) });
  }
  if (spec.subjectAltNames) {
    extensions.push({ id: EXTENSION_OIDS.subjectAltName, critical: false, value: dnsAltNames(spec.subjectAltNames) });
  }
  if (spec.subjectKeyIdentifier !== false) {
    extensions.push({ id: EXTENSION_OIDS.subjectKeyIdentifier, critical: false, value: create(Class.UNIVERSAL, Type.OCTETSTRING, false, binary(subjectKeyId)) });
  }
  if (spec.authorityKeyIdentifier !== false) {
    extensions.push({
      id: EXTENSION_OIDS.authorityKeyIdentifier,
      critical: false,
      value: create(Class.UNIVERSAL, Type.SEQUENCE, true, [create(Class.CONTEXT_SPECIFIC, 0, false, binary(issuerKeyId))]),
    });
  }
  return extensions;
}

function basicConstraints({ ca, pathLen }: { ca: boolean; pathLen?: number }): forge.asn1.Asn1 {
  const fields: forge.asn1.Asn1[] = [];
  if (ca) fields.push(create(Class.UNIVERSAL, Type.BOOLEAN, false, '\xff')); // DEFAULT FALSE: omitted when false
  if (pathLen !== undefined) {
    if (!ca) throw new Error('basicConstraints.pathLen is only allowed with ca: true');
    if (!Number.isInteger(pathLen) || pathLen < 0 || pathLen > 255) throw new RangeError(`basicConstraints.pathLen ${pathLen} must be 0..255`);
    fields.push(create(Class.UNIVERSAL, Type.INTEGER, false, forge.asn1.integerToDer(pathLen).getBytes()));
  }
  return create(Class.UNIVERSAL, Type.SEQUENCE, true, fields);
}

/** Named bit list in DER: trailing zero bits dropped, their count in the leading octet. */
function keyUsage(names: readonly KeyUsageName[]): forge.asn1.Asn1 {
  if (names.length === 0) throw new Error('keyUsage needs at least one flag');
  let mask = 0;
  for (const name of names) {
    const bit = KEY_USAGE_BITS.indexOf(name);
    if (bit < 0) throw new Error(`unknown keyUsage flag ${String(name)} (known: ${KEY_USAGE_BITS.join(', ')})`);
    mask |= 1 << bit;
  }
  const highest = 31 - Math.clz32(mask);
  const octets = highest < 8 ? 1 : 2;
  const bytes: number[] = [];
  for (let i = 0; i < octets; i++) {
    let byte = 0;
    for (let bit = 0; bit < 8; bit++) if (mask & (1 << (i * 8 + bit))) byte |= 0x80 >> bit;
    bytes.push(byte);
  }
  const unusedBits = octets * 8 - (highest + 1);
  return create(Class.UNIVERSAL, Type.BITSTRING, false, String.fromCharCode(unusedBits, ...bytes));
}

function extKeyUsage(names: readonly ExtKeyUsageName[]): forge.asn1.Asn1 {
  if (names.length === 0) throw new Error('extKeyUsage needs at least one purpose');
  return create(
    Class.UNIVERSAL,
    Type.SEQUENCE,
    true,
    names.map((name) => {
      const oid = EXT_KEY_USAGE_OIDS[name];
      if (!oid) throw new Error(`unknown extKeyUsage ${String(name)} (known: ${Object.keys(EXT_KEY_USAGE_OIDS).join(', ')})`);
      return create(Class.UNIVERSAL, Type.OID, false, forge.asn1.oidToDer(oid).getBytes());
    }),
  );
}

function dnsAltNames(names: readonly string[]): forge.asn1.Asn1 {
  if (names.length === 0) throw new Error('subjectAltNames needs at least one DNS name');
  return create(
    Class.UNIVERSAL,
    Type.SEQUENCE,
    true,
    names.map((name) => {
      // dNSName is an IA5String: internationalised names must arrive in their xn-- (punycode) form.
      if (!/^[\x21-\x7e]+$/.test(name)) throw new Error(`subjectAltName ${JSON.stringify(name)} is not an ASCII DNS name`);
      return create(Class.CONTEXT_SPECIFIC, 2, false, name);
    }),
  );
}

function binary(bytes: Buffer): string {
  return bytes.toString('binary');
}

/** An extension as found in a certificate or CSR: its id, criticality and the DER inside its OCTET STRING. */
export interface RawExtension {
  readonly oid: string;
  readonly critical: boolean;
  readonly value: Buffer;
}

/**
 * A raw extension in forge's form, written back byte for byte: forge puts a string value into the
 * extension's OCTET STRING as is (a re-parse through forge.asn1 could re-encode BIT STRINGs differently).
 */
export function forgeExtensionFromRaw(extension: RawExtension): ForgeExtension {
  return { id: extension.oid, critical: extension.critical, value: extension.value.toString('binary') as unknown as forge.asn1.Asn1 };
}
