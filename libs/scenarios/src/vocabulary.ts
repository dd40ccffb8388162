/**
 * The closed word lists of the scenario language, in one place so the schema, the validator and error
 * messages ("expected one of …") agree. The `satisfies` clauses tie each list to the model's types.
 */
import type { CertificatePurpose, SecurityProfile, ServiceName } from './model';

export const SERVICES = ['callmanager', 'tftp', 'tvs', 'capf', 'ctimanager', 'tomcat'] as const satisfies readonly ServiceName[];

export const PURPOSES = [
  'CallManager',
  'CallManager-ECDSA',
  'tomcat',
  'tomcat-ECDSA',
  'ipsec',
  'CAPF',
  'TVS',
  'ITLRecovery',
] as const satisfies readonly CertificatePurpose[];

/**
 * Purposes with a multi-server (SAN) certificate: Y in the "Multi server" column of the chapter's Table 3
 * [chapter]; TVS, ipsec, CAPF and ITLRecovery have none. (The same list as libs/pki PURPOSE_PROFILES.)
 */
export const MULTI_SERVER_PURPOSES = ['CallManager', 'CallManager-ECDSA', 'tomcat', 'tomcat-ECDSA'] as const satisfies readonly CertificatePurpose[];

/**
 * Purposes CUCM makes a CSR for: "Unified Communications Manager, CAPF, IPSec, Tomcat, TVS" [chapter
 * "Support for Certificates from External CAs"] and the -ECDSA pair of Table 3 [chapter]; not ITLRecovery.
 * (The same list as the domain catalogue's caSignable identities.)
 */
export const CSR_PURPOSES = ['CallManager', 'CallManager-ECDSA', 'tomcat', 'tomcat-ECDSA', 'ipsec', 'CAPF', 'TVS'] as const satisfies readonly CertificatePurpose[];

export const SECURITY_PROFILES = ['non-secure', 'authenticated', 'encrypted'] as const satisfies readonly SecurityProfile[];
export const CLUSTER_SECURITY = ['non-secure', 'mixed'] as const;
export const KEY_TYPES = ['RSA', 'EC'] as const;
export const HASHES = ['SHA1', 'SHA256', 'SHA384', 'SHA512'] as const;
export const RSA_KEY_LENGTHS = [1024, 2048, 3072, 4096] as const;
export const EC_KEY_LENGTHS = [256, 384, 521] as const;
export const KEY_LENGTHS = [...RSA_KEY_LENGTHS, ...EC_KEY_LENGTHS] as const;

/** Record roles of an ITL or CTL file, as `show itl` names them (trust-file-format.md, tag 4). */
export const TRUST_LIST_ROLES = ['SAST', 'CCM', 'CCM+TFTP', 'TFTP', 'CAPF', 'APP-SERVER', 'TVS'] as const;

export const PHONE_STATUSES = ['trusted', 'degraded', 'locked', 'unregistered', 'off'] as const;
export const TRUST_LIST_OUTCOMES = ['accepted', 'trust-list-update-failed'] as const;
export const CONFIG_OUTCOMES = ['accepted', 'rejected'] as const;
export const REGISTRATIONS = ['secure', 'non-secure', 'none'] as const;

/**
 * Trust stores by their CUCM names (chapter and AXL schema, docs/trust-model.md §2). Matching is
 * case-insensitive because Cisco's own documents spell some both ways (`IPSec-trust`, `ipsec-trust`).
 */
export const TRUST_STORES = [
  'tomcat-trust',
  'CallManager-trust',
  'CAPF-trust',
  'Phone-SAST-trust',
  'ipsec-trust',
  'TVS-trust',
  'userlicensing-trust',
  'Phone-CTL-trust',
  'Phone-trust',
  'Phone-VPN-trust',
  'Phone-Edge-trust',
  'Phone-CTL-ASA-trust',
  'directory-trust',
] as const;

/** Identity stores take a CA-signed certificate for the purpose of the same name. */
export const STORES = [...TRUST_STORES, ...PURPOSES] as const;

/** CAPF authentication modes as the Phone Security Profile page names them (docs/trust-model.md §8). */
export const CAPF_AUTH_MODES = [
  'By Authentication String',
  'By Null String',
  'By Existing Certificate (Precedence to LSC)',
  'By Existing Certificate (Precedence to MIC)',
] as const;

/** CAPF key orders of a phone's CAPF operation [S125PSP]. */
export const CAPF_KEY_ORDERS = ['RSA Only', 'EC Only', 'EC Preferred, RSA Backup'] as const;

/** Enterprise parameters the simulator reads, with their fresh-install defaults. */
export const KNOWN_PARAMETERS = {
  phoneInteractionOnCertificateUpdate: { values: ['automatic', 'manual'] as const, default: 'automatic' },
  prepareClusterForRollbackToPre80: { values: [true, false] as const, default: false },
} as const;

export const PARAMETER_DEFAULTS: Record<string, string | boolean> = Object.fromEntries(
  Object.entries(KNOWN_PARAMETERS).map(([name, spec]) => [name, spec.default]),
);

/** `SEP` + the 12 hex digits of the MAC address, as CUCM names a phone. */
export const PHONE_NAME = /^SEP[0-9A-F]{12}$/i;
