/**
 * Up to 11.5 the ITL is signed by the TFTP node's CallManager key; a phone accepts an ITL with a new
 * signer only through TVS, whose certificate its ITL must still hold. CallManager and TVS certificates
 * due in the same window invite renewing them together, which locks the phones: renew one, let every
 * phone reset and take the new ITL, then the other. The chapter renews TVS first and the TFTP certificate
 * last [chapter]; TAC 214231 lists them the other way, and both separate them by a full round of phone
 * resets [SREGEN] (domain-reference §10.2, §16.1).
 */
import { isBefore, parseRelease } from '@trustsim/domain';
import { groupsReachedBy, phonesOf } from '../affected-phones';
import type { CheckContext, CheckRule, Finding } from '../finding';
import type { ClusterSnapshot } from '../snapshot';
import { due } from './expiring-certificates';
import { reference } from './certificate-text';

export const orderTrap: CheckRule = {
  id: 'callmanager-and-tvs-due-together',
  sources: ['chapter', 'SREGEN'],
  looksFor: 'on 11.5 and earlier, CallManager and TVS certificates due in the same window (the order trap)',
  check(cluster: ClusterSnapshot, context: CheckContext): Finding[] {
    if (!isBefore(parseRelease(cluster.version), '12.0')) return [];
    const tftp = new Set(cluster.nodes.filter((n) => n.services.includes('tftp')).map((n) => n.name));
    // The ITL signer is the TFTP node's own CallManager certificate (RSA; the ECDSA one does not sign trust files).
    const callManagers = cluster.identities.filter((c) => c.purpose === 'CallManager' && tftp.has(c.node) && due(c, context));
    const tvs = cluster.identities.filter((c) => c.purpose === 'TVS' && due(c, context));
    if (callManagers.length === 0 || tvs.length === 0) return [];
    const groups = [...callManagers, ...tvs].flatMap((c) => groupsReachedBy(cluster, c.node, c.purpose));
    const phones = phonesOf(cluster, groups);
    return [
      {
        rule: this.id,
        severity: 'high',
        sources: [...this.sources],
        cluster: cluster.name,
        title: `${cluster.name} (${cluster.version}): CallManager of ${callManagers.map((c) => c.node).join(', ')} and TVS of ${tvs.map((c) => c.node).join(', ')} are due within ${context.days} days together`,
        detail:
          `On ${cluster.version} the ITL is signed by the TFTP node's CallManager key; phones accept a new signer only through TVS, with the TVS certificate their ITL holds. ` +
          'Renewing both at once leaves phones trusting neither: every phone locked, its ITL to be deleted by hand or a backup restored [SREGEN]. ' +
          'Renew them in two rounds with a full round of phone resets between: TVS first and the TFTP (CallManager) certificate last as the chapter says [chapter] (TAC 214231 lists CallManager first; both separate them [SREGEN]). Rehearse it: add both steps to this scenario and run it.',
        certificates: [...callManagers, ...tvs].map(reference),
        ...(phones && { phones }),
      },
    ];
  },
};
