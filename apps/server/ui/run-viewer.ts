import { api, atOf, entryLabel, STATUSES, type CompactState, type DecodedTrustFile, type Explanation, type Outline, type PhoneOrder } from './api';
import { ClusterMap } from './cluster-map';
import { append, clear, el, formatMs, table } from './dom';
import { PhoneGrid } from './phone-grid';

/**
 * A run as the studio shows it: the clusters, the phone grid, the timeline with its scrubber (each
 * position is the state after that step, folded from the stored run by the server), a phone's chain of
 * decisions, and the trust files a node serves at that step. The run page and the training console use it.
 */
export class RunViewer {
  readonly element = el('section', { class: 'run-viewer' });
  outline!: Outline;
  private order!: PhoneOrder;
  private grid!: PhoneGrid;
  private map!: ClusterMap;
  private readonly scrubber = el('input', { type: 'range', min: '0', max: '0', value: '0', class: 'scrubber', attrs: { 'aria-label': 'step' }, data: { testid: 'scrubber' } });
  private readonly stepLabel = el('div', { class: 'step-label', data: { testid: 'step-label' } });
  private readonly legend = el('div', { class: 'legend', data: { testid: 'legend' } });
  private readonly steps = el('ol', { class: 'timeline' });
  private readonly explanation = el('div', { class: 'panel explanation', data: { testid: 'explanation' } });
  private readonly trustFiles = el('div', { class: 'panel trust-files', data: { testid: 'trust-files' } });
  private readonly nodeSelect = el('select', { class: 'node-select', attrs: { 'aria-label': 'TFTP node' } });
  private readonly gridHost = el('div', { class: 'grid-host' });
  private readonly states = new Map<number, CompactState>();
  private requested = -1;
  private picked?: string;
  /** The timeline position shown (index into outline.timeline). */
  frame = 0;
  /** Told when the shown state changes (after the grid is drawn). */
  onFrame?: (state: CompactState) => void;

  constructor(readonly runId: string) {}

  /** Loads the run (outline, phone order, last state) and draws it. */
  async load(): Promise<void> {
    const [outline, order, state] = await Promise.all([
      api<Outline>(`/api/runs/${this.runId}/outline`),
      api<PhoneOrder>(`/api/runs/${this.runId}/phones`),
      api<CompactState>(`/api/runs/${this.runId}/state`),
    ]);
    this.outline = outline;
    this.order = order;
    this.grid = new PhoneGrid(order.phones, order.groups, (_i, name) => void this.explain(name));
    this.map = new ClusterMap(outline.setup.clusters);
    this.build();
    this.states.set(state.frame, state);
    this.setTimeline(outline);
    this.show(state);
    new ResizeObserver(() => {
      this.grid.layout(this.gridHost.clientWidth);
      this.grid.draw();
    }).observe(this.gridHost);
  }

  /** The run has stored more steps (a run in progress, a training command): show its latest state. */
  async refresh(): Promise<void> {
    this.outline = await api<Outline>(`/api/runs/${this.runId}/outline`);
    this.states.clear();
    this.setTimeline(this.outline);
    await this.go(this.outline.timeline.length - 1);
  }

  /** Moves the scrubber: the state after that timeline entry. */
  async go(frame: number): Promise<void> {
    this.frame = frame;
    this.scrubber.value = String(frame);
    this.markStep();
    const cached = this.states.get(frame);
    if (cached) return this.show(cached);
    this.requested = frame;
    const entry = this.outline.timeline[frame];
    const state = await api<CompactState>(`/api/runs/${this.runId}/state?at=${atOf(entry)}`);
    this.states.set(frame, state);
    // A later move wins: an answer for a position the scrubber has left is kept but not drawn.
    if (this.requested === frame) this.show(state);
  }

  /** `?at=` of the position shown. */
  get at(): string {
    return atOf(this.outline.timeline[this.frame]);
  }

  /** The step number after which the shown state stands (0 = installed), for a fork. */
  get stepNumber(): number {
    const e = this.outline.timeline[this.frame];
    return e.step === 'install' ? 0 : typeof e.step === 'number' ? e.step + 1 : this.outline.reached;
  }

