/**
 * An ITL built outside trustsim and outside Cisco (a third-party provisioning server for 7800/8800 phones;
 * ../shared/test-vectors/third-party-itl, kept beside the repository, never copied into it). Its README
 * says what a correct reader finds; this reads it the way `itl show` does. Reported skipped, with the
 * reason, when the test vectors are not there.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseTrustFile } from './parse-trust-file';
import { TrustRole } from './roles';
import { publicParserObjections } from './test-support/public-parser-rules';
import { verifyTrustFile } from './verify-trust-file';

const REPOSITORY = resolve(__dirname, '../../..');
const VECTOR = join(REPOSITORY, '../shared/test-vectors/third-party-itl/ITLFile.tlv');
const present = existsSync(VECTOR);

if (!present) process.stderr.write(`third-party ITL test skipped: ${VECTOR} not found\n`);

(present ? describe : describe.skip)(`the third-party ITL${present ? '' : ' (skipped: ../shared/test-vectors/third-party-itl/ITLFile.tlv not found)'}`, () => {
  const bytes = present ? readFileSync(VECTOR) : Buffer.alloc(0);

  it('reads the header the README describes: 1.2, 388, ITLFile.tlv, SHA-1, 2048-bit, signer CN=SAST', () => {
    const parsed = parseTrustFile(bytes);
    expect(parsed).toMatchObject({ version: [1, 2], headerLength: 388, fileName: 'ITLFile.tlv', digest: 'sha1', size: 10_370 });
    expect(parsed.signature).toHaveLength(256);
    expect(parsed.signer.serialHex).toBe('6ba5de3a260b069337c75b38be3c2d74');
    expect(parsed.signer.name).toMatch(/^CN=SAST/);
  });

  it('reads five records: the SAST signer, two CCM, two APP-SERVER; verifies with record 1', () => {
    const parsed = parseTrustFile(bytes);
    expect(parsed.records.map((record) => record.role)).toEqual([TrustRole.SAST, TrustRole.CCM, TrustRole.CCM, TrustRole.APP_SERVER, TrustRole.APP_SERVER]);
    expect(parsed.records.slice(1, 3).map((record) => record.subject)).toEqual([expect.stringMatching(/^CN=ccm01\.csptech\.org/), expect.stringMatching(/^CN=ccm02\.csptech\.org/)]);
    expect(parsed.records.every((record) => record.missingTags.length === 0 && record.unknownTags.length === 0)).toBe(true);
    const verification = verifyTrustFile(parsed);
    expect(verification).toMatchObject({ ok: true });
    expect(verification.ok && parsed.records.indexOf(verification.signerRecord)).toBe(0);
    expect(publicParserObjections(parsed)).toEqual([]);
  });
});
