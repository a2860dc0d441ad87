// Entity page: a person's or organisation's roles over time, its events as source and as
// target (with a month-by-month chart), and its quotes.

import { h, s, ltr, bdi } from '../dom.js';
import { t } from '../i18n.js';
import { get } from '../api.js';
import { href } from '../route.js';
import { eventTable, loading, errorBox, QUAD_COLOURS } from '../components.js';

export async function render(root, route, signal) {
  const key = route.args[0] ?? '';
  const box = h('div', null, loading());
  root.append(box);
  let e;
  try {
    e = await get('entities/' + encodeURIComponent(key), null, signal);
  } catch (err) {
    if (!signal.aborted) box.replaceChildren(errorBox(err));
    return;
  }
  const src = e.events_as_source ?? [], tgt = e.events_as_target ?? [];
  box.replaceChildren(h('div', { class: 'entity' },
    h('div', { class: 'page-head' }, h('h1', null, bdi(e.name || key)),
      h('span', { class: 'badge' }, t({ PERSON: 'person', ORG: 'org', LOC: 'loc' }[e.type] ?? 'unknown'))),
    h('p', { class: 'meta' },
      e.country ? [t('country'), ': ', ltr(e.country), ' · '] : '',
      e.code ? [t('code'), ': ', ltr(e.code), ' · '] : '',
      e.role ? [bdi(e.role), ' · '] : '',
      ltr(String(e.articles ?? 0)), ' ', t('articlesCount'), ' · ', ltr(String(e.events ?? src.length + tgt.length)), ' ', t('eventsCount'),
      ' · ', h('a', { href: href('events', [], { entity: e.key ?? key }) }, t('events')),
      ' · ', h('a', { href: href('network', [], { entity: e.key ?? key }) }, t('network'))),
    e.roles?.length ? h('section', null, h('h2', null, t('roles')), rolesChart(e.roles)) : '',
    h('section', null, h('h2', null, t('overTime')), activity(src, tgt)),
    h('section', null, h('h2', null, t('asSource'), ' (', ltr(String(src.length)), ')'), src.length ? eventTable(src, { sortable: false }) : h('p', { class: 'status' }, t('none'))),
    h('section', null, h('h2', null, t('asTarget'), ' (', ltr(String(tgt.length)), ')'), tgt.length ? eventTable(tgt, { sortable: false }) : h('p', { class: 'status' }, t('none'))),
    h('section', null, h('h2', null, t('quotes')), quotes(e.quotes ?? [])),
  ));
}

function rolesChart(roles) {
  const year = (d, dflt) => (d ? Number(String(d).slice(0, 4)) + (Number(String(d).slice(5, 7) || 1) - 1) / 12 : dflt);
  const now = new Date().getFullYear() + 1;
  const spans = roles.map((r) => ({ r, a: year(r.from, null), b: year(r.to, now) }));
  const known = spans.filter((x) => x.a != null);
  const lo = Math.floor(Math.min(...known.map((x) => x.a), now - 10)), hi = Math.ceil(Math.max(...spans.map((x) => x.b), lo + 1));
  const list = h('ul', { class: 'roles' }, roles.map((r) => h('li', null, bdi(r.role), r.country ? [' ', ltr(r.country)] : '', ' — ', ltr(r.from || '…'), ' – ', ltr(r.to || '…'))));
  if (!known.length) return list;
  const W = 900, rowH = 22, H = known.length * rowH + 24;
  const x = (v) => 10 + ((v - lo) / (hi - lo)) * (W - 20);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'roles-chart', dir: 'ltr' });
  known.forEach((k, i) => {
    svg.append(s('rect', { x: x(k.a), y: i * rowH + 2, width: Math.max(x(k.b) - x(k.a), 3), height: rowH - 6, class: 'role-bar' }, s('title', null, `${k.r.role} ${k.r.from ?? ''}–${k.r.to ?? ''}`)),
      s('text', { x: x(k.a) + 4, y: i * rowH + 15, class: 'role-label' }, k.r.role));
  });
  for (let yv = lo; yv <= hi; yv += Math.max(1, Math.round((hi - lo) / 8))) svg.append(s('text', { x: x(yv), y: H - 4, class: 'axis', 'text-anchor': 'middle' }, String(yv)));
  return h('div', null, svg, list);
}

function activity(src, tgt) {
  const months = new Map();
  const add = (r, side) => {
    const m = (r.date || r.published || '').slice(0, 7);
    if (!/^\d{4}-\d\d$/.test(m)) return;
    const v = months.get(m) ?? { src: 0, tgt: 0 };
    v[side]++;
    months.set(m, v);
  };
  src.forEach((r) => add(r, 'src'));
  tgt.forEach((r) => add(r, 'tgt'));
  if (!months.size) return h('p', { class: 'status' }, t('none'));
  const keys = [...months.keys()].sort();
  const max = Math.max(...[...months.values()].map((v) => v.src + v.tgt));
  const W = 900, H = 140, bw = Math.min(60, (W - 20) / keys.length);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'activity', dir: 'ltr' });
  keys.forEach((k, i) => {
    const v = months.get(k);
    const hs = ((H - 30) * v.src) / max, ht = ((H - 30) * v.tgt) / max;
    svg.append(s('rect', { x: 10 + i * bw, y: H - 20 - hs, width: bw - 2, height: hs, fill: QUAD_COLOURS[2] }, s('title', null, `${k} ${t('source')}: ${v.src}`)),
      s('rect', { x: 10 + i * bw, y: H - 20 - hs - ht, width: bw - 2, height: ht, fill: QUAD_COLOURS[3] }, s('title', null, `${k} ${t('target')}: ${v.tgt}`)),
      s('text', { x: 10 + i * bw + bw / 2, y: H - 6, class: 'axis', 'text-anchor': 'middle' }, k));
  });
  return h('div', null, svg, h('ul', { class: 'legend' },
    h('li', null, h('span', { class: 'quad-dot', style: { background: QUAD_COLOURS[2] } }), t('source')),
    h('li', null, h('span', { class: 'quad-dot', style: { background: QUAD_COLOURS[3] } }), t('target'))));
}

function quotes(qs) {
  if (!qs.length) return h('p', { class: 'status' }, t('none'));
  return h('ul', { class: 'quote-list' }, qs.map((q) => h('li', null,
    h('blockquote', { dir: 'auto' }, '«', q.text, '»'),
    h('cite', null, q.published ? [ltr(q.published), ' · '] : '', h('a', { href: href('article', [q.article]) }, t('article'))))));
}
