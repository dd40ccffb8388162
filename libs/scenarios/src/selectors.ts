/** Short human renderings of phone and node selectors, for step texts, reports and messages. */
import type { NodeSelector, PhoneSelector } from './model';

export function describeSelector(selector: PhoneSelector): string {
  if ('all' in selector) return 'all';
  if ('group' in selector) return `group ${selector.group}`;
  if ('model' in selector) return `model ${selector.model}`;
  if ('cluster' in selector) return `cluster ${selector.cluster}`;
  if ('names' in selector) {
    const { names } = selector;
    return names.length <= 3 ? names.join(', ') : `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`;
  }
  return selector.anyOf.map(describeSelector).join(' + ');
}

/** `hq/pub, hq/sub1`, or `all nodes of hq`. */
export function describeNodes(cluster: string, nodes: NodeSelector): string {
  if ('all' in nodes) return `all nodes of ${cluster}`;
  return nodes.names.map((name) => `${cluster}/${name}`).join(', ');
}
