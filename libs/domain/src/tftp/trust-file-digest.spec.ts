import { parseRelease } from '../release/release';
import { defaultTrustFileDigest } from './trust-file-digest';
import { NO_SERVER_RECORD_NAME, serverRecordName } from './record-names';

describe('the digest CUCM signs trust files with', () => {
  it.each(['8.6(2)', '10.0(1)', '10.5(1)', '11.5(1)SU9', '12.5(1)SU5'])('[STOKENLESS] [SNONSECURE] [S125PHSEC] is SHA-1 on %s', (release) => {
    expect(defaultTrustFileDigest(parseRelease(release))).toBe('sha1');
  });

  it.each(['14SU2', '15'])('[uncertain] [SUCM-NZ] is SHA-1 on %s too: no source names another (SHA-512 is an export option)', (release) => {
    expect(defaultTrustFileDigest(parseRelease(release))).toBe('sha1');
  });

  it('[SUCM-NZ] is never SHA-256, which the public parser refuses', () => {
    for (const release of ['9.1(2)', '12.0(1)', '14', '15']) expect(defaultTrustFileDigest(parseRelease(release))).not.toBe('sha256');
  });
});

describe('the name a record carries (DNS_NAME)', () => {
  it('[STOKENLESS] is the server\'s short host name, "cucm-1051-a-pub", not its FQDN', () => {
    expect(serverRecordName('cucm-1051-a-pub.tac.example.com')).toBe('cucm-1051-a-pub');
    expect(serverRecordName('pub')).toBe('pub');
  });

  it('[SNONSECURE] is empty for a USB eToken ("DNSNAME 1")', () => {
    expect(Buffer.byteLength(`${NO_SERVER_RECORD_NAME}\0`)).toBe(1);
  });
});
