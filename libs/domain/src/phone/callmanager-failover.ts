import { CallManagerTarget, Registration } from './registration';

/**
 * The nodes a phone tries to register with, in order: the node it picked first (registration.ts), then the
 * other available nodes of its CallManager group in that node's cluster, each once. A refused TLS
 * registration counts as a failed node, so the phone goes on down its CallManager group [SPH7975].
 */
export function failoverOrder(first: { cluster: string; node: string }, group: readonly CallManagerTarget[]): [string, ...string[]] {
  const order: [string, ...string[]] = [first.node];
  for (const target of group) {
    if (target.available && target.cluster === first.cluster && !order.includes(target.node)) order.push(target.node);
  }
  return order;
}

/**
 * Tries the nodes in order and keeps the first registration that succeeds; when every node refuses, the
 * phone ends with the first refusal, that of the node it picked first [SPH7975].
 */
export function registerDownTheGroup(nodes: readonly [string, ...string[]], attempt: (node: string) => Registration): Registration {
  let first: Registration | undefined;
  for (const node of nodes) {
    const registration = attempt(node);
    if (registration.registered) return registration;
    first ??= registration;
  }
  return first!;
}
