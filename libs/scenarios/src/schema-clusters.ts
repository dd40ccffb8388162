/** Clusters: release, security mode, enterprise parameters, nodes, certificates and phone groups. */
import { z } from 'zod';
import { didYouMean, suggest } from './did-you-mean';
import { byShape, canonical, isMapping, raise, strictObject, withInputForm, type Report } from './schema-helpers';
import { clusterName, fingerprint, groupName, hexSerial, hostName, ipAddress, isoTime, keyLength, label, NAME, NAME_EXPECTED, nodeName, phoneName, powerState, scalar, version, wholeNumber } from './schema-scalars';
import { phoneKeySizes } from './schema-phone-key-sizes';
import { CLUSTER_SECURITY, HASHES, KEY_TYPES, KNOWN_PARAMETERS, PARAMETER_DEFAULTS, PURPOSES, SECURITY_PROFILES, SERVICES, TRUST_LIST_ROLES, TRUST_STORES } from './vocabulary';

const nodeSchema = strictObject({
  name: nodeName,
  role: z.enum(['publisher', 'subscriber']).optional(),
  services: z.array(z.enum(SERVICES)).optional(),
  // Extension (twins): the real node's address and FQDN, as its trust-file records name it.
  address: ipAddress.optional(),
  fqdn: hostName.optional(),
});

/**
 * Extension (twins): what a real certificate says about itself, kept so a twin of a real cluster names its
 * certificates as the cluster does. The simulator mints its own keys for them (private keys stay on the cluster).
 */
const identityFields = {
  subject: label.optional(),
  issuer: label.optional(),
  serial: hexSerial.optional(),
  notBefore: isoTime.optional(),
  notAfter: isoTime.optional(),
  sans: z.array(label).optional(),
  fingerprint: fingerprint.optional(),
};

const certificateSpec = strictObject({
  node: nodeName,
  purpose: z.enum(PURPOSES),
  keyType: z.enum(KEY_TYPES).optional(),
  keyLength: keyLength.optional(),
  hash: z.enum(HASHES).optional(),
  ...identityFields,
});

/** Extension (twins): a certificate found in a trust store of the real cluster (all nodes unless `nodes`). */
const trustCertificate = strictObject({
  store: canonical(TRUST_STORES, 'trust store'),
  nodes: z.array(nodeName).min(1).optional(),
  ...identityFields,
  subject: label,
  keyType: z.enum(KEY_TYPES).optional(),
  keyLength: keyLength.optional(),
  hash: z.enum(HASHES).optional(),
});

/**
 * Extension (twins): the CTL the real cluster's TFTP servers serve, when it no longer matches the cluster's
 * current certificates (the CTL is never updated by itself [S125CTL]).
 */
const servedCtl = strictObject({
  signer: strictObject({ subject: label, serial: hexSerial }),
  records: z
    .array(
      strictObject({
        role: z.enum(TRUST_LIST_ROLES),
        subject: label,
        issuer: label.optional(),
        serial: hexSerial,
        node: nodeName.optional(),
        purpose: z.enum(PURPOSES).optional(),
      }),
    )
    .min(1),
});

const TRUST_EXPECTED = 'current, none, or the name of a snapshot step';
const trust = byShape(
  {
    text: label.transform((t) => (t === 'current' || t === 'none' ? t : { snapshot: t })),
    mapping: strictObject({ snapshot: label }),
  },
  TRUST_EXPECTED,
);

const phoneGroup = strictObject(
  {
    group: groupName,
    // No bound here: the total across groups is checked, with its limit named, before phones are named (build-clusters.ts).
    count: wholeNumber(1).optional(),
    names: z.array(phoneName).min(1).optional(),
    model: label,
    tftp: z.array(nodeName).min(1).optional(),
    callManagerGroup: z.array(nodeName).min(1).max(3).optional(),
    securityProfile: z.enum(SECURITY_PROFILES).default('non-secure'),
    trust: trust.default('current'),
    power: powerState.default('on'),
    lsc: strictObject({ issuer: clusterName }).optional(),
    ecdsa: z.enum(['yes', 'no']).optional(),
    keySizes: phoneKeySizes.optional(),
  },
  (raw, report, misspelt) => {
    if (raw.count === undefined && raw.names === undefined && !misspelt.has('count') && !misspelt.has('names')) report([], "a phone group needs 'count' or 'names'", { expected: 'count: N or names: [SEP…]' });
    if (typeof raw.count === 'number' && Array.isArray(raw.names) && raw.count !== raw.names.length) {
      report(['count'], `count ${raw.count} disagrees with the ${raw.names.length} names listed`, { expected: `count: ${raw.names.length}, or no count` });
    }
  },
);

const parameters = z
  .object({
    phoneInteractionOnCertificateUpdate: z.enum(KNOWN_PARAMETERS.phoneInteractionOnCertificateUpdate.values).optional(),
    prepareClusterForRollbackToPre80: z.boolean().optional(),
  })
  .catchall(scalar);

/** Other parameters are kept as given, but a near miss of a known one is surely a typo. */
function checkParameterNames(raw: Record<string, unknown>, report: Report): void {
  if (!isMapping(raw.parameters)) return;
  const known = Object.keys(KNOWN_PARAMETERS);
  for (const name of Object.keys(raw.parameters)) {
    if (!known.includes(name) && suggest(name, known) !== undefined) {
      report(['parameters', name], `unknown parameter '${name}'${didYouMean(name, known)}`, { at: 'key' });
    }
  }
}

const clusterSchema = strictObject(
  {
    version,
    security: z.enum(CLUSTER_SECURITY).default('non-secure'),
    ctl: z.enum(['token', 'tokenless']).optional(),
    parameters: parameters.nullish(),
    nodes: z.array(nodeSchema).min(1),
    certificates: z.array(certificateSpec).nullish(),
    trustCertificates: z.array(trustCertificate).optional(),
    servedCtl: servedCtl.optional(),
    phones: z.array(phoneGroup).nullish(),
  },
  checkParameterNames,
).transform((c) => ({
  ...c,
  parameters: { ...PARAMETER_DEFAULTS, ...(c.parameters ?? {}) } as Record<string, string | number | boolean>,
  certificates: c.certificates ?? [],
  phones: c.phones ?? [],
}));

export type ClusterDraft = z.output<typeof clusterSchema>;
export type PhoneGroupDraft = ClusterDraft['phones'][number];
export type NodeDraft = ClusterDraft['nodes'][number];

export const clusters = withInputForm(
  byShape(
    {
      mapping: z.record(z.string(), clusterSchema).superRefine((map, ctx) => {
        if (Object.keys(map).length === 0) raise(ctx, [], 'no clusters defined', { expected: 'at least one cluster' });
      }),
    },
    'a mapping of cluster names to clusters',
  ),
  // Cluster names are keys: checkClusterNames holds them to NAME.
  () => z.record(z.string().regex(NAME), clusterSchema),
);

/** Cluster names are keys, so they are checked where zod would only see strings. */
export function checkClusterNames(raw: Record<string, unknown>, report: Report): void {
  if (!isMapping(raw.clusters)) return;
  for (const name of Object.keys(raw.clusters)) {
    if (!NAME.test(name)) report(['clusters', name], `'${name}' is not a valid cluster name`, { expected: NAME_EXPECTED, at: 'key' });
  }
}
