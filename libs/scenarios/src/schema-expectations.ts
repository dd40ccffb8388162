/** Expectations: phone facts over a selection, a store's content, an identity certificate, an upload's outcome, events. */
import { z } from 'zod';
import type { Count, Expectation } from './model';
import { byShape, canonical, exactlyOne, named, strictObject } from './schema-helpers';
import { clusterName, compact, label, nodeName, textOrNumber, wholeNumber } from './schema-scalars';
import { identityCheck } from './schema-identity';
import { phoneSelector } from './schema-selectors';
import { CONFIG_OUTCOMES, PHONE_STATUSES, PURPOSES, REGISTRATIONS, STORES, TRUST_LIST_OUTCOMES } from './vocabulary';

const countSchema = strictObject(
  { equals: wholeNumber(0).optional(), atLeast: wholeNumber(0).optional(), atMost: wholeNumber(0).optional() },
  (raw, report, misspelt) => exactlyOne(raw, ['equals', 'atLeast', 'atMost'], report, { misspelt }),
).transform((c): Count => {
  if (c.equals !== undefined) return { equals: c.equals };
  if (c.atLeast !== undefined) return { atLeast: c.atLeast };
  return { atMost: c.atMost ?? 0 };
});

const itlSigner = strictObject({
  cluster: clusterName,
  purpose: z.enum(PURPOSES),
  generation: wholeNumber(1).optional(),
  node: nodeName.optional(),
}).transform(compact);

const storeCheck = strictObject(
  {
    cluster: clusterName,
    node: nodeName,
    store: canonical(STORES, 'store'),
    contains: label.optional(),
    lacks: label.optional(),
    serial: textOrNumber.optional(),
  },
  (raw, report, misspelt) => exactlyOne(raw, ['contains', 'lacks'], report, { misspelt }),
);

const eventsCheck = strictObject({
  type: label,
  // A bare number means exactly that many; no count means "it happened".
  count: byShape(
    { number: wholeNumber(0).transform((n): Count => ({ equals: n })), mapping: countSchema },
    'a number or { equals | atLeast | atMost: N }',
  ).default({ atLeast: 1 }),
});

const PHONE_FACTS = ['status', 'itl', 'ctl', 'config', 'registration', 'itlSigner', 'needsManualTrustListDelete', 'httpsServices', 'count'] as const;
const EXPECTATION_KINDS = ['phones', 'store', 'identity', 'upload', 'events'] as const;

/** An expectation without its location (added from the YAML tree). */
export type ExpectationDraft = Expectation extends infer E ? (E extends Expectation ? Omit<E, 'loc'> : never) : never;

export const expectation: z.ZodType<ExpectationDraft> = named(strictObject(
  {
    phones: phoneSelector.optional(),
    status: z.enum(PHONE_STATUSES).optional(),
    itl: z.enum(TRUST_LIST_OUTCOMES).optional(),
    ctl: z.enum(TRUST_LIST_OUTCOMES).optional(),
    config: z.enum(CONFIG_OUTCOMES).optional(),
    registration: z.enum(REGISTRATIONS).optional(),
    itlSigner: itlSigner.optional(),
    needsManualTrustListDelete: z.boolean().optional(),
    httpsServices: z.enum(['working', 'broken']).optional(),
    count: countSchema.optional(),
    store: storeCheck.optional(),
    identity: identityCheck.optional(),
    upload: z.enum(['accepted', 'rejected']).optional(),
    events: eventsCheck.optional(),
  },
  (raw, report, misspelt) => {
    const kinds = EXPECTATION_KINDS.filter((k) => raw[k] !== undefined);
    const facts = PHONE_FACTS.filter((f) => raw[f] !== undefined);
    // Facts without `phones` get their own message below; a misspelt kind is reported as unknown.
    if (kinds.length === 0 && facts.length === 0 && !EXPECTATION_KINDS.some((k) => misspelt.has(k))) {
      report([], 'an expectation needs one of phones, store, identity, upload or events', {
        expected: 'phones: <selector> with facts, store: {...}, identity: {...}, upload: ... or events: {...}',
      });
    }
    for (const extra of kinds.slice(1)) {
      report([extra], `'${kinds[0]}' and '${extra}' are separate expectations`, { expected: 'one of phones, store, identity, upload, events per list item', at: 'key' });
    }
    if (raw.phones === undefined && !misspelt.has('phones')) {
      for (const fact of facts) report([fact], `'${fact}' is a phone fact and needs 'phones'`, { expected: 'phones: <selector>', at: 'key' });
    } else if (raw.phones !== undefined && facts.length === 0 && !PHONE_FACTS.some((f) => misspelt.has(f))) {
      report([], 'nothing to check for these phones', { expected: `at least one of ${PHONE_FACTS.join(', ')}` });
    }
  },
).transform((e): ExpectationDraft => {
  if (e.store !== undefined) return compact({ kind: 'store', ...e.store });
  if (e.identity !== undefined) return e.identity;
  if (e.upload !== undefined) return { kind: 'upload', upload: e.upload };
  if (e.events !== undefined) return { kind: 'events', type: e.events.type, count: e.events.count };
  const { phones, store: _s, identity: _i, upload: _u, events: _e, ...facts } = e;
  return compact({ kind: 'phones', phones: phones!, ...facts });
}), 'expectation');
