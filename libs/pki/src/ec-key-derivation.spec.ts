import { createECDH, sign, verify } from 'crypto';
import { bigIntFromBytes, bigIntToBytes } from './bigint-bytes';
import { deriveEcKeyPair, EC_CURVE_PARAMETERS, EC_CURVES } from './ec-key-derivation';

describe('deriveEcKeyPair', () => {
  it.each(EC_CURVES)('derives a working, reproducible %s key', (curve) => {
    const pair = deriveEcKeyPair(Buffer.from('scenario-1/cucmpub/CallManager-ECDSA'), curve);
    const again = deriveEcKeyPair(Buffer.from('scenario-1/cucmpub/CallManager-ECDSA'), curve);
    expect(again.privateKey.export({ format: 'jwk' })).toEqual(pair.privateKey.export({ format: 'jwk' }));
    expect(pair.publicKey.asymmetricKeyDetails?.namedCurve).toBe(EC_CURVE_PARAMETERS[curve].opensslName);

    const scalar = bigIntFromBytes(Buffer.from(pair.privateKey.export({ format: 'jwk' }).d ?? '', 'base64url'));
    expect(scalar).toBeGreaterThanOrEqual(1n);
    expect(scalar).toBeLessThan(EC_CURVE_PARAMETERS[curve].order);

    const signature = sign('sha256', Buffer.from('itl'), pair.privateKey);
    expect(verify('sha256', Buffer.from('itl'), pair.publicKey, signature)).toBe(true);
  });

  it('gives different keys for different seed material', () => {
    const a = deriveEcKeyPair(Buffer.from('a'), 'P-256').publicKey.export({ type: 'spki', format: 'der' });
    const b = deriveEcKeyPair(Buffer.from('b'), 'P-256').publicKey.export({ type: 'spki', format: 'der' });
    expect(a).not.toEqual(b);
  });

  it.each(EC_CURVES)('has the right group order for %s ((n-1)·G = -G, and n is refused)', (curve) => {
    const { opensslName, order, bytes } = EC_CURVE_PARAMETERS[curve];
    const publicPoint = (scalar: bigint) => {
      const ecdh = createECDH(opensslName);
      ecdh.setPrivateKey(bigIntToBytes(scalar, bytes));
      return ecdh.getPublicKey();
    };
    const g = publicPoint(1n);
    const minusG = publicPoint(order - 1n);
    expect(minusG.subarray(1, 1 + bytes)).toEqual(g.subarray(1, 1 + bytes)); // same x
    expect(minusG).not.toEqual(g); // opposite y
    expect(() => publicPoint(order)).toThrow();
  });

  it('refuses an unknown curve', () => {
    expect(() => deriveEcKeyPair(Buffer.from('x'), 'P-192' as never)).toThrow(/not supported/);
  });
});
