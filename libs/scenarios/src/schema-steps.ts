/**
 * Steps: one action per list item (the table of docs/scenario-language.md), each normalised to its StepBody.
 * `at` may sit beside the action or, for mapping bodies, inside it.
 */
import { z } from 'zod';
import type { CertificateSource, StepBody } from './model';
import { ALL_SERVICE_NAMES } from './services';
import { byShape, canonical, exactlyOne, isMapping, named, strictObject, type Report } from './schema-helpers';
import { expectation } from './schema-expectations';
import { clusterName, compact, duration, isoTime, keyLength, label, nodeName, powerState, scalar, textOrNumber, version, wholeNumber } from './schema-scalars';
import { needsNode, nodeTarget, phoneSelector, toNodes } from './schema-selectors';
import { CAPF_AUTH_MODES, CAPF_KEY_ORDERS, HASHES, KEY_TYPES, PURPOSES, STORES, TRUST_STORES } from './vocabulary';

const certificateSource: z.ZodType<CertificateSource> = named(byShape(
  {
    text: label.transform((path): CertificateSource => ({ path })),
    mapping: strictObject(
      {
        path: label.optional(),
        signedBy: label.optional(),
        caCertificate: label.optional(),
        from: strictObject({ cluster: clusterName, node: nodeName, purpose: z.enum(PURPOSES) }).optional(),
        subject: label.optional(),
        issuer: label.optional(),
        serial: textOrNumber.optional(),
        notBefore: isoTime.optional(),
        notAfter: isoTime.optional(),
        keyType: z.enum(KEY_TYPES).optional(),
        // Any length the format can carry (validate-certificates.ts bounds it by key type); CUCM's own
        // limits are the upload rules' to apply, with their reason [issue 14].
        keyLength: wholeNumber(1).optional(),
        hash: z.enum(HASHES).optional(),
      },
      (raw, report, misspelt) => {
        exactlyOne(raw, ['path', 'from', 'subject', 'signedBy', 'caCertificate'], report, { misspelt });
        if (raw.subject === undefined) {
          for (const key of ['issuer', 'serial', 'notBefore', 'notAfter', 'keyType', 'keyLength', 'hash']) {
            if (raw[key] !== undefined) report([key], `'${key}' describes a generated certificate and needs 'subject'`, { at: 'key' });
          }
        }
      },
    ).transform((c): CertificateSource => {
      if (c.path !== undefined) return { path: c.path };
      if (c.from !== undefined) return { from: c.from };
      if (c.signedBy !== undefined) return { signedBy: c.signedBy };
      if (c.caCertificate !== undefined) return { caCertificate: c.caCertificate };
      const { path: _p, from: _f, signedBy: _s, caCertificate: _c, subject, ...rest } = c;
      return compact({ subject: subject!, ...rest });
    }),
  },
  'a file path, { from: {cluster, node, purpose} }, { signedBy: <test CA> }, { caCertificate: <test CA> } or { subject, issuer, serial, notBefore, notAfter, keyType, keyLength, hash }',
), 'certificateSource');

type Drafted = { at?: number; body: StepBody };

/** A step whose body is a mapping; `at` may sit inside it as well as beside it. */
function step<S extends z.core.$ZodShape>(
  shape: S,
  build: (value: z.output<z.ZodObject<S>>) => StepBody,
  rules?: (raw: Record<string, unknown>, report: Report, misspelt: ReadonlySet<string>) => void,
): z.ZodType<Drafted> {
  return strictObject({ ...shape, at: duration.optional() }, rules).transform((value) => {
    const { at, ...rest } = value as z.output<z.ZodObject<S>> & { at?: number };
    return compact({ at, body: build(rest as z.output<z.ZodObject<S>>) });
  });
}

const regenerate = step(
  { cluster: clusterName, ...nodeTarget, purpose: z.enum(PURPOSES), keyLength: keyLength.optional(), hash: z.enum(HASHES).optional() },
  (v) => compact({ kind: 'regenerate', cluster: v.cluster, nodes: toNodes(v), purpose: v.purpose, keyLength: v.keyLength, hash: v.hash }),
  needsNode,
);

const generateCsr = step(
  { cluster: clusterName, ...nodeTarget, purpose: z.enum(PURPOSES), distribution: z.enum(['single-server', 'multi-server']).default('single-server') },
  (v) => ({ kind: 'generateCsr', cluster: v.cluster, nodes: toNodes(v), purpose: v.purpose, distribution: v.distribution }),
  needsNode,
);

