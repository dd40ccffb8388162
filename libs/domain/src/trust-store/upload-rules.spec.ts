import {
  applySameNameRule,
  capfExtensionsApply,
  checkAlreadyValid,
  checkKeySize,
  checkNoWildcard,
  checkNotExpired,
  decideTrustUpload,
} from './upload-rules';
import { fakeCertificate, NOW, selfSigned, storeOf } from './spec-support';

const ctx = { now: NOW };

// The chapter's example: a root CA with serial 27:20:41:0c:… and SHA-1 is in tomcat-trust; the same-name
// root with serial 7b:35:33:71:… and SHA-256 is uploaded.
const ROOT = { CN: 'Example Root CA', O: 'Example', C: 'US' };
const sha1Root = selfSigned('root-sha1', ROOT, { serial: '27:20:41:0c:5b:08:69:80:42:62:4f:13:bd:16:06:6a', hash: 'sha1', notBefore: '2018-01-01T00:00:00Z' });
const tomcatTrust = storeOf('tomcat-trust', sha1Root);
const sha256RootLater = selfSigned('root-sha256', ROOT, { serial: '7b:35:33:71:0b:7c:08:b2:47:b3:aa:f9:5c:0d:ca:e4', hash: 'sha256', notBefore: '2021-03-01T00:00:00Z' });
const sha256RootEarlier = selfSigned('root-sha256', ROOT, { serial: '7b:35:33:71:0b:7c:08:b2:47:b3:aa:f9:5c:0d:ca:e4', hash: 'sha256', notBefore: '2016-03-01T00:00:00Z' });

