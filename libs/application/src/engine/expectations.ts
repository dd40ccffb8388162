import { canonicalStoreName, isIdentityStoreName, PhoneOutcome, type World } from '@trustsim/domain';
import { Count, EventsExpectation, Expectation, PhoneExpectation, StoreExpectation, UploadExpectation } from '@trustsim/scenarios';
import type { ExpectationResult } from '../run/expectation-result';
import type { UploadOutcome } from '../run/run-progress';
import { describeSelector, selectPhones } from './phone-selection';

type Fact = [label: string, wanted: unknown, actual: (o: PhoneOutcome) => unknown];

function factsOf(e: PhoneExpectation): Fact[] {
  const facts: Fact[] = [];
  if (e.status !== undefined) facts.push(['status', e.status, (o) => o.status]);
  if (e.itl !== undefined) facts.push(['itl', e.itl, (o) => o.itl ?? 'none']);
  if (e.ctl !== undefined) facts.push(['ctl', e.ctl, (o) => o.ctl ?? 'none']);
  if (e.httpsServices !== undefined) facts.push(['httpsServices', e.httpsServices, (o) => o.httpsServices ?? 'none']);
  if (e.config !== undefined) facts.push(['config', e.config, (o) => o.config ?? 'none']);
  if (e.registration !== undefined) facts.push(['registration', e.registration, (o) => o.registration]);
  if (e.needsManualTrustListDelete !== undefined) {
    facts.push(['needsManualTrustListDelete', e.needsManualTrustListDelete, (o) => o.needsManualTrustListDelete]);
  }
  if (e.itlSigner !== undefined) {
    const w = e.itlSigner;
    const label = `${w.cluster}/${w.node ? `${w.node}/` : ''}${w.purpose}${w.generation !== undefined ? ` generation ${w.generation}` : ''}`;
    facts.push([
      'itlSigner',
      label,
      (o) => {
        const s = o.itlSigner;
        if (!s) return 'none';
        const ok = s.cluster === w.cluster && s.purpose === w.purpose && (w.generation === undefined || s.generation === w.generation) && (!w.node || s.node === w.node);
        return ok ? label : `${s.cluster}/${s.node}/${s.purpose} generation ${s.generation}`;
      },
    ]);
  }
  return facts;
}

function countHolds(c: Count, n: number): boolean {
  if ('equals' in c) return n === c.equals;
  if ('atLeast' in c) return n >= c.atLeast;
  return n <= c.atMost;
}

function describeCount(c: Count): string {
  if ('equals' in c) return `exactly ${c.equals}`;
  if ('atLeast' in c) return `at least ${c.atLeast}`;
  return `at most ${c.atMost}`;
}

/**
 * A phone expectation holds when every selected phone has every fact asked — or, with `count`, when the
 * number of selected phones that have them all satisfies the count.
 */
export function checkPhoneExpectation(e: PhoneExpectation, outcomes: readonly PhoneOutcome[]): Omit<ExpectationResult, 'location' | 'step'> {
  const selected = selectPhones(outcomes, e.phones);
  const facts = factsOf(e);
  const wanted = facts.map(([label, value]) => `${label} ${String(value)}`).join(', ') || 'selected';
  const description = `${describeSelector(e.phones)}: ${e.count ? `${describeCount(e.count)} ` : ''}${wanted}`;
  const misses = new Map<string, number>();
  let matching = 0;
  for (const o of selected) {
    const wrong = facts.filter(([, value, actual]) => actual(o) !== value).map(([label, , actual]) => `${label} ${String(actual(o))}`);
    if (wrong.length === 0) matching++;
    else misses.set(wrong.join(', '), (misses.get(wrong.join(', ')) ?? 0) + 1);
  }
  const found = [...misses].sort((a, b) => b[1] - a[1]).map(([what, n]) => `${n} with ${what}`).join('; ');
  // No phone selected: there is nothing to count, so even `count: {equals: 0}` has checked nothing.
  if (selected.length === 0) return { description, passed: false, detail: 'no phone matches the selector' };
  if (e.count) {
    const passed = countHolds(e.count, matching);
    return { description, passed, detail: `${matching} of ${selected.length} match${found ? ` (${found})` : ''}` };
  }
  return { description, passed: matching === selected.length, detail: matching === selected.length ? `${matching} of ${selected.length} match` : `${matching} of ${selected.length} match; ${found}` };
}

