import { createHash, sign, verify } from 'crypto';
import { bigIntFromBytes } from './bigint-bytes';
import { deriveRsaKeyPair } from './rsa-key-derivation';

const seed = (text: string) => Buffer.from(text, 'utf8');
const spkiOf = (key: { publicKey: import('crypto').KeyObject }) => key.publicKey.export({ type: 'spki', format: 'der' });
const big = (b64url: string | undefined) => bigIntFromBytes(Buffer.from(b64url ?? '', 'base64url'));

describe('deriveRsaKeyPair', () => {
  it('gives the same key for the same seed material and size', () => {
    const first = deriveRsaKeyPair(seed('scenario-1/cucmpub/CallManager'), 1024);
    const again = deriveRsaKeyPair(seed('scenario-1/cucmpub/CallManager'), 1024);
    expect(spkiOf(again)).toEqual(spkiOf(first));
    expect(again.privateKey.export({ type: 'pkcs8', format: 'der' })).toEqual(first.privateKey.export({ type: 'pkcs8', format: 'der' }));
  });

  it('gives a different key for different seed material', () => {
    expect(spkiOf(deriveRsaKeyPair(seed('a'), 1024))).not.toEqual(spkiOf(deriveRsaKeyPair(seed('b'), 1024)));
  });

  it('pins the algorithm: known answer for seed material "kat" (changing it changes every event log)', () => {
    const fingerprint = createHash('sha256').update(spkiOf(deriveRsaKeyPair(seed('kat'), 1024))).digest('hex');
    expect(fingerprint).toBe(KAT_1024);
  });

  it('produces a consistent RSA key: n = p·q, e·d ≡ 1 (mod λ), CRT values, exact modulus length', () => {
    const pair = deriveRsaKeyPair(seed('consistency'), 1024);
    const jwk = pair.privateKey.export({ format: 'jwk' });
    const [n, e, d, p, q, dp, dq, qi] = [jwk.n, jwk.e, jwk.d, jwk.p, jwk.q, jwk.dp, jwk.dq, jwk.qi].map(big);
    expect(p * q).toBe(n);
    expect(e).toBe(65537n);
    expect(p).toBeGreaterThan(q);
    expect((e * d) % (((p - 1n) * (q - 1n)) / gcd(p - 1n, q - 1n))).toBe(1n);
    expect(dp).toBe(d % (p - 1n));
    expect(dq).toBe(d % (q - 1n));
    expect((qi * q) % p).toBe(1n);
    expect(pair.publicKey.asymmetricKeyDetails).toEqual({ modulusLength: 1024, publicExponent: 65537n });
    const signature = sign('sha256', Buffer.from('hello'), pair.privateKey);
    expect(verify('sha256', Buffer.from('hello'), pair.publicKey, signature)).toBe(true);
  });

  it('derives a 2048-bit key (the size CUCM uses by default) quickly', () => {
    const started = Date.now();
    const pair = deriveRsaKeyPair(seed('size-2048'), 2048);
    expect(pair.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(Date.now() - started).toBeLessThan(3000); // ~50–150 ms on one idle core; generous for busy machines
  });

  it('refuses sizes outside 512–16384 bits', () => {
    expect(() => deriveRsaKeyPair(seed('x'), 256)).toThrow(/RSA key size 256 is not supported \(RSA keys are 512 to 16384 bits\)/);
    expect(() => deriveRsaKeyPair(seed('x'), 16_385)).toThrow(/not supported/);
    expect(() => deriveRsaKeyPair(seed('x'), 1536.5)).toThrow(/not supported/);
  });

  it('[chapter] derives any size a certificate can carry, odd ones included: a modulus of exactly that many bits', () => {
    for (const bits of [512, 1000, 1023, 1536]) {
      const pair = deriveRsaKeyPair(seed(`size-${bits}`), bits);
      expect(pair.publicKey.asymmetricKeyDetails?.modulusLength).toBe(bits);
      const signature = sign('sha256', Buffer.from('hello'), pair.privateKey);
      expect(verify('sha256', Buffer.from('hello'), pair.publicKey, signature)).toBe(true);
    }
  });
});

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a;
}

const KAT_1024 = '6527010319914f75e80c50aa4dec10076e140a5c2b3688085ceb1e321ff56bce';
