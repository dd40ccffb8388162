import { createHash, KeyObject } from 'node:crypto';
import { IssuedCertificate } from './certificate-info';
import { issueCertificate } from './certificate';
import { KeyPool } from './key-pool';
import { TestCertificateAuthority } from './test-certificate-authority';
import { createCsr } from './csr';

/** The simulated MIC root's name (a trust store lists it under this common name). */
export const MANUFACTURING_CA = 'Cisco_Manufacturing_CA_SHA2';

/** The key the simulated MIC root signs with, to derive with the cluster keys before install. */
export const MANUFACTURING_CA_KEY = { label: `ca/${MANUFACTURING_CA}/root`, kind: 'rsa', size: 2048 } as const;

/** How many key pairs the phones of a run share (see PhoneCertificates). */
export const PHONE_KEY_POOL_SIZE = 16;

export interface LscIssuer {
  certificate: IssuedCertificate;
  privateKey: KeyObject;
}

export interface LscRecord {
  phone: string;
  /** Fingerprint of the CAPF (or CA) certificate that issued it. */
  issuer: string;
  serial: string;
  notBefore: Date;
  notAfter: Date;
}

/**
 * Phone certificates for clusters of 40,000 phones. Issuing a real RSA certificate costs about a
 * millisecond, so 40,000 of them would cost most of a minute for every CAPF operation; deriving 40,000
 * keys, an hour. What a rehearsal observes of a phone certificate is its issuer, serial and validity
 * (CallManager trusts an LSC by its issuer [S15CAPF]) — so:
 *
 * - an LSC or MIC is first a record (issuer, serial, validity): O(1) per phone, deterministic;
 * - the real X.509 certificate is issued from that record only when someone looks at it (an export, an
 *   explanation, a TLS check), deterministically, so it is the same certificate whenever it is made;
 * - phones share a pool of PHONE_KEY_POOL_SIZE key pairs derived from the seed (phone `i` uses key
 *   `hash(name) mod 16`): a phone's private key is never observable in a rehearsal, its certificate is.
 *
 * MICs are issued by a simulated "Cisco_Manufacturing_CA_SHA2" (a built-in test CA, not Cisco's: its
 * O says so), named as the chapter lists it among the MIC roots of CallManager-trust and CAPF-trust.
 */
export class PhoneCertificates {
  private manufacturing?: TestCertificateAuthority;
  private readonly issued = new Map<string, IssuedCertificate>();

  constructor(private readonly keys: KeyPool) {}

  /** The record of an LSC a CAPF issues to a phone at `now` (validity as CAPF's default, 5 years [uncertain]). */
  lscRecord(phone: string, issuer: LscIssuer, now: Date, years = 5): LscRecord {
    return {
      phone,
      issuer: issuer.certificate.fingerprint,
      serial: serialOf(`lsc|${phone}|${issuer.certificate.fingerprint}|${now.toISOString()}`),
      notBefore: now,
      notAfter: new Date(now.getTime() + years * 365 * 86_400_000),
    };
  }

  /** The X.509 LSC of a record, issued on demand (and memoized): CN = the phone name, signed by the issuer. */
  lscCertificate(record: LscRecord, issuer: LscIssuer): IssuedCertificate {
    const cached = this.issued.get(`lsc|${record.serial}`);
    if (cached) return cached;
    const key = this.phoneKey(record.phone);
    const certificate = issueCertificate({
      subject: { CN: record.phone, OU: 'LSC', O: 'Cisco Systems Inc.' },
      issuer: issuer.certificate.subject,
      serial: record.serial,
      notBefore: record.notBefore,
      notAfter: record.notAfter,
      subjectPublicKey: key.publicKey,
      issuerPrivateKey: issuer.privateKey,
      hash: 'sha256', // CAPF signs LSCs with SHA-256 from 11.5(1)SU1 [SREGEN]
      extensions: { keyUsage: ['digitalSignature', 'keyEncipherment'], extKeyUsage: ['clientAuth'] },
    });
    this.issued.set(`lsc|${record.serial}`, certificate);
    return certificate;
  }

  /** The root that signs MICs, as CUCM ships it in CallManager-trust and CAPF-trust. */
  manufacturingRoot(): IssuedCertificate {
    return this.manufacturingCa().root;
  }

  /**
   * A USB eToken of the CTL client (Token1 signs a token-based CTL, Token2 backs it up) [S125CTL]: a
   * certificate from the manufacturing CA on a key derived for that cluster and token number.
   */
  sastToken(cluster: string, n: 1 | 2): { certificate: IssuedCertificate; privateKey: KeyObject; key: { label: string; kind: 'rsa'; size: 2048 } } {
    const key = { label: `etoken/${cluster}/${n}`, kind: 'rsa' as const, size: 2048 as const };
    const pair = this.keys.rsa(key.label, key.size);
    const serial = serialOf(`etoken|${cluster}|${n}`);
    const csr = createCsr({ subject: { CN: `SAST-ADN${serial.slice(0, 8)}`, OU: 'IPCBU', O: 'Cisco Systems' }, privateKey: pair.privateKey, hash: 'sha256' });
    const certificate = this.manufacturingCa().signCsr(csr.der, { notBefore: new Date('2008-01-01T00:00:00Z'), notAfter: new Date('2099-12-31T00:00:00Z'), serial });
    return { certificate, privateKey: pair.privateKey, key };
  }

  /** The phone's manufacturer-installed certificate (MIC), issued on demand by the simulated manufacturing CA. */
  mic(phone: string, model: string): IssuedCertificate {
    const cached = this.issued.get(`mic|${phone}`);
    if (cached) return cached;
    const key = this.phoneKey(phone);
    const csr = createCsr({ subject: { CN: `${model}-${phone}`, O: 'Cisco Systems Inc.' }, privateKey: key.privateKey, hash: 'sha256' });
    const certificate = this.manufacturingCa().signCsr(csr.der, {
      notBefore: new Date('2020-01-01T00:00:00Z'),
      notAfter: new Date('2040-01-01T00:00:00Z'),
      serial: serialOf(`mic|${phone}`),
    });
    this.issued.set(`mic|${phone}`, certificate);
    return certificate;
  }

  private manufacturingCa(): TestCertificateAuthority {
    this.manufacturing ??= new TestCertificateAuthority(this.keys, MANUFACTURING_CA, { rootSubject: { CN: MANUFACTURING_CA, O: 'trustsim simulation (not a Cisco certificate)' } });
    return this.manufacturing;
  }

  private phoneKey(phone: string) {
    const slot = createHash('sha256').update(phone).digest().readUInt32BE(0) % PHONE_KEY_POOL_SIZE;
    return this.keys.rsa(`phone-key/${slot}`, 2048);
  }
}

/** Positive 16-byte serial derived from text. */
function serialOf(text: string): string {
  const h = createHash('sha256').update(text).digest();
  h[0] = (h[0] & 0x7f) | 0x10;
  return h.subarray(0, 16).toString('hex');
}
