import * as forge from 'node-forge';
import { SIGNATURE_HASHES } from './native-signer';
import { ECDSA_SIGNATURE_ALGORITHMS, RSA_SIGNATURE_ALGORITHMS, signatureAlgorithmFromOid } from './signature-algorithm';

/** The AlgorithmIdentifier as forge would encode it: SEQUENCE { OID [, NULL] }. */
function encoded(oid: string, withNull: boolean): Buffer {
  const { Class, Type } = forge.asn1;
  const parts = [forge.asn1.create(Class.UNIVERSAL, Type.OID, false, forge.asn1.oidToDer(oid).getBytes())];
  if (withNull) parts.push(forge.asn1.create(Class.UNIVERSAL, Type.NULL, false, ''));
  return Buffer.from(forge.asn1.toDer(forge.asn1.create(Class.UNIVERSAL, Type.SEQUENCE, true, parts)).getBytes(), 'binary');
}

describe('signature AlgorithmIdentifiers', () => {
  it.each(SIGNATURE_HASHES)('%s: RSA with NULL parameters, ECDSA without (RFC 5758), and back from the OID', (hash) => {
    expect(RSA_SIGNATURE_ALGORITHMS[hash].der).toEqual(encoded(RSA_SIGNATURE_ALGORITHMS[hash].oid, true));
    expect(ECDSA_SIGNATURE_ALGORITHMS[hash].der).toEqual(encoded(ECDSA_SIGNATURE_ALGORITHMS[hash].oid, false));
    expect(signatureAlgorithmFromOid(RSA_SIGNATURE_ALGORITHMS[hash].oid)).toEqual({ keyAlgorithm: 'RSA', hash });
    expect(signatureAlgorithmFromOid(ECDSA_SIGNATURE_ALGORITHMS[hash].oid)).toEqual({ keyAlgorithm: 'EC', hash });
  });

  it('knows nothing of RSA-PSS or EdDSA', () => {
    expect(signatureAlgorithmFromOid('1.2.840.113549.1.1.10')).toBeUndefined();
    expect(signatureAlgorithmFromOid('1.3.101.112')).toBeUndefined();
  });
});
