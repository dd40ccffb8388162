import { decodePosition, encodePosition } from './position';
import { compareKurrentPositions, decodeKurrentPosition, encodeKurrentPosition, KurrentPosition } from './kurrentdb-position';

describe('KurrentDB positions as strings', () => {
  const MAX = (1n << 64n) - 1n;

  it('round-trips bigint commit/prepare pairs, beyond what a JS number holds', () => {
    const positions: KurrentPosition[] = [
      { commit: 0n, prepare: 0n },
      { commit: 1n, prepare: 1n },
      { commit: 2n ** 53n + 1n, prepare: 2n ** 53n + 3n },
      { commit: MAX, prepare: MAX },
    ];
    for (const position of positions) {
      const text = encodeKurrentPosition(position);
      expect(typeof text).toBe('string');
      expect(decodeKurrentPosition(text)).toEqual(position);
      expect(JSON.parse(JSON.stringify({ text })).text).toBe(text);
    }
    expect(encodeKurrentPosition({ commit: 1234n, prepare: 1200n })).toBe('00000000000000001234/00000000000000001200');
  });

  it('compares as plain strings in $all order: by commit, then prepare', () => {
    const random = () => BigInt(Math.floor(Math.random() * 1e6)) * (Math.random() < 0.3 ? 2n ** 40n : 1n);
    const positions: KurrentPosition[] = Array.from({ length: 500 }, () => {
      const commit = random();
      return { commit, prepare: commit + random() };
    });
    // Events of one transaction share their commit position.
    positions.push({ commit: 10n, prepare: 10n }, { commit: 10n, prepare: 250n }, { commit: 10n, prepare: 99n });
    const byValue = [...positions].sort(compareKurrentPositions).map(encodeKurrentPosition);
    const byString = positions.map(encodeKurrentPosition).sort();
    expect(byString).toEqual(byValue);
    expect(compareKurrentPositions({ commit: 10n, prepare: 99n }, { commit: 10n, prepare: 250n })).toBeLessThan(0);
  });

  it('refuses what it did not encode, a local store’s position included', () => {
    for (const text of ['', '12', encodePosition(12), '00000000000000001234/0000000000000000120', '99999999999999999999/00000000000000000000', 'a/b']) {
      expect(() => decodeKurrentPosition(text)).toThrow(RangeError);
    }
    expect(() => decodePosition(encodeKurrentPosition({ commit: 1n, prepare: 1n }))).toThrow(RangeError);
    expect(() => encodeKurrentPosition({ commit: -1n, prepare: 0n })).toThrow(RangeError);
    expect(() => encodeKurrentPosition({ commit: MAX + 1n, prepare: 0n })).toThrow(RangeError);
  });
});
