import type { Segment, Status } from './api';

/** Status colours (also in studio.css for the legend): green, amber, red, grey, dark. */
export const COLOURS: Record<Status, string> = { trusted: '#2e9d57', degraded: '#e0a100', locked: '#d1343b', unregistered: '#8a8f98', off: '#3a3f47' };

const LABEL = 18;
const PAD = 8;

interface Block {
  segment: Segment;
  /** Top of the block's first row of cells (below its label), CSS pixels. */
  top: number;
  columns: number;
  rows: number;
}

/**
 * Every phone of a run on one canvas: a block per group (cluster/group/model) with a label, a cell per
 * phone in the run's phone order, coloured by status. 40,000 phones are 40,000 cells of a few pixels;
 * a redraw paints them status by status (five fill colours), so it costs a few milliseconds.
 */
export class PhoneGrid {
  readonly canvas: HTMLCanvasElement;
  private blocks: Block[] = [];
  private cell = 8;
  private gap = 1;
  private width = 800;
  private statuses = '';
  private codes: Record<string, Status> = {};
  private selected = -1;
  /** Milliseconds the last draw took (the measuring script reads it). */
  lastDrawMs = 0;

  constructor(
    private readonly phones: readonly string[],
    private readonly segments: readonly Segment[],
    private readonly onPick: (index: number, name: string) => void,
  ) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'phone-grid';
    this.canvas.setAttribute('role', 'img');
    this.canvas.addEventListener('click', (e) => {
      const i = this.indexAt(e.offsetX, e.offsetY);
      if (i >= 0) {
        this.selected = i;
        this.draw();
        this.onPick(i, this.phones[i]);
      }
    });
    this.canvas.addEventListener('mousemove', (e) => {
      const i = this.indexAt(e.offsetX, e.offsetY);
      this.canvas.title = i >= 0 ? `${this.phones[i]} · ${this.codes[this.statuses[i]] ?? ''}` : '';
    });
  }

  /** Lays the blocks out for a width (CSS pixels): cells as large as fit 40,000 phones in about 600 px of height. */
  layout(width: number): void {
    this.width = Math.max(320, Math.floor(width));
    const n = Math.max(1, this.phones.length);
    const area = (this.width - 2 * PAD) * 560;
    // A one-pixel gap from a pitch of 3 on, so single phones stay visible among 40,000.
    const fit = Math.max(2, Math.min(15, Math.floor(Math.sqrt(area / n))));
    this.gap = fit >= 3 ? 1 : 0;
    this.cell = fit - this.gap;
    const pitch = this.cell + this.gap;
    const columns = Math.max(1, Math.floor((this.width - 2 * PAD) / pitch));
    let y = PAD;
    this.blocks = this.segments.map((segment) => {
      const rows = Math.ceil(segment.count / columns);
      const block = { segment, top: y + LABEL, columns, rows };
      y += LABEL + rows * pitch + PAD;
      return block;
    });
    const ratio = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(this.width * ratio);
    this.canvas.height = Math.round(y * ratio);
    this.canvas.style.width = `${this.width}px`;
    this.canvas.style.height = `${y}px`;
  }

  /** New statuses (one character per phone) and what the characters mean. */
  update(statuses: string, codes: Record<string, Status>): void {
    this.statuses = statuses;
    this.codes = codes;
    this.draw();
  }

  draw(): void {
    const t0 = performance.now();
    const ctx = this.canvas.getContext('2d')!;
    const ratio = window.devicePixelRatio || 1;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    ctx.font = '12px system-ui, sans-serif';
    ctx.textBaseline = 'bottom';
    const pitch = this.cell + this.gap;
    for (const b of this.blocks) {
      ctx.fillStyle = '#c9d1d9';
      const s = b.segment;
      ctx.fillText(`${s.cluster}/${s.group} · ${s.model} · ${s.count.toLocaleString('en-US')} phones`, PAD, b.top - 3);
    }
    // One pass per status: five fill colours, not 40,000.
    for (const [code, status] of Object.entries(this.codes)) {
      ctx.fillStyle = COLOURS[status];
      for (const b of this.blocks) {
        const { first, count } = b.segment;
        for (let k = 0; k < count; k++) {
          if (this.statuses.charCodeAt(first + k) !== code.charCodeAt(0)) continue;
          ctx.fillRect(PAD + (k % b.columns) * pitch, b.top + Math.floor(k / b.columns) * pitch, this.cell, this.cell);
        }
      }
    }
    if (this.selected >= 0) {
      const c = this.cellOrigin(this.selected);
      ctx.strokeStyle = '#ffffff';
      ctx.lineWidth = 2;
      ctx.strokeRect(c.x - 2, c.y - 2, this.cell + 4, this.cell + 4);
    }
    this.lastDrawMs = performance.now() - t0;
  }

  /** The centre of a phone's cell, in CSS pixels from the canvas's top left (tests click there). */
  cellCenter(index: number): { x: number; y: number } {
    const o = this.cellOrigin(index);
    return { x: o.x + this.cell / 2, y: o.y + this.cell / 2 };
  }

  private cellOrigin(index: number): { x: number; y: number } {
    const b = this.blocks.find((x) => index >= x.segment.first && index < x.segment.first + x.segment.count)!;
    const k = index - b.segment.first;
    const pitch = this.cell + this.gap;
    return { x: PAD + (k % b.columns) * pitch, y: b.top + Math.floor(k / b.columns) * pitch };
  }

  private indexAt(x: number, y: number): number {
    const pitch = this.cell + this.gap;
    for (const b of this.blocks) {
      if (y < b.top || y >= b.top + b.rows * pitch) continue;
      const col = Math.floor((x - PAD) / pitch);
      const row = Math.floor((y - b.top) / pitch);
      if (col < 0 || col >= b.columns) return -1;
      const k = row * b.columns + col;
      return k < b.segment.count ? b.segment.first + k : -1;
    }
    return -1;
  }
}
