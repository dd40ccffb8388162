import { createHash } from 'crypto';
import { copyFileSync, readdirSync, readFileSync, statSync, writeFileSync } from 'fs';
import { join } from 'path';
import { KeyPool } from './key-pool';
import { keySeedMaterial } from './seed-material';
import { makeTempDir } from './testing/temp-dir';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('KeyPool', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => (dir = makeTempDir()));
  afterEach(() => dir.remove());

  it('pins the derivation: seed 1, label "test", RSA-1024 has a fixed SPKI (a change here changes every event log)', () => {
    const pair = new KeyPool({ seed: 1, cacheDir: false }).rsa('test', 1024);
    expect(sha256(pair.spkiDer)).toBe('407e132587a51902f3ea2113ee63ef32d9ac28e1ba972c43e6191d1dbcf302c2');
  });

  it('gives the same key for the same seed, label and size, across pools; seed 1 and "1" agree', () => {
    const a = new KeyPool({ seed: 1, cacheDir: false }).rsa('cucmpub/tomcat', 1024);
    const b = new KeyPool({ seed: '1', cacheDir: false }).rsa('cucmpub/tomcat', 1024);
    expect(b.spkiDer).toEqual(a.spkiDer);
  });

  it('gives different keys for a different label, seed or kind', () => {
    const pool = new KeyPool({ seed: 1, cacheDir: false });
    const base = pool.rsa('cucmpub/tomcat', 1024).spkiDer;
    expect(pool.rsa('cucmsub1/tomcat', 1024).spkiDer).not.toEqual(base);
    expect(new KeyPool({ seed: 2, cacheDir: false }).rsa('cucmpub/tomcat', 1024).spkiDer).not.toEqual(base);
    expect(pool.ec('cucmpub/tomcat', 'P-256').publicKey.asymmetricKeyType).toBe('ec');
  });

  it('memoizes: the same label twice returns the same KeyObject', () => {
    const pool = new KeyPool({ seed: 1, cacheDir: false });
    const first = pool.ec('cucmpub/CallManager-ECDSA', 'P-384');
    expect(pool.ec('cucmpub/CallManager-ECDSA', 'P-384')).toBe(first);
    expect(pool.stats).toMatchObject({ memoHits: 1, derivedInline: 1 });
  });

  it('derives on a cache miss, writes a 0600 PEM file, and loads it on the next run', () => {
    const cold = new KeyPool({ seed: 7, cacheDir: dir.path });
    const key = cold.rsa('cucmpub/CallManager', 1024);
    expect(cold.stats).toMatchObject({ cacheHits: 0, derivedInline: 1 });

    const files = readdirSync(dir.path);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[0-9a-f]{64}\.pem$/);
    const path = join(dir.path, files[0]);
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
    const text = readFileSync(path, 'utf8');
    expect(text).toContain(`-----BEGIN ${PKCS8_LABEL}-----`);
    expect(text).toContain(`seed-material-sha256: ${sha256(keySeedMaterial(7, { label: 'cucmpub/CallManager', kind: 'rsa', size: 1024 }))}`);

    const warm = new KeyPool({ seed: 7, cacheDir: dir.path });
    expect(warm.rsa('cucmpub/CallManager', 1024).spkiDer).toEqual(key.spkiDer);
    expect(warm.stats).toMatchObject({ cacheHits: 1, derivedInline: 0 });
  });

  it.each([
    ['garbage', () => 'not a key at all'],
    ['a truncated PEM', (text: string) => text.slice(0, text.length - 200)],
    ['a flipped base64 character', (text: string) => flipBodyCharacter(text)],
    ['a different header', (text: string) => text.replace(/seed-material-sha256: \w+/, 'seed-material-sha256: 00')],
  ])('ignores a cache file holding %s, warns, derives again and rewrites it', (_, corrupt) => {
    const key = new KeyPool({ seed: 7, cacheDir: dir.path }).rsa('node', 1024);
    const path = join(dir.path, readdirSync(dir.path)[0]);
    writeFileSync(path, corrupt(readFileSync(path, 'utf8')));

    const warnings: string[] = [];
    const pool = new KeyPool({ seed: 7, cacheDir: dir.path, onWarning: (message) => warnings.push(message) });
    expect(pool.rsa('node', 1024).spkiDer).toEqual(key.spkiDer);
    expect(pool.stats).toMatchObject({ cacheHits: 0, derivedInline: 1 });
    expect(warnings).toEqual([expect.stringContaining('ignoring')]);

    const repaired = new KeyPool({ seed: 7, cacheDir: dir.path });
    repaired.rsa('node', 1024);
    expect(repaired.stats.cacheHits).toBe(1);
  });

  it('refuses a valid cache file that was written for another key (copied over this one)', () => {
    const pool = new KeyPool({ seed: 7, cacheDir: dir.path });
    pool.rsa('a', 1024);
    const [fileA] = readdirSync(dir.path);
    const b = pool.rsa('b', 1024);
    const fileB = readdirSync(dir.path).find((name) => name !== fileA) as string;
    copyFileSync(join(dir.path, fileA), join(dir.path, fileB));

    const warnings: string[] = [];
    const fresh = new KeyPool({ seed: 7, cacheDir: dir.path, onWarning: (message) => warnings.push(message) });
    expect(fresh.rsa('b', 1024).spkiDer).toEqual(b.spkiDer);
    expect(warnings).toEqual([expect.stringMatching(/written for another key request/)]);
  });

  it('warm() derives missing keys in worker threads, with the same result as deriving inline', async () => {
    const requests = [
      { label: 'pub/CallManager', kind: 'rsa' as const, size: 1024 as const },
      { label: 'pub/tomcat', kind: 'rsa' as const, size: 1024 as const },
      { label: 'pub/ipsec', kind: 'rsa' as const, size: 1024 as const },
      { label: 'pub/tomcat-ECDSA', kind: 'ec' as const, size: 'P-256' as const },
      { label: 'pub/tomcat', kind: 'rsa' as const, size: 1024 as const }, // duplicates are derived once
    ];
    const pool = new KeyPool({ seed: 3, cacheDir: dir.path });
    await pool.warm(requests);
    expect(pool.stats).toMatchObject({ derivedInWorkers: 3, derivedInline: 1 });

    const inline = new KeyPool({ seed: 3, cacheDir: false, workers: 0 });
    for (const request of requests) {
      expect(pool.get(request).spkiDer).toEqual(inline.get(request).spkiDer);
    }
    expect(readdirSync(dir.path)).toHaveLength(4);

    const second = new KeyPool({ seed: 3, cacheDir: dir.path });
    await second.warm(requests);
    expect(second.stats).toMatchObject({ cacheHits: 4, derivedInWorkers: 0, derivedInline: 0 });
  });

  it('warm() derives a single missing key inline (a worker would cost more than it saves)', async () => {
    const pool = new KeyPool({ seed: 3, cacheDir: false });
    await pool.warm([{ label: 'only', kind: 'rsa', size: 1024 }]);
    expect(pool.stats).toMatchObject({ derivedInline: 1, derivedInWorkers: 0 });
  });

  it('warm() falls back to the main thread when no worker may run', async () => {
    const pool = new KeyPool({ seed: 3, cacheDir: false, workers: 0 });
    await pool.warm([
      { label: 'x', kind: 'rsa', size: 1024 },
      { label: 'y', kind: 'rsa', size: 1024 },
    ]);
    expect(pool.stats).toMatchObject({ derivedInline: 2, derivedInWorkers: 0 });
  });

  it('rejects unsupported sizes and empty labels with a clear message', async () => {
    const pool = new KeyPool({ seed: 1, cacheDir: false });
    expect(() => pool.rsa('x', 511)).toThrow(/RSA key size 511 is not supported/);
    expect(() => pool.ec('x', 'P-192' as never)).toThrow(/EC curve P-192 is not supported/);
    expect(() => pool.rsa('', 1024)).toThrow(/label/);
    await expect(pool.warm([{ label: 'x', kind: 'rsa', size: 511 as never }])).rejects.toThrow(/not supported/);
  });
});

/** The PEM label of a PKCS#8 private key. */
const PKCS8_LABEL = 'PRIVATE KEY';

function flipBodyCharacter(text: string): string {
  const index = text.search(/-----BEGIN [A-Z ]+-----\n/) + 28 + 300;
  const replacement = text[index] === 'A' ? 'B' : 'A';
  return text.slice(0, index) + replacement + text.slice(index + 1);
}
