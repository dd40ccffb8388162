import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTrustFile } from '@trustsim/trust-files';
import { typicalItl } from '../../trust-files/src/test-support/typical-itl';
import { Diagnostics, formatDiagnostic } from './diagnostics';
import { readTrustFiles } from './read-trust-files';

function folder(files: Record<string, Buffer | string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'twin-tlv-'));
  for (const [path, bytes] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), bytes);
  }
  return dir;
}

describe('reading trust files fetched from TFTP servers', () => {
  const itl = buildTrustFile(typicalItl().input);

  it('reads every record with its role, names, address and certificate; the server from the folder or the file name', () => {
    const dir = folder({ 'hq/cucm-pub/ITLFile.tlv': itl, 'cucm-sub1-ITLFile.tlv': buildTrustFile({ ...typicalItl().input, fileName: 'ITLFile.tlv' }) });
    const d = new Diagnostics();
    const [sub, pub] = readTrustFiles(dir, d);
    expect(d.items).toEqual([]);
    expect([pub.serverHint, pub.clusterHint, sub.serverHint]).toEqual(['cucm-pub', 'hq', 'cucm-sub1']);
    expect(pub.records.map((r) => r.role)).toEqual(['SAST', 'SAST', 'CCM+TFTP', 'TVS', 'TVS', 'CAPF']);
    expect(pub.records[4]).toMatchObject({ index: 5, dnsName: 'cucm-sub1.example.com', ipAddress: '10.1.1.11', subject: 'CN=cucm-sub1-tvs;OU=VTG;O=Cisco;L=RTP;ST=NC;C=US', serial: '12' });
    expect(pub.records[4].certificate).toMatchObject({ commonName: 'cucm-sub1-tvs', keyType: 'RSA', keyLength: 1024, hash: 'SHA256' });
    expect(pub.signer).toMatchObject({ subject: 'CN=ITLRECOVERY_cucm-pub;OU=VTG;O=Cisco;L=RTP;ST=NC;C=US', record: 1 });
  });

  it('a truncated file is an error at its offset, a tampered one an error too; neither file\'s records are used, the others are', () => {
    const tampered = Buffer.from(itl);
    tampered[tampered.length - 40] ^= 0xff;
    const dir = folder({ 'pub/ITLFile.tlv': itl, 'sub1/ITLFile.tlv': itl.subarray(0, 200), 'sub2/ITLFile.tlv': tampered, 'sub2/notes.txt': 'fetched Tuesday' });
    const d = new Diagnostics();
    const read = readTrustFiles(dir, d);
    expect(read.map((f) => f.serverHint)).toEqual(['pub']);
    const lines = d.items.map(formatDiagnostic).map((l) => l.replace(dir, '<dir>'));
    expect(lines).toEqual([
      expect.stringMatching(/^<dir>\/sub1\/ITLFile\.tlv \(offset \d+\): error: not a readable ITL\/CTL file .*none of its records were used$/),
      expect.stringMatching(/^<dir>\/sub2\/ITLFile\.tlv: error: its signature does not verify \(bad-signature: .*none of its 6 records were used$/),
      '<dir>/sub2/notes.txt: warning: not a trust file (ITLFile.tlv or CTLFile.tlv expected): skipped',
    ]);
  });

  it('an ITLSEP<MAC>.tlv beside its server\'s ITLFile.tlv is the same file: read once, and said', () => {
    const dir = folder({ 'pub/ITLFile.tlv': itl, 'pub/ITLSEP001122334455.tlv': itl });
    const d = new Diagnostics();
    expect(readTrustFiles(dir, d)).toHaveLength(1);
    expect(d.items.map((i) => i.message)).toEqual([expect.stringMatching(/^the same bytes as .*ITLFile\.tlv: read once$/)]);
  });

  // From the repository root, as ../shared/test-vectors/…; absent outside this workspace, then skipped.
  const vector = join(__dirname, '../../..', '../shared/test-vectors/third-party-itl/ITLFile.tlv');
  (existsSync(vector) ? it : it.skip)('the third-party ITL (test vector): five records as its README says, the signature verified by record 1', () => {
    const dir = folder({ 'ITLFile.tlv': readFileSync(vector) });
    const d = new Diagnostics();
    const [file] = readTrustFiles(dir, d);
    expect(d.items).toEqual([]);
    expect(file).toMatchObject({ kind: 'ITL', size: 10370, digest: 'sha1', fileName: 'ITLFile.tlv', signer: { serial: '6ba5de3a260b069337c75b38be3c2d74', record: 1 } });
    expect(file.records.map((r) => [r.role, r.certificate?.commonName])).toEqual([
      ['SAST', 'SAST'],
      ['CCM', 'ccm01.csptech.org'],
      ['CCM', 'ccm02.csptech.org'],
      ['APP-SERVER', 'ISRG Root X1'],
      ['APP-SERVER', 'GTS Root R1'],
    ]);
  });
});
