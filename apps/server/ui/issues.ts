import type { ApiError } from './api';
import { el } from './dom';

/** An error from the API: its message, and each problem at file:line:column (or the request field) it names. */
export function issueList(error: ApiError | Error): HTMLElement {
  const issues = 'issues' in error ? error.issues : [];
  return el(
    'div',
    { class: 'issues', data: { testid: 'issues' } },
    el('p', { class: 'bad', text: error.message }),
    issues.length
      ? el(
          'ul',
          {},
          ...issues.map((i) => el('li', {}, el('code', { text: i.location ?? (i.line ? `${i.file}:${i.line}:${i.column}` : i.field) }), ` ${i.line ? `${i.field}: ` : ''}${i.message}${i.expected ? ` (expected ${i.expected})` : ''}`)),
        )
      : null,
  );
}
