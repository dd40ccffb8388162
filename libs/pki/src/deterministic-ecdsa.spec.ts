import { createECDH, createHash, createPrivateKey, createPublicKey, generateKeyPairSync, verify } from 'crypto';
import { bigIntToBase64Url } from './bigint-bytes';
import { childrenOf, contentOf, readNode } from './der';
import { rfc6979Nonce, signEcdsaDeterministic, signEcdsaDigest } from './deterministic-ecdsa';
import { EC_CURVE_PARAMETERS, deriveEcKeyPair, type EcCurve } from './ec-key-derivation';
import type { SignatureHash } from './native-signer';

/** RFC 6979 appendix A.2.5–A.2.7 (message "sample" unless noted): private key, and k, r, s per hash. */
const VECTORS: { curve: EcCurve; d: string; hash: SignatureHash; message: string; k: string; r: string; s: string }[] = [
  {
    curve: 'P-256',
    d: 'c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721',
    hash: 'sha256',
    message: 'sample',
    k: 'a6e3c57dd01abe90086538398355dd4c3b17aa873382b0f24d6129493d8aad60',
    r: 'efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716',
    s: 'f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8',
  },
  {
    curve: 'P-256',
    d: 'c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721',
    hash: 'sha256',
    message: 'test',
    k: 'd16b6ae827f17175e040871a1c7ec3500192c4c92677336ec2537acaee0008e0',
    r: 'f1abb023518351cd71d881567b1ea663ed3efcf6c5132b354f28d3b0b7d38367',
    s: '019f4113742a2b14bd25926b49c649155f267e60d3814b4c0cc84250e46f0083',
  },
  {
    // A hash longer than the group order: bits2int keeps the leftmost 256 bits.
    curve: 'P-256',
    d: 'c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721',
    hash: 'sha512',
    message: 'sample',
    k: '5fa81c63109badb88c1f367b47da606da28cad69aa22c4fe6ad7df73a7173aa5',
    r: '8496a60b5e9b47c825488827e0495b0e3fa109ec4568fd3f8d1097678eb97f00',
    s: '2362ab1adbe2b8adf9cb9edab740ea6049c028114f2460f96554f61fae3302fe',
  },
  {
    curve: 'P-384',
    d: '6b9d3dad2e1b8c1c05b19875b6659f4de23c3b667bf297ba9aa47740787137d896d5724e4c70a825f872c9ea60d2edf5',
    hash: 'sha384',
    message: 'sample',
    k: '94ed910d1a099dad3254e9242ae85abde4ba15168eaf0ca87a555fd56d10fbca2907e3e83ba95368623b8c4686915cf9',
    r: '94edbb92a5ecb8aad4736e56c691916b3f88140666ce9fa73d64c4ea95ad133c81a648152e44acf96e36dd1e80fabe46',
    s: '99ef4aeb15f178cea1fe40db2603138f130e740a19624526203b6351d0a3a94fa329c145786e679e7b82c71a38628ac8',
  },
  {
    curve: 'P-384',
    d: '6b9d3dad2e1b8c1c05b19875b6659f4de23c3b667bf297ba9aa47740787137d896d5724e4c70a825f872c9ea60d2edf5',
    hash: 'sha384',
    message: 'test',
    k: '015ee46a5bf88773ed9123a5ab0807962d193719503c527b031b4c2d225092ada71f4a459bc0da98adb95837db8312ea',
    r: '8203b63d3c853e8d77227fb377bcf7b7b772e97892a80f36ab775d509d7a5feb0542a7f0812998da8f1dd3ca3cf023db',
    s: 'ddd0760448d42d8a43af45af836fce4de8be06b485e9b61b827c2f13173923e06a739f040649a667bf3b828246baa5a5',
  },
  {
    // 521 bits: not a whole number of octets, so bits2int and int2octets are both exercised.
    curve: 'P-521',
    d: '0fad06daa62ba3b25d2fb40133da757205de67f5bb0018fee8c86e1b68c7e75caa896eb32f1f47c70855836a6d16fcc1466f6d8fbec67db89ec0c08b0e996b83538',
    hash: 'sha512',
    message: 'sample',
    k: '1dae2ea071f8110dc26882d4d5eae0621a3256fc8847fb9022e2b7d28e6f10198b1574fdd03a9053c08a1854a168aa5a57470ec97dd5ce090124ef52a2f7ecbffd3',
    r: '0c328fafcbd79dd77850370c46325d987cb525569fb63c5d3bc53950e6d4c5f174e25a1ee9017b5d450606add152b534931d7d4e8455cc91f9b15bf05ec36e377fa',
    s: '0617cce7cf5064806c467f678d3b4080d6f1cc50af26ca209417308281b68af282623eaa63e5b5c0723d8b8c37ff0777b1a20f8ccb1dccc43997f1ee0e44da4a67a',
  },
];

