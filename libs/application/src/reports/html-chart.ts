import { STATUSES } from '../engine/phone-fleet';
import { Html, html } from './html-escape';
import { STATUS_STYLE } from './html-style';
import { ReportTimelineEntry } from './run-report';

/*
 * The timeline as stacked bars, one bar per timeline entry (install, each step, settled), in step order
 * with the simulated time under them. Bars are placed by step, not on a time-proportional axis, because
 * steps without a `wait` between them happen at the same simulated instant and would be drawn on top
 * of each other. The time label is printed where the clock moved, so the time gaps still show.
 * The counts are sampled at the end of each step, so bars are honest and an interpolated area is not.
 */

const WIDTH = 1100;
const LEFT = 72;
const RIGHT = 16;
const TOP = 18;
const PLOT_H = 300;
const BOTTOM = 92;
const MIN_COLUMN = 44;
const MAX_LABELS = 28;

export function timelineChart(timeline: readonly ReportTimelineEntry[]): Html {
  const n = timeline.length;
  if (n === 0) return html`<p class="muted">The run recorded no timeline.</p>`;
  // Many steps: keep columns readable and let the chart scroll sideways instead of squeezing them.
  const width = Math.max(WIDTH, LEFT + RIGHT + n * MIN_COLUMN);
  const plotW = width - LEFT - RIGHT;
  const column = plotW / n;
  const barW = Math.min(column * 0.66, 96);
  const totals = timeline.map((t) => STATUSES.reduce((sum, s) => sum + t.counts[s], 0));
  const { top, step } = yScale(Math.max(1, ...totals));
  const y = (v: number) => round(TOP + PLOT_H - (v / top) * PLOT_H);
  const height = TOP + PLOT_H + BOTTOM;
  const every = Math.ceil(n / MAX_LABELS);

  const grid = [];
  for (let v = 0; v <= top; v += step) {
    grid.push(html`<line x1="${LEFT}" x2="${width - RIGHT}" y1="${y(v)}" y2="${y(v)}" stroke="${v === 0 ? '#6b7278' : '#e3e6e9'}" stroke-width="${v === 0 ? 2 : 1}"/>
<text x="${LEFT - 10}" y="${y(v) + 5}" text-anchor="end" font-size="15" fill="#555c63">${v}</text>`);
  }

  const bars = timeline.map((t, i) => {
    const x = LEFT + column * i + (column - barW) / 2;
    const cx = round(x + barW / 2);
    let base = 0;
    const segments = STATUSES.filter((s) => t.counts[s] > 0).map((s) => {
      const count = t.counts[s];
      const y0 = y(base + count);
      const h = y(base) - y0;
      base += count;
      const label = h >= 22 && barW >= 34 ? html`<text x="${cx}" y="${y0 + h / 2 + 5}" text-anchor="middle" font-size="16" font-weight="700" fill="${STATUS_STYLE[s].ink}">${count}</text>` : '';
      return html`<rect x="${round(x)}" y="${round(y0)}" width="${round(barW)}" height="${round(h)}" fill="${STATUS_STYLE[s].fill}"/>${label}`;
    });
    const counts = STATUSES.filter((s) => t.counts[s] > 0).map((s) => `${t.counts[s]} ${s}`).join(', ') || 'no phones';
    const showLabel = i % every === 0 || i === n - 1;
    const clockMoved = i === 0 || t.at_ms !== timeline[i - 1].at_ms;
    const stepLabel = typeof t.step === 'number' ? String(t.step + 1) : t.step === 'install' ? 'install' : 'settled';
    return html`<g><title>${t.label} · ${t.at_label}: ${counts}</title>${segments}
${showLabel ? html`<text x="${cx}" y="${TOP + PLOT_H + 24}" text-anchor="middle" font-size="16" font-weight="700" fill="#1b1b1b">${stepLabel}</text>` : ''}
${clockMoved ? html`<text x="${cx}" y="${TOP + PLOT_H + 48}" text-anchor="middle" font-size="15" fill="#555c63">${t.at_label}</text>` : ''}</g>`;
  });

  const summary = `Phones per status after each of ${n} timeline entries, from ${timeline[0].at_label} to ${timeline[n - 1].at_label} of simulated time.`;
  return html`<svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="chart-title chart-desc"${width > WIDTH ? html` style="min-width:${width}px"` : ''}>
<title id="chart-title">Timeline of phone statuses</title><desc id="chart-desc">${summary}</desc>
${grid}
${bars}
<text x="${round(LEFT + plotW / 2)}" y="${height - 12}" text-anchor="middle" font-size="15" fill="#555c63">step, with the simulated time where the clock moves</text>
<text transform="translate(18 ${TOP + PLOT_H / 2}) rotate(-90)" text-anchor="middle" font-size="15" fill="#555c63">phones</text>
</svg>`;
}

/** A round axis top and tick step (1, 2 or 5 × 10^k) giving about five gridlines. */
export function yScale(max: number): { top: number; step: number } {
  const raw = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude);
  return { top: Math.ceil(max / step) * step, step };
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}
