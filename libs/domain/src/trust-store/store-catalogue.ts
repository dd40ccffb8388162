import type { Assumptions } from '../assumptions/assumptions';
import { isAtLeast, parseRelease } from '../release/release';
import type { ServiceId } from './refusal';

/**
 * Every certificate store of a CUCM node as data: the trust stores ("…-trust", what Upload Certificate/
 * Certificate Chain offers as Certificate Purpose) and the identity certificates ("own" certificates,
 * type "cert"), each fact with its source tag (docs/trust-model.md §0.1, §1, §2).
 */

/** Canonical names, spelled as the chapter spells them; the AXL-only stores as the AXL schema does. */
export const TRUST_STORE_NAMES = [
  'tomcat-trust',
  'CallManager-trust',
  'IPSec-trust',
  'CAPF-trust',
  'Userlicensing-trust',
  'TVS-trust',
  'Phone-SAST-trust',
  'Phone-CTL-trust',
  'Phone-trust',
  'Phone-VPN-trust',
  'directory-trust',
  'Phone-CTL-ASA-trust',
  'Phone-Edge-trust',
] as const;
export type TrustStoreName = (typeof TRUST_STORE_NAMES)[number];

/** Certificate purposes of identity certificates [chapter] table 6. */
export const IDENTITY_STORE_NAMES = [
  'CallManager',
  'CallManager-ECDSA',
  'tomcat',
  'tomcat-ECDSA',
  'ipsec',
  'CAPF',
  'TVS',
  'ITLRecovery',
] as const;
export type IdentityStoreName = (typeof IDENTITY_STORE_NAMES)[number];

export type StoreName = TrustStoreName | IdentityStoreName;

/** A fact and the source tag(s) it rests on. */
export interface Sourced<T> {
  readonly value: T;
  readonly source: string;
}

export interface TrustStoreInfo {
  readonly kind: 'trust';
  readonly name: TrustStoreName;
  /** Where the store's existence is documented. */
  readonly listedIn: string;
  /** What it holds and who relies on it (§2.1). */
  readonly purpose: Sourced<string>;
  /**
   * An upload on one node: `cluster` — written to the database and put on every node's file system by
   * the Cisco Certificate Change Notification service [SCN]; `node` — stays on the node it was made on.
   */
  readonly upload: Sourced<'cluster' | 'node'>;
  /**
   * Whether the chapter (14/15) says a delete removes the certificate "across all servers in the cluster".
   * The effective scope also depends on the assumption `trustDeleteScope` (see `deleteScopeOf`).
   */
  readonly deleteClusterWide: Sourced<boolean>;
  /** Upload and delete only on the publisher. */
  readonly publisherOnly?: Sourced<true>;
  /** Services to restart after deleting one of its certificates (§2.2), on each node that lost it. */
  readonly restartAfterDelete: Sourced<readonly ServiceId[]>;
  /** A service CUCM restarts by itself after an upload, and from which release. */
  readonly restartsOnUpload?: Sourced<{ readonly service: ServiceId; readonly since: string }>;
  /** First release that has the store, where known. */
  readonly introducedIn?: Sourced<string>;
}

export interface IdentityStoreInfo {
  readonly kind: 'identity';
  readonly name: IdentityStoreName;
  readonly purpose: Sourced<string>;
  readonly keyType: Sourced<'RSA' | 'EC'>;
  /** Whether a multi-server (SAN) CSR and certificate exist for it [chapter] table 3. */
  readonly multiServer: Sourced<boolean>;
  /** Whether the administrator can replace it with a CA-signed certificate at all. */
  readonly caSignable: Sourced<boolean>;
  /** Trust stores that must hold the issuing chain before a CA-signed copy is uploaded. */
  readonly chainStores: Sourced<readonly TrustStoreName[]>;
  /** Where the other nodes of the cluster get a copy of a node's certificate. */
  readonly peersTrustItIn?: Sourced<TrustStoreName>;
  /** Only on the publisher, from a release ('' = in every release the simulator models). */
  readonly publisherOnly?: Sourced<{ readonly since: string }>;
  readonly introducedIn?: Sourced<string>;
}

