import { createHash, sign } from 'node:crypto';
import { isIPv4 } from 'node:net';
import type { ConfigFilePort, IdentityRequest, IssuedIdentity, KeyRef, PkiPort, TrustFilePort } from '@trustsim/domain';
import { CertificatePurpose, checkCertificateChoice, createCsr, Dn, KeyPool, KeyRequest, multiServerNames, PhoneCertificates, purposeExtensions } from '@trustsim/pki';
import { buildTrustFile, TrustRole } from '@trustsim/trust-files';
import type { Artefacts } from './artefacts';
import { IdentityIssuer } from './identity-issuer';

const ROLE_CODES: Record<string, TrustRole> = {
  SAST: TrustRole.SAST,
  CCM: TrustRole.CCM,
  'CCM+TFTP': TrustRole.CCM_TFTP,
  TFTP: TrustRole.TFTP,
  CAPF: TrustRole.CAPF,
  'APP-SERVER': TrustRole.APP_SERVER,
  TVS: TrustRole.TVS,
};

/**
 * The deterministic cryptography the deciders ask for (domain core/ports.ts), with @trustsim/pki and
 * @trustsim/trust-files: keys derived from the scenario seed by name, certificates and trust files signed
 * with them. A certificate issued here is handed to the artefacts at once, so it is not parsed again.
 */
export class Crypto {
  readonly pki: PkiPort;
  readonly trustFiles: TrustFilePort;
  readonly configs: ConfigFilePort;

  constructor(
    readonly keys: KeyPool,
    seed: number,
    artefacts: Artefacts,
  ) {
    const issuer = new IdentityIssuer(keys, seed);
    const key = (ref: KeyRef) => keys.get(ref as KeyRequest).privateKey;
    this.pki = {
      issueIdentity: (request: IdentityRequest): IssuedIdentity => {
        const issued = issuer.issue({ ...request, notBefore: new Date(request.notBefore), organisation: request.cluster, ...(request.imported && { imported: request.imported }), ...(request.keepSubject && { keepSubject: request.keepSubject }) });
        artefacts.prime(issued.certificate);
        return { certificate: issued.certificate, key: issued.key };
      },
      mintTwinCertificate: (request) => {
        const minted = issuer.mint(request);
        artefacts.prime(minted.certificate);
        return { certificate: minted.certificate, key: minted.key };
      },
      sastToken: (cluster, publisher, n) => {
        const token = issuer.sastToken(cluster, publisher, n);
        artefacts.prime(token.certificate);
        return { certificate: token.certificate, key: token.key };
      },
      checkChoice: (choice) => {
        const result = checkCertificateChoice({ purpose: choice.purpose as CertificatePurpose, keyType: choice.keyType, keyLength: choice.keyLength, hash: choice.hash, fips: choice.fips });
        return result.ok ? { ok: true } : { ok: false, reason: result.reason };
      },
      // Table 3's extensions for the purpose (a CA copies them into the certificate); a certificate without
      // DNS names (CAPF, ITLRecovery) asks for no subjectAltName rather than an empty one.
      csr: ({ purpose, key: ref, subject, subjectAltNames }) =>
        createCsr({ subject: subject as Dn, privateKey: key(ref), hash: 'sha256', extensions: purposeExtensions(purpose as CertificatePurpose, { subjectAltNames }) }).pem,
      multiServerNames: (purpose, names) => {
        const result = multiServerNames(purpose as CertificatePurpose, { host: names.host, domain: names.domain, nodes: [...names.nodes] });
        return { commonName: result.commonName, subjectAltNames: [...result.subjectAltNames] };
      },
    };
    this.trustFiles = {
      sign: (file) => {
        const bytes = buildTrustFile({
          fileName: file.fileName,
          timestamp: file.timestamp,
          digest: file.digest,
          records: file.records.map((r) => ({
            ...(r.fingerprint === undefined ? {} : { certificateDer: artefacts.derForSigning(r.fingerprint) }),
            role: ROLE_CODES[r.role],
            dnsName: r.dnsName,
            // IP_ADDRESS is four bytes [trust-file format]: a twin's IPv6 node is named by its record's DNS name alone [uncertain].
            ...(isIPv4(r.ipAddress) ? { ipAddress: r.ipAddress } : {}),
            ...(r.certificateSignature === undefined ? {} : { certificateSignature: r.certificateSignature }),
          })),
          signer: { certificateDer: artefacts.derForSigning(file.signer.fingerprint), privateKey: key(file.signer.key) },
        });
        return { id: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.toString('base64') };
      },
    };
    this.configs = {
      sign: (content, signer) => ({ id: '', signature: sign('sha256', Buffer.from(content), key(signer.key)).toString('base64') }),
    };
  }
}

/** The simulated Cisco manufacturing root that signs phone MICs (@trustsim/pki PhoneCertificates). */
export function manufacturingRoot(keys: KeyPool) {
  return new PhoneCertificates(keys).manufacturingRoot();
}
