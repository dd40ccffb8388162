import { Role } from '../shared/roles';
import { TrustListView } from '../shared/trust-list-view';
import { TvsServer } from '../tvs/tvs-query';

/** A trust list as a phone sees it, written as `{ fingerprint: roles }`. */
export function itl(id: string, signer: string | undefined, records: Record<string, Role[]>, extra: Partial<TrustListView> = {}): TrustListView {
  return {
    id,
    fileName: 'ITLFile.tlv',
    signerFingerprint: signer,
    signatureValid: signer !== undefined,
    roles: new Map(Object.entries(records).map(([fp, roles]) => [fp, new Set(roles)])),
    rollback: false,
    ...extra,
  };
}

export function tvs(node: string, certificate: string, answers: Record<string, Role[]> = {}, reachable = true): TvsServer {
  return { cluster: 'hq', node, reachable, certificateFingerprint: certificate, rolesFor: (fp) => answers[fp] ?? [] };
}

/** A CTL as a phone sees it: the same view, served as CTLFile.tlv. */
export function ctl(id: string, signer: string | undefined, records: Record<string, Role[]>, extra: Partial<TrustListView> = {}): TrustListView {
  return itl(id, signer, records, { fileName: 'CTLFile.tlv', ...extra });
}
