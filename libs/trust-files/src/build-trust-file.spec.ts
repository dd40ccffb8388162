import { verify } from 'node:crypto';
import { TrustFileBuildError, buildTrustFile } from './build-trust-file';
import { parseTrustFile } from './parse-trust-file';
import { TrustRole } from './roles';
import { RecordTag } from './tags';
import { cucmName, ecKey, makeCertificate, rsaKey, selfSigned } from './test-support/certificates';
import type { TrustFileInput } from './types';

const ascii = (text: string) => Buffer.from(text, 'latin1').toString('hex');
const NAME = 'CN=itlrecovery;OU=VTG;O=Cisco;L=RTP;ST=NC;C=US'; // 46 characters, 47 with the NUL

describe('buildTrustFile', () => {
  const signerKey = rsaKey(1024);
  const signerDer = selfSigned('itlrecovery', '1a2b', signerKey);
  const tiny: TrustFileInput = {
    fileName: 'ITLFile.tlv',
    timestamp: 1_700_000_000,
    digest: 'sha256',
    records: [{ certificateDer: signerDer, role: TrustRole.SAST, dnsName: 'pub', ipAddress: '10.0.0.1' }],
    signer: { certificateDer: signerDer, privateKey: signerKey.privateKey },
  };

  describe('[STOKENLESS] [SNONSECURE] [SEMCC] golden layout of a tiny file (1024-bit signer, one SAST record)', () => {
    const file = buildTrustFile(tiny);
    // Written out by hand from the published dumps' element list, so a change of layout cannot pass
    // unnoticed: no SIGNER_VERSION, SIGNATURE outside SIGNATURE_INFO (its length is 15), padding last.
    const beforeSignature =
      '010002' + '0102' + //               VERSION 1.2
      '020002' + '0124' + //               HEADER_LENGTH 292
      '030069' + //                        SIGNER_INFO, 105 bytes:
      '04002f' + ascii(NAME) + '00' + //     SIGNER_NAME
      '050002' + '1a2b' + //                 SERIAL_NUMBER
      '06002f' + ascii(NAME) + '00' + //     ISSUER_NAME
      '07000f' + //                        SIGNATURE_INFO, 15 bytes:
      '080001' + '02' + //                   DIGEST_ALGORITHM SHA-256
      '090008' + //                          SIGNATURE_ALGORITHM_INFO, 8 bytes:
      '0a0001' + '00' + //                     SIGNATURE_ALGORITHM 0 (RSA)
      '0b0001' + '01'; //                      SIGNATURE_MODULUS 1 (128-byte signature)
    const signatureHead = '0c0080'; //     SIGNATURE, 128 bytes
    const afterSignature =
      '0e000c' + ascii('ITLFile.tlv') + '00' + // FILENAME
      '0f0004' + '6553f100' + //           TIMESTAMP 1700000000
      '0d0d0d'; //                         PADDING to 292, a multiple of 4, after the last element
    const signatureOffset = beforeSignature.length / 2;
    const headerLength = 292;

    it('lays the header out element by element', () => {
      expect(file.subarray(0, signatureOffset).toString('hex')).toBe(beforeSignature);
      expect(file.subarray(signatureOffset, signatureOffset + 3).toString('hex')).toBe(signatureHead);
      expect(file.subarray(signatureOffset + 3 + 128, headerLength).toString('hex')).toBe(afterSignature);
    });

    it('signs the whole file minus the SIGNATURE element, RSA PKCS#1 v1.5', () => {
      const signature = file.subarray(signatureOffset + 3, signatureOffset + 3 + 128);
      const covered = Buffer.concat([file.subarray(0, signatureOffset), file.subarray(signatureOffset + 3 + 128)]);
      expect(verify('sha256', covered, signerKey.publicKey, signature)).toBe(true);
    });

    it('lays a record out in tag order after the header', () => {
      const pkcs1 = signerKey.publicKey.export({ type: 'pkcs1', format: 'der' });
      const certificateSignature = signerDer.subarray(signerDer.length - 128);
      const elements =
        '020004' + ascii('pub') + '00' + //      DNS_NAME
        '03002f' + ascii(NAME) + '00' + //       SUBJECT_NAME
        '040002' + '0000' + //                   FUNCTION SAST
        '05002f' + ascii(NAME) + '00' + //       ISSUER_NAME
        '060002' + '1a2b' + //                   SERIAL_NUMBER
        '07' + u16(pkcs1.length) + pkcs1.toString('hex') + // PUBLIC_KEY (PKCS#1)
        '080080' + certificateSignature.toString('hex') + //  SIGNATURE (the certificate's)
        '09' + u16(signerDer.length) + signerDer.toString('hex') + // CERTIFICATE
        '0a0004' + '0a000001'; //                IP_ADDRESS 10.0.0.1
      const recordLength = 5 + elements.length / 2;
      expect(file.subarray(headerLength).toString('hex')).toBe('010002' + u16(recordLength) + elements);
      expect(file.length).toBe(headerLength + recordLength);
    });
  });

  it('is deterministic: the same input gives the same bytes', () => {
    expect(buildTrustFile(tiny).equals(buildTrustFile({ ...tiny, records: [...tiny.records] }))).toBe(true);
  });

  it('pads the header to a multiple of 4 whatever the name lengths', () => {
    for (const fileName of ['I', 'IT', 'ITL', 'ITLF', 'ITLSEP001122334455.tlv']) {
      const parsed = parseTrustFile(buildTrustFile({ ...tiny, fileName }));
      expect(parsed.headerLength % 4).toBe(0);
      expect(parsed.fileName).toBe(fileName);
    }
  });

  it('writes VERSION and SIGNER_VERSION as given', () => {
    const parsed = parseTrustFile(buildTrustFile({ ...tiny, version: [1, 3], signerVersion: [1, 1] }));
    expect(parsed.version).toEqual([1, 3]);
    expect(parsed.signerVersion).toEqual([1, 1]);
  });

  it('[STOKENLESS] [SUCM-NZ] writes no SIGNER_VERSION, except 1.1 when a TFTP certificate has an EC key; null leaves it out', () => {
    expect(parseTrustFile(buildTrustFile(tiny)).signerVersion).toBeUndefined();
    const ecDer = makeCertificate({ subject: cucmName('cm-ecdsa'), serialHex: '0e', publicKey: ecKey().publicKey, signingKey: ecKey().privateKey });
    const ecTftp = { ...tiny, records: [...tiny.records, { certificateDer: ecDer, role: TrustRole.CCM_TFTP }] };
    const withEcTftp = parseTrustFile(buildTrustFile(ecTftp));
    expect(withEcTftp.signerVersion).toEqual([1, 1]);
    expect(withEcTftp.records[1].publicKey[0]).toBe(0x04); // uncompressed point
    expect(withEcTftp.records[1].publicKey).toHaveLength(65);
    expect(parseTrustFile(buildTrustFile({ ...ecTftp, signerVersion: null })).signerVersion).toBeUndefined();
    const withEcTvs = parseTrustFile(buildTrustFile({ ...tiny, records: [...tiny.records, { certificateDer: ecDer, role: TrustRole.TVS }] }));
    expect(withEcTvs.signerVersion).toBeUndefined();
  });

  it('[SNONSECURE] writes a stub record (no certificate): RECORD_LENGTH, DNS_NAME, FUNCTION, IP_ADDRESS — 33 bytes for "10.48.47.153"', () => {
    const file = buildTrustFile({ ...tiny, records: [...tiny.records, { role: TrustRole.CCM_TFTP, dnsName: '10.48.47.153', ipAddress: '10.48.47.153' }] });
    const stub = parseTrustFile(file).records[1];
    expect(stub).toMatchObject({ length: 33, role: TrustRole.CCM_TFTP, dnsName: '10.48.47.153', ipAddress: '10.48.47.153', subject: '', missingTags: [3, 5, 6, 7, 8] });
    expect(stub.certificateDer).toBeUndefined();
    expect(file.subarray(stub.offset).toString('hex')).toBe('010002' + '0021' + '02000d' + ascii('10.48.47.153') + '00' + '040002' + '0002' + '0a0004' + '0a302f99');
  });

  it('[SNONSECURE] [STOKENLESS] leaves out the certificate SIGNATURE element when asked (CTL-client records); an empty DNS name is a lone NUL', () => {
    const full = parseTrustFile(buildTrustFile(tiny)).records[0];
    const token = parseTrustFile(buildTrustFile({ ...tiny, records: [{ ...tiny.records[0], dnsName: '', certificateSignature: false }] })).records[0];
    expect(token.missingTags).toEqual([RecordTag.SIGNATURE]);
    expect(token.signature).toHaveLength(0);
    expect(token.dnsName).toBe('');
    expect(full.length - token.length).toBe(3 + 128 + 3); // the SIGNATURE element, and "pub" shortened to ""
  });

  describe('refuses input it cannot turn into a valid file, naming the field', () => {
    it('an EC signer', () => {
      const ec = ecKey();
      const ecDer = makeCertificate({ subject: cucmName('ec'), serialHex: '01', publicKey: ec.publicKey, signingKey: ec.privateKey });
      expect(() => buildTrustFile({ ...tiny, signer: { certificateDer: ecDer, privateKey: ec.privateKey } })).toThrow(
        /unsupported signer \(private key type ec\): trust files are signed with RSA PKCS#1 v1.5 only/,
      );
    });

    it('a private key that does not belong to the signer certificate', () => {
      expect(() => buildTrustFile({ ...tiny, signer: { certificateDer: signerDer, privateKey: rsaKey(1024, 1).privateKey } })).toThrow(
        'signer.privateKey does not belong to signer.certificateDer',
      );
    });

    it('a public key in place of the private key', () => {
      expect(() => buildTrustFile({ ...tiny, signer: { certificateDer: signerDer, privateKey: signerKey.publicKey } })).toThrow(/must be a private KeyObject/);
    });

    it('a record whose certificate is not DER', () => {
      expect(() => buildTrustFile({ ...tiny, records: [...tiny.records, { certificateDer: Buffer.from('junk'), role: TrustRole.TVS }] })).toThrow(
        /^records\[1\]: not a DER X.509 certificate/,
      );
    });

    it('an IP address that is not dotted IPv4, an unknown role, a bad timestamp or digest', () => {
      const record = tiny.records[0];
      expect(() => buildTrustFile({ ...tiny, records: [{ ...record, ipAddress: '10.0.0.256' }] })).toThrow(/records\[0\]: ipAddress "10.0.0.256"/);
      expect(() => buildTrustFile({ ...tiny, records: [{ ...record, role: 5 as TrustRole }] })).toThrow(/records\[0\]: unknown role 5/);
      expect(() => buildTrustFile({ ...tiny, timestamp: 1.5 })).toThrow(/timestamp 1.5/);
      expect(() => buildTrustFile({ ...tiny, timestamp: 2 ** 32 })).toThrow(TrustFileBuildError);
      expect(() => buildTrustFile({ ...tiny, digest: 'md5' as 'sha1' })).toThrow(/digest md5/);
      expect(() => buildTrustFile({ ...tiny, fileName: '' })).toThrow(/fileName/);
    });
  });
});

function u16(n: number): string {
  return n.toString(16).padStart(4, '0');
}