export function locationOf(e: Expectation): string {
  return `${e.loc.file}:${e.loc.line}:${e.loc.column}`;
}

type Check = Omit<ExpectationResult, 'location' | 'step'>;

/**
 * What a `store:` expectation looks at on a node: a trust store's certificates, or — for an identity
 * purpose (`store: CallManager`, `tomcat`, `CAPF`, ...) — the node's identity certificate of that purpose,
 * the one certificate that store holds. Common name → certificate.
 */
export interface StoreContent {
  readonly kind: 'trust' | 'identity';
  readonly entries: ReadonlyMap<string, { serialHex: string }>;
}

/** What `store:` reads on a node: its trust store by that name, or its identity certificate of that purpose. */
export function storeContent(world: World, cluster: string, node: string, store: string): StoreContent {
  const state = world.node(cluster, node);
  if (isIdentityStoreName(store)) {
    const id = state?.identities[store];
    const certificate = id && world.certificate(id.fingerprint);
    return { kind: 'identity', entries: new Map(certificate ? [[certificate.commonName, certificate]] : []) };
  }
  return { kind: 'trust', entries: new Map(Object.entries(state?.stores[store] ?? {}).map(([cn, fp]) => [cn, world.certificate(fp)])) };
}

/** `store: {cluster, node, store, contains | lacks: <commonName>, serial?}` on the node's copy of the store, or its identity certificate. */
export function checkStoreExpectation(e: StoreExpectation, storeOf: (cluster: string, node: string, store: string) => StoreContent): Check {
  const storeName = canonicalStoreName(e.store) ?? e.store;
  const { kind, entries } = storeOf(e.cluster, e.node, storeName);
  const name = (e.contains ?? e.lacks)!;
  const found = entries.get(name);
  const matches = !!found && (!e.serial || found.serialHex === e.serial.replace(/[:\s]/g, '').toLowerCase().replace(/^0+/, ''));
  const where = `${e.cluster}/${e.node} ${storeName}${kind === 'identity' ? ' (identity certificate)' : ''}`;
  const description = `${where} ${e.contains ? 'contains' : 'lacks'} ${name}${e.serial ? ` (serial ${e.serial})` : ''}`;
  const holds = entries.size ? [...entries].map(([cn, c]) => (kind === 'identity' ? `${cn} (serial ${c.serialHex})` : cn)).join(', ') : 'nothing';
  const detail = found ? `${where} holds ${name} with serial ${found.serialHex}` : `${where} has no ${name} (it holds ${holds})`;
  return { description, passed: e.contains ? matches : !matches, detail };
}

/** `upload: accepted | rejected` about the uploadCertificate step just before. */
export function checkUploadExpectation(e: UploadExpectation, uploads: readonly UploadOutcome[]): Check {
  const description = `upload ${e.upload}`;
  if (uploads.length === 0) return { description, passed: false, detail: 'no uploadCertificate step ran just before this expectation' };
  const wrong = uploads.filter((u) => u.accepted !== (e.upload === 'accepted'));
  const detail = uploads.map((u) => `${u.node}: ${u.accepted ? 'accepted' : `rejected — ${u.reason}`}`).join('; ');
  return { description, passed: wrong.length === 0, detail };
}

/**
 * `events: {type, count}`: how many events of a type the run has recorded so far. A type trustsim never
 * records fails (its count would always be 0, whatever happened): `known` is the event catalogue.
 */
export function checkEventsExpectation(e: EventsExpectation, counts: ReadonlyMap<string, number>, known: (type: string) => boolean): Check {
  const count: Count = typeof e.count === 'number' ? { equals: e.count } : e.count;
  const description = `events ${e.type}: ${describeCount(count)}`;
  if (!known(e.type)) return { description, passed: false, detail: `trustsim records no event of type ${e.type} (docs/events.md lists them)` };
  const n = counts.get(e.type) ?? 0;
  return { description, passed: countHolds(count, n), detail: `${n} recorded` };
}