export type StoreInfo = TrustStoreInfo | IdentityStoreInfo;

const CHAPTER_DELETE_NOTE = '[chapter] "Delete a Trust Certificate"';
const SCN_LIST = '[SCN] (the certM.conf change-notification list)';
const NOT_IN_SCN = '[uncertain – inferred: not in the [SCN] change-notification list] (§2.3)';
const NOT_IN_CHAPTER_DELETE_LIST = '[uncertain – the chapter names only four stores as deleted cluster-wide] (§2.3)';
const AXL_ONLY = '[uncertain – public AXL schema enum, no Cisco document] (§2)';
const NO_RESTART: Sourced<readonly ServiceId[]> = { value: [], source: '[SREGEN] names restarts only for tomcat-trust, CAPF-trust and IPSec-trust (§2.2)' };

function trust(
  name: TrustStoreName,
  listedIn: string,
  purpose: Sourced<string>,
  upload: Sourced<'cluster' | 'node'>,
  rest: Partial<Omit<TrustStoreInfo, 'kind' | 'name' | 'listedIn' | 'purpose' | 'upload'>> = {},
): TrustStoreInfo {
  return {
    kind: 'trust',
    name,
    listedIn,
    purpose,
    upload,
    deleteClusterWide: rest.deleteClusterWide ?? { value: false, source: NOT_IN_CHAPTER_DELETE_LIST },
    restartAfterDelete: rest.restartAfterDelete ?? NO_RESTART,
    ...rest,
  };
}

