import { api, ApiError, entryLabel, type Outline } from './api';
import { append, clear, el, table } from './dom';
import { issueList } from './issues';
import { RunViewer } from './run-viewer';

/** Where a run's scenario can be sent again from: a library path, or the YAML this server was sent. */
async function sourceRequest(outline: Outline): Promise<{ path: string } | { yaml: string; name: string }> {
  if (outline.source?.kind === 'library') return { path: outline.source.path };
  const source = await api<{ yaml: string; name: string }>(`/api/runs/${outline.run_id}/source`);
  return { yaml: source.yaml, name: source.name };
}

/**
 * The run page: the viewer (clusters, grid, timeline and scrubber, a phone's decisions, trust files),
 * the expectations, the assumptions with a "what if" that runs the scenario again under another
 * reading and opens the diff, and a fork from the step shown with an edited remaining plan.
 */
export async function runPage(root: HTMLElement, runId: string, navigate: (hash: string) => void): Promise<() => void> {
  const viewer = new RunViewer(runId);
  const t0 = performance.now();
  await viewer.load();
  const o = viewer.outline;
  const status = el('span', { class: `badge ${o.completed ? (o.passed ? 'pass' : 'fail') : 'running'}`, data: { testid: 'run-status' }, text: o.completed ? (o.passed ? 'expectations hold' : 'expectations fail') : 'running…' });
  const header = el(
    'header',
    { class: 'page-head' },
    el('h1', { text: o.title ?? o.scenario }),
    el('p', { class: 'muted' }, `${o.scenario} · run ${o.run_id} · seed ${o.seed}`, o.forked_from ? ` · forked from ${o.forked_from.run} after step ${o.forked_from.after_step}` : '', ' ', status, ' ', el('a', { href: `/api/runs/${o.run_id}`, target: '_blank', text: 'report (JSON)' })),
  );
  const expectations = el('div', { class: 'panel' });
  const assumptions = el('div', { class: 'panel', data: { testid: 'assumptions' } });
  const fork = el('div', { class: 'panel', data: { testid: 'fork' } });
  clear(root);
  append(root, header, viewer.element, el('div', { class: 'panels' }, expectations, assumptions), fork);
  // For the measuring script: when the page became interactive (grid drawn), in ms since this page began.
  document.body.dataset.interactiveMs = String(Math.round(performance.now() - t0));
  (window as unknown as { studio: unknown }).studio = { viewer };

  const drawExpectations = (outline: Outline) => {
    clear(expectations);
    append(expectations, el('h3', { text: 'Expectations' }));
    if (!outline.expectations.length) append(expectations, el('p', { class: 'muted', text: outline.completed ? 'none' : 'checked when the run ends' }));
    else append(expectations, table(['', 'expectation', 'detail'], outline.expectations.map((e) => [el('span', { class: e.passed ? 'ok' : 'bad', text: e.passed ? 'PASS' : 'FAIL' }), e.description, e.detail])));
  };
  drawExpectations(o);

  // Assumptions: each with the readings it could take; "what if" runs the same scenario under another one.
  append(assumptions, el('h3', { text: 'Assumptions' }));
  const whatIfOut = el('div');
  for (const a of o.assumptions_in_force) {
    const select = el('select', { attrs: { 'aria-label': a.name }, data: { assumption: a.name } });
    for (const v of a.values) select.appendChild(el('option', { value: String(v), text: String(v), selected: String(v) === String(a.value) }));
    const button = el('button', {
      text: 'What if?',
      data: { testid: `what-if-${a.name}` },
      on: {
        click: async () => {
          const raw = select.value;
          const value = raw === 'true' ? true : raw === 'false' ? false : raw;
          if (String(value) === String(a.value)) return void (whatIfOut.textContent = `${a.name} is already ${raw} in this run: choose another reading`);
          whatIfOut.textContent = `Running ${o.scenario} with ${a.name}=${raw}…`;
          try {
            const source = await sourceRequest(o);
            const run = await api<{ run_id: string }>('/api/runs', { method: 'POST', body: { ...source, seed: o.seed, assumptions: { ...o.assumptions, [a.name]: value }, wait: true } });
            navigate(`#/diff/${o.run_id}/${run.run_id}`);
          } catch (error) {
            whatIfOut.textContent = (error as Error).message;
          }
        },
      },
    });
    append(assumptions, el('div', { class: 'assumption' }, el('b', { text: a.name }), ` = ${a.value}${a.value === a.default ? ' (default)' : ''} `, select, ' ', button, el('div', { class: 'muted small', text: a.sources })));
  }
  append(assumptions, whatIfOut);

  // Fork: the scenario text to edit, from the step shown on.
  const forkButton = el('button', { text: 'Fork from the step shown…', data: { testid: 'fork-open' } });
  const forkBody = el('div');
  append(fork, el('h3', { text: 'Fork' }), el('p', { class: 'muted', text: 'Start a new run from the state after the step shown, without replaying the steps before it; edit the steps after it.' }), forkButton, forkBody);
  forkButton.addEventListener('click', async () => {
    clear(forkBody);
    let source: { path: string } | { yaml: string; name: string };
    let yaml: string;
    try {
      source = await sourceRequest(o);
      yaml = 'yaml' in source ? source.yaml : (await api<{ yaml: string }>(`/api/scenarios/file?path=${encodeURIComponent(source.path)}`)).yaml;
    } catch (error) {
      forkBody.appendChild(el('p', { class: 'bad', text: (error as Error).message }));
      return;
    }
    const step = viewer.stepNumber;
    const editor = el('textarea', { class: 'yaml', value: yaml, spellcheck: false, attrs: { rows: '18', 'aria-label': 'scenario to fork' } });
    const out = el('div');
    const go = el('button', {
      text: `Run the fork after step ${step}`,
      on: {
        click: async () => {
          out.textContent = 'Starting…';
          try {
            const name = 'path' in source ? source.path.split('/').pop()! : source.name;
            const run = await api<{ run_id: string }>('/api/runs', { method: 'POST', body: { yaml: editor.value, name, fork: { run: o.run_id, step } } });
            navigate(`#/runs/${run.run_id}`);
          } catch (error) {
            clear(out);
            out.appendChild(issueList(error as ApiError));
          }
        },
      },
    });
    append(forkBody, el('p', { text: `The steps up to ${step} must stay as they are (${o.steps.slice(0, step).map((s, i) => `${i + 1}. ${s.text}`).join('; ') || 'none'}).` }), editor, go, out);
  });

  // A run in progress: follow it.
  let source: EventSource | undefined;
  if (!o.completed) {
    source = new EventSource(`/api/runs/${o.run_id}/events`);
    const update = async () => {
      await viewer.refresh();
      const now = viewer.outline;
      drawExpectations(now);
      status.className = `badge ${now.completed ? (now.passed ? 'pass' : 'fail') : 'running'}`;
      status.textContent = now.completed ? (now.passed ? 'expectations hold' : 'expectations fail') : `running… ${entryLabel(now.timeline[now.timeline.length - 1])}`;
    };
    source.addEventListener('step', () => void update());
    source.addEventListener('completed', () => {
      source?.close();
      void update();
    });
    source.addEventListener('failed', (e) => {
      source?.close();
      status.className = 'badge fail';
      status.textContent = `failed: ${JSON.parse((e as MessageEvent).data).error}`;
    });
  }
  return () => source?.close();
}
