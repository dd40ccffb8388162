import { isAtLeast, isBefore, Release } from './release';

export interface UpgradeEffects {
  regeneratesItlRecovery: boolean;
  dropsExpiredTrustCertificates: boolean;
  /** One sentence per effect, with its source tag. */
  why: string[];
}

/**
 * What an upgrade does to the trust certificates (domain-reference §10.7, §15). `why` explains both
 * effects, whether they happen or not, so a report can say why ITLRecovery did or did not change.
 */
export function upgradeEffects(from: Release, to: Release, method: 'refresh' | 'l2'): UpgradeEffects {
  const regeneratesItlRecovery = hitsFn70613(from, to, method);
  const dropsExpiredTrustCertificates = dropsExpiredTrust(to);
  return {
    regeneratesItlRecovery,
    dropsExpiredTrustCertificates,
    why: [
      regeneratesItlRecovery
        ? `A refresh upgrade from ${from.text} to ${to.text} regenerates ITLRecovery (CSCvv13565, FN70613): phones that trust the old one no longer trust files it signed [SFN].`
        : 'ITLRecovery is copied on upgrade, so phones keep trusting the files it signs [S15DEF].',
      dropsExpiredTrustCertificates
        ? `Expired trust certificates are not imported on an upgrade to ${to.text} [S14].`
        : `Expired trust certificates are carried over on an upgrade to ${to.text}: dropping them starts with 12.5(1)SU6 and 14SU2 [S14].`,
    ],
  };
}

/**
 * FN70613 / CSCvv13565: a refresh upgrade from 12.0 or earlier to 12.5(1) up to 12.5(1)SU2 wrongly
 * regenerates ITLRecovery; fixed in 12.5(1)SU3 [SFN]. An L2 upgrade (within a major line) copies it.
 */
function hitsFn70613(from: Release, to: Release, method: 'refresh' | 'l2'): boolean {
  return method === 'refresh' && isBefore(from, '12.5') && isAtLeast(to, '12.5') && isBefore(to, '12.5(1)SU3');
}

/** Expired trust certificates are not imported on upgrade to 12.5(1)SU6 or later in the 12.5 line, or to 14SU2 or later [S14]. */
function dropsExpiredTrust(to: Release): boolean {
  const in125Line = to.major === 12 && to.minor === 5;
  return (in125Line && isAtLeast(to, '12.5(1)SU6')) || isAtLeast(to, '14SU2');
}
