import { TlvReader, tlv, tlvContainer, tlvString, tlvU16, tlvU32, tlvU8, tlvVersion } from './tlv';
import { TrustFileFormatError } from './trust-file-format-error';

describe('TLV writer', () => {
  it('writes tag, 2-byte big-endian length, value', () => {
    expect(tlv(9, Buffer.from([0xaa, 0xbb])).toString('hex')).toBe('090002aabb');
    expect(tlvU8(8, 3).toString('hex')).toBe('08000103');
    expect(tlvU16(4, 21).toString('hex')).toBe('0400020015');
    expect(tlvU32(15, 0x6553f100).toString('hex')).toBe('0f00046553f100');
    expect(tlvVersion(1, [1, 2]).toString('hex')).toBe('0100020102');
  });

  it('writes strings NUL-terminated and refuses an embedded NUL', () => {
    expect(tlvString(14, 'ab').toString('hex')).toBe('0e0003616200');
    expect(() => tlvString(14, 'a\0b')).toThrow(/NUL/);
  });

  it('writes a container as its children back to back', () => {
    expect(tlvContainer(9, [tlvU8(10, 0), tlvU8(11, 2)]).toString('hex')).toBe('0900080a0001000b000102');
  });

  it('refuses a value longer than a 2-byte length', () => {
    expect(() => tlv(9, Buffer.alloc(0x10000))).toThrow(/does not fit/);
  });
});

describe('TLV reader', () => {
  const bytes = Buffer.from('0100020102' + '0d' + '0e000161', 'hex');

  it('reads elements with absolute offsets and steps over single padding bytes', () => {
    const reader = new TlvReader(bytes, 0, bytes.length, 'the file');
    expect(reader.readElement()).toMatchObject({ tag: 1, offset: 0, valueOffset: 3, length: 2, end: 5 });
    expect(reader.peekTag()).toBe(13);
    reader.skipByte();
    const element = reader.readElement();
    expect(element).toMatchObject({ tag: 14, offset: 6, length: 1 });
    expect(element.value.toString()).toBe('a');
    expect(reader.done).toBe(true);
  });

  it('says where a value runs past the end of the file', () => {
    const cut = Buffer.from('09032c0000', 'hex'); // tag 9 declares 812 bytes, 2 remain
    const reader = new TlvReader(cut, 0, cut.length, 'the file', (tag) => `tag ${tag} (CERTIFICATE)`);
    const error = catchError(() => reader.readElement());
    expect(error).toBeInstanceOf(TrustFileFormatError);
    expect(error).toMatchObject({ offset: 0, tag: 9, message: 'truncated: tag 9 (CERTIFICATE) at offset 0 declares 812 bytes but only 2 remain in the file' });
  });

  it('says where a value runs past an inner bound (a record), without calling it truncation', () => {
    const reader = new TlvReader(Buffer.from('000000' + '0900050102030405', 'hex'), 3, 8, 'the record at offset 0');
    expect(catchError(() => reader.readElement()).message).toBe('tag 9 at offset 3 declares 5 bytes but only 2 remain in the record at offset 0');
  });

  it('says when the head itself is cut off', () => {
    const reader = new TlvReader(Buffer.from('0c00', 'hex'), 0, 2, 'the file');
    expect(catchError(() => reader.readElement())).toMatchObject({ offset: 0, tag: 12, message: expect.stringMatching(/^truncated: tag 12 at offset 0 needs a 3-byte/) });
  });
});

function catchError(action: () => unknown): TrustFileFormatError {
  try {
    action();
  } catch (error) {
    return error as TrustFileFormatError;
  }
  throw new Error('expected an error');
}
