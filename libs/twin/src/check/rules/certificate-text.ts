/** How findings name certificates and count days. */
import type { CertificateRef } from '../finding';
import type { SnapshotCertificate } from '../snapshot';

const DAY = 86_400_000;

/** Whole days from `now` to the certificate's notAfter (negative once expired); undefined without a notAfter. */
export function dueIn(cert: Pick<SnapshotCertificate, 'notAfter'>, now: Date): number | undefined {
  if (!cert.notAfter) return undefined;
  return Math.floor((Date.parse(cert.notAfter) - now.getTime()) / DAY);
}

export function describeCertificate(cert: SnapshotCertificate): string {
  const parts = [cert.subject, cert.serial && `serial ${cert.serial}`, cert.keyType && cert.keyLength && `${cert.keyType} ${cert.keyLength}`, cert.hash].filter(Boolean);
  return `${cert.node} ${cert.purpose}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}

export function reference(cert: SnapshotCertificate): CertificateRef {
  return { node: cert.node, purpose: cert.purpose, ...(cert.subject && { subject: cert.subject }), ...(cert.serial && { serial: cert.serial }), ...(cert.notAfter && { notAfter: cert.notAfter }) };
}
