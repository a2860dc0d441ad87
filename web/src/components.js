// Pieces shared by the pages: filter bar, event table, tooltip, quad colours.

import { h, bdi, ltr, clear, fmtNum } from './dom.js';
import { t, getLang, modeLabel, quadLabel } from './i18n.js';
import { href, setParams } from './route.js';

export const QUAD_COLOURS = { 1: '#2e8b57', 2: '#1f6fb4', 3: '#e08a1e', 4: '#c0392b' };

export const arrow = () => (getLang() === 'ar' ? ' ← ' : ' → ');

export function loading() {
  return h('p', { class: 'status', role: 'status' }, t('loading'));
}

export function errorBox(err) {
  return h('p', { class: 'status error', role: 'alert' }, t('error') + ': ', bdi(err?.message ?? String(err)));
}

// ---- Filter bar -------------------------------------------------------------------------

const MODES = ['asserted', 'intended', 'threatened', 'demanded', 'denied', 'conditional', 'reported', 'question', 'hoped'];

function field(label, input) {
  return h('label', { class: 'field' }, h('span', null, label), input);
}

function select(name, value, options) {
  const sel = h('select', { name }, h('option', { value: '' }, t('any')));
  for (const [v, label] of options) {
    const o = h('option', { value: v }, label);
    if (v === value) o.selected = true;
    sel.append(o);
  }
  return sel;
}

const FILTER_FIELDS = ['q', 'quad', 'from', 'to', 'country', 'actor', 'root', 'mode', 'outlet', 'min_confidence'];

// filterBar renders the event filters of the route; submitting puts them in the address.
export function filterBar(params, page) {
  const v = (k) => params.get(k) ?? '';
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': t('filters') },
    field(t('text'), h('input', { name: 'q', type: 'search', value: v('q'), dir: 'auto' })),
    field(t('quad'), select('quad', v('quad'), [1, 2, 3, 4].map((q) => [String(q), quadLabel(q)]))),
    field(t('from'), h('input', { name: 'from', type: 'date', value: v('from') })),
    field(t('to'), h('input', { name: 'to', type: 'date', value: v('to') })),
    field(t('country'), h('input', { name: 'country', value: v('country'), dir: 'ltr', placeholder: 'IRQ', size: 5 })),
    field(t('actor'), h('input', { name: 'actor', value: v('actor'), dir: 'auto' })),
    field(t('root'), h('input', { name: 'root', value: v('root'), dir: 'ltr', placeholder: '19,20', size: 6 })),
    field(t('mode'), select('mode', v('mode'), MODES.map((m) => [m, modeLabel(m)]))),
    field(t('outlet'), h('input', { name: 'outlet', value: v('outlet'), dir: 'auto' })),
    field(t('minConfidence'), h('input', { name: 'min_confidence', type: 'number', min: 0, max: 1, step: 0.1, value: v('min_confidence'), dir: 'ltr' })),
    h('div', { class: 'buttons' },
      h('button', { type: 'submit', class: 'primary' }, t('apply')),
      h('button', { type: 'button', onclick: () => setParams(Object.fromEntries(FILTER_FIELDS.concat(['bbox', 'entity', 'code', 'plover']).map((k) => [k, null])), page) }, t('reset'))),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const fd = new FormData(form);
    const changes = {};
    for (const k of FILTER_FIELDS) changes[k] = (fd.get(k) ?? '').toString().trim();
    setParams(changes, page);
  });
  const chips = activeChips(params, page);
  const details = h('details', { class: 'filter-box' }, h('summary', null, t('filters'), chips.count ? ` (${chips.count})` : ''), form);
  if (window.matchMedia('(min-width: 760px)').matches) details.open = true;
  return h('div', { class: 'filter-wrap' }, details, chips.el);
}

function activeChips(params, page) {
  const el = h('div', { class: 'chips' });
  let count = 0;
  const labels = { q: t('text'), quad: t('quad'), from: t('from'), to: t('to'), country: t('country'), actor: t('actor'),
    root: t('root'), mode: t('mode'), outlet: t('outlet'), min_confidence: t('minConfidence'), bbox: t('map'),
    entity: t('actor'), code: t('code'), plover: t('plover'), article: t('article'), story: t('story') };
  for (const [k, label] of Object.entries(labels)) {
    const v = params.get(k);
    if (!v) continue;
    count++;
    const shown = k === 'quad' ? quadLabel(v) : k === 'mode' ? modeLabel(v) : v;
    el.append(h('button', { type: 'button', class: 'chip', 'data-filter': k, title: t('reset'), onclick: () => setParams({ [k]: null }, page) },
      label + ': ', bdi(shown), ' ×'));
  }
  return { el, count };
}

// ---- Event table ------------------------------------------------------------------------

function actorCell(a, key, params) {
  const name = a?.name || a?.country || '?';
  const inner = [bdi(name)];
  if (a?.country && a?.name) inner.push(' ', h('small', { class: 'cc' }, ltr(a.country)));
  if (key) return h('a', { href: href('entity', [key]), class: 'actor' }, inner);
  return h('span', { class: 'actor' }, inner);
}

