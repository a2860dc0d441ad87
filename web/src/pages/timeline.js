// Timeline: events per day stacked by quad class; dragging over it selects a date range.

import { h, s, ltr } from '../dom.js';
import { t, quadLabel } from '../i18n.js';
import { get, eventParams } from '../api.js';
import { setParams } from '../route.js';
import { filterBar, eventTable, loading, errorBox, legend, QUAD_COLOURS } from '../components.js';

const DAY = 86400000;
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);

export async function render(root, route, signal) {
  const params = route.params;
  const chartBox = h('div', { class: 'chart-box' }, loading());
  const tableBox = h('div', { class: 'table-box' });
  root.append(h('div', { class: 'page-head' }, h('h1', null, t('timeline'))), filterBar(params, 'timeline'), legend(),
    h('p', { class: 'hint' }, t('brushHint')), chartBox, tableBox);
  const q = eventParams(params);
  q.set('by', 'day');
  let stats;
  try {
    stats = await get('stats', q, signal);
  } catch (err) {
    if (!signal.aborted) chartBox.replaceChildren(errorBox(err));
    return;
  }
  const buckets = (stats.buckets ?? []).filter((b) => /^\d{4}-\d\d-\d\d$/.test(b.key)).sort((a, b) => (a.key < b.key ? -1 : 1));
  if (!buckets.length) {
    chartBox.replaceChildren(h('p', { class: 'status' }, t('none')));
    return;
  }
  chartBox.replaceChildren(chart(buckets, params));
  const eq = eventParams(params);
  eq.set('limit', 50);
  eq.set('sort', params.get('sort') || '-date');
  try {
    const page = await get('events', eq, signal);
    tableBox.replaceChildren(eventTable(page.items, { sort: eq.get('sort') }));
  } catch (err) {
    if (!signal.aborted) tableBox.replaceChildren(errorBox(err));
  }
}

// chart draws one bar per bin of whole days: one day, or more when the range is long
// (at most about 180 bars), each stacked by quad class.
function chart(buckets, params) {
  const t0 = Date.parse(buckets[0].key);
  const t1 = Date.parse(buckets[buckets.length - 1].key);
  const days = Math.round((t1 - t0) / DAY) + 1;
  const bin = Math.max(1, Math.ceil(days / 180));
  const nbins = Math.ceil(days / bin);
  const bins = Array.from({ length: nbins }, (_, i) => ({ start: t0 + i * bin * DAY, count: 0, quad: {} }));
  for (const b of buckets) {
    const x = bins[Math.floor((Date.parse(b.key) - t0) / DAY / bin)];
    x.count += b.count;
    for (const [q, n] of Object.entries(b.quad ?? {})) x.quad[q] = (x.quad[q] ?? 0) + n;
  }
  const W = 900, H = 260, padL = 36, padR = 8, padT = 10, padB = 28;
  const max = Math.max(...bins.map((b) => b.count));
  const bw = (W - padL - padR) / nbins;
  const xi = (i) => padL + i * bw;
  const y = (v) => H - padB - (v / max) * (H - padT - padB);
  const label = (b) => (bin === 1 ? iso(b.start) : `${iso(b.start)} – ${iso(Math.min(b.start + (bin - 1) * DAY, t1))}`);
  // Time runs left to right in both languages, like the axis of numbers.
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'timeline', role: 'img', 'aria-label': t('timeline'), dir: 'ltr', 'data-bin-days': bin });
  for (const tick of [...new Set([0, Math.round(max / 2), max])]) {
    svg.append(s('line', { x1: padL, x2: W - padR, y1: y(tick), y2: y(tick), class: 'grid' }),
      s('text', { x: padL - 4, y: y(tick) + 4, 'text-anchor': 'end', class: 'axis' }, String(tick)));
  }
  bins.forEach((b, i) => {
    if (!b.count) return;
    let acc = 0;
    const g = s('g', { class: 'day', 'data-day': iso(b.start) });
    for (const qc of ['1', '2', '3', '4']) {
      const n = b.quad[qc] ?? 0;
      if (!n) continue;
      g.append(s('rect', { x: xi(i) + 0.5, width: Math.max(bw - 1, 1), y: y(acc + n), height: y(acc) - y(acc + n), fill: QUAD_COLOURS[qc] },
        s('title', null, `${label(b)} · ${quadLabel(+qc)}: ${n}`)));
      acc += n;
    }
    if (acc < b.count) {
      g.append(s('rect', { x: xi(i) + 0.5, width: Math.max(bw - 1, 1), y: y(b.count), height: y(acc) - y(b.count), fill: '#999' }));
    }
    svg.append(g);
  });
  const ticks = Math.min(6, nbins);
  for (let k = 0; k < ticks; k++) {
    const i = Math.round((k * (nbins - 1)) / Math.max(ticks - 1, 1));
    svg.append(s('text', { x: xi(i) + bw / 2, y: H - 8, 'text-anchor': 'middle', class: 'axis' }, iso(bins[i].start)));
  }
  // Brush: a drag selects whole bins and sets from/to.
  const from = params.get('from'), to = params.get('to');
  const sel = s('rect', { class: 'brush', y: padT, height: H - padT - padB, x: 0, width: 0, visibility: 'hidden' });
  const binOf = (ms) => Math.max(0, Math.min(nbins - 1, Math.floor((ms - t0) / DAY / bin)));
  const show = (a, b) => { sel.setAttribute('x', xi(a)); sel.setAttribute('width', xi(b) - xi(a) + bw); sel.setAttribute('visibility', 'visible'); };
  if (from && to && Date.parse(to) >= t0 && Date.parse(from) <= t1) show(binOf(Date.parse(from)), binOf(Date.parse(to)));
  svg.append(sel);
  const binAt = (evt) => {
    const pt = svg.createSVGPoint();
    pt.x = evt.clientX; pt.y = evt.clientY;
    const p = pt.matrixTransform(svg.getScreenCTM().inverse());
    return Math.max(0, Math.min(nbins - 1, Math.floor((p.x - padL) / bw)));
  };
  let start = null;
  svg.addEventListener('pointerdown', (e) => {
    start = binAt(e);
    svg.setPointerCapture(e.pointerId);
    show(start, start);
  });
  svg.addEventListener('pointermove', (e) => {
    if (start == null) return;
    const d = binAt(e);
    show(Math.min(start, d), Math.max(start, d));
  });
  svg.addEventListener('pointerup', (e) => {
    if (start == null) return;
    const d = binAt(e);
    const a = Math.min(start, d), b = Math.max(start, d);
    start = null;
    setParams({ from: iso(bins[a].start), to: iso(Math.min(bins[b].start + (bin - 1) * DAY, t1)) });
  });
  const clearBtn = h('button', { type: 'button', class: 'clear-range', hidden: !(from || to), onclick: () => setParams({ from: null, to: null }) }, t('clearRange'));
  return h('div', { class: 'timeline-wrap' }, svg, h('div', { class: 'range' }, from || to ? [ltr(from ?? ''), ' – ', ltr(to ?? '')] : '', ' ', clearBtn));
}
