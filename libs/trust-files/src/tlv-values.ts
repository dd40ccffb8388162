/**
 * Decoding element values, shared by the header and record parsers. Each check names the element
 * and its offset so the error points at the bytes.
 */
import { TrustFileFormatError } from './trust-file-format-error';
import type { TlvElement } from './tlv';

/** UTF-8 up to the terminating NUL. A missing NUL is tolerated: the length already bounds the string. */
export function decodeCString(element: TlvElement): string {
  const nul = element.value.indexOf(0);
  return element.value.toString('utf8', 0, nul < 0 ? element.value.length : nul);
}

export function expectLength(element: TlvElement, expected: number, describe: (tag: number) => string): void {
  if (element.length !== expected) {
    throw new TrustFileFormatError(
      `${describe(element.tag)} at offset ${element.offset} has length ${element.length}, expected ${expected}`,
      { offset: element.offset, tag: element.tag },
    );
  }
}

export function decodeVersion(element: TlvElement, describe: (tag: number) => string): [number, number] {
  expectLength(element, 2, describe);
  return [element.value[0], element.value[1]];
}

/** A copy, so the parsed file does not change if the caller reuses the input buffer. */
export function copyValue(element: TlvElement): Buffer {
  return Buffer.from(element.value);
}
