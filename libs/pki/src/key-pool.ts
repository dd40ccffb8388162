import { createPublicKey, type KeyObject } from 'crypto';
import { join } from 'path';
import type { EcCurve } from './ec-key-derivation';
import { KeyFileCache } from './key-cache';
import { assertKeySize, derivePrivateKey } from './key-derivation';
import { deriveInWorkers } from './key-worker-pool';
import type { RsaKeySize } from './rsa-key-derivation';
import { keySeedMaterial, type KeyKind, type KeyRequest, type KeySize } from './seed-material';

export interface KeyPair {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** SubjectPublicKeyInfo DER: what goes into a certificate and what fingerprints are taken of. */
  readonly spkiDer: Buffer;
}

export interface KeyPoolOptions {
  /** The scenario seed; 1 and "1" are the same seed. */
  seed: number | string;
  /** Directory of the on-disk key cache (default `<cwd>/.trustsim/keys`); `false` disables it. */
  cacheDir?: string | false;
  /** Worker threads for `warm` (default 2; 0 derives on the main thread). */
  workers?: number;
  /** Told about ignored cache files and failed cache writes (default: silent). */
  onWarning?: (message: string) => void;
}

export interface KeyPoolStats {
  /** Keys served from the in-memory memo. */
  memoHits: number;
  /** Keys loaded from the disk cache. */
  cacheHits: number;
  /** Keys derived on the main thread. */
  derivedInline: number;
  /** Keys derived in worker threads. */
  derivedInWorkers: number;
}

/**
 * The simulator's source of key pairs: one deterministic key per (seed, label, kind, size).
 *
 * Lookup order: memo (the same label twice gives the same KeyObject), then the disk cache, then derivation.
 * Private keys stay here and in the cache directory; callers put only certificates and public data into
 * events. `rsa()`/`ec()` are synchronous so domain code can ask for a key where it needs one; call `warm()`
 * with a scenario's keys first to derive the missing ones in parallel.
 */
export class KeyPool {
  readonly seed: string;
  private readonly cache?: KeyFileCache;
  private readonly workerCount: number;
  private readonly memo = new Map<string, KeyPair>();
  private readonly counters: KeyPoolStats = { memoHits: 0, cacheHits: 0, derivedInline: 0, derivedInWorkers: 0 };

  constructor(options: KeyPoolOptions) {
    if (typeof options.seed === 'number' && !Number.isFinite(options.seed)) {
      throw new RangeError(`KeyPool seed must be finite, got ${options.seed}`);
    }
    this.seed = String(options.seed);
    const directory = options.cacheDir === undefined ? join(process.cwd(), '.trustsim', 'keys') : options.cacheDir;
    if (directory !== false) this.cache = new KeyFileCache(directory, options.onWarning);
    this.workerCount = Math.max(0, Math.floor(options.workers ?? 2));
  }

  get cacheDir(): string | undefined {
    return this.cache?.directory;
  }

  get stats(): Readonly<KeyPoolStats> {
    return { ...this.counters };
  }

  rsa(label: string, bits: RsaKeySize | number): KeyPair {
    return this.get({ label, kind: 'rsa', size: bits as RsaKeySize });
  }

  ec(label: string, curve: EcCurve): KeyPair {
    return this.get({ label, kind: 'ec', size: curve });
  }

  get(request: KeyRequest): KeyPair {
    assertKeySize(request.kind, request.size);
    const id = memoId(request);
    const known = this.memo.get(id);
    if (known) {
      this.counters.memoHits++;
      return known;
    }
    const seedMaterial = keySeedMaterial(this.seed, request);
    let privateKey = this.cache?.read(seedMaterial, request.kind, request.size);
    if (privateKey) {
      this.counters.cacheHits++;
    } else {
      privateKey = derivePrivateKey(seedMaterial, request.kind, request.size);
      this.counters.derivedInline++;
      this.cache?.write(seedMaterial, request.kind, request.size, privateKey);
    }
    return this.remember(id, privateKey);
  }

  /**
   * Makes sure every requested key is in memory, deriving missing RSA keys in worker threads (EC keys take
   * well under a millisecond and are derived inline). A job no worker could finish is derived here instead,
   * so `warm` fails only where `get` would (for example an unsupported size).
   */
  async warm(requests: readonly KeyRequest[]): Promise<void> {
    const missing: { id: string; request: KeyRequest; seedMaterial: Buffer }[] = [];
    const seen = new Set<string>();
    for (const request of requests) {
      assertKeySize(request.kind, request.size);
      const id = memoId(request);
      if (seen.has(id) || this.memo.has(id)) continue;
      seen.add(id);
      const seedMaterial = keySeedMaterial(this.seed, request);
      const cached = this.cache?.read(seedMaterial, request.kind, request.size);
      if (cached) {
        this.counters.cacheHits++;
        this.remember(id, cached);
      } else if (request.kind === 'ec') {
        this.get(request);
      } else {
        missing.push({ id, request, seedMaterial });
      }
    }
    if (missing.length === 0) return;
    if (missing.length === 1) {
      // One key cannot be parallelised, and starting a worker (~50-100 ms) costs about as much as the key.
      this.get(missing[0].request);
      return;
    }

    // Largest keys first, so the longest job does not start last and leave a worker idle at the end.
    missing.sort((a, b) => Number(b.request.size) - Number(a.request.size));
    const keys = await deriveInWorkers(
      missing.map(({ request, seedMaterial }) => ({ seedMaterial, kind: request.kind, size: request.size })),
      this.workerCount,
    );
    missing.forEach(({ id, request, seedMaterial }, index) => {
      const privateKey = keys[index];
      if (this.memo.has(id)) return; // fetched synchronously while the workers ran
      if (!privateKey) {
        this.get(request);
        return;
      }
      this.counters.derivedInWorkers++;
      this.cache?.write(seedMaterial, request.kind, request.size, privateKey);
      this.remember(id, privateKey);
    });
  }

  private remember(id: string, privateKey: KeyObject): KeyPair {
    const publicKey = createPublicKey(privateKey);
    const pair: KeyPair = Object.freeze({
      privateKey,
      publicKey,
      spkiDer: publicKey.export({ type: 'spki', format: 'der' }),
    });
    this.memo.set(id, pair);
    return pair;
  }
}

function memoId(request: { label: string; kind: KeyKind; size: KeySize }): string {
  return JSON.stringify([request.label, request.kind, String(request.size)]);
}
