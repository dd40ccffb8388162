import { api, ApiError } from './api';
import { append, clear, el, table } from './dom';
import { issueList } from './issues';

interface LibraryEntry {
  path: string;
  scenario: string | null;
  title: string | null;
  valid: boolean;
  phones: number;
  steps: number;
  issues: { file: string; line: number; column: number; field: string; message: string }[];
}

interface RunListing {
  runId: string;
  scenario: string;
  steps: number;
  completed: boolean;
  passed?: boolean;
  running: boolean;
  forkedFrom?: { run: string; afterStep: number };
}

/** The library: every scenario with its validation status, run or train from it; a pasted scenario to validate or run; the stored runs. */
export async function libraryPage(root: HTMLElement, navigate: (hash: string) => void): Promise<void> {
  const [{ library, scenarios }, runs] = await Promise.all([api<{ library: string; scenarios: LibraryEntry[] }>('/api/scenarios'), api<RunListing[]>('/api/runs')]);
  const out = el('div', { class: 'action-out', data: { testid: 'library-out' } });
  const start = async (path: string, what: 'run' | 'train') => {
    out.textContent = what === 'run' ? `Running ${path}…` : `Opening ${path} for training…`;
    try {
      if (what === 'run') {
        const run = await api<{ run_id: string }>('/api/runs', { method: 'POST', body: { path } });
        navigate(`#/runs/${run.run_id}`);
      } else {
        const session = await api<{ id: string }>('/api/training', { method: 'POST', body: { path } });
        navigate(`#/training/${session.id}`);
      }
    } catch (error) {
      clear(out);
      out.appendChild(issueList(error as ApiError));
    }
  };
  const rows = scenarios.map((s) => [
    el('code', { text: s.path }),
    s.title ?? s.scenario ?? '',
    s.phones.toLocaleString('en-US'),
    s.steps,
    s.valid ? el('span', { class: 'ok', text: 'valid' }) : el('details', {}, el('summary', { class: 'bad', text: `${s.issues.length} problem${s.issues.length === 1 ? '' : 's'}` }), el('ul', {}, ...s.issues.slice(0, 20).map((i) => el('li', { text: `${i.line}:${i.column} ${i.field}: ${i.message}` })))),
    el(
      'span',
      { class: 'actions' },
      el('button', { text: 'Run', disabled: !s.valid, data: { run: s.path }, on: { click: () => void start(s.path, 'run') } }),
      el('button', { text: 'Train', disabled: !s.valid, data: { train: s.path }, on: { click: () => void start(s.path, 'train') } }),
    ),
  ]);

  const editor = el('textarea', { class: 'yaml', spellcheck: false, placeholder: 'scenario: my-change\nclusters:\n  …', attrs: { rows: '12', 'aria-label': 'scenario YAML' } });
  const pasteOut = el('div', { data: { testid: 'paste-out' } });
  const send = async (what: 'validate' | 'run') => {
    clear(pasteOut);
    try {
      if (what === 'validate') {
        const v = await api<{ scenario: string; clusters: number; steps: number; phones: number }>('/api/scenarios/validate', { method: 'POST', body: { yaml: editor.value, name: 'pasted.yaml' } });
        pasteOut.appendChild(el('p', { class: 'ok', text: `valid: ${v.scenario} (${v.clusters} cluster(s), ${v.steps} steps, ${v.phones} phones)` }));
      } else {
        const run = await api<{ run_id: string }>('/api/runs', { method: 'POST', body: { yaml: editor.value, name: 'pasted.yaml' } });
        navigate(`#/runs/${run.run_id}`);
      }
    } catch (error) {
      pasteOut.appendChild(issueList(error as ApiError));
    }
  };

  clear(root);
  append(
    root,
    el('header', { class: 'page-head' }, el('h1', { text: 'Scenario library' }), el('p', { class: 'muted', text: `${scenarios.length} scenarios in ${library}/` })),
    out,
    table(['file', 'title', 'phones', 'steps', 'validation', ''], rows, 'grid-table library'),
    el('section', { class: 'panel' }, el('h3', { text: 'Paste a scenario' }), editor, el('div', { class: 'actions' }, el('button', { text: 'Validate', on: { click: () => void send('validate') } }), el('button', { text: 'Run', on: { click: () => void send('run') } })), pasteOut),
    el(
      'section',
      { class: 'panel' },
      el('h3', { text: 'Stored runs' }),
      runs.length
        ? table(
            ['run', 'scenario', 'steps', 'outcome'],
            runs
              .slice()
              .reverse()
              .slice(0, 50)
              .map((r) => [el('a', { href: `#/runs/${r.runId}`, text: r.runId }), r.scenario + (r.forkedFrom ? ` (fork of ${r.forkedFrom.run}@${r.forkedFrom.afterStep})` : ''), r.steps, r.running ? 'running' : r.completed ? (r.passed ? 'pass' : 'fail') : 'incomplete']),
          )
        : el('p', { class: 'muted', text: 'none yet' }),
    ),
  );
}