const TRUST_STORES: Readonly<Record<TrustStoreName, TrustStoreInfo>> = {
  'tomcat-trust': trust(
    'tomcat-trust',
    '[chapter] ("Common trust store for Tomcat and web applications")',
    { value: 'Peers of Tomcat and web applications: OCSP signing certificates and their roots, SSO IdP, Expressway, UCCX, the other nodes\' tomcat certificates', source: '[chapter] [SREGEN-T] (§2.1)' },
    { value: 'cluster', source: SCN_LIST },
    {
      deleteClusterWide: { value: true, source: CHAPTER_DELETE_NOTE },
      restartAfterDelete: { value: ['tomcat'], source: '[SREGEN] (§2.2)' },
    },
  ),
  'CallManager-trust': trust(
    'CallManager-trust',
    '[chapter]',
    { value: 'Peers that connect to CallManager over TLS: SIP trunks and user agents, CUBE and secure media resources, Unity Connection, Expressway-C, the root of a CA-signed CAPF, (historically) MIC roots; not used by TVS for phones', source: '[chapter] [SREGEN-T] [SCN] (§2.1)' },
    { value: 'cluster', source: SCN_LIST },
    { deleteClusterWide: { value: true, source: CHAPTER_DELETE_NOTE } },
  ),
  'IPSec-trust': trust(
    'IPSec-trust',
    '[chapter]',
    { value: 'The other nodes\' ipsec certificates; DRS master and local agents need them', source: '[SREGEN] (§2.1)' },
    { value: 'node', source: NOT_IN_SCN },
    { restartAfterDelete: { value: ['drf-master', 'drf-local'], source: '[SREGEN] (§2.2)' } },
  ),
  'CAPF-trust': trust(
    'CAPF-trust',
    '[chapter]',
    { value: 'MIC roots CAPF authenticates phones with ("By Existing Certificate"), and from 12.5(1)SU3 Secure Onboarding; CA roots for Online/Offline CA LSCs', source: '[chapter] [S15CAPF] (§2.1)' },
    { value: 'node', source: '[chapter] ("enabled only on that particular node and is not replicated across the cluster")' },
    {
      deleteClusterWide: { value: true, source: CHAPTER_DELETE_NOTE },
      restartAfterDelete: { value: ['capf'], source: '[SREGEN] (§2.2; endpoints restart)' },
      restartsOnUpload: { value: { service: 'capf', since: '14' }, source: '[SREL14] (§2.3)' },
    },
  ),
  'Userlicensing-trust': trust(
    'Userlicensing-trust',
    '[chapter]',
    { value: 'Licensing peers [uncertain – the documents name the store without saying what it holds]; not used by TVS', source: '[chapter] [SCN]' },
    { value: 'node', source: NOT_IN_SCN },
  ),
  'TVS-trust': trust(
    'TVS-trust',
    '[chapter]',
    { value: 'The CA chain of a CA-signed TVS certificate; not used by TVS for phone decisions', source: '[uncertain – TAC CA-signing walkthrough, URL not captured] [SCN] (§2.1)' },
    { value: 'node', source: NOT_IN_SCN },
  ),
  'Phone-SAST-trust': trust(
    'Phone-SAST-trust',
    '[chapter]',
    { value: 'Certificates phones must accept as trust-list and configuration signers: another cluster\'s CallManager and ITLRecovery in a migration, eToken and proxy-TFTP certificates (TVS answers SAST and TFTP)', source: '[SCN] [SBULK] (§2.1)' },
    { value: 'cluster', source: SCN_LIST },
    { deleteClusterWide: { value: true, source: CHAPTER_DELETE_NOTE } },
  ),
  'Phone-CTL-trust': trust(
    'Phone-CTL-trust',
    '[chapter]',
    { value: 'Servers phones reach over HTTPS (TVS answers Application Server)', source: '[SCN] (§2.1)' },
    { value: 'node', source: NOT_IN_SCN },
  ),
  'Phone-trust': trust(
    'Phone-trust',
    AXL_ONLY,
    { value: 'Servers phones reach over HTTPS (TVS answers Application Server)', source: '[SCN] (§2.1)' },
    { value: 'node', source: NOT_IN_SCN },
  ),
  'Phone-VPN-trust': trust(
    'Phone-VPN-trust',
    AXL_ONLY,
    { value: 'The phone VPN gateway (TVS answers VPN)', source: '[SCN] (§2.1)' },
    { value: 'node', source: NOT_IN_SCN },
  ),
  'directory-trust': trust(
    'directory-trust',
    AXL_ONLY,
    { value: 'Directory (LDAP) servers [uncertain – from the name]; not used by TVS', source: '[SCN] (§2.1)' },
    { value: 'cluster', source: SCN_LIST },
  ),
  'Phone-CTL-ASA-trust': trust(
    'Phone-CTL-ASA-trust',
    AXL_ONLY,
    { value: 'Not documented [uncertain]', source: AXL_ONLY },
    { value: 'node', source: NOT_IN_SCN },
  ),
  'Phone-Edge-trust': trust(
    'Phone-Edge-trust',
    '[chapter] [SPROXY]',
    { value: 'Off-cluster Tomcat roots for SIP OAuth proxy TFTP', source: '[SPROXY] (§2.1)' },
    { value: 'cluster', source: '[uncertain – inferred from the publisher-only rule [chapter]: a node-local store would be uploaded on each TFTP node]' },
    {
      publisherOnly: { value: true, source: '[chapter] ("should be done from publisher", upload and delete)' },
      deleteClusterWide: { value: true, source: '[uncertain – it can only be deleted on the publisher, so the delete must reach the copies] (§2.3)' },
      introducedIn: { value: '14SU1', source: '[SPROXY] (§15)' },
    },
  ),
};

function identity(
  name: IdentityStoreName,
  purpose: Sourced<string>,
  keyType: 'RSA' | 'EC',
  multiServer: boolean,
  chainStores: Sourced<readonly TrustStoreName[]>,
  rest: Partial<Omit<IdentityStoreInfo, 'kind' | 'name' | 'purpose' | 'keyType' | 'chainStores'>> = {},
): IdentityStoreInfo {
  return {
    kind: 'identity',
    name,
    purpose,
    keyType: { value: keyType, source: '[chapter] table 6' },
    multiServer: { value: multiServer, source: '[chapter] table 3' },
    caSignable: rest.caSignable ?? { value: true, source: '[chapter] "Support for Certificates from External CAs"' },
    chainStores,
    ...rest,
  };
}

