/** Small DOM helpers: elements built with properties and children, never from HTML strings (the CSP allows no inline code). */

type Child = Node | string | number | null | undefined | false;
type Props = { class?: string; text?: string; attrs?: Record<string, string>; on?: Record<string, (e: Event) => void>; data?: Record<string, string> } & Record<string, unknown>;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  const { class: cls, text, attrs, on, data, ...rest } = props;
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  for (const [k, v] of Object.entries(attrs ?? {})) node.setAttribute(k, v);
  for (const [k, v] of Object.entries(data ?? {})) node.dataset[k] = v;
  for (const [k, v] of Object.entries(on ?? {})) node.addEventListener(k, v);
  Object.assign(node, rest);
  append(node, ...children);
  return node;
}

export function append(node: Node, ...children: Child[]): void {
  for (const c of children) if (c !== null && c !== undefined && c !== false) node.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
}

export function clear(node: Node): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

const SVG = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, ...children: (SVGElement | string)[]): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  for (const c of children) node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  return node;
}

/** A table from a header and rows of cells. */
export function table(head: string[], rows: Child[][], cls = 'grid-table'): HTMLTableElement {
  return el('table', { class: cls }, el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { text: h })))), el('tbody', {}, ...rows.map((r) => el('tr', {}, ...r.map((c) => el('td', {}, c))))));
}

export function formatMs(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${s % 60 ? `${s % 60}s` : ''}`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