/** A KeyObject for a raw private scalar (the public point computed by OpenSSL). */
function keyFromScalar(curve: EcCurve, dHex: string) {
  const { opensslName, bytes } = EC_CURVE_PARAMETERS[curve];
  const d = BigInt('0x' + dHex);
  const ecdh = createECDH(opensslName);
  ecdh.setPrivateKey(Buffer.from(dHex.padStart(bytes * 2, '0'), 'hex'));
  const point = ecdh.getPublicKey();
  return createPrivateKey({
    format: 'jwk',
    key: {
      kty: 'EC',
      crv: curve,
      d: bigIntToBase64Url(d, bytes),
      x: point.subarray(1, 1 + bytes).toString('base64url'),
      y: point.subarray(1 + bytes).toString('base64url'),
    },
  });
}

function decodeSignature(der: Buffer): { r: bigint; s: bigint } {
  const [r, s] = childrenOf(der, readNode(der, 0)).map((node) => BigInt('0x' + contentOf(der, node).toString('hex')));
  return { r, s };
}

describe('deterministic ECDSA (RFC 6979)', () => {
  it.each(VECTORS)('reproduces the RFC vector for $curve / $hash / "$message"', ({ curve, d, hash, message, k, r, s }) => {
    const h1 = createHash(hash).update(message).digest();
    expect(rfc6979Nonce(curve, BigInt('0x' + d), h1, hash)).toBe(BigInt('0x' + k));
    expect(signEcdsaDigest(curve, BigInt('0x' + d), h1, hash)).toEqual({ r: BigInt('0x' + r), s: BigInt('0x' + s) });

    const key = keyFromScalar(curve, d);
    const der = signEcdsaDeterministic(key, hash, Buffer.from(message));
    expect(decodeSignature(der)).toEqual({ r: BigInt('0x' + r), s: BigInt('0x' + s) });
    expect(verify(hash, Buffer.from(message), createPublicKey(key), der)).toBe(true);
  });

  it('gives the same bytes every time, and OpenSSL verifies them, for derived keys on every curve and hash', () => {
    const data = Buffer.from('TBSCertificate stand-in');
    for (const curve of ['P-256', 'P-384', 'P-521'] as const) {
      const { privateKey, publicKey } = deriveEcKeyPair(Buffer.from(`ecdsa-spec/${curve}`), curve);
      for (const hash of ['sha1', 'sha256', 'sha384', 'sha512'] as const) {
        const first = signEcdsaDeterministic(privateKey, hash, data);
        expect(signEcdsaDeterministic(privateKey, hash, data)).toEqual(first);
        expect(verify(hash, data, publicKey, first)).toBe(true);
        expect(verify(hash, Buffer.from('something else'), publicKey, first)).toBe(false);
      }
    }
  });

  it('encodes r and s as minimal positive INTEGERs (a 00 octet only before a set top bit)', () => {
    // Enough signatures that both a high top bit and a short (leading-zero) value turn up.
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    for (let i = 0; i < 64; i++) {
      const der = signEcdsaDeterministic(privateKey, 'sha256', Buffer.from([i]));
      for (const node of childrenOf(der, readNode(der, 0))) {
        const content = contentOf(der, node);
        if (content.length > 1) expect(content[0] === 0 ? content[1] >= 0x80 : content[0] < 0x80).toBe(true);
      }
    }
  });

  it('refuses keys it cannot sign with', () => {
    const { privateKey, publicKey } = deriveEcKeyPair(Buffer.from('ecdsa-spec/refuse'), 'P-256');
    expect(() => signEcdsaDeterministic(publicKey, 'sha256', Buffer.alloc(1))).toThrow(/private key/);
    expect(() => signEcdsaDeterministic(privateKey, 'md5' as SignatureHash, Buffer.alloc(1))).toThrow(/unsupported signature hash/);
    const secp256k1 = generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).privateKey;
    expect(() => signEcdsaDeterministic(secp256k1, 'sha256', Buffer.alloc(1))).toThrow(/secp256k1 is not supported/);
    const ed = generateKeyPairSync('ed25519').privateKey;
    expect(() => signEcdsaDeterministic(ed, 'sha256', Buffer.alloc(1))).toThrow(/expected an EC key/);
  });
});
