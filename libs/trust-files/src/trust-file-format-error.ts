/**
 * Thrown for any input that is not a well-formed trust file. It always says where (`offset`, a byte
 * position in the file) and, when the problem is one element, which `tag`, so a person holding a hex
 * dump of a file from a real cluster can go straight to the bytes.
 */
export class TrustFileFormatError extends Error {
  readonly offset: number;
  readonly tag?: number;

  constructor(message: string, where: { offset: number; tag?: number }) {
    super(message);
    this.name = 'TrustFileFormatError';
    this.offset = where.offset;
    if (where.tag !== undefined) this.tag = where.tag;
  }
}
