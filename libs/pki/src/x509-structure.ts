import { bytesOf, childrenOf, DerError, contentOf, decodeOid, decodeString, decodeTime, DER_TAG, expectNode, readNode, type DerNode } from './der';
import type { DnEntry } from './dn';
import { EXT_KEY_USAGE_OIDS, EXTENSION_OIDS, invert, KEY_USAGE_BITS, NAME_ATTRIBUTE_OIDS, SIGNATURE_ALGORITHM_NAMES } from './oids';

const NAME_BY_OID = invert(NAME_ATTRIBUTE_OIDS);
const EKU_BY_OID = invert(EXT_KEY_USAGE_OIDS);

/** The fields of a certificate read straight from its DER (what Node's X509Certificate does not offer). */
export interface CertificateStructure {
  serialHex: string;
  signatureAlgorithm: string;
  issuerDer: Buffer;
  subjectDer: Buffer;
  /** Display order (most specific first). */
  issuer: DnEntry[];
  subject: DnEntry[];
  notBefore: Date;
  notAfter: Date;
  spki: Buffer;
  keyUsage: string[];
  extKeyUsage: string[];
  subjectAltNames: string[];
  basicConstraints?: { ca: boolean; pathLen?: number };
  subjectKeyIdentifier?: string;
  authorityKeyIdentifier?: string;
}

/** Walks Certificate → TBSCertificate (RFC 5280 §4.1). Throws DerError naming the part that is wrong. */
export function readCertificateStructure(der: Buffer): CertificateStructure {
  const certificate = expectNode(readNode(der, 0), DER_TAG.SEQUENCE, 'Certificate');
  const [tbsNode, outerAlgorithm, signatureValue] = childrenOf(der, certificate);
  const tbs = expectNode(tbsNode, DER_TAG.SEQUENCE, 'TBSCertificate');
  expectNode(outerAlgorithm, DER_TAG.SEQUENCE, 'signatureAlgorithm');
  expectNode(signatureValue, DER_TAG.BIT_STRING, 'signatureValue');

  const fields = childrenOf(der, tbs);
  let index = 0;
  if (fields[index]?.tag === 0xa0) index++; // [0] EXPLICIT version
  const serial = expectNode(fields[index++], DER_TAG.INTEGER, 'serialNumber');
  expectNode(fields[index++], DER_TAG.SEQUENCE, 'signature');
  const issuer = expectNode(fields[index++], DER_TAG.SEQUENCE, 'issuer');
  const validity = expectNode(fields[index++], DER_TAG.SEQUENCE, 'validity');
  const subject = expectNode(fields[index++], DER_TAG.SEQUENCE, 'subject');
  const spki = expectNode(fields[index++], DER_TAG.SEQUENCE, 'subjectPublicKeyInfo');
  const extensionsWrapper = fields.slice(index).find((node) => node.tag === 0xa3);

  const [notBefore, notAfter] = childrenOf(der, validity);
  if (!notBefore || !notAfter) throw new DerError('validity needs notBefore and notAfter', 'malformed');
  const algorithmOid = decodeOid(contentOf(der, expectNode(childrenOf(der, outerAlgorithm)[0], DER_TAG.OID, 'signature algorithm')));

  const structure: CertificateStructure = {
    serialHex: contentOf(der, serial).toString('hex').replace(/^0+/, '') || '0',
    signatureAlgorithm: SIGNATURE_ALGORITHM_NAMES[algorithmOid] ?? algorithmOid,
    issuerDer: bytesOf(der, issuer),
    subjectDer: bytesOf(der, subject),
    issuer: readName(der, issuer),
    subject: readName(der, subject),
    notBefore: decodeTime(notBefore.tag, contentOf(der, notBefore)),
    notAfter: decodeTime(notAfter.tag, contentOf(der, notAfter)),
    spki: bytesOf(der, spki),
    keyUsage: [],
    extKeyUsage: [],
    subjectAltNames: [],
  };
  if (extensionsWrapper) readExtensions(der, extensionsWrapper, structure);
  return structure;
}