const uploadCertificate = step(
  { cluster: clusterName, ...nodeTarget, store: canonical(STORES, 'store'), certificate: certificateSource },
  (v) => ({ kind: 'uploadCertificate', cluster: v.cluster, nodes: toNodes(v), store: v.store, certificate: v.certificate }),
  needsNode,
);

const deleteCertificate = step(
  { cluster: clusterName, ...nodeTarget, store: canonical(TRUST_STORES, 'trust store'), commonName: label },
  (v) => ({ kind: 'deleteCertificate', cluster: v.cluster, nodes: toNodes(v), store: v.store, commonName: v.commonName }),
  needsNode,
);

const restartService = step(
  { cluster: clusterName, ...nodeTarget, service: canonical(ALL_SERVICE_NAMES, 'service') },
  (v) => ({ kind: 'restartService', cluster: v.cluster, nodes: toNodes(v), service: v.service }),
  needsNode,
);

const cli = step(
  // Spacing is normalised so the simulator can match commands word by word.
  { cluster: clusterName, ...nodeTarget, command: label.transform((c) => c.replace(/\s+/g, ' ')) },
  (v) => ({ kind: 'cli', cluster: v.cluster, nodes: toNodes(v), command: v.command }),
  needsNode,
);

const setParameter = step({ cluster: clusterName, name: label, value: scalar }, (v) => ({
  kind: 'setParameter',
  cluster: v.cluster,
  name: v.name,
  value: v.value,
}));

const resetPhones = step(
  { cluster: clusterName.optional(), phones: phoneSelector, batchSize: wholeNumber(1).optional(), interval: duration.default(0) },
  (v) => compact({ kind: 'resetPhones', cluster: v.cluster, phones: v.phones, batchSize: v.batchSize, interval: v.interval }),
);

const power = step(
  { phones: phoneSelector.optional(), cluster: clusterName.optional(), ...nodeTarget, state: powerState },
  (v) =>
    compact({
      kind: 'power',
      state: v.state,
      phones: v.phones,
      cluster: v.cluster,
      nodes: v.node !== undefined || v.nodes !== undefined ? toNodes(v) : undefined,
    }),
  (raw, report, misspelt) => {
    exactlyOne(raw, ['node', 'nodes'], report, { optional: true });
    if (raw.phones === undefined && raw.cluster === undefined && !misspelt.has('phones') && !misspelt.has('cluster')) {
      report([], "needs 'phones', or 'cluster' (with 'node'/'nodes' for single nodes)", { expected: 'phones: <selector> or cluster: <name>' });
    }
    if (raw.phones !== undefined) {
      for (const key of ['node', 'nodes']) if (raw[key] !== undefined) report([key], `'phones' and '${key}' cannot be combined`, { at: 'key' });
    }
  },
);

const dhcp = step({ phones: phoneSelector, tftp: z.array(strictObject({ cluster: clusterName, node: nodeName })).min(1) }, (v) => ({
  kind: 'dhcp',
  phones: v.phones,
  tftp: v.tftp,
}));

const bulkCertificates = step(
  { action: z.enum(['export', 'consolidate', 'import']), cluster: clusterName, type: z.enum(['TFTP', 'All']).default('All') },
  (v) => ({ kind: 'bulkCertificates', action: v.action, cluster: v.cluster, type: v.type }),
);

const capf = step(
  {
    cluster: clusterName,
    phones: phoneSelector,
    operation: z.enum(['install', 'delete']),
    authMode: canonical(CAPF_AUTH_MODES, 'CAPF authentication mode'),
    keyOrder: canonical(CAPF_KEY_ORDERS, 'CAPF key order').optional(),
    keySize: wholeNumber(1).optional(),
  },
  (v) => compact({ kind: 'capf', cluster: v.cluster, phones: v.phones, operation: v.operation, authMode: v.authMode, keyOrder: v.keyOrder, keySize: v.keySize }),
);

/**
 * Secure Onboarding (extension): the phones get their LSC from CAPF at their next boot, authenticated by
 * their MIC — a CAPF install "By Existing Certificate (Precedence to MIC)" whose MIC is validated against
 * the store the release uses for onboarding (mic-validation.ts).
 */
const secureOnboarding = step({ cluster: clusterName, phones: phoneSelector }, (v) => ({
  kind: 'capf',
  cluster: v.cluster,
  phones: v.phones,
  operation: 'install',
  authMode: 'By Existing Certificate (Precedence to MIC)',
  onboarding: true,
}));

