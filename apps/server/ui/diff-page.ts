import { api, type Diff } from './api';
import { append, clear, el, table } from './dom';

/** Two runs side by side: the phones whose outcome differs, by group. */
export async function diffPage(root: HTMLElement, a: string, b: string): Promise<void> {
  const diff = await api<Diff>(`/api/runs/${a}/diff/${b}`);
  clear(root);
  append(
    root,
    el('header', { class: 'page-head' }, el('h1', { text: 'Diff' }), el('p', {}, el('a', { href: `#/runs/${diff.a}`, text: `run ${diff.a}` }), ' → ', el('a', { href: `#/runs/${diff.b}`, text: `run ${diff.b}` }))),
    el('p', { data: { testid: 'diff-summary' }, text: diff.changes.length ? `${diff.changes.reduce((n, c) => n + c.count, 0)} phones differ; ${diff.unchanged} unchanged` : `no phone differs (${diff.unchanged} unchanged)` }),
    diff.changes.length ? table(['group', 'phones', 'in the first run', 'in the second run', 'e.g.'], diff.changes.map((c) => [c.group, c.count, c.from, c.to, c.phones.slice(0, 3).join(', ')])) : null,
  );
}
