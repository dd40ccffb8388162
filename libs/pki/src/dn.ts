/**
 * Distinguished names as the simulator handles them: the six attributes CUCM certificates use, in the order
 * CUCM prints them (CN, OU, O, L, ST, C), plus any other attributes a third-party certificate brings along
 * (DC components of an enterprise CA, emailAddress, a second OU), kept so nothing is silently lost.
 *
 * Two string forms:
 *  - Cisco form `CN=cucmpub;OU=IT;O=Example;L=Austin;ST=TX;C=US`, used in ITL/CTL files;
 *  - display form `CN=cucmpub, OU=IT, O=Example, L=Austin, ST=TX, C=US` (RFC 4514 order and escaping).
 * In the certificate the RDN sequence runs the other way round (C first, CN last), as is conventional.
 */

export const DN_ATTRIBUTES = ['CN', 'OU', 'O', 'L', 'ST', 'C'] as const;
export type DnAttribute = (typeof DN_ATTRIBUTES)[number];

/** An attribute outside the six, or a repeated one: type is a short name (DC, emailAddress, OU) or an OID. */
export interface DnExtraAttribute {
  readonly type: string;
  readonly value: string;
}

export type Dn = { readonly [K in DnAttribute]?: string } & {
  /** Further attributes in display order (after C). */
  readonly extra?: readonly DnExtraAttribute[];
};

/** One attribute of a name, in display order (most specific first). */
export interface DnEntry {
  readonly type: string;
  readonly value: string;
}

export class DnSyntaxError extends Error {
  constructor(
    readonly input: string,
    readonly reason: string,
  ) {
    super(`Cannot read distinguished name ${JSON.stringify(input)}: ${reason}`);
    this.name = 'DnSyntaxError';
  }
}

/** Alternative spellings accepted when parsing (Microsoft writes S= for the state). */
const TYPE_ALIASES: Readonly<Record<string, string>> = {
  CN: 'CN', OU: 'OU', O: 'O', L: 'L', ST: 'ST', S: 'ST', C: 'C',
  DC: 'DC', E: 'emailAddress', EMAIL: 'emailAddress', EMAILADDRESS: 'emailAddress',
  SERIALNUMBER: 'serialNumber', STREET: 'street', TITLE: 'title', POSTALCODE: 'postalCode',
  UID: 'UID', GN: 'GN', SN: 'SN',
};

/** The name's attributes in display order: CN, OU, O, L, ST, C, then the extras. */
export function dnEntries(dn: Dn): DnEntry[] {
  const entries: DnEntry[] = [];
  for (const type of DN_ATTRIBUTES) {
    const value = dn[type];
    if (value !== undefined) entries.push({ type, value });
  }
  for (const extra of dn.extra ?? []) entries.push({ type: extra.type, value: extra.value });
  return entries;
}

/** Builds a Dn from entries in display order: the first of each known type fills its field, the rest are extras. */
export function dnFromEntries(entries: readonly DnEntry[]): Dn {
  const dn: { -readonly [K in DnAttribute]?: string } & { extra?: DnExtraAttribute[] } = {};
  const extra: DnExtraAttribute[] = [];
  for (const { type, value } of entries) {
    if ((DN_ATTRIBUTES as readonly string[]).includes(type) && dn[type as DnAttribute] === undefined) {
      dn[type as DnAttribute] = value;
    } else {
      extra.push({ type, value });
    }
  }
  if (extra.length > 0) dn.extra = extra;
  return dn;
}

/**
 * `CN=...;OU=...;O=...;L=...;ST=...;C=...` — the ITL/CTL form. Only what would make it ambiguous is escaped
 * with a backslash: `\`, `;`, and a leading or trailing space (plain names come out exactly as Cisco shows them).
 */
export function formatCiscoDn(dn: Dn): string {
  return dnEntries(dn)
    .map(({ type, value }) => `${type}=${escapeValue(value, /[\\;]/, false)}`)
    .join(';');
}

