import { Role } from './roles';

/**
 * What a phone knows about a trust list (ITL or CTL) once it has parsed the bytes and checked the
 * signature: which certificate (by SHA-256 fingerprint) holds which roles, and who signed it.
 * One view per distinct file: thousands of phones holding the same file share it.
 */
export interface TrustListView {
  /** SHA-256 of the file bytes: the file's identity. */
  id: string;
  fileName: string;
  /** Fingerprint of the signer's certificate (found as a SAST record of the file itself). */
  signerFingerprint?: string;
  /** The signature over the file verified with the signer record's public key. */
  signatureValid: boolean;
  /** Why the file did not verify, when it did not. */
  failure?: string;
  /** Every certificate of the file with its roles. */
  roles: ReadonlyMap<string, ReadonlySet<Role>>;
  /** The IPv4 address each certificate's record names, where it names one (a CTL entry is tied to its node's address). */
  addresses?: ReadonlyMap<string, string>;
  /** The special ITL of "Prepare Cluster for Rollback to pre-8.0": empty TVS and TFTP sections. */
  rollback: boolean;
  /** Why phones cannot load it at all (more than 39 certificates, more than 64 KB), when they cannot. */
  tooLarge?: string;
}

export function holdsRole(list: TrustListView | undefined, fingerprint: string, roles: readonly Role[]): boolean {
  const held = list?.roles.get(fingerprint);
  return !!held && roles.some((r) => held.has(r));
}

export function certificatesWithRole(list: TrustListView, role: Role): string[] {
  return [...list.roles].filter(([, r]) => r.has(role)).map(([fp]) => fp);
}
