import { createHash, createPrivateKey, randomBytes, type KeyObject } from 'crypto';
import { mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'fs';
import { join } from 'path';
import { EC_CURVE_PARAMETERS, type EcCurve } from './ec-key-derivation';
import type { KeyKind, KeySize } from './seed-material';

const FORMAT_LINE = 'trustsim-key-cache v1';

/**
 * On-disk cache of derived private keys, one PKCS#8 PEM file per key, so a second run does not pay the
 * derivation again. The workspace holds it; the event log never does.
 *
 * File name: sha256("trustsim-key-cache/v1" NUL seed material). The seed material already contains the
 * derivation version, seed, label, kind and size, so a new algorithm version can never read an old key.
 *
 * Content: a few header lines, then the PEM (OpenSSL and Node ignore text before "-----BEGIN"):
 *   trustsim-key-cache v1
 *   seed-material-sha256: <hex>   which request the key answers (a copied or renamed file is refused)
 *   kind: rsa / size: 2048       what the key must be
 *   pkcs8-sha256: <hex>          checksum of the key bytes (a flipped bit that still parses is refused)
 *
 * Why not re-derive and compare: that costs exactly what the cache saves. The checks above catch torn writes,
 * disk corruption and stray edits; anything that fails them is ignored, reported through `onWarning`, and
 * the key is derived again and the file rewritten. Someone able to write a consistent forged file can change
 * the simulated keys: that only breaks reproducibility of their own runs (delete the directory to reset).
 *
 * Writes go to a unique temporary file (mode 0600) renamed into place, so a reader never sees half a file and
 * two processes warming the same cache both end with a valid one.
 */
export class KeyFileCache {
  constructor(
    readonly directory: string,
    private readonly onWarning: (message: string) => void = () => undefined,
  ) {}

  pathFor(seedMaterial: Buffer): string {
    const name = createHash('sha256').update('trustsim-key-cache/v1\0').update(seedMaterial).digest('hex');
    return join(this.directory, `${name}.pem`);
  }

  /** The cached key, or undefined when absent or not trustworthy (then a warning says why). */
  read(seedMaterial: Buffer, kind: KeyKind, size: KeySize): KeyObject | undefined {
    const path = this.pathFor(seedMaterial);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.onWarning(`key cache: cannot read ${path} (${(error as Error).message}); deriving the key again`);
      }
      return undefined;
    }
    const problem = checkCacheFile(text, seedMaterial, kind, size);
    if (typeof problem === 'string') {
      this.onWarning(`key cache: ignoring ${path}: ${problem}; deriving the key again`);
      return undefined;
    }
    return problem.key;
  }

  write(seedMaterial: Buffer, kind: KeyKind, size: KeySize, privateKey: KeyObject): void {
    const path = this.pathFor(seedMaterial);
    const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      mkdirSync(this.directory, { recursive: true, mode: 0o700 });
      writeFileSync(temporary, formatCacheFile(seedMaterial, kind, size, privateKey), { mode: 0o600, flag: 'wx' });
      renameSync(temporary, path);
    } catch (error) {
      // The cache only saves time: failing to write it must not fail the simulation.
      this.onWarning(`key cache: cannot write ${path} (${(error as Error).message})`);
      try {
        unlinkSync(temporary);
      } catch {
        /* already gone */
      }
    }
  }
}

function formatCacheFile(seedMaterial: Buffer, kind: KeyKind, size: KeySize, privateKey: KeyObject): string {
  const der = privateKey.export({ type: 'pkcs8', format: 'der' });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  return [
    FORMAT_LINE,
    `seed-material-sha256: ${sha256Hex(seedMaterial)}`,
    `kind: ${kind}`,
    `size: ${size}`,
    `pkcs8-sha256: ${sha256Hex(der)}`,
    pem.trimEnd(),
    '',
  ].join('\n');
}

function checkCacheFile(text: string, seedMaterial: Buffer, kind: KeyKind, size: KeySize): { key: KeyObject } | string {
  // The PEM block starts at the first armour line; createPrivateKey below checks it is really PKCS#8.
  const pemStart = text.indexOf('-----BEGIN ');
  if (pemStart < 0) return 'no PKCS#8 PEM block';
  const header = new Map<string, string>();
  const lines = text.slice(0, pemStart).split('\n').map((line) => line.trim()).filter(Boolean);
  if (lines[0] !== FORMAT_LINE) return 'unknown format line';
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) header.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  if (header.get('seed-material-sha256') !== sha256Hex(seedMaterial)) return 'written for another key request';
  if (header.get('kind') !== kind || header.get('size') !== String(size)) return 'kind or size does not match';

  let key: KeyObject;
  try {
    key = createPrivateKey(text.slice(pemStart));
  } catch (error) {
    return `PEM does not parse (${(error as Error).message})`;
  }
  if (header.get('pkcs8-sha256') !== sha256Hex(key.export({ type: 'pkcs8', format: 'der' }))) {
    return 'checksum mismatch';
  }
  if (!keyMatches(key, kind, size)) return `key is not ${kind} ${size}`;
  return { key };
}

function keyMatches(key: KeyObject, kind: KeyKind, size: KeySize): boolean {
  const details = key.asymmetricKeyDetails ?? {};
  if (kind === 'rsa') return key.asymmetricKeyType === 'rsa' && details.modulusLength === size;
  return key.asymmetricKeyType === 'ec' && details.namedCurve === EC_CURVE_PARAMETERS[size as EcCurve]?.opensslName;
}

function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}