const IDENTITY_STORES: Readonly<Record<IdentityStoreName, IdentityStoreInfo>> = {
  CallManager: identity(
    'CallManager',
    { value: 'SIP/SCCP TLS, SIP trunks, TFTP: signs configuration files (CCM+TFTP role)', source: '[chapter] tables 3, 7 (§1)' },
    'RSA',
    true,
    { value: ['CallManager-trust'], source: '[chapter] "Third-Party CA-Signed Certificates" [SREGEN]' },
    { peersTrustItIn: { value: 'CallManager-trust', source: SCN_LIST } },
  ),
  'CallManager-ECDSA': identity(
    'CallManager-ECDSA',
    { value: 'As CallManager, for EC cipher suites', source: '[chapter] (§1)' },
    'EC',
    true,
    { value: ['CallManager-trust'], source: '[SREGEN] (shares CallManager-trust with the RSA certificate)' },
    { peersTrustItIn: { value: 'CallManager-trust', source: '[SREGEN]' }, introducedIn: { value: '11.0', source: '[SREGEN] (§15)' } },
  ),
  tomcat: identity(
    'tomcat',
    { value: 'Web services (administration pages, UDS, phone services), DRF, CallManager when SIP OAuth is on', source: '[chapter] table 7 (§1)' },
    'RSA',
    true,
    { value: ['tomcat-trust'], source: '[chapter] "Third-Party CA-Signed Certificates" [SREGEN]' },
    { peersTrustItIn: { value: 'tomcat-trust', source: SCN_LIST } },
  ),
  'tomcat-ECDSA': identity(
    'tomcat-ECDSA',
    { value: 'As tomcat, for EC cipher suites', source: '[chapter] (§1)' },
    'EC',
    true,
    { value: ['tomcat-trust'], source: '[SREGEN] (ECDSA certificates share the RSA trust stores)' },
    { peersTrustItIn: { value: 'tomcat-trust', source: '[SREGEN]' }, introducedIn: { value: '11.0', source: '[SREGEN] (§15)' } },
  ),
  ipsec: identity(
    'ipsec',
    { value: 'IPsec, and SSL between the DRS master and local agents', source: '[chapter] table 3 [SREGEN] (§1)' },
    'RSA',
    false,
    { value: ['IPSec-trust'], source: '[uncertain – inferred: each identity checks its chain against the trust store of the same name]' },
    { peersTrustItIn: { value: 'IPSec-trust', source: '[SREGEN]' } },
  ),
  CAPF: identity(
    'CAPF',
    { value: 'Issues LSCs (when CAPF is the issuer), CAPF TLS to phones, trust anchor for LSCs', source: '[chapter] tables 3, 7 (§1)' },
    'RSA',
    false,
    { value: ['CAPF-trust', 'CallManager-trust'], source: '[chapter] "Add Certificate Authority-Signed CAPF Root Certificate to the Trust Store" (CallManager-trust) [S15CAPF] (CAPF-trust)' },
    { publisherOnly: { value: { since: '14' }, source: '[chapter] table 3 ("publisher only") [SREGEN] ("Beginning in CUCM 14")' } },
  ),
  TVS: identity(
    'TVS',
    { value: 'TLS server certificate of the Trust Verification Service (port 2445)', source: '[chapter] tables 3, 7 [SBULK] (§1)' },
    'RSA',
    false,
    { value: ['TVS-trust'], source: '[uncertain – TAC CA-signing walkthrough, URL not captured] (§2.1)' },
  ),
  ITLRecovery: identity(
    'ITLRecovery',
    { value: 'Signs the ITL and the tokenless CTL (12.0+); second SAST of the tokenless CTL', source: '[SREGEN] [S125CTL] (§1)' },
    'RSA',
    false,
    { value: [], source: '—' },
    {
      multiServer: { value: false, source: '[chapter] table 3 (no row) [SREGEN] (one certificate for the cluster)' },
      caSignable: { value: false, source: '[chapter] "Support for Certificates from External CAs" does not list it' },
      publisherOnly: { value: { since: '12.5' }, source: '[SREGEN] (12.5+: generated by the publisher)' },
      introducedIn: { value: '10.0', source: '[SITL10] (§15)' },
    },
  ),
};