  private build(): void {
    this.scrubber.addEventListener('input', () => void this.go(Number(this.scrubber.value)));
    const tftp = this.outline.setup.clusters.flatMap((c) => c.nodes.filter((n) => n.services.includes('tftp')).map((n) => `${c.name}/${n.name}`));
    for (const t of tftp) this.nodeSelect.appendChild(el('option', { value: t, text: t }));
    this.nodeSelect.addEventListener('change', () => void this.loadTrustFiles());
    clear(this.explanation);
    append(this.explanation, el('h3', { text: 'Phone' }), el('p', { class: 'muted', text: 'Click a phone in the grid to read its chain of decisions at this step.' }));
    clear(this.trustFiles);
    append(this.trustFiles, el('h3', {}, 'Trust files served by ', this.nodeSelect, ' ', el('button', { text: 'Show', data: { testid: 'show-trust-files' }, on: { click: () => void this.loadTrustFiles() } })), el('div', { class: 'trust-file-body' }));
    append(
      this.element,
      el('div', { class: 'scrub' }, this.scrubber, this.stepLabel),
      el('div', { class: 'viewer-columns' }, el('div', { class: 'left' }, this.steps, this.map.element), el('div', { class: 'right' }, this.legend, this.gridHost)),
      el('div', { class: 'panels' }, this.explanation, this.trustFiles),
    );
    this.gridHost.appendChild(this.grid.canvas);
    this.grid.layout(this.gridHost.clientWidth || 800);
  }

  private setTimeline(outline: Outline): void {
    this.scrubber.max = String(Math.max(0, outline.timeline.length - 1));
    clear(this.steps);
    outline.timeline.forEach((entry, i) => {
      const c = entry.counts;
      this.steps.appendChild(
        el(
          'li',
          { data: { frame: String(i) }, on: { click: () => void this.go(i) } },
          el('span', { class: 'time', text: formatMs(entry.at) }),
          el('span', { class: 'text', text: entryLabel(entry) }),
          el('span', { class: 'counts' }, ...STATUSES.filter((s) => c[s]).map((s) => el('span', { class: `count ${s}`, text: `${c[s]}` }))),
        ),
      );
    });
  }

  private markStep(): void {
    for (const li of Array.from(this.steps.children)) li.classList.toggle('current', (li as HTMLElement).dataset.frame === String(this.frame));
  }

  private show(state: CompactState): void {
    this.frame = state.frame;
    this.scrubber.value = String(state.frame);
    this.markStep();
    this.grid.update(state.statuses, state.codes);
    this.map.update(state);
    const totals = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<string, number>;
    for (const g of state.groups) for (const s of STATUSES) totals[s] += g.counts[s];
    clear(this.legend);
    for (const s of STATUSES) this.legend.appendChild(el('span', { class: `count ${s}`, data: { status: s, testid: `count-${s}` } }, el('b', { text: String(totals[s]) }), ` ${s}`));
    this.stepLabel.textContent = `after ${entryLabel(state.entry)} · ${formatMs(state.entry.at)}`;
    this.element.dataset.frame = String(state.frame);
    if (this.picked) void this.explain(this.picked);
    if (this.trustFiles.dataset.loaded) void this.loadTrustFiles();
    this.onFrame?.(state);
  }

  private async explain(name: string): Promise<void> {
    this.picked = name;
    const body = el('div', { class: 'muted', text: `Reading ${name}…` });
    clear(this.explanation);
    append(this.explanation, el('h3', { text: name }), body);
    try {
      const e = await api<Explanation>(`/api/runs/${this.runId}/phones/${encodeURIComponent(name)}?at=${this.at}`);
      clear(this.explanation);
      append(this.explanation, el('h3', {}, `${e.phone} `, el('span', { class: `count ${e.status}`, text: e.status })), el('pre', { class: 'decisions', text: e.lines.join('\n') }), el('p', { class: 'verdict', text: e.verdict }));
    } catch (error) {
      body.textContent = (error as Error).message;
    }
  }

  async loadTrustFiles(): Promise<void> {
    const [cluster, node] = this.nodeSelect.value.split('/');
    const host = this.trustFiles.querySelector('.trust-file-body')!;
    this.trustFiles.dataset.loaded = 'yes';
    try {
      const { files } = await api<{ files: DecodedTrustFile[] }>(`/api/runs/${this.runId}/trust-files/${encodeURIComponent(cluster)}/${encodeURIComponent(node)}?at=${this.at}`);
      clear(host);
      for (const f of files) {
        append(
          host,
          el('h4', { text: `${f.file_name} · ${f.size} bytes · ${f.digest} · ${f.timestamp}` }),
          el('p', { class: f.verified ? 'ok' : 'bad', text: `Signer: ${f.signer.name} (serial ${f.signer.serial}) — ${f.verification}` }),
          table(['#', 'role', 'subject', 'issuer', 'serial'], f.records.map((r) => [r.index, r.role, r.subject ?? '(no certificate)', r.issuer === r.subject ? '(self-signed)' : (r.issuer ?? ''), r.serial ?? ''])),
          ...f.findings.map((x) => el('p', { class: 'bad', text: `${x.level}: ${x.message}` })),
        );
      }
    } catch (error) {
      clear(host);
      host.appendChild(el('p', { class: 'bad', text: (error as Error).message }));
    }
  }

  /** The grid, for the tests and the measuring script (cell positions, draw time). */
  get phoneGrid(): PhoneGrid {
    return this.grid;
  }

  get phoneNames(): readonly string[] {
    return this.order.phones;
  }
}
