/**
 * Certificates below what current releases issue: SHA-1 signatures (the certificate pages offer SHA256,
 * SHA384 and SHA512 only, and FIPS mode requires SHA256 [chapter]) and RSA keys under 2048 bits. A
 * 1024-bit ITLRecovery beside 2048-bit server certificates makes the ITL recovery command fail [SREGEN].
 * Whether a given release refuses such certificates outright on upload or upgrade, the reference does
 * not state [uncertain]: the finding asks to verify, and to renew with current choices.
 */
import type { CheckRule, Finding } from '../finding';
import type { ClusterSnapshot, SnapshotCertificate } from '../snapshot';
import { describeCertificate, reference } from './certificate-text';

const weak = (c: { hash?: string; keyType?: string; keyLength?: number }) => c.hash === 'SHA1' || (c.keyType === 'RSA' && c.keyLength !== undefined && c.keyLength < 2048);

export const weakCertificates: CheckRule = {
  id: 'weak-certificate',
  sources: ['chapter', 'SREGEN', 'uncertain'],
  looksFor: 'SHA-1 signed or RSA-1024 certificates, and a 1024-bit ITLRecovery beside 2048-bit servers',
  check(cluster: ClusterSnapshot): Finding[] {
    const findings: Finding[] = [];
    const itlRecovery = cluster.identities.find((c) => c.purpose === 'ITLRecovery');
    const stronger = cluster.identities.filter((c) => c.purpose !== 'ITLRecovery' && c.keyType === 'RSA' && (c.keyLength ?? 0) >= 2048);
    if (itlRecovery?.keyLength !== undefined && itlRecovery.keyLength < 2048 && stronger.length) {
      findings.push({
        rule: this.id,
        severity: 'high',
        sources: ['SREGEN'],
        cluster: cluster.name,
        title: `${cluster.name}: ITLRecovery is ${itlRecovery.keyLength}-bit while server certificates are 2048-bit or more`,
        detail: `${describeCertificate(itlRecovery)}. With a 1024-bit ITLRecovery and 2048-bit servers "the ITL recovery command fails" [SREGEN]: the bulk ITL reset you would rely on after a mistake does not work. Regenerate ITLRecovery (two reset rounds [chapter]) before any other change.`,
        certificates: [reference(itlRecovery)],
      });
    }
    for (const cert of cluster.identities.filter(weak)) {
      findings.push({
        rule: this.id,
        severity: 'medium',
        sources: cert.hash === 'SHA1' ? ['chapter', 'uncertain'] : ['SREGEN', 'uncertain'],
        cluster: cluster.name,
        title: `${cluster.name}/${cert.node} ${cert.purpose}: ${reason(cert)}`,
        detail: `${describeCertificate(cert)}. ${cert.hash === 'SHA1' ? 'Certificate pages offer SHA256, SHA384 and SHA512 only, FIPS mode SHA256 [chapter]' : 'Current releases issue 2048 bits and more'}; whether your target release refuses it outright is not stated in trustsim's reference [uncertain]: verify, and renew it with current choices.`,
        certificates: [reference(cert)],
      });
    }
    const trust = cluster.trustCertificates.filter(weak);
    if (trust.length) {
      findings.push({
        rule: this.id,
        severity: 'low',
        sources: ['chapter', 'uncertain'],
        cluster: cluster.name,
        title: `${cluster.name}: ${trust.length} trust certificate${trust.length === 1 ? '' : 's'} SHA-1 signed or under 2048 bits`,
        detail: `${trust.map((t) => `${t.store}: ${t.subject} (${reason(t)})`).join('; ')}. A store holds one certificate per subject whatever its algorithm, so a SHA-256 successor replaces the SHA-1 one [chapter]; verify the peers still need them [uncertain].`,
      });
    }
    return findings;
  },
};

function reason(c: Pick<SnapshotCertificate, 'hash' | 'keyType' | 'keyLength'>): string {
  return [c.hash === 'SHA1' && 'SHA-1 signed', c.keyType === 'RSA' && c.keyLength !== undefined && c.keyLength < 2048 && `RSA ${c.keyLength}-bit`].filter(Boolean).join(', ');
}