const backup = step({ cluster: clusterName, name: label }, (v) => ({ kind: 'backup', cluster: v.cluster, name: v.name }));
const restore = step({ cluster: clusterName, backup: label }, (v) => ({ kind: 'restore', cluster: v.cluster, backup: v.backup }));

const upgrade = step({ cluster: clusterName, to: version, method: z.enum(['refresh', 'l2']) }, (v) => ({
  kind: 'upgrade',
  cluster: v.cluster,
  to: v.to,
  method: v.method,
}));

const snapshot = step(
  { name: label },
  (v) => ({ kind: 'snapshot', name: v.name }),
  (raw, report) => {
    // `trust: current|none` are keywords; a snapshot of that name could never be referred to.
    if (raw.name === 'current' || raw.name === 'none') report(['name'], `'${raw.name}' is reserved for phone trust`, { expected: 'another snapshot name' });
  },
);

const emcc = step({ phones: phoneSelector, action: z.enum(['login', 'logout']), home: clusterName }, (v) => ({
  kind: 'emcc',
  phones: v.phones,
  action: v.action,
  home: v.home,
}));

const ctlClient = step({ cluster: clusterName }, (v) => ({ kind: 'ctlClient', cluster: v.cluster }));

const proxyTftp = step({ cluster: clusterName, remote: clusterName }, (v) => ({ kind: 'proxyTftp', cluster: v.cluster, remote: v.remote }));

const tlsConnection = step(
  { cluster: clusterName, ...nodeTarget, peer: label, ocsp: z.enum(['good', 'revoked', 'unknown']) },
  (v) => ({ kind: 'tlsConnection', cluster: v.cluster, nodes: toNodes(v), peer: v.peer, ocsp: v.ocsp }),
  needsNode,
);

const wait: z.ZodType<Drafted> = duration.transform((ms) => ({ body: { kind: 'wait', duration: ms } as StepBody }));

const waitFor = step({ phones: phoneSelector, settled: z.literal(true).default(true) }, (v) => ({ kind: 'waitFor', phones: v.phones, settled: v.settled }));

const expectStep: z.ZodType<Drafted> = z
  .array(expectation)
  .min(1)
  .transform((expectations) => ({ body: { kind: 'expect', expectations } as StepBody }));

const ACTIONS = {
  regenerate,
  generateCsr,
  uploadCertificate,
  deleteCertificate,
  restartService,
  cli,
  setParameter,
  resetPhones,
  power,
  dhcp,
  bulkCertificates,
  capf,
  secureOnboarding,
  backup,
  restore,
  upgrade,
  snapshot,
  emcc,
  proxyTftp,
  ctlClient,
  tlsConnection,
  wait,
  waitFor,
  expect: expectStep,
};
export type ActionKey = keyof typeof ACTIONS;
export const ACTION_KEYS = Object.keys(ACTIONS) as ActionKey[];

export interface StepDraft {
  /** The step's YAML key, to find its body in the file. */
  key: ActionKey;
  at?: number;
  body: StepBody;
}

const stepShape = Object.fromEntries([['at', duration.optional()], ...ACTION_KEYS.map((k) => [k, ACTIONS[k].optional()])]) as {
  at: z.ZodOptional<typeof duration>;
} & { [K in ActionKey]: z.ZodOptional<z.ZodType<Drafted>> };

export const stepItem: z.ZodType<StepDraft> = strictObject(stepShape, (raw, report) => {
  const present = ACTION_KEYS.filter((k) => raw[k] !== undefined);
  // An unknown key is reported as such (with the list of actions); "needs an action" would repeat it.
  if (present.length === 0 && Object.keys(raw).every((k) => k === 'at')) {
    report([], 'a step needs an action', { expected: `one of ${ACTION_KEYS.join(', ')}` });
  }
  for (const extra of present.slice(1)) {
    report([extra], `one action per step: '${present[0]}' and '${extra}' must be separate list items`, { at: 'key' });
  }
  const body = present.length === 1 ? raw[present[0]] : undefined;
  if (raw.at !== undefined && isMapping(body) && body.at !== undefined) {
    report([present[0], 'at'], "'at' is given both beside and inside the step", { expected: 'one of them', at: 'key' });
  }
}).transform((v) => {
  const key = ACTION_KEYS.find((k) => v[k] !== undefined)!;
  const drafted = v[key]!;
  return compact({ key, at: v.at ?? drafted.at, body: drafted.body });
});