describe('uploading a certificate into a trust store', () => {
  describe('one certificate per common name per trust folder', () => {
    it('[chapter] the SHA-256 root of the same name replaces the SHA-1 one when its validity starts later', () => {
      expect(sha1Root.signatureAlgorithm).toBe('sha1WithRSAEncryption');
      expect(sha256RootLater.signatureAlgorithm).toBe('sha256WithRSAEncryption');
      expect(decideTrustUpload(tomcatTrust, { certificate: sha256RootLater }, ctx)).toEqual({
        accepted: true,
        store: 'tomcat-trust',
        replaces: { commonName: 'Example Root CA', serialHex: '2720410c5b08698042624f13bd16066a' },
      });
    });

    it('[chapter] the SHA-256 root of the same name is not uploaded when its validity starts earlier', () => {
      const result = decideTrustUpload(tomcatTrust, { certificate: sha256RootEarlier }, ctx);
      expect(result).toMatchObject({ accepted: false, code: 'not-newer-than-existing', source: '[chapter]' });
      if (result.accepted) throw new Error('accepted');
      expect(result.reason).toContain('"Example Root CA" (serial 7b:35:33:71:0b:7c:08:b2:47:b3:aa:f9:5c:0d:ca:e4)');
      expect(result.reason).toContain('(serial 27:20:41:0c:5b:08:69:80:42:62:4f:13:bd:16:06:6a)');
      expect(result.reason).toMatch(/whatever its signature algorithm/);
      expect(result.reason).toMatch(/Delete the stored certificate first/);
    });

    it('[chapter] the refusal says which copy is signed with which hash: one entity, whatever the signature algorithm', () => {
      const result = decideTrustUpload(tomcatTrust, { certificate: sha256RootEarlier }, ctx);
      expect('reason' in result && result.reason).toMatch(/^"Example Root CA" \(serial 7b:[0-9a-f:]+\), signed SHA-256, valid from 2016-03-01T00:00:00Z, was not uploaded: tomcat-trust already holds "Example Root CA" \(serial 27:[0-9a-f:]+\), signed SHA-1, valid from 2018-01-01/);
      // The other way round: a SHA-1 copy that starts later replaces the SHA-256 one all the same.
      const sha1Later = selfSigned('root-sha1', ROOT, { serial: '11', hash: 'sha1', notBefore: '2022-01-01T00:00:00Z' });
      expect(decideTrustUpload(storeOf('tomcat-trust', sha256RootLater), { certificate: sha1Later }, ctx)).toEqual({ accepted: true, store: 'tomcat-trust', replaces: { commonName: 'Example Root CA', serialHex: '7b3533710b7c08b247b3aaf95c0dcae4' } });
    });

    it('[chapter] an equal validity start is not "the latest": refused', () => {
      const same = fakeCertificate({ commonName: 'Example Root CA', serialHex: '99', notBefore: sha1Root.notBefore });
      expect(applySameNameRule(tomcatTrust, 'tomcat-trust', same)).toMatchObject({ accepted: false, code: 'not-newer-than-existing' });
    });

    it('[uncertain] [§16.5] the same name and serial again is refused as a duplicate, whatever the serial\'s spelling', () => {
      const again = decideTrustUpload(tomcatTrust, { certificate: sha1Root }, ctx);
      expect(again).toMatchObject({ accepted: false, code: 'duplicate-certificate' });
      const lookalike = fakeCertificate({ commonName: 'Example Root CA', serialHex: '27:20:41:0C:5B:08:69:80:42:62:4F:13:BD:16:06:6A' });
      const result = applySameNameRule(tomcatTrust, 'tomcat-trust', lookalike);
      expect(result).toMatchObject({ accepted: false, code: 'duplicate-certificate' });
      expect('reason' in result && result.reason).toMatch(/different certificate named "Example Root CA" with the same serial/);
    });

    it('[chapter] a certificate of a new name is simply added', () => {
      const other = selfSigned('other-root', { CN: 'Other Root CA' });
      expect(decideTrustUpload(tomcatTrust, { certificate: other }, ctx)).toEqual({ accepted: true, store: 'tomcat-trust' });
    });
  });

  describe('file format', () => {
    it('[chapter] takes the certificate as PEM or as DER', () => {
      const other = selfSigned('other-root', { CN: 'Other Root CA' });
      expect(decideTrustUpload(tomcatTrust, { file: other.pem, certificate: other }, ctx)).toMatchObject({ accepted: true });
      expect(decideTrustUpload(tomcatTrust, { file: other.der, certificate: other }, ctx)).toMatchObject({ accepted: true });
    });

    it('[chapter] refuses garbage and other formats, saying what the file looks like', () => {
      const garbage = decideTrustUpload(tomcatTrust, { file: Buffer.from('hello, this is not a certificate') }, ctx);
      expect(garbage).toMatchObject({ accepted: false, code: 'unsupported-format', source: '[chapter]' });
      expect('reason' in garbage && garbage.reason).toMatch(/PEM \(\.pem\) or DER \(\.der\)/);
      const csr = decideTrustUpload(tomcatTrust, { file: '-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n' }, ctx);
      expect('reason' in csr && csr.reason).toMatch(/PEM "CERTIFICATE REQUEST" block/);
    });

    it('[chapter] refuses a PEM or DER file that holds no readable certificate, with the reader\'s words', () => {
      const result = decideTrustUpload(tomcatTrust, { file: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n', readError: 'the DER is cut off' }, ctx);
      expect(result).toMatchObject({ accepted: false, code: 'unreadable-certificate' });
      expect('reason' in result && result.reason).toMatch(/the DER is cut off/);
    });
  });

  describe('what CUCM does not support', () => {
    it('[chapter] refuses an 8192-bit RSA key, takes 4096', () => {
      const big = fakeCertificate({ keyBits: 8192 });
      expect(decideTrustUpload(tomcatTrust, { certificate: big }, ctx)).toMatchObject({ accepted: false, code: 'key-too-large' });
      expect(checkKeySize(big)?.reason).toMatch(/"peer\.example\.com" \(serial 0a:1b\) has a 8192-bit RSA key; CUCM takes keys up to 4096 bits/);
      expect(checkKeySize(fakeCertificate({ keyBits: 4096 }))).toBeUndefined();
    });

    it('[chapter] takes a 1024-bit key: the chapter sets a largest size (4096 bits), no smallest', () => {
      const small = selfSigned('small-root', { CN: 'Small Root CA' });
      expect(small.keyBits).toBe(1024);
      expect(decideTrustUpload(tomcatTrust, { certificate: small }, ctx)).toEqual({ accepted: true, store: 'tomcat-trust' });
    });

    it('[chapter] refuses a wildcard certificate, *.cisco.com, in the CN or in a SAN', () => {
      const wild = fakeCertificate({ commonName: '*.cisco.com' });
      expect(decideTrustUpload(tomcatTrust, { certificate: wild }, ctx)).toMatchObject({ accepted: false, code: 'wildcard-not-supported' });
      expect(checkNoWildcard(fakeCertificate({ subjectAltNames: ['cucm.cisco.com', '*.cisco.com'] }))?.reason).toMatch(/subject alternative names \(\*\.cisco\.com\)/);
      expect(checkNoWildcard(fakeCertificate({ subjectAltNames: ['cucm.cisco.com', '10.0.0.1'] }))).toBeUndefined();
    });
  });

  describe('validity', () => {
    it('[uncertain] refuses an expired certificate, saying when it expired', () => {
      const expired = fakeCertificate({ notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: new Date('2025-01-31T00:00:00Z') });
      expect(decideTrustUpload(tomcatTrust, { certificate: expired }, ctx)).toMatchObject({ accepted: false, code: 'certificate-expired' });
      expect(checkNotExpired(expired, NOW)?.reason).toBe('"peer.example.com" (serial 0a:1b) expired on 2025-01-31T00:00:00Z: upload a certificate that is valid now');
    });

    it('[uncertain] refuses a certificate that is not valid yet, saying from when', () => {
      const early = fakeCertificate({ notBefore: new Date('2026-01-01T00:00:00Z') });
      expect(decideTrustUpload(tomcatTrust, { certificate: early }, ctx)).toMatchObject({ accepted: false, code: 'certificate-not-yet-valid' });
      expect(checkAlreadyValid(early, NOW)?.reason).toMatch(/not valid before 2026-01-01T00:00:00Z/);
    });
  });

  describe('CAPF certificates', () => {
    const capfTrust = storeOf('CAPF-trust');
    const capfWithoutPathLen = selfSigned('old-capf', { CN: 'CAPF-1a2b3c4d', OU: 'Voice' }, { extensions: { basicConstraints: { ca: true }, keyUsage: ['digitalSignature', 'keyCertSign'] } });
    const capfGood = selfSigned('old-capf', { CN: 'CAPF-1a2b3c4d', OU: 'Voice' }, { extensions: { basicConstraints: { ca: true, pathLen: 0 }, keyUsage: ['digitalSignature', 'keyCertSign'] } });
    const micRoot = selfSigned('mic-root', { CN: 'Cisco Root CA M2', O: 'Cisco' });

    it('[S15CAPF] refuses a CAPF CA certificate without pathlen:0 in CAPF-trust, naming what is missing', () => {
      const result = decideTrustUpload(capfTrust, { certificate: capfWithoutPathLen }, ctx);
      expect(result).toMatchObject({ accepted: false, code: 'capf-extensions-missing', source: '[S15CAPF]' });
      expect('reason' in result && result.reason).toMatch(/"CAPF-1a2b3c4d" \(serial 01\) lacks pathlen:0/);
      expect(decideTrustUpload(capfTrust, { certificate: capfGood }, ctx)).toEqual({ accepted: true, store: 'CAPF-trust' });
    });

    it('[S15CAPF] [uncertain] by default leaves other CA roots (Cisco\'s MIC roots) alone; the stricter reading refuses them', () => {
      expect(decideTrustUpload(capfTrust, { certificate: micRoot }, ctx)).toMatchObject({ accepted: true });
      expect(decideTrustUpload(capfTrust, { certificate: micRoot }, { ...ctx, capfCaRule: 'every-ca-certificate' })).toMatchObject({
        accepted: false,
        code: 'capf-extensions-missing',
      });
    });

    it('[S15CAPF] applies from 14SU2, the release of the note, and not to other stores', () => {
      expect(capfExtensionsApply('CAPF-trust', capfWithoutPathLen, { release: '14SU1' })).toBe(false);
      expect(capfExtensionsApply('CAPF-trust', capfWithoutPathLen, { release: '14SU2' })).toBe(true);
      expect(capfExtensionsApply('CallManager-trust', capfWithoutPathLen, {})).toBe(false);
    });
  });

  describe('the store', () => {
    it('[chapter] refuses an unknown store and an identity certificate\'s name, and takes any casing', () => {
      expect(decideTrustUpload(storeOf('tomcat-trusted'), { certificate: sha256RootLater }, ctx)).toMatchObject({ accepted: false, code: 'unknown-store' });
      expect(decideTrustUpload(storeOf('tomcat'), { certificate: sha256RootLater }, ctx)).toMatchObject({ accepted: false, code: 'not-a-trust-store' });
      expect(decideTrustUpload({ ...tomcatTrust, name: 'TOMCAT-TRUST' }, { certificate: sha256RootLater }, ctx)).toMatchObject({ accepted: true, store: 'tomcat-trust' });
    });

    it('[chapter] takes Phone-Edge-trust uploads only on the publisher', () => {
      const edge = storeOf('Phone-Edge-trust');
      const root = selfSigned('other-root', { CN: 'Other Root CA' });
      expect(decideTrustUpload(edge, { certificate: root }, { ...ctx, onPublisher: false })).toMatchObject({ accepted: false, code: 'publisher-only' });
      expect(decideTrustUpload(edge, { certificate: root }, { ...ctx, onPublisher: true })).toMatchObject({ accepted: true });
    });

    it('[SPROXY] has no Phone-Edge-trust before 14SU1', () => {
      const root = selfSigned('other-root', { CN: 'Other Root CA' });
      const result = decideTrustUpload(storeOf('Phone-Edge-trust'), { certificate: root }, { ...ctx, release: '12.5(1)SU3' });
      expect(result).toMatchObject({ accepted: false, code: 'store-not-in-release' });
    });
  });
});
