/**
 * Checks that keep an expectation from passing without having checked anything (issue 20): an event type
 * trustsim never records (its count is always 0), a count that always holds (`atLeast: 0`, or `atMost`
 * as many phones as the selector can ever select), a selector that selects no phone, an identity fact of
 * a certificate the node does not hold at its release (`lacks` always holds there), a pending-CSR fact
 * for a purpose CUCM makes no CSR for. Each is reported where it is written.
 */
import { didYouMean } from './did-you-mean';
import type { CertificatePurpose, ClusterSpec, Count, IdentityExpectation, NodeSpec, PhoneSelector, SourceLocation, StoreExpectation } from './model';
import type { ReleaseParts } from './releases';
import { missingIdentity } from './validate-certificates';
import { CSR_PURPOSES, PURPOSES } from './vocabulary';
import type { ValidationKit } from './validation-kit';
import type { Path } from './yaml-source';

/**
 * Why a node has no `purpose` certificate for an expectation to look at: what `missingIdentity` says of the
 * release and the node's services, and ITLRecovery, which is the cluster's one certificate on the publisher
 * [SREGEN] (a step naming a subscriber acts on the publisher's; an expectation must name the publisher).
 */
function nothingToCheck(release: ReleaseParts, cluster: ClusterSpec, node: NodeSpec, purpose: CertificatePurpose): string | undefined {
  const missing = missingIdentity(release, cluster, node, purpose);
  if (missing || purpose !== 'ITLRecovery' || node.role === 'publisher') return missing;
  return `ITLRecovery is the cluster's one certificate, on the publisher (${cluster.nodes.find((n) => n.role === 'publisher')?.name ?? 'none'})`;
}

/** `identity: {cluster, node(s), purpose, ...}`: the nodes exist and hold the purpose at their release. */
export function checkIdentityExpectation(kit: ValidationKit, e: IdentityExpectation, path: Path): void {
  const base: Path = [...path, 'identity'];
  const entry = kit.cluster([...base, 'cluster'], e.loc, e.cluster);
  if (!entry) return;
  const release = kit.releases.get(entry.spec.name);
  for (const { node, path: at } of kit.nodes(base, e.loc, entry, e.nodes)) {
    const why = release && nothingToCheck(release, entry.spec, node, e.purpose);
    if (why) kit.report(at, e.loc, `'${entry.spec.name}/${node.name}' has no ${e.purpose} certificate to check: ${why}`, { expected: 'a node that holds the purpose' });
  }
  if (e.pendingCsr !== undefined && !(CSR_PURPOSES as readonly string[]).includes(e.purpose)) {
    kit.report([...base, 'pendingCsr'], e.loc, `CUCM makes no CSR for ${e.purpose}, so there is never one pending [chapter "Support for Certificates from External CAs"]`, {
      expected: `pendingCsr on one of ${CSR_PURPOSES.join(', ')}`,
    });
  }
}

/**
 * `store:` on an identity purpose checks the node's identity certificate of that purpose: the node must
 * hold it at its release, or `lacks` would hold without anything to look at.
 */
export function checkStoreIdentity(kit: ValidationKit, e: StoreExpectation, path: Path): void {
  const purpose = PURPOSES.find((p) => p.toLowerCase() === e.store.trim().toLowerCase());
  const entry = purpose && kit.clusters.get(e.cluster);
  const node = entry && entry.nodes.get(e.node);
  const release = entry && kit.releases.get(entry.spec.name);
  if (!purpose || !node || !release) return;
  const why = nothingToCheck(release, entry.spec, node, purpose);
  if (why) kit.report([...path, 'store', 'store'], e.loc, `'${e.cluster}/${e.node}' has no ${purpose} certificate to check: ${why}`, { expected: 'a store or identity the node has' });
}

/** `events: {type}`: a type trustsim records (docs/events.md), when the caller knows them. */
export function checkEventType(kit: ValidationKit, type: string, path: Path, fallback: SourceLocation): void {
  const known = kit.context.knownEventTypes;
  if (!known || known.includes(type)) return;
  kit.report([...path, 'events', 'type'], fallback, `trustsim records no event of type '${type}'${didYouMean(type, known)}: its count would always be 0`, {
    expected: 'an event type listed in docs/events.md',
  });
}

/**
 * A count that cannot fail: `atLeast: 0` always, and for phones `atMost: N` when the selector can never
 * select more than N phones.
 */
export function checkCount(kit: ValidationKit, count: Count | number | undefined, path: Path, fallback: SourceLocation, selectable?: number): void {
  if (count === undefined || typeof count === 'number') return;
  if ('atLeast' in count && count.atLeast === 0) {
    kit.report([...path, 'count', 'atLeast'], fallback, 'atLeast: 0 always holds: the expectation would check nothing', { expected: 'atLeast: 1 or more, or equals: 0' });
  }
  if ('atMost' in count && selectable !== undefined && count.atMost >= selectable && selectable > 0) {
    kit.report([...path, 'count', 'atMost'], fallback, `atMost: ${count.atMost} always holds: the selector selects ${selectable} phone${selectable === 1 ? '' : 's'}`, {
      expected: `atMost: ${selectable - 1} or less`,
    });
  }
}

/** How many phones a selector selects (phones never change group, model or provisioning cluster). */
export function selectablePhones(kit: ValidationKit, selector: PhoneSelector): number {
  const names = new Set<string>();
  const add = (s: PhoneSelector): void => {
    if ('anyOf' in s) return s.anyOf.forEach(add);
    for (const cluster of kit.scenario.clusters) {
      for (const group of cluster.phones) {
        for (const name of group.names) {
          if ('all' in s || ('group' in s && group.group === s.group) || ('model' in s && group.model === s.model) || ('cluster' in s && cluster.name === s.cluster) || ('names' in s && s.names.includes(name))) {
            names.add(name);
          }
        }
      }
    }
  };
  add(selector);
  return names.size;
}

/** A phone expectation whose selector selects no phone checks nothing (unknown names are reported by the selector check). */
export function checkSelectsPhones(kit: ValidationKit, selector: PhoneSelector, path: Path, fallback: SourceLocation): number {
  const n = selectablePhones(kit, selector);
  // Unknown groups, models, names and clusters are reported by the selector check; this is about known ones.
  const unknownReference = 'group' in selector || 'model' in selector || 'names' in selector || ('cluster' in selector && !kit.clusters.has(selector.cluster));
  if (n === 0 && !unknownReference && !('anyOf' in selector)) {
    const what = 'cluster' in selector ? `cluster '${selector.cluster}' has no phones` : 'the scenario has no phones';
    kit.report('cluster' in selector ? [...path, 'phones', 'cluster'] : [...path, 'phones'], fallback, `${what}: the expectation would check nothing`, {
      expected: 'a selector that selects at least one phone',
    });
  }
  return n;
}
