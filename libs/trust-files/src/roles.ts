/**
 * Record FUNCTION values (trust-file-format.md, "Records", tag 4) and the names `show itl` prints.
 * A plain `as const` object rather than a TypeScript enum: the numbers are wire values, and a parsed
 * file may carry a role we do not know, so readers work with `number` and ask `trustRoleName`.
 */
export const TrustRole = {
  SAST: 0,
  CCM: 1,
  CCM_TFTP: 2,
  TFTP: 3,
  CAPF: 4,
  APP_SERVER: 7,
  TVS: 21,
} as const;

export type TrustRole = (typeof TrustRole)[keyof typeof TrustRole];

/** Display names by wire value; index with a parsed record's `role` (undefined for unknown roles). */
export const ROLE_NAMES: Readonly<Record<TrustRole, string>> & Readonly<Partial<Record<number, string>>> = {
  [TrustRole.SAST]: 'SAST',
  [TrustRole.CCM]: 'CCM',
  [TrustRole.CCM_TFTP]: 'CCM+TFTP',
  [TrustRole.TFTP]: 'TFTP',
  [TrustRole.CAPF]: 'CAPF',
  [TrustRole.APP_SERVER]: 'APP-SERVER',
  [TrustRole.TVS]: 'TVS',
};

export function isTrustRole(value: number): value is TrustRole {
  return Object.prototype.hasOwnProperty.call(ROLE_NAMES, value);
}

/** The `show itl` name, or `UNKNOWN(<n>)` for a value read from a file that we do not know. */
export function trustRoleName(role: number): string {
  return isTrustRole(role) ? ROLE_NAMES[role] : `UNKNOWN(${role})`;
}
