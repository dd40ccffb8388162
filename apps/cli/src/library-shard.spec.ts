import { parseShard, shardFiles, shardLabel } from './library-shard';

/** A reproducible pseudo-random library: sorted paths, some in folders. */
function library(size: number, seed: number): string[] {
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) % 2 ** 31);
  const names = new Set<string>();
  while (names.size < size) names.add(`${next() % 3 ? '' : `d${next() % 4}/`}s${next() % 10_000}.yaml`);
  return [...names].sort();
}

describe('--shard i/n: a deterministic split of a library over CI machines', () => {
  it('is a partition: every file in exactly one shard, in library order, shards within one file of each other', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const files = library(seed * 3 - 3, seed);
      for (let count = 1; count <= 9; count++) {
        const shards = Array.from({ length: count }, (_, i) => shardFiles(files, { index: i + 1, count }));
        expect(shards.flat().sort()).toEqual([...files].sort());
        for (const shard of shards) expect(shard).toEqual(files.filter((f) => shard.includes(f)));
        const sizes = shards.map((s) => s.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        // The same list gives the same split, whichever machine computes it.
        expect(Array.from({ length: count }, (_, i) => shardFiles([...files], { index: i + 1, count }))).toEqual(shards);
      }
    }
  });

  it('deals the sorted files round-robin (documented in docs/ci.md)', () => {
    const files = ['a.yaml', 'b.yaml', 'c/d.yaml', 'e.yaml', 'f.yaml'];
    expect(shardFiles(files, { index: 1, count: 2 })).toEqual(['a.yaml', 'c/d.yaml', 'f.yaml']);
    expect(shardFiles(files, { index: 2, count: 2 })).toEqual(['b.yaml', 'e.yaml']);
    expect(shardFiles(files, { index: 7, count: 7 })).toEqual([]);
  });

  it('reads i/n, 1-based', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
    expect(shardLabel(parseShard('3/12'))).toBe('shard-3-of-12');
  });

  it.each(['0/4', '5/4', '1/0', '2', '2/4/1', 'a/b', '-1/4', '1.5/4', ''])('refuses --shard %p with a usage error that shows the form', (text) => {
    expect(() => parseShard(text)).toThrow(`--shard ${text}: expected i/n with 1 ≤ i ≤ n, e.g. --shard 2/4`);
  });
});
