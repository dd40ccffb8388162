import type { ExtKeyUsageName, KeyUsageName } from './oids';
import type { KeyAlgorithm } from './signature-algorithm';
import type { CertificateExtensionsSpec } from './x509-extensions';

/**
 * What each CUCM identity certificate ("certificate purpose") carries, as data. The tags name the sources
 * listed in docs/trust-model.md §0.1 ([chapter] is the Security Guide's "Certificates" chapter).
 */

/** The own-certificate purposes of a CUCM node (chapter Table 6, "Certificate Purpose"). */
export const CERTIFICATE_PURPOSES = ['CallManager', 'CallManager-ECDSA', 'tomcat', 'tomcat-ECDSA', 'ipsec', 'TVS', 'CAPF', 'ITLRecovery'] as const;
export type CertificatePurpose = (typeof CERTIFICATE_PURPOSES)[number];

export interface PurposeProfile {
  readonly purpose: CertificatePurpose;
  /** Fixed by the purpose: the GUI sets Key Type itself [chapter Table 6]. */
  readonly keyType: KeyAlgorithm;
  /** Table 3 "Multi server" column: a CSR may be one certificate for every node, with their names as SANs. */
  readonly multiServer: boolean;
  /** Generated on the publisher only (CAPF) [chapter Table 3 "CAPF (publisher only)"]. */
  readonly publisherOnly: boolean;
  readonly keyUsage: readonly KeyUsageName[];
  readonly extKeyUsage: readonly ExtKeyUsageName[];
  /** Only where a source asks for it (CAPF); the chapter says nothing about it for the others. */
  readonly basicConstraints?: { readonly ca: boolean; readonly pathLen?: number };
  /** Where each value comes from. */
  readonly source: string;
  /** Set when a value is our choice because no source states it. */
  readonly assumption?: string;
}

/** Key usage of every TLS identity row of Table 3: Digital Signature, Key Encipherment, Data Encipherment. */
const TLS_KEY_USAGE: readonly KeyUsageName[] = ['digitalSignature', 'keyEncipherment', 'dataEncipherment'];
const SERVER_CLIENT: readonly ExtKeyUsageName[] = ['serverAuth', 'clientAuth'];

function tls(purpose: CertificatePurpose, keyType: KeyAlgorithm, multiServer: boolean): PurposeProfile {
  return {
    purpose,
    keyType,
    multiServer,
    publisherOnly: false,
    keyUsage: TLS_KEY_USAGE,
    extKeyUsage: SERVER_CLIENT,
    source: `[chapter] Table 3 (key usage, EKU, multi server), Table 6 (key type ${keyType})`,
  };
}

export const PURPOSE_PROFILES: Readonly<Record<CertificatePurpose, PurposeProfile>> = Object.freeze({
  // The ECDSA rows share their RSA twin's row in Table 3, Key Encipherment and Data Encipherment included,
  // even though an ECDSA key cannot encipher: we write what the chapter lists (and "Ensure that 'Data
  // Encipherment' bit is not changed or removed" [chapter]).
  CallManager: tls('CallManager', 'RSA', true),
  'CallManager-ECDSA': tls('CallManager-ECDSA', 'EC', true),
  tomcat: tls('tomcat', 'RSA', true),
  'tomcat-ECDSA': tls('tomcat-ECDSA', 'EC', true),
  TVS: tls('TVS', 'RSA', false),
  ipsec: {
    ...tls('ipsec', 'RSA', false),
    extKeyUsage: ['serverAuth', 'clientAuth', 'ipsecEndSystem'],
    source: '[chapter] Table 3 (IP security end system EKU 1.3.6.1.5.5.7.3.5), Table 6 (key type RSA)',
  },
  CAPF: {
    purpose: 'CAPF',
    keyType: 'RSA',
    multiServer: false,
    publisherOnly: true,
    // Table 3: Digital Signature Y, Key Encipherment N, Key Cert Sign Y; EKU Server Authentication only.
    keyUsage: ['digitalSignature', 'keyCertSign'],
    extKeyUsage: ['serverAuth'],
    basicConstraints: { ca: true, pathLen: 0 },
    source: '[chapter] Table 3 (CAPF, publisher only), Table 6 (RSA); [doc S15CAPF] CA:TRUE, pathlen 0, Digital Signature + Certificate Sign',
  },
  ITLRecovery: {
    purpose: 'ITLRecovery',
    keyType: 'RSA',
    multiServer: false,
    publisherOnly: true,
    keyUsage: ['digitalSignature', 'keyEncipherment'],
    extKeyUsage: SERVER_CLIENT,
    source: '[chapter] Table 6 (key type RSA); publisher-generated since 12.5 [doc SREGEN]',
    assumption:
      'ITLRecovery is not in Table 3: digitalSignature + keyEncipherment and serverAuth + clientAuth are our choice ' +
      '(it signs ITL/CTL files, so digitalSignature is the usage that matters)',
  },
});

