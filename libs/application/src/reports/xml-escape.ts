/**
 * XML 1.0 escaping for text and attribute values. Characters XML 1.0 cannot carry at all (C0 controls
 * other than tab/newline/CR, lone surrogates, U+FFFE/U+FFFF) are replaced by U+FFFD: a detail string
 * with a stray control byte must not make the whole JUnit file unreadable to CI.
 */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlText(value: string | number | boolean): string {
  return String(value).replace(FORBIDDEN, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** For double-quoted attributes; tab, newline and CR become character references so parsers keep them. */
export function xmlAttr(value: string | number | boolean): string {
  return xmlText(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}