/** The entry for a trust store or identity certificate, by canonical name. */
export function storeInfo(name: TrustStoreName): TrustStoreInfo;
export function storeInfo(name: IdentityStoreName): IdentityStoreInfo;
export function storeInfo(name: StoreName): StoreInfo;
export function storeInfo(name: StoreName): StoreInfo {
  return isTrustStoreName(name) ? TRUST_STORES[name] : IDENTITY_STORES[name];
}

export function trustStores(): readonly TrustStoreInfo[] {
  return TRUST_STORE_NAMES.map((n) => TRUST_STORES[n]);
}

export function identityStores(): readonly IdentityStoreInfo[] {
  return IDENTITY_STORE_NAMES.map((n) => IDENTITY_STORES[n]);
}

export function isTrustStoreName(name: string): name is TrustStoreName {
  return (TRUST_STORE_NAMES as readonly string[]).includes(name);
}

export function isIdentityStoreName(name: string): name is IdentityStoreName {
  return (IDENTITY_STORE_NAMES as readonly string[]).includes(name);
}

const BY_LOWER_CASE = new Map<string, StoreName>(
  [...TRUST_STORE_NAMES, ...IDENTITY_STORE_NAMES].map((n) => [n.toLowerCase(), n]),
);

/**
 * The canonical name of a store however it is cased ("ipsec-trust", "IPSEC-TRUST" → "IPSec-trust";
 * "callmanager" → "CallManager"): Cisco's own documents spell several both ways (§2). Surrounding
 * whitespace is ignored; anything else must match. Undefined for an unknown name.
 */
export function canonicalStoreName(input: string): StoreName | undefined {
  return BY_LOWER_CASE.get(input.trim().toLowerCase());
}

/** Where an upload into a trust store ends up: every node [SCN], or only the node it was made on (§2.3). */
export function uploadScopeOf(store: TrustStoreName): 'cluster' | 'node' {
  return TRUST_STORES[store].upload.value;
}

/**
 * Which nodes a delete reaches (§2.3, §16.3).
 * - `trustDeleteScope: 'cluster'` (the chapter, 14/15): CAPF-trust, tomcat-trust, CallManager-trust and
 *   Phone-SAST-trust lose the certificate on every node [chapter]; every other store only on the node
 *   the delete was made on (the chapter names no other) [uncertain].
 * - `trustDeleteScope: 'node'` (TAC 214231): "It must be deleted individually from each node" [SREGEN].
 * - Phone-Edge-trust is cluster-wide under both readings: it can only be deleted on the publisher
 *   [chapter], so a per-node delete could never reach the subscribers' copies [uncertain].
 */
export function deleteScopeOf(store: TrustStoreName, assumption: Assumptions['trustDeleteScope']): 'cluster' | 'node' {
  const info = TRUST_STORES[store];
  if (info.publisherOnly) return 'cluster';
  return assumption === 'cluster' && info.deleteClusterWide.value ? 'cluster' : 'node';
}

/** Services to restart on each node that lost a certificate of `store` [SREGEN] (§2.2). */
export function restartsAfterDelete(store: TrustStoreName): readonly ServiceId[] {
  return TRUST_STORES[store].restartAfterDelete.value;
}

/**
 * Whether uploads and deletes must be made on the publisher: Phone-Edge-trust [chapter]; the CAPF
 * identity from 14 [chapter] [SREGEN]; ITLRecovery from 12.5 [SREGEN]. Without a release, the newest
 * behaviour applies.
 */
export function isPublisherOnly(store: StoreName, release?: string): boolean {
  const info = storeInfo(store);
  if (!info.publisherOnly) return false;
  if (info.kind === 'trust') return true;
  const since = info.publisherOnly.value.since;
  return !release || since === '' || isAtLeast(parseRelease(release), since);
}

/** Whether the release has the store; true when no release is given or nothing is known. */
export function storeExistsIn(store: StoreName, release?: string): boolean {
  const since = storeInfo(store).introducedIn?.value;
  return !release || !since || isAtLeast(parseRelease(release), since);
}