function evidenceTitle(r) {
  const parts = [];
  if (r.evidence?.trigger?.text) parts.push(`${t('trigger')}: ${r.evidence.trigger.text}`);
  if (r.evidence?.pattern) parts.push(`${t('rule')}: ${r.evidence.pattern}`);
  if (r.article_title) parts.push(r.article_title);
  return parts.join('\n');
}

const COLUMNS = [
  { key: 'date', sort: 'date', label: () => t('date') },
  { key: 'actors', label: () => t('actors') },
  { key: 'cameo', sort: 'goldstein', label: () => t('cameo') },
  { key: 'plover', label: () => t('plover') },
  { key: 'mode', label: () => t('mode') },
  { key: 'place', label: () => t('place') },
  { key: 'fatalities', label: () => t('fatalities') },
  { key: 'confidence', sort: 'confidence', label: () => t('confidence') },
  { key: 'outlets', sort: 'num_articles', label: () => t('outlets') },
];

function cell(col, r) {
  switch (col) {
    case 'date':
      return h('a', { href: href('article', [r.article], { ev: r.evidence?.trigger?.start ?? '' }), title: evidenceTitle(r) }, ltr(r.date || r.published || '–'));
    case 'actors':
      return [actorCell(r.source, r.source_key), h('span', { class: 'arrow' }, arrow()), actorCell(r.target, r.target_key)];
    case 'cameo':
      return [h('span', { class: 'quad-dot', style: { background: QUAD_COLOURS[r.quad_class] ?? '#888' }, title: quadLabel(r.quad_class) }),
        h('a', { href: href('article', [r.article], { ev: r.evidence?.trigger?.start ?? '' }), class: 'code', title: evidenceTitle(r) }, ltr(r.code)),
        ' ', h('small', { dir: 'ltr', class: 'label' }, r.label ?? '')];
    case 'plover':
      return ltr(r.plover?.event ?? '');
    case 'mode':
      return modeLabel(r.mode);
    case 'place':
      return r.location ? [bdi(r.location.name ?? ''), r.location.country ? [' ', h('small', { class: 'cc' }, ltr(r.location.country))] : null] : '–';
    case 'fatalities':
      return ltr(r.fatalities == null ? '–' : String(r.fatalities));
    case 'confidence':
      return ltr(r.confidence == null ? '–' : fmtNum(r.confidence * 100) + '%');
    case 'outlets':
      return h('span', { title: `${r.num_articles ?? 0} ${t('articlesCount')}` }, ltr(String(r.num_sources ?? 0)));
  }
  return '';
}

// eventTable renders event rows; sort is the route's sort value, sortable headers change it.
export function eventTable(rows, { sort = '-date', sortable = true } = {}) {
  const desc = sort.startsWith('-');
  const sortKey = sort.replace(/^-/, '');
  const head = h('tr', null, COLUMNS.map((c) => {
    if (!c.sort || !sortable) return h('th', { scope: 'col' }, c.label());
    const active = c.sort === sortKey;
    const next = active && desc ? c.sort : '-' + c.sort;
    return h('th', { scope: 'col', 'aria-sort': active ? (desc ? 'descending' : 'ascending') : 'none' },
      h('button', { type: 'button', class: 'sort', 'data-sort': c.sort, onclick: () => setParams({ sort: next }) },
        c.label(), active ? (desc ? ' ▼' : ' ▲') : ''));
  }));
  const body = h('tbody');
  appendRows(body, rows);
  return h('div', { class: 'table-wrap' }, h('table', { class: 'events' }, h('thead', null, head), body));
}

export function appendRows(tbody, rows) {
  const frag = document.createDocumentFragment();
  for (const r of rows) {
    frag.append(h('tr', { 'data-event': r.id, 'data-quad': r.quad_class ?? '' },
      COLUMNS.map((c) => h('td', { class: 'c-' + c.key, 'data-label': c.label() }, cell(c.key, r)))));
  }
  tbody.append(frag);
}

// ---- Tooltip ----------------------------------------------------------------------------

let tip;
export function showTip(target, content) {
  if (!tip) {
    tip = h('div', { class: 'tooltip', role: 'tooltip', id: 'tooltip' });
    document.body.append(tip);
  }
  clear(tip).append(...[content].flat());
  tip.hidden = false;
  const r = target.getBoundingClientRect();
  const w = Math.min(360, window.innerWidth - 16);
  tip.style.maxWidth = w + 'px';
  let left = r.left + r.width / 2 - w / 2;
  left = Math.max(8, Math.min(left, window.innerWidth - w - 8));
  tip.style.left = left + window.scrollX + 'px';
  tip.style.top = r.bottom + window.scrollY + 6 + 'px';
}

export function hideTip() {
  if (tip) tip.hidden = true;
}

export function legend() {
  return h('ul', { class: 'legend', 'aria-label': t('legend') }, [1, 2, 3, 4].map((q) =>
    h('li', null, h('span', { class: 'quad-dot', style: { background: QUAD_COLOURS[q] } }), quadLabel(q))));
}