/** `CN=..., OU=..., ...` — for people and logs, escaped as RFC 4514 asks. */
export function formatDn(dn: Dn): string {
  return dnEntries(dn)
    .map(({ type, value }) => `${type}=${escapeRfc4514(value)}`)
    .join(', ');
}

export function parseCiscoDn(text: string): Dn {
  return dnFromEntries(splitAttributes(text, ';'));
}

/** Parses the display form; also accepts `+` between attributes and spaces around separators. */
export function parseDn(text: string): Dn {
  return dnFromEntries(splitAttributes(text, ','));
}

/** Same attributes with the same values (the order of the six is fixed by the type; extras compare in order). */
export function dnEquals(a: Dn, b: Dn): boolean {
  return formatCiscoDn(a) === formatCiscoDn(b);
}

function escapeRfc4514(value: string): string {
  return escapeValue(value, /[\\,+"<>;]/, true);
}

/**
 * Backslash-escapes the given special characters, plus a space at either end of the value (parsers drop
 * unescaped edge spaces) and, for RFC 4514, a leading '#' and NUL.
 */
function escapeValue(value: string, specials: RegExp, rfc4514: boolean): string {
  const characters = [...value];
  return characters
    .map((c, i) => {
      if (rfc4514 && c === '\0') return '\\00';
      const edgeSpace = c === ' ' && (i === 0 || i === characters.length - 1);
      const leadingHash = rfc4514 && c === '#' && i === 0;
      return specials.test(c) || edgeSpace || leadingHash ? '\\' + c : c;
    })
    .join('');
}

/**
 * Splits `type=value` pairs on an unescaped separator. Backslash escapes a character (`\,`) or gives a byte
 * as two hex digits (`\C3\A9`, decoded as UTF-8). Unescaped spaces around types and values are dropped.
 */
function splitAttributes(text: string, separator: ',' | ';'): DnEntry[] {
  const entries: DnEntry[] = [];
  if (text.trim() === '') return entries;
  let i = 0;
  while (i < text.length) {
    const equals = text.indexOf('=', i);
    if (equals < 0) throw new DnSyntaxError(text, `"${text.slice(i).trim()}" has no "="`);
    const rawType = text.slice(i, equals).trim();
    if (!/^[A-Za-z][A-Za-z0-9-]*$|^\d+(\.\d+)+$/.test(rawType)) {
      throw new DnSyntaxError(text, `"${rawType}" is not an attribute type`);
    }
    const type = TYPE_ALIASES[rawType.toUpperCase()] ?? rawType;

    const bytes: number[] = [];
    let lastSignificant = 0; // bytes.length after the last escaped or non-space character
    i = equals + 1;
    while (i < text.length && text[i] === ' ') i++;
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === separator || (separator === ',' && c === '+')) break;
      if (c === '\\') {
        const pair = text.slice(i + 1, i + 3);
        if (/^[0-9A-Fa-f]{2}$/.test(pair)) {
          bytes.push(parseInt(pair, 16));
          i += 2;
        } else if (i + 1 < text.length) {
          const escaped = characterAt(text, i + 1);
          bytes.push(...Buffer.from(escaped, 'utf8'));
          i += escaped.length;
        } else {
          throw new DnSyntaxError(text, 'ends with a lone backslash');
        }
        lastSignificant = bytes.length;
        continue;
      }
      const character = characterAt(text, i);
      bytes.push(...Buffer.from(character, 'utf8'));
      i += character.length - 1;
      if (c !== ' ') lastSignificant = bytes.length;
    }
    entries.push({ type, value: Buffer.from(bytes.slice(0, lastSignificant)).toString('utf8') });
    i++; // past the separator
  }
  return entries;
}

/** The whole character at index i (two UTF-16 units for characters outside the BMP). */
function characterAt(text: string, index: number): string {
  return String.fromCodePoint(text.codePointAt(index) as number);
}
