// Map: events placed on an offline world map (world-atlas TopoJSON, d3-geo), clustered on
// the screen and coloured by their most frequent quad class; a click on a cluster filters
// the events to its area (bbox).

import { geoNaturalEarth1, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import { h, s, ltr } from '../dom.js';
import { t, quadLabel } from '../i18n.js';
import { get, eventParams } from '../api.js';
import { setParams } from '../route.js';
import { filterBar, eventTable, loading, errorBox, legend, QUAD_COLOURS } from '../components.js';

let world;
async function loadWorld() {
  if (!world) {
    const res = await fetch(new URL('countries-110m.json', import.meta.url));
    const topo = await res.json();
    world = feature(topo, topo.objects.countries);
  }
  return world;
}

export async function render(root, route, signal) {
  const params = route.params;
  const mapBox = h('div', { class: 'map-box' }, loading());
  const tableBox = h('div', { class: 'table-box' });
  root.append(h('div', { class: 'page-head' }, h('h1', null, t('map'))), filterBar(params, 'map'), legend(),
    h('p', { class: 'hint' }, t('mapHint')), mapBox, tableBox);
  const q = eventParams(params);
  q.set('limit', 1000);
  let page, countries;
  try {
    [page, countries] = await Promise.all([get('events', q, signal), loadWorld()]);
  } catch (err) {
    if (!signal.aborted) mapBox.replaceChildren(errorBox(err));
    return;
  }
  const located = page.items.filter((r) => r.location?.lat != null && r.location?.lon != null);
  mapBox.replaceChildren(drawMap(countries, located, params));
  tableBox.replaceChildren(eventTable(page.items.slice(0, 50), { sortable: false }));
}

function drawMap(countries, rows, params) {
  const W = 900, H = 520;
  const proj = geoNaturalEarth1();
  // Fit the view to the events (at least 30° wide), or to the world when there are none.
  let lon0 = -180, lon1 = 180, lat0 = -60, lat1 = 80;
  if (rows.length) {
    lon0 = Math.min(...rows.map((r) => r.location.lon)); lon1 = Math.max(...rows.map((r) => r.location.lon));
    lat0 = Math.min(...rows.map((r) => r.location.lat)); lat1 = Math.max(...rows.map((r) => r.location.lat));
    const padLon = Math.max(15 - (lon1 - lon0) / 2, 3), padLat = Math.max(10 - (lat1 - lat0) / 2, 3);
    lon0 -= padLon; lon1 += padLon; lat0 -= padLat; lat1 += padLat;
  }
  proj.fitExtent([[10, 10], [W - 10, H - 10]], { type: 'MultiPoint', coordinates: [[lon0, lat0], [lon1, lat1], [lon0, lat1], [lon1, lat0]] });
  const path = geoPath(proj);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'map', role: 'img', 'aria-label': t('map'), dir: 'ltr' });
  svg.append(s('rect', { width: W, height: H, class: 'sea' }));
  const land = s('g', { class: 'land' });
  for (const f of countries.features) land.append(s('path', { d: path(f) ?? '' }, s('title', null, f.properties?.name ?? '')));
  svg.append(land);
  // Cluster on a 28-px grid of the projected plane.
  const cell = 28;
  const clusters = new Map();
  for (const r of rows) {
    const p = proj([r.location.lon, r.location.lat]);
    if (!p) continue;
    const key = Math.floor(p[0] / cell) + ':' + Math.floor(p[1] / cell);
    let c = clusters.get(key);
    if (!c) clusters.set(key, (c = { n: 0, x: 0, y: 0, quad: {}, lon0: 180, lon1: -180, lat0: 90, lat1: -90, places: new Map() }));
    c.n++; c.x += p[0]; c.y += p[1];
    c.quad[r.quad_class] = (c.quad[r.quad_class] ?? 0) + 1;
    c.lon0 = Math.min(c.lon0, r.location.lon); c.lon1 = Math.max(c.lon1, r.location.lon);
    c.lat0 = Math.min(c.lat0, r.location.lat); c.lat1 = Math.max(c.lat1, r.location.lat);
    const nm = r.location.name ?? '';
    c.places.set(nm, (c.places.get(nm) ?? 0) + 1);
  }
  const g = s('g', { class: 'clusters' });
  for (const c of [...clusters.values()].sort((a, b) => b.n - a.n)) {
    const quad = Object.entries(c.quad).sort((a, b) => b[1] - a[1])[0][0];
    const rad = 5 + Math.sqrt(c.n) * 3;
    const places = [...c.places.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([p, n]) => `${p} (${n})`).join('، ');
    const quads = Object.entries(c.quad).map(([q, n]) => `${quadLabel(+q)}: ${n}`).join('\n');
    const bbox = [c.lon0 - 0.5, c.lat0 - 0.5, c.lon1 + 0.5, c.lat1 + 0.5].map((v) => v.toFixed(2)).join(',');
    const el = s('g', { class: 'cluster', tabindex: 0, 'data-bbox': bbox, 'data-count': c.n, role: 'button' },
      s('circle', { cx: c.x / c.n, cy: c.y / c.n, r: rad, fill: QUAD_COLOURS[quad] ?? '#888' }),
      s('text', { x: c.x / c.n, y: c.y / c.n + 4, 'text-anchor': 'middle' }, String(c.n)),
      s('title', null, `${places}\n${quads}`));
    const go = () => setParams({ bbox });
    el.addEventListener('click', go);
    el.addEventListener('keydown', (e) => { if (e.key === 'Enter') go(); });
    g.append(el);
  }
  svg.append(g);
  return h('div', { class: 'map-wrap' }, svg, h('p', { class: 'hint' }, ltr(String(rows.length)), ' ', t('eventsCount'),
    params.get('bbox') ? [' · ', h('button', { type: 'button', onclick: () => setParams({ bbox: null }) }, t('reset'))] : ''));
}
