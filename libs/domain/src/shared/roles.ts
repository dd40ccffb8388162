/**
 * Trust roles a certificate can hold in an ITL/CTL record or in a TVS answer. The names are those
 * `show itl` prints; the numeric codes of the file format live in @trustsim/trust-files.
 */
export type Role = 'SAST' | 'CCM' | 'CCM+TFTP' | 'TFTP' | 'CAPF' | 'APP-SERVER' | 'TVS';

/** Roles that let a phone trust a configuration file's signer [S125DEF §4.2] [SSBD]. */
export const CONFIG_SIGNER_ROLES: readonly Role[] = ['CCM+TFTP', 'TFTP'];

/** The role a trust-list signer must hold [S125DEF] [trust-file-format]. */
export const TRUST_LIST_SIGNER_ROLES: readonly Role[] = ['SAST'];
