import { ApiError } from './api';
import { diffPage } from './diff-page';
import { el } from './dom';
import { issueList } from './issues';
import { libraryPage } from './library-page';
import { runPage } from './run-page';
import { trainingPage } from './training-page';

/** Hash routes: #/ library, #/runs/<id>, #/training/<session>, #/diff/<a>/<b>. */
const root = document.getElementById('app')!;
let leave: (() => void) | void;

function navigate(hash: string): void {
  if (location.hash === hash) void route();
  else location.hash = hash;
}

async function route(): Promise<void> {
  leave?.();
  leave = undefined;
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  document.body.dataset.page = parts[0] ?? 'library';
  delete document.body.dataset.ready;
  try {
    if (parts[0] === 'runs' && parts[1]) leave = await runPage(root, parts[1], navigate);
    else if (parts[0] === 'training' && parts[1]) await trainingPage(root, parts[1]);
    else if (parts[0] === 'diff' && parts[1] && parts[2]) await diffPage(root, parts[1], parts[2]);
    else await libraryPage(root, navigate);
  } catch (error) {
    root.replaceChildren(el('h1', { text: 'Something went wrong' }), issueList(error as ApiError));
  }
  // Tests and the measuring script wait for this.
  document.body.dataset.ready = parts[0] ?? 'library';
}

window.addEventListener('hashchange', () => void route());
void route();
