import { STATUSES, type ClusterSetup, type CompactState } from './api';
import { svg } from './dom';
import { COLOURS } from './phone-grid';

const NODE_W = 170;
const NODE_H = 58;
const GROUP_W = 190;
const GROUP_H = 60;
const GAP = 18;

/**
 * The clusters as an administrator draws them: each node with its services, each phone group below with
 * a line to the TFTP servers of its DHCP option 150 (solid, in order) and to the TVS of its CallManager
 * group (dashed), and a bar of the group's phones per status after the step shown.
 */
export class ClusterMap {
  readonly element: SVGSVGElement;
  private readonly bars = new Map<string, SVGGElement>();

  constructor(clusters: readonly ClusterSetup[]) {
    const width = Math.max(480, ...clusters.map((c) => Math.max(c.nodes.length * (NODE_W + GAP), c.phones.length * (GROUP_W + GAP)))) + GAP;
    const clusterH = NODE_H + GROUP_H + 124;
    this.element = svg('svg', { class: 'cluster-map', viewBox: `0 0 ${width} ${clusters.length * (clusterH + GAP)}`, role: 'img', 'aria-label': 'clusters, nodes and phone groups' });
    clusters.forEach((c, ci) => {
      const top = ci * (clusterH + GAP);
      const g = svg('g', { transform: `translate(0 ${top})` });
      g.appendChild(svg('rect', { x: 2, y: 2, width: width - 4, height: clusterH, rx: 10, class: 'cluster-box' }));
      g.appendChild(svg('text', { x: 14, y: 22, class: 'cluster-title' }, `${c.name} · ${c.version} · ${c.security}`));
      const nodeX = new Map<string, number>();
      c.nodes.forEach((n, i) => {
        const x = GAP + i * (NODE_W + GAP);
        nodeX.set(n.name, x + NODE_W / 2);
        const services = n.services;
        g.appendChild(svg('rect', { x, y: 32, width: NODE_W, height: NODE_H, rx: 6, class: n.role === 'publisher' ? 'node-box publisher' : 'node-box' }));
        g.appendChild(svg('text', { x: x + 8, y: 50, class: 'node-name' }, `${n.name}${n.role === 'publisher' ? ' (publisher)' : ''}`));
        g.appendChild(svg('text', { x: x + 8, y: 68, class: 'node-services' }, services.slice(0, 3).join(' · ')));
        if (services.length > 3) g.appendChild(svg('text', { x: x + 8, y: 82, class: 'node-services' }, services.slice(3).join(' · ')));
      });
      const groupY = 32 + NODE_H + 70;
      c.phones.forEach((p, i) => {
        const x = GAP + i * (GROUP_W + GAP);
        const cx = x + GROUP_W / 2;
        p.tftp.forEach((t, k) => {
          const nx = nodeX.get(t);
          if (nx !== undefined) g.appendChild(svg('line', { x1: cx - 6, y1: groupY, x2: nx - 10 + k * 4, y2: 32 + NODE_H, class: 'link-tftp' }, svg('title', {}, `${c.name}/${p.group}: TFTP ${k + 1} = ${t}`)));
        });
        p.callManagerGroup.forEach((t, k) => {
          const nx = nodeX.get(t);
          if (nx !== undefined) g.appendChild(svg('line', { x1: cx + 6, y1: groupY, x2: nx + 10 + k * 4, y2: 32 + NODE_H, class: 'link-tvs' }, svg('title', {}, `${c.name}/${p.group}: CallManager/TVS ${k + 1} = ${t}`)));
        });
        g.appendChild(svg('rect', { x, y: groupY, width: GROUP_W, height: GROUP_H, rx: 6, class: 'group-box' }));
        g.appendChild(svg('text', { x: x + 8, y: groupY + 16, class: 'group-name' }, `${p.group} · ${p.model}`));
        g.appendChild(svg('text', { x: x + 8, y: groupY + 30, class: 'group-detail' }, `${p.count} phones · ${p.securityProfile}`));
        g.appendChild(svg('text', { x: x + 8, y: groupY + 43, class: 'group-detail' }, `TFTP ${p.tftp.join(', ')} · TVS ${p.callManagerGroup.join(', ')}`));
        const bar = svg('g', { transform: `translate(${x + 6} ${groupY + 50})` });
        this.bars.set(`${c.name}/${p.group}`, bar);
        g.appendChild(bar);
      });
      g.appendChild(svg('text', { x: 14, y: clusterH - 8, class: 'legend-text' }, 'blue: TFTP (DHCP option 150, in order) · dashed amber: TVS (CallManager group)'));
      this.element.appendChild(g);
    });
  }

  /** The bar of each group: its phones per status after the step shown. */
  update(state: CompactState): void {
    const totals = new Map<string, Record<string, number>>();
    for (const g of state.groups) {
      const key = `${g.cluster}/${g.group}`;
      const t = totals.get(key) ?? {};
      for (const s of STATUSES) t[s] = (t[s] ?? 0) + g.counts[s];
      totals.set(key, t);
    }
    for (const [key, bar] of this.bars) {
      while (bar.firstChild) bar.removeChild(bar.firstChild);
      const counts = totals.get(key);
      if (!counts) continue;
      const total = STATUSES.reduce((n, s) => n + counts[s], 0) || 1;
      let x = 0;
      for (const s of STATUSES) {
        const w = ((GROUP_W - 12) * counts[s]) / total;
        if (w > 0) bar.appendChild(svg('rect', { x, y: 0, width: w, height: 5, fill: COLOURS[s] }, svg('title', {}, `${counts[s]} ${s}`)));
        x += w;
      }
    }
  }
}
