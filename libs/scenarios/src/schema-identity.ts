/**
 * Extension (issue 20): `identity:` — facts of a node's identity certificate for one purpose (the
 * certificate `show cert own <purpose>` shows), and of the CSR pending for it, so the chapter's rules on
 * identity certificates can be checked from a scenario: Generate Self-Signed with Table 6's key length and
 * hash, a multi-server certificate uploaded on the publisher applying to every node, a regeneration
 * overwriting a CA-signed certificate, a new CSR replacing the pending one.
 */
import { z } from 'zod';
import type { IdentityExpectation, PendingCsrFacts } from './model';
import { byShape, strictObject } from './schema-helpers';
import { clusterName, compact, hexSerial, keyLength, label, wholeNumber } from './schema-scalars';
import { needsNode, nodeTarget, toNodes } from './schema-selectors';
import { HASHES, KEY_TYPES, PURPOSES } from './vocabulary';

/** The facts an identity expectation can check (at least one is needed: a check of nothing is refused). */
export const IDENTITY_FACTS = ['subject', 'issuer', 'selfSigned', 'serial', 'keyType', 'keyLength', 'hash', 'multiServer', 'generation', 'pendingCsr'] as const;

const PENDING_CSR_EXPECTED = 'none, pending, or { subject?, multiServer? }';

const pendingCsr: z.ZodType<PendingCsrFacts> = byShape(
  {
    text: z.enum(['none', 'pending']).transform((v): PendingCsrFacts => (v === 'none' ? 'none' : {})),
    mapping: strictObject({ subject: label.optional(), multiServer: z.boolean().optional() }).transform((v): PendingCsrFacts => compact(v)),
  },
  PENDING_CSR_EXPECTED,
);

export type IdentityDraft = Omit<IdentityExpectation, 'loc'>;

export const identityCheck: z.ZodType<IdentityDraft> = strictObject(
  {
    cluster: clusterName,
    ...nodeTarget,
    purpose: z.enum(PURPOSES),
    subject: label.optional(),
    issuer: label.optional(),
    selfSigned: z.boolean().optional(),
    serial: hexSerial.optional(),
    keyType: z.enum(KEY_TYPES).optional(),
    keyLength: keyLength.optional(),
    hash: z.enum(HASHES).optional(),
    multiServer: z.boolean().optional(),
    generation: wholeNumber(1).optional(),
    pendingCsr: pendingCsr.optional(),
  },
  (raw, report, misspelt) => {
    needsNode(raw, report, misspelt);
    if (!IDENTITY_FACTS.some((fact) => raw[fact] !== undefined) && !IDENTITY_FACTS.some((fact) => misspelt.has(fact))) {
      report([], 'nothing to check of this identity certificate', { expected: `at least one of ${IDENTITY_FACTS.join(', ')}` });
    }
    // A self-signed certificate is its own issuer: `issuer` with `selfSigned` says one thing twice, or two that disagree.
    if (raw.issuer !== undefined && raw.selfSigned !== undefined) {
      report(['selfSigned'], "'issuer' and 'selfSigned' cannot be combined", { expected: 'issuer: <name> for a CA-signed certificate, or selfSigned: true | false', at: 'key' });
    }
  },
).transform((v): IdentityDraft => {
  const { node: _node, nodes: _nodes, ...facts } = v;
  return compact({ kind: 'identity' as const, ...facts, nodes: toNodes(v) });
});
