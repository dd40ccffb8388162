/**
 * Writes an X.509 Name the way trust files carry it: `CN=...;OU=...;O=...;L=...;ST=...;C=...`
 * (trust-file-format.md, "Encoding").
 *
 * The six usual attributes come in that fixed order whatever order the certificate lists them in, so
 * a certificate built CN-first and one built C-first (CUCM's own) give the same string. Several values
 * of one type keep the certificate's order. Any other attribute follows, by its usual short name or its
 * dotted OID. Values are not escaped: the format has no escaping, and phones compare these strings as
 * written.
 */
import { DerNode, DerTag, decodeOid, derChildren, derValue, expectTag } from './der';

const ORDERED_TYPES = ['CN', 'OU', 'O', 'L', 'ST', 'C'];

const SHORT_NAMES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.11': 'OU',
  '2.5.4.10': 'O',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.6': 'C',
  '2.5.4.5': 'SERIALNUMBER',
  '2.5.4.4': 'SN',
  '2.5.4.42': 'GN',
  '2.5.4.12': 'T',
  '2.5.4.9': 'STREET',
  '1.2.840.113549.1.9.1': 'E',
  '0.9.2342.19200300.100.1.25': 'DC',
  '0.9.2342.19200300.100.1.1': 'UID',
};

export function formatCiscoDn(bytes: Buffer, name: DerNode): string {
  expectTag(name, DerTag.SEQUENCE, 'Name');
  const attributes: { type: string; value: string }[] = [];
  for (const rdn of derChildren(bytes, name)) {
    expectTag(rdn, DerTag.SET, 'RelativeDistinguishedName');
    for (const pair of derChildren(bytes, rdn)) {
      const [typeNode, valueNode] = derChildren(bytes, expectTag(pair, DerTag.SEQUENCE, 'AttributeTypeAndValue'));
      const oid = decodeOid(derValue(bytes, expectTag(typeNode, DerTag.OID, 'attribute type')));
      if (!valueNode) throw new Error(`attribute ${oid} at offset ${pair.offset} has no value`);
      attributes.push({ type: SHORT_NAMES[oid] ?? oid, value: decodeDirectoryString(valueNode.tag, derValue(bytes, valueNode)) });
    }
  }
  const rank = (type: string) => {
    const index = ORDERED_TYPES.indexOf(type);
    return index < 0 ? ORDERED_TYPES.length : index;
  };
  // Array.prototype.sort is stable, so equal ranks keep the certificate's order.
  return attributes
    .map((attribute, index) => ({ ...attribute, index }))
    .sort((a, b) => rank(a.type) - rank(b.type) || a.index - b.index)
    .map(({ type, value }) => `${type}=${value}`)
    .join(';');
}

/** The string types X.509 names use; anything else is shown as `#<hex>` like RFC 4514 does. */
function decodeDirectoryString(tag: number, content: Buffer): string {
  switch (tag) {
    case 0x0c: // UTF8String
      return content.toString('utf8');
    case 0x13: // PrintableString
    case 0x16: // IA5String
    case 0x12: // NumericString
    case 0x1a: // VisibleString
      return content.toString('latin1');
    case 0x14: // TeletexString: in practice Latin-1
      return content.toString('latin1');
    case 0x1e: // BMPString: UTF-16 big-endian
      return Buffer.from(content).swap16().toString('utf16le');
    case 0x1c: // UniversalString: UTF-32 big-endian
      return decodeUtf32Be(content);
    default:
      return `#${content.toString('hex')}`;
  }
}

function decodeUtf32Be(content: Buffer): string {
  let text = '';
  for (let i = 0; i + 4 <= content.length; i += 4) text += String.fromCodePoint(content.readUInt32BE(i));
  return text;
}
