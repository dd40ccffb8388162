import { X509Certificate, createPublicKey } from 'node:crypto';
import { CertificateReadError, readCertificateFields } from './certificate-fields';
import { cucmName, ecKey, makeCertificate, rsaKey, selfSigned } from './test-support/certificates';

describe('readCertificateFields: what a record pre-extracts from its certificate', () => {
  const ca = rsaKey(1024, 1);
  const leaf = rsaKey(1024, 0);

  it('writes subject and issuer in Cisco DN form, CN first', () => {
    const der = makeCertificate({
      subject: cucmName('cucm-pub.example.com'),
      issuer: [['C', 'US'], ['O', 'Example CA'], ['CN', 'Example Issuing CA']],
      serialHex: '1a2b3c',
      publicKey: leaf.publicKey,
      signingKey: ca.privateKey,
    });
    const fields = readCertificateFields(der);
    expect(fields.subject).toBe('CN=cucm-pub.example.com;OU=VTG;O=Cisco;L=RTP;ST=NC;C=US');
    expect(fields.issuer).toBe('CN=Example Issuing CA;O=Example CA;C=US');
    // The fixture's certificate is sound: Node parses it and the CA's key verifies it.
    expect(new X509Certificate(der).verify(ca.publicKey)).toBe(true);
  });

  it('gives the same DN whatever order the certificate lists the attributes in', () => {
    const der = makeCertificate({
      subject: [['CN', 'tvs'], ['OU', 'VTG'], ['O', 'Cisco'], ['L', 'RTP'], ['ST', 'NC'], ['C', 'US'], ['E', 'pki@example.com']],
      serialHex: '01',
      publicKey: leaf.publicKey,
      signingKey: leaf.privateKey,
    });
    expect(readCertificateFields(der).subject).toBe('CN=tvs;OU=VTG;O=Cisco;L=RTP;ST=NC;C=US;E=pki@example.com');
  });

  it('keeps non-ASCII values as UTF-8 text', () => {
    const der = makeCertificate({ subject: [['CN', 'Zürich-Ünïcode']], serialHex: '02', publicKey: leaf.publicKey, signingKey: leaf.privateKey });
    expect(readCertificateFields(der).subject).toBe('CN=Zürich-Ünïcode');
  });

  it('takes the serial as minimal big-endian bytes (no DER sign byte)', () => {
    expect(readCertificateFields(selfSigned('a', '80ff01', leaf)).serial.toString('hex')).toBe('80ff01');
    expect(readCertificateFields(selfSigned('a', '7f', leaf)).serial.toString('hex')).toBe('7f');
    expect(new X509Certificate(selfSigned('a', '80ff01', leaf)).serialNumber.toLowerCase()).toBe('80ff01');
  });

  it('takes an RSA key as PKCS#1 RSAPublicKey DER', () => {
    const fields = readCertificateFields(selfSigned('a', '01', leaf));
    expect(fields.keyType).toBe('rsa');
    expect(fields.publicKey.equals(leaf.publicKey.export({ type: 'pkcs1', format: 'der' }))).toBe(true);
    expect(createPublicKey({ key: fields.publicKey, format: 'der', type: 'pkcs1' }).equals(leaf.publicKey)).toBe(true);
  });

  it('takes an EC key as the uncompressed point', () => {
    const ec = ecKey();
    const fields = readCertificateFields(makeCertificate({ subject: cucmName('cm-ecdsa'), serialHex: '03', publicKey: ec.publicKey, signingKey: ca.privateKey }));
    const jwk = ec.publicKey.export({ format: 'jwk' });
    expect(fields.keyType).toBe('ec');
    expect(fields.publicKey.toString('hex')).toBe('04' + Buffer.from(jwk.x!, 'base64url').toString('hex') + Buffer.from(jwk.y!, 'base64url').toString('hex'));
  });

  it('expands a compressed EC point to the uncompressed form', () => {
    const ec = ecKey();
    const spki = ec.publicKey.export({ type: 'spki', format: 'der' }); // P-256: 26-byte prefix, then 04||X||Y
    const x = spki.subarray(27, 59);
    const y = spki.subarray(59, 91);
    const prefix = Buffer.from(spki.subarray(0, 26));
    prefix[1] = 0x39; // SEQUENCE length 89 -> 57
    prefix[24] = 0x22; // BIT STRING length 66 -> 34 (prefix[25] is its unused-bits byte)
    const compressed = Buffer.concat([prefix, Buffer.of(y[31] & 1 ? 0x03 : 0x02), x]);
    const der = makeCertificate({ subject: cucmName('cm-ecdsa'), serialHex: '04', publicKey: ec.publicKey, spkiDer: compressed, signingKey: ca.privateKey });
    expect(readCertificateFields(der).publicKey.equals(spki.subarray(26))).toBe(true);
  });

  it("takes the certificate's own signature value (the last BIT STRING)", () => {
    const der = selfSigned('a', '01', leaf);
    const fields = readCertificateFields(der);
    expect(fields.signature).toHaveLength(128);
    expect(der.subarray(der.length - 128).equals(fields.signature)).toBe(true);
  });

  it('rejects what is not a certificate, saying so', () => {
    expect(() => readCertificateFields(Buffer.from('hello'))).toThrow(CertificateReadError);
    const der = selfSigned('a', '01', leaf);
    expect(() => readCertificateFields(der.subarray(0, der.length - 1))).toThrow(/not a DER X.509 certificate/);
    expect(() => readCertificateFields(Buffer.concat([der, Buffer.of(0)]))).toThrow(/stray bytes/);
  });
});
