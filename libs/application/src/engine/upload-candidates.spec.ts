import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NodeState, World } from '@trustsim/domain';
import { KeyPool } from '@trustsim/pki';
import type { CertificateSource } from '@trustsim/scenarios';
import { Artefacts } from './artefacts';
import { describedKeyRequest, UploadCandidates } from './upload-candidates';

const keys = new KeyPool({ seed: 'described-uploads', cacheDir: mkdtempSync(join(tmpdir(), 'trustsim-described-')), workers: 0 });
const uploads = new UploadCandidates(keys, join(tmpdir(), 'scenario.yaml'), new Artefacts());
const world = { now: Date.parse('2026-01-05T08:00:00Z') } as World;

function described(source: Extract<CertificateSource, { subject: string }>) {
  const resolved = uploads.resolve(source, world, {} as NodeState, undefined);
  if (!('candidate' in resolved) || !resolved.candidate.certificate) throw new Error('no certificate');
  return resolved.candidate.certificate;
}

describe('[chapter] a certificate a step describes by its fields carries what it says, for the upload rules to judge (issue 14)', () => {
  it('[chapter] its signature hash: the same root signed SHA-1 and SHA-256', () => {
    const sha1 = described({ subject: 'CN=Corp Root CA, O=Example', serial: '27:20', hash: 'SHA1' });
    const sha256 = described({ subject: 'CN=Corp Root CA, O=Example', serial: '7b:35', hash: 'SHA256' });
    expect([sha1.signatureAlgorithm, sha256.signatureAlgorithm]).toEqual(['sha1WithRSAEncryption', 'sha256WithRSAEncryption']);
    expect(sha1.commonName).toBe(sha256.commonName);
    // Issued by a built-in test CA: the CA signs with the hash asked.
    expect(described({ subject: 'CN=leaf', issuer: 'Corp', hash: 'SHA384' }).signatureAlgorithm).toBe('sha384WithRSAEncryption');
  });

  it('[chapter] any key length the format carries (a 1024- or 1536-bit RSA key), and EC keys on their curve', () => {
    expect(described({ subject: 'CN=Old Root', keyLength: 1024 }).keyBits).toBe(1024);
    expect(described({ subject: 'CN=Odd Root', keyLength: 1536 }).keyBits).toBe(1536);
    expect(described({ subject: 'CN=EC Root', keyType: 'EC', keyLength: 384, hash: 'SHA384' })).toMatchObject({ keyType: 'EC', keyBits: 384, signatureAlgorithm: 'ecdsa-with-SHA384' });
  });

  it('[chapter] the key is named after the subject and serial, so the rehearsal derives it ahead (an 8192-bit one takes seconds)', () => {
    expect(describedKeyRequest({ subject: 'CN=Huge Root', serial: '81:92', keyLength: 8192 })).toEqual({ label: 'upload/CN=Huge Root/8192', kind: 'rsa', size: 8192 });
    expect(describedKeyRequest({ subject: 'CN=EC Root', keyType: 'EC', keyLength: 521 })).toEqual({ label: 'upload/CN=EC Root/01', kind: 'ec', size: 'P-521' });
  });
});
