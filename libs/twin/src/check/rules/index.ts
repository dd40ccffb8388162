/** Every rule `trustsim check` applies, in the order reports list them. */
import type { CheckRule } from '../finding';
import { callManagerKeySize } from './callmanager-key-size';
import { expiringCertificates } from './expiring-certificates';
import { fn70613Upgrade } from './fn70613-upgrade';
import { itlSize } from './itl-size';
import { noSecurityByDefault } from './no-security-by-default';
import { orderTrap } from './order-trap';
import { secureWithoutLsc } from './secure-without-lsc';
import { staleCtl } from './stale-ctl';
import { trustCertificatesExpiring } from './trust-certificates-expiring';
import { weakCertificates } from './weak-certificates';

export const RULES: readonly CheckRule[] = [
  expiringCertificates,
  orderTrap,
  fn70613Upgrade,
  staleCtl,
  itlSize,
  weakCertificates,
  callManagerKeySize,
  secureWithoutLsc,
  noSecurityByDefault,
  trustCertificatesExpiring,
];

export { callManagerKeySize, expiringCertificates, fn70613Upgrade, itlSize, noSecurityByDefault, orderTrap, secureWithoutLsc, staleCtl, trustCertificatesExpiring, weakCertificates };
