import { api, type DecodedTrustFile } from './api';
import { append, clear, el, table } from './dom';
import { RunViewer } from './run-viewer';

interface Reply {
  lines: string[];
  trust_files: (DecodedTrustFile & { label: string })[];
  entry: unknown;
  groups: { cluster: string; group: string; counts: Record<string, number> }[] | null;
  closed: boolean;
  prompt: string;
}

interface Comparison {
  trainee_run: string;
  model_run: string;
  same: boolean;
  changes: { group: string; trainee: string; model: string; count: number }[];
  unchanged: number;
}

/**
 * The training console: a scenario's starting state, a console where the trainee types what an
 * administrator types on the platform CLI (each command a step of the session's run), the grid updated
 * after each, "save as scenario" (a download), and a comparison with the model answer (the scenario file run).
 */
export async function trainingPage(root: HTMLElement, id: string): Promise<void> {
  const session = await api<{ id: string; run_id: string; path: string; prompt: string; closed: boolean }>(`/api/training/${id}`);
  const viewer = new RunViewer(session.run_id);
  await viewer.load();
  const output = el('pre', { class: 'console-output', data: { testid: 'console-output' } });
  const prompt = el('span', { class: 'prompt', text: session.prompt });
  const input = el('input', { class: 'console-input', type: 'text', autocomplete: 'off', spellcheck: false, attrs: { 'aria-label': 'command' }, data: { testid: 'console-input' } });
  const compareOut = el('div', { data: { testid: 'compare-out' } });
  const history: string[] = [];
  let back = 0;
  const print = (text: string, cls?: string) => {
    output.appendChild(el('span', { class: cls ?? '', text: `${text}\n` }));
    output.scrollTop = output.scrollHeight;
  };
  print("trustsim training console — type help for the commands. Each command that changes the cluster is a step of this session's run.", 'muted');

  const run = async (line: string) => {
    print(`${prompt.textContent}${line}`, 'echo');
    input.disabled = true;
    try {
      const reply = await api<Reply>(`/api/training/${id}/commands`, { method: 'POST', body: { line } });
      for (const l of reply.lines) print(l);
      for (const f of reply.trust_files) {
        print(`${f.label}: ${f.size} bytes, signed by ${f.signer.name} (${f.digest}) — ${f.verification}`);
        for (const r of f.records) print(`  ${String(r.index).padStart(2)} ${r.role.padEnd(12)} ${r.subject ?? '(no certificate)'}`);
      }
      for (const g of reply.groups ?? []) print(`  ${g.cluster}/${g.group}: ${Object.entries(g.counts).filter(([, n]) => n).map(([s, n]) => `${n} ${s}`).join(', ')}`);
      prompt.textContent = reply.prompt;
      if (reply.entry) await viewer.refresh();
      if (reply.closed) input.disabled = true;
      else input.disabled = false;
    } catch (error) {
      print((error as Error).message, 'bad');
      input.disabled = false;
    }
    input.focus();
  };
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && input.value.trim()) {
      const line = input.value;
      history.push(line);
      back = history.length;
      input.value = '';
      void run(line);
    } else if (e.key === 'ArrowUp' && back > 0) input.value = history[--back];
    else if (e.key === 'ArrowDown' && back < history.length) input.value = history[++back] ?? '';
  });

  const save = el('a', { class: 'button', href: `/api/training/${id}/scenario`, text: 'Save as scenario', data: { testid: 'save-scenario' }, attrs: { download: '' } });
  const compare = el('button', {
    text: 'Finish and compare with the model answer',
    data: { testid: 'compare' },
    on: {
      click: async () => {
        compareOut.textContent = `Settling the session and running ${session.path}…`;
        input.disabled = true;
        try {
          const c = await api<Comparison>(`/api/training/${id}/compare`, { method: 'POST' });
          clear(compareOut);
          append(
            compareOut,
            el('p', { class: c.same ? 'ok' : 'bad', text: c.same ? `Same outcome as the model answer for every phone (${c.unchanged}).` : `${c.changes.reduce((n, x) => n + x.count, 0)} phones end differently from the model answer; ${c.unchanged} the same.` }),
            c.changes.length ? table(['group', 'phones', 'your session', 'model answer'], c.changes.map((x) => [x.group, x.count, x.trainee, x.model])) : null,
            el('p', {}, el('a', { href: `#/runs/${c.trainee_run}`, text: 'your run' }), ' · ', el('a', { href: `#/runs/${c.model_run}`, text: 'the model answer' }), ' · ', el('a', { href: `#/diff/${c.trainee_run}/${c.model_run}`, text: 'diff' })),
          );
          await viewer.refresh();
        } catch (error) {
          compareOut.textContent = (error as Error).message;
        }
      },
    },
  });

  clear(root);
  append(
    root,
    el('header', { class: 'page-head' }, el('h1', { text: `Training: ${viewer.outline.title ?? viewer.outline.scenario}` }), el('p', { class: 'muted', text: `${session.path} · run ${session.run_id} · the scenario's clusters and phones, none of its steps` })),
    el('section', { class: 'console panel' }, output, el('div', { class: 'console-line' }, prompt, input), el('div', { class: 'actions' }, save, compare), compareOut),
    viewer.element,
  );
  input.disabled = session.closed;
  input.focus();
}
