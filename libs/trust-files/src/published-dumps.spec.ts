/**
 * The layout checked against the only complete CTL dumps Cisco has published: the lengths they print add
 * up under this library's rules, and a file built with the same name, serial, key and certificate sizes
 * has the same header length, the same header elements in the same order, and the same record layouts.
 */
import { buildTrustFile } from './build-trust-file';
import { parseTrustFile } from './parse-trust-file';
import { TrustRole } from './roles';
import { TestName, makeCertificate, rsaKey } from './test-support/certificates';
import { CTL_10_0_TOKEN_NON_SECURE, CTL_10_5_TOKENLESS, DumpRecord, PublishedCtl } from './test-support/published-dumps';
import { publicParserObjections } from './test-support/public-parser-rules';
import { TrustFileInput, TrustRecordInput } from './types';
import { verifyTrustFile } from './verify-trust-file';

const ROLE: Record<DumpRecord['role'], TrustRole> = { SAST: TrustRole.SAST, 'CCM+TFTP': TrustRole.CCM_TFTP, CAPF: TrustRole.CAPF };

/** Header length by this library's layout: every element's 3-byte head, padded to a multiple of 4. */
function headerLengthFor(dump: PublishedCtl, withSignerVersion: boolean): number {
  const { nameLength, serialLength, issuerLength, signatureLength, fileNameLength } = dump.signer;
  const unpadded =
    5 + 5 + (withSignerVersion ? 5 : 0) + 3 + (3 + nameLength) + (3 + serialLength) + (3 + issuerLength) + 3 + 4 + 3 + 4 + 4 + (3 + signatureLength) + (3 + fileNameLength) + 7;
  return unpadded + ((4 - (unpadded % 4)) % 4);
}

const recordLengthFor = (record: DumpRecord) => 5 + record.elements.reduce((sum, element) => sum + 3 + element.length, 0);

/** Header tags in file order, containers opened, PADDING bytes shown as 13. */
function headerTags(bytes: Buffer, headerLength: number): number[] {
  const tags: number[] = [];
  for (let offset = 0; offset < headerLength; ) {
    const tag = bytes[offset];
    tags.push(tag);
    if (tag === 13) offset += 1;
    else if (tag === 3 || tag === 7 || tag === 9) offset += 3;
    else offset += 3 + bytes.readUInt16BE(offset + 1);
  }
  return tags;
}

describe.each([CTL_10_5_TOKENLESS, CTL_10_0_TOKEN_NON_SECURE])('the published CTL dump $source', (dump) => {
  it(`${dump.source} adds up: header ${dump.headerLength} only without SIGNER_VERSION, every RECORDLENGTH, the file length`, () => {
    expect(headerLengthFor(dump, false)).toBe(dump.headerLength);
    expect(headerLengthFor(dump, true)).not.toBe(dump.headerLength);
    expect(dump.records.map(recordLengthFor)).toEqual(dump.records.map((record) => record.recordLength));
    expect(dump.headerLength + dump.records.reduce((sum, record) => sum + record.recordLength, 0)).toBe(dump.fileLength);
  });
});

const pl = (cn: string): TestName => [['C', 'PL'], ['ST', 'Malopolska'], ['L', 'Krakow'], ['O', 'Cisco'], ['OU', 'TAC'], ['CN', cn]];

/** A self-signed 1024-bit certificate, as the 10.5 lab's CallManager and CAPF certificates are. */
function labCertificate(cn: string, serialHex: string, slot: number): { der: Buffer; key: ReturnType<typeof rsaKey> } {
  const key = rsaKey(1024, slot);
  return { der: makeCertificate({ subject: pl(cn), serialHex, publicKey: key.publicKey, signingKey: key.privateKey, md: 'sha1' }), key };
}

/** Our record's length: the dump's, with our certificate's DER length in place of the lab's. */
const expectedLength = (record: DumpRecord, certificateDer: Buffer | undefined) =>
  record.recordLength - (record.elements.find((element) => element.tag === 9)?.length ?? 0) + (certificateDer?.length ?? 0);