/** Name → entries in display order (the DER holds them most significant first, so reverse). */
export function readName(der: Buffer, name: DerNode): DnEntry[] {
  const entries: DnEntry[] = [];
  for (const rdn of childrenOf(der, name)) {
    for (const attribute of childrenOf(der, expectNode(rdn, DER_TAG.SET, 'RelativeDistinguishedName'))) {
      const [type, value] = childrenOf(der, expectNode(attribute, DER_TAG.SEQUENCE, 'AttributeTypeAndValue'));
      const oid = decodeOid(contentOf(der, expectNode(type, DER_TAG.OID, 'attribute type')));
      if (!value) throw new DerError('name attribute without a value', 'malformed');
      entries.push({ type: NAME_BY_OID[oid] ?? oid, value: decodeString(value.tag, contentOf(der, value)) });
    }
  }
  return entries.reverse();
}

function readExtensions(der: Buffer, wrapper: DerNode, into: CertificateStructure): void {
  const [list] = childrenOf(der, wrapper);
  readExtensionList(der, expectNode(list, DER_TAG.SEQUENCE, 'extensions'), into);
}

/** The extension fields both certificates and CSRs (extensionRequest) carry. */
export type ExtensionFields = Pick<
  CertificateStructure,
  'keyUsage' | 'extKeyUsage' | 'subjectAltNames' | 'basicConstraints' | 'subjectKeyIdentifier' | 'authorityKeyIdentifier'
>;

/** Reads `Extensions ::= SEQUENCE OF Extension` into the fields it knows; others are skipped. */
export function readExtensionList(der: Buffer, list: DerNode, into: ExtensionFields): void {
  for (const extension of childrenOf(der, list)) {
    const parts = childrenOf(der, extension);
    const oid = decodeOid(contentOf(der, expectNode(parts[0], DER_TAG.OID, 'extension id')));
    const valueNode = expectNode(parts[parts.length - 1], DER_TAG.OCTET_STRING, 'extension value');
    const value = contentOf(der, valueNode);
    switch (oid) {
      case EXTENSION_OIDS.keyUsage:
        into.keyUsage = readKeyUsage(value);
        break;
      case EXTENSION_OIDS.extKeyUsage:
        into.extKeyUsage = childrenOf(value, readNode(value, 0)).map((node) => {
          const usage = decodeOid(contentOf(value, node));
          return EKU_BY_OID[usage] ?? usage;
        });
        break;
      case EXTENSION_OIDS.basicConstraints:
        into.basicConstraints = readBasicConstraints(value);
        break;
      case EXTENSION_OIDS.subjectAltName:
        into.subjectAltNames = readAltNames(value);
        break;
      case EXTENSION_OIDS.subjectKeyIdentifier:
        into.subjectKeyIdentifier = contentOf(value, readNode(value, 0)).toString('hex');
        break;
      case EXTENSION_OIDS.authorityKeyIdentifier: {
        const keyId = childrenOf(value, readNode(value, 0)).find((node) => node.tag === 0x80);
        if (keyId) into.authorityKeyIdentifier = contentOf(value, keyId).toString('hex');
        break;
      }
    }
  }
}

function readKeyUsage(value: Buffer): string[] {
  const bits = contentOf(value, expectNode(readNode(value, 0), DER_TAG.BIT_STRING, 'keyUsage'));
  const names: string[] = [];
  KEY_USAGE_BITS.forEach((name, bit) => {
    const byte = bits[1 + (bit >> 3)];
    if (byte !== undefined && byte & (0x80 >> (bit & 7))) names.push(name);
  });
  return names;
}

function readBasicConstraints(value: Buffer): { ca: boolean; pathLen?: number } {
  const result: { ca: boolean; pathLen?: number } = { ca: false };
  for (const node of childrenOf(value, readNode(value, 0))) {
    const content = contentOf(value, node);
    if (node.tag === DER_TAG.BOOLEAN) result.ca = content[0] !== 0;
    if (node.tag === DER_TAG.INTEGER) result.pathLen = content.reduce((total, byte) => total * 256 + byte, 0);
  }
  return result;
}

function readAltNames(value: Buffer): string[] {
  const names: string[] = [];
  for (const node of childrenOf(value, readNode(value, 0))) {
    const content = contentOf(value, node);
    if (node.tag === 0x82) names.push(content.toString('latin1')); // dNSName
    if (node.tag === 0x87) names.push(formatIp(content)); // iPAddress
  }
  return names;
}

function formatIp(bytes: Buffer): string {
  if (bytes.length === 4) return [...bytes].join('.');
  const groups: string[] = [];
  for (let i = 0; i + 1 < bytes.length; i += 2) groups.push(bytes.readUInt16BE(i).toString(16));
  return groups.join(':');
}
