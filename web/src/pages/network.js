// Actor network: who acts on whom under the current filter. Edge width = events, edge
// colour = mean Goldstein (red conflict … green cooperation), node size = events.

import { h, s, bdi } from '../dom.js';
import { t } from '../i18n.js';
import { get, eventParams } from '../api.js';
import { href } from '../route.js';
import { filterBar, loading, errorBox } from '../components.js';

const MAX_NODES = 60;

export async function render(root, route, signal) {
  const params = route.params;
  const box = h('div', { class: 'network-box' }, loading());
  root.append(h('div', { class: 'page-head' }, h('h1', null, t('network'))), filterBar(params, 'network'),
    h('p', { class: 'hint' }, t('networkHint')), goldsteinLegend(), box);
  let net;
  try {
    net = await get('network', eventParams(params), signal);
  } catch (err) {
    if (!signal.aborted) box.replaceChildren(errorBox(err));
    return;
  }
  const nodes = [...(net.nodes ?? [])].sort((a, b) => b.count - a.count).slice(0, MAX_NODES);
  const keep = new Set(nodes.map((n) => n.id));
  const edges = (net.edges ?? []).filter((e) => keep.has(e.source) && keep.has(e.target) && e.source !== e.target);
  if (!nodes.length) {
    box.replaceChildren(h('p', { class: 'status' }, t('none')));
    return;
  }
  box.replaceChildren(draw(nodes, edges));
}

export function goldsteinColour(g) {
  const v = Math.max(-10, Math.min(10, g ?? 0)) / 10;
  // red (-10) → grey (0) → green (+10)
  const mix = (a, b, f) => Math.round(a + (b - a) * f);
  if (v < 0) return `rgb(${mix(150, 200, -v)},${mix(150, 40, -v)},${mix(150, 40, -v)})`;
  return `rgb(${mix(150, 30, v)},${mix(150, 150, v)},${mix(150, 70, v)})`;
}

function goldsteinLegend() {
  return h('div', { class: 'gs-legend', dir: 'ltr' }, [-10, -5, 0, 5, 10].map((g) =>
    h('span', null, h('i', { style: { background: goldsteinColour(g) } }), String(g))));
}

// layout runs a small deterministic force simulation: repulsion between all nodes,
// springs along edges, a pull to the centre.
function layout(nodes, edges, W, H) {
  const n = nodes.length;
  const pos = nodes.map((_, i) => ({ x: W / 2 + Math.cos((2 * Math.PI * i) / n) * W * 0.35, y: H / 2 + Math.sin((2 * Math.PI * i) / n) * H * 0.35, vx: 0, vy: 0 }));
  const idx = new Map(nodes.map((nd, i) => [nd.id, i]));
  const links = edges.map((e) => [idx.get(e.source), idx.get(e.target)]);
  const k = Math.sqrt((W * H) / Math.max(n, 1)) * 0.45;
  for (let it = 0; it < 300; it++) {
    const temp = 1 - it / 300;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
        let d2 = dx * dx + dy * dy;
        if (d2 < 0.01) { dx = 0.1 * (i - j); dy = 0.1; d2 = dx * dx + dy * dy; }
        const f = (k * k) / d2;
        pos[i].vx += dx * f * 0.02; pos[i].vy += dy * f * 0.02;
        pos[j].vx -= dx * f * 0.02; pos[j].vy -= dy * f * 0.02;
      }
    }
    for (const [a, b] of links) {
      const dx = pos[b].x - pos[a].x, dy = pos[b].y - pos[a].y;
      const d = Math.sqrt(dx * dx + dy * dy) || 1;
      const f = ((d - k) / d) * 0.05;
      pos[a].vx += dx * f; pos[a].vy += dy * f; pos[b].vx -= dx * f; pos[b].vy -= dy * f;
    }
    for (const p of pos) {
      p.vx += (W / 2 - p.x) * 0.02; p.vy += (H / 2 - p.y) * 0.02;
      p.x += Math.max(-20, Math.min(20, p.vx)) * temp; p.y += Math.max(-20, Math.min(20, p.vy)) * temp;
      p.vx *= 0.5; p.vy *= 0.5;
    }
  }
  // Fit the layout into the frame (leaving room for labels).
  const xs = pos.map((p) => p.x), ys = pos.map((p) => p.y);
  const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
  const mx = 70, my = 30;
  for (const p of pos) {
    p.x = x1 > x0 ? mx + ((p.x - x0) / (x1 - x0)) * (W - 2 * mx) : W / 2;
    p.y = y1 > y0 ? my + ((p.y - y0) / (y1 - y0)) * (H - 2 * my) : H / 2;
  }
  return pos;
}

// nodeHref: an entity's page, or for an actor known only by its country ("country:IRQ")
// the events of that country.
function nodeHref(nd) {
  if (nd.id.startsWith('country:')) return href('events', [], { country: nd.id.slice(8) });
  return href('entity', [nd.id]);
}

function draw(nodes, edges) {
  const W = 900, H = 600;
  const pos = layout(nodes, edges, W, H);
  const idx = new Map(nodes.map((nd, i) => [nd.id, i]));
  const maxE = Math.max(1, ...edges.map((e) => e.count));
  const maxN = Math.max(1, ...nodes.map((nd) => nd.count));
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'network', role: 'img', 'aria-label': t('network') },
    s('defs', null, s('marker', { id: 'arrowhead', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: 'userSpaceOnUse', orient: 'auto' },
      s('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#666' }))));
  const radius = (nd) => 5 + 14 * Math.sqrt(nd.count / maxN);
  const eg = s('g', { class: 'edges' });
  for (const e of edges) {
    const a = pos[idx.get(e.source)], b = pos[idx.get(e.target)];
    const rb = radius(nodes[idx.get(e.target)]);
    const dx = b.x - a.x, dy = b.y - a.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
    eg.append(s('line', { x1: a.x, y1: a.y, x2: b.x - (dx / d) * rb, y2: b.y - (dy / d) * rb, stroke: goldsteinColour(e.goldstein),
      'stroke-width': 1 + 6 * (e.count / maxE), 'marker-end': 'url(#arrowhead)', 'data-source': e.source, 'data-target': e.target },
    s('title', null, `${nodes[idx.get(e.source)].name} → ${nodes[idx.get(e.target)].name}: ${e.count} (Goldstein ${(e.goldstein ?? 0).toFixed(1)})`)));
  }
  const ng = s('g', { class: 'nodes' });
  nodes.forEach((nd, i) => {
    const a = s('a', { href: nodeHref(nd), class: 'node', 'data-key': nd.id },
      s('circle', { cx: pos[i].x, cy: pos[i].y, r: radius(nd) }),
      s('text', { x: pos[i].x, y: pos[i].y - radius(nd) - 3, 'text-anchor': 'middle' }, nd.name || nd.id),
      s('title', null, `${nd.name} (${nd.country ?? ''}): ${nd.count}`));
    ng.append(a);
  });
  svg.append(eg, ng);
  const list = h('details', { class: 'node-list' }, h('summary', null, t('actor')),
    h('ol', null, nodes.map((nd) => h('li', null, h('a', { href: nodeHref(nd) }, bdi(nd.name || nd.id)), ' ', h('small', null, String(nd.count))))));
  return h('div', { class: 'network-wrap' }, svg, list);
}