function checkAgainstDump(dump: PublishedCtl, input: TrustFileInput): void {
  const bytes = buildTrustFile(input);
  const parsed = parseTrustFile(bytes);
  expect(parsed.headerLength).toBe(dump.headerLength);
  // The printed list, then the padding, which the dumps do not print.
  expect(headerTags(bytes, parsed.headerLength).filter((tag) => tag !== 13)).toEqual([1, 2, ...dump.headerTags]);
  expect(parsed.records.map((record) => record.role)).toEqual(dump.records.map((record) => ROLE[record.role]));
  expect(parsed.records.map((record) => record.dnsName)).toEqual(dump.records.map((record) => record.dnsName));
  parsed.records.forEach((record, i) => {
    const elementTags = [2, 3, 4, 5, 6, 7, 8, 9, 10].filter((tag) => tag === 2 || tag === 4 || tag === 10 || !record.missingTags.includes(tag));
    const present = elementTags.filter((tag) => tag !== 9 || record.certificateDer);
    expect(present).toEqual(dump.records[i].elements.map((element) => element.tag));
    expect(record.length).toBe(expectedLength(dump.records[i], input.records[i].certificateDer));
  });
  expect(verifyTrustFile(parsed)).toMatchObject({ ok: true });
  expect(publicParserObjections(parsed)).toEqual([]);
}

describe('rebuilt with the same sizes, a file has the dump\'s structure', () => {
  it('[STOKENLESS] the 10.5(1) tokenless CTL: SAST and CCM+TFTP of the publisher, CAPF, CCM+TFTP of the subscriber; header 336', () => {
    const pub = labCertificate('cucm-1051-a-pub', '70caf64e090751b9df22f49f754fc5bb', 0);
    const capf = labCertificate('CAPF-e41e7d87', '744b4999770496e799e91e81d3c8109b', 1);
    const sub = labCertificate('cucm-1051-a-sub1', '6bebfdcdcd8ca277cb2fd1d183a60e72', 2);
    const server = (der: Buffer, role: TrustRole, dnsName: string): TrustRecordInput => ({ certificateDer: der, role, dnsName, ipAddress: '10.48.47.153' });
    checkAgainstDump(CTL_10_5_TOKENLESS, {
      fileName: 'CTLFile.tlv',
      timestamp: 1_425_667_513,
      digest: 'sha1',
      signer: { certificateDer: pub.der, privateKey: pub.key.privateKey },
      records: [
        server(pub.der, TrustRole.SAST, 'cucm-1051-a-pub'),
        server(pub.der, TrustRole.CCM_TFTP, 'cucm-1051-a-pub'),
        server(capf.der, TrustRole.CAPF, 'cucm-1051-a-pub'),
        server(sub.der, TrustRole.CCM_TFTP, 'cucm-1051-a-sub1'),
      ],
    });
  });

  it('[SNONSECURE] the 10.0(1) token CTL after non-secure mode: two eTokens, stubs for the servers, CAPF; header 304', () => {
    const caKey = rsaKey(1024, 3);
    const manufacturing: TestName = [['O', 'Cisco Systems'], ['CN', 'Cisco Manufacturing CA']]; // 41 characters, as "cn=Cisco Manufacturing CA;o=Cisco Systems"
    const token = (cn: string, serialHex: string, slot: number) => {
      const key = rsaKey(1024, slot);
      // CN padded so that "CN=...;OU=IPCBU;O=Cisco Systems" has the dump's 55 characters.
      const subject: TestName = [['O', 'Cisco Systems'], ['OU', 'IPCBU'], ['CN', cn.padEnd(27)]];
      return { der: makeCertificate({ subject, issuer: manufacturing, serialHex, publicKey: key.publicKey, signingKey: caKey.privateKey, md: 'sha1' }), key };
    };
    const token1 = token('SAST-ADN0054f509', '3cf927000000afa2da45', 4);
    const token2 = token('SAST-ADN008580ef', '83e9080000005545af31', 5);
    const capf = labCertificate('CAPF-e9037b69', '795916c154af310c0faeea972e081b31', 1);
    const ctlClient = (der: Buffer, dnsName: string, role: TrustRole = TrustRole.SAST): TrustRecordInput => ({ certificateDer: der, role, dnsName, ipAddress: '0.0.0.0', certificateSignature: false });
    checkAgainstDump(CTL_10_0_TOKEN_NON_SECURE, {
      fileName: 'CTLFile.tlv',
      timestamp: 1_424_792_265,
      digest: 'sha1',
      signer: { certificateDer: token1.der, privateKey: token1.key.privateKey },
      records: [
        ctlClient(token1.der, ''),
        ctlClient(token2.der, ''),
        { role: TrustRole.CCM_TFTP, dnsName: '10.48.47.153', ipAddress: '10.48.47.153' },
        ctlClient(capf.der, '10.48.47.153', TrustRole.CAPF),
        { role: TrustRole.CCM_TFTP, dnsName: '10.48.47.154', ipAddress: '10.48.47.154' },
      ],
    });
  });
});
