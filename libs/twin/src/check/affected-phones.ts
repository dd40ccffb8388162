/**
 * Which phones a node's certificate reaches, by what phones use it for (domain-reference §1, §4, §6, §7):
 *
 * - CallManager: signs the configuration files of phones it serves TFTP to [SSBD] (and, up to 11.5, their
 *   ITL [SREGEN]); phones of its CallManager group register to it, securely through it [S125CTL].
 * - TVS: phones ask the TVS servers of their CallManager group [STOKENLESS] [SBULK].
 * - tomcat: HTTPS services of the phones of its CallManager group, verified through TVS [S125DEF].
 * - ITLRecovery: signs every phone's ITL from 12.0, and the tokenless CTL [SREGEN].
 * - CAPF: phones holding or needing an LSC [chapter].
 * - ipsec: no phone (DRS between nodes [SREGEN]).
 *
 * Devices without Security by Default ignore the ITL and TVS [STOKENLESS]; they count only for what
 * does not go through them (registration, CAPF).
 */
import { isAtLeast, parseRelease, phoneModel } from '@trustsim/domain';
import type { ClusterSnapshot, SnapshotPhoneGroup } from './snapshot';

export function groupsReachedBy(cluster: ClusterSnapshot, node: string, purpose: string): SnapshotPhoneGroup[] {
  const sbd = (g: SnapshotPhoneGroup) => phoneModel(g.model)?.securityByDefault !== false;
  const base = purpose.replace(/-ECDSA$/, '');
  switch (base) {
    case 'CallManager':
      return cluster.phoneGroups.filter((g) => g.callManagerGroup.includes(node) || (g.tftp.includes(node) && sbd(g)));
    case 'TVS':
    case 'tomcat':
      return cluster.phoneGroups.filter((g) => g.callManagerGroup.includes(node) && sbd(g));
    case 'ITLRecovery': {
      const signsItl = isAtLeast(parseRelease(cluster.version), '12.0');
      return cluster.phoneGroups.filter((g) => (signsItl && sbd(g)) || cluster.security === 'mixed');
    }
    case 'CAPF':
      return cluster.phoneGroups.filter((g) => g.lsc || g.securityProfile !== 'non-secure');
    default:
      return [];
  }
}

export function phonesOf(cluster: ClusterSnapshot, groups: readonly SnapshotPhoneGroup[]): { groups: string[]; count: number } | undefined {
  if (groups.length === 0) return undefined;
  const unique = [...new Set(groups)];
  return { groups: unique.map((g) => `${cluster.name}/${g.group}`), count: unique.reduce((n, g) => n + g.count, 0) };
}