export function isCertificatePurpose(value: string): value is CertificatePurpose {
  return (CERTIFICATE_PURPOSES as readonly string[]).includes(value);
}

export function purposeProfile(purpose: string): PurposeProfile {
  if (!isCertificatePurpose(purpose)) {
    throw new RangeError(`unknown certificate purpose ${JSON.stringify(purpose)} (known: ${CERTIFICATE_PURPOSES.join(', ')})`);
  }
  return PURPOSE_PROFILES[purpose];
}

/**
 * The extensions a certificate or CSR for `purpose` carries (key usage, EKU, basic constraints where the
 * profile has them), plus the DNS names given. Key identifiers are left to the certificate builder.
 */
export function purposeExtensions(purpose: CertificatePurpose, options: { subjectAltNames?: readonly string[] } = {}): CertificateExtensionsSpec {
  const profile = purposeProfile(purpose);
  return {
    keyUsage: profile.keyUsage,
    extKeyUsage: profile.extKeyUsage,
    ...(profile.basicConstraints ? { basicConstraints: { ...profile.basicConstraints } } : {}),
    ...(options.subjectAltNames && options.subjectAltNames.length > 0 ? { subjectAltNames: [...options.subjectAltNames] } : {}),
  };
}

export interface MultiServerNames {
  /** `<host>-ms.<domain>` [chapter Table 5, "Distribution" for multi-server]. */
  readonly commonName: string;
  /** The common name first, then every node's FQDN, without repeats. */
  readonly subjectAltNames: readonly string[];
}

/**
 * Subject CN and SANs of a multi-server (SAN) certificate: one certificate for the whole cluster, listing
 * every node [chapter Table 5 "Auto-populated Domains"; note under "Support for Certificates from External
 * CAs": regenerate it whenever a node is added]. Only the purposes with Y in Table 3's "Multi server" column.
 *
 * Our choices where the chapter is silent: the -ms name is itself listed as the first SAN (TLS clients
 * match SANs and ignore the CN once SANs are present), and the parent domain alone is not added as a SAN.
 */
export function multiServerNames(
  purpose: CertificatePurpose,
  cluster: { host: string; domain: string; nodes: readonly string[] },
): MultiServerNames {
  const profile = purposeProfile(purpose);
  if (!profile.multiServer) {
    const allowed = CERTIFICATE_PURPOSES.filter((candidate) => PURPOSE_PROFILES[candidate].multiServer);
    throw new RangeError(`${purpose} has no multi-server (SAN) certificate; only ${allowed.join(', ')} do (chapter Table 3)`);
  }
  const domain = cluster.domain.replace(/^\.+|\.+$/g, '');
  if (!isDnsName(domain)) throw new RangeError(`parent domain ${JSON.stringify(cluster.domain)} is not a DNS name`);
  if (!isDnsLabel(cluster.host)) throw new RangeError(`host ${JSON.stringify(cluster.host)} must be a single DNS label (the -ms name is built from it)`);
  if (cluster.nodes.length === 0) throw new RangeError('a multi-server certificate needs at least one node');
  const commonName = `${cluster.host}-ms.${domain}`;
  const names = [commonName];
  for (const node of cluster.nodes) {
    // A node may be given as a host name (the parent domain is appended) or as an FQDN.
    const fqdn = node.includes('.') ? node : `${node}.${domain}`;
    if (fqdn.includes('*')) throw new RangeError(`${JSON.stringify(node)}: CUCM does not support wildcard certificates [chapter]`);
    if (!isDnsName(fqdn)) throw new RangeError(`node name ${JSON.stringify(node)} is not a DNS name`);
    if (!names.some((name) => name.toLowerCase() === fqdn.toLowerCase())) names.push(fqdn);
  }
  return { commonName, subjectAltNames: names };
}

function isDnsLabel(label: string): boolean {
  return /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(label);
}

function isDnsName(name: string): boolean {
  return name.length > 0 && name.length <= 253 && name.split('.').every(isDnsLabel);
}
