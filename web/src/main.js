// Marsad dashboard: layout, router, language switch and live updates.

import { h, clear } from './dom.js';
import { t, applyLang, getLang } from './i18n.js';
import { parseRoute, href } from './route.js';
import { apiURL, get } from './api.js';
import { hideTip } from './components.js';
import * as events from './pages/events.js';
import * as article from './pages/article.js';
import * as articles from './pages/articles.js';
import * as entity from './pages/entity.js';
import * as search from './pages/search.js';
import * as timeline from './pages/timeline.js';
import * as network from './pages/network.js';

// The map (d3-geo, topojson) loads only when it is opened.
const pages = {
  events: () => events, timeline: () => timeline, network: () => network, articles: () => articles,
  article: () => article, entity: () => entity, search: () => search,
  map: () => import('./pages/map.js'),
};

const NAV = ['events', 'timeline', 'map', 'network', 'articles'];

let main, nav, searchInput, liveEl, controller;

function layout() {
  const form = h('form', { class: 'search', role: 'search' },
    (searchInput = h('input', { type: 'search', name: 'q', dir: 'auto', 'aria-label': t('search'), placeholder: t('searchPlaceholder') })),
    h('button', { type: 'submit', 'aria-label': t('search') }, '⌕'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    location.hash = href('search', [], { q: searchInput.value.trim() });
  });
  nav = h('nav', { 'aria-label': t('app') });
  liveEl = h('span', { class: 'live', title: t('live'), hidden: true }, '●');
  const langBtn = h('button', { type: 'button', class: 'lang', lang: getLang() === 'ar' ? 'en' : 'ar' }, t('lang'));
  langBtn.addEventListener('click', () => {
    applyLang(getLang() === 'ar' ? 'en' : 'ar');
    build();
    route();
  });
  main = h('main', { id: 'main' });
  const app = document.getElementById('app');
  clear(app).append(
    h('header', { class: 'top' }, h('a', { href: '#/events', class: 'brand' }, t('app'), liveEl), nav, form, langBtn),
    main,
    h('div', { class: 'toasts', 'aria-live': 'polite' }));
}

function build() {
  layout();
}

function updateNav(page) {
  const params = parseRoute().params;
  const keep = new URLSearchParams();
  // The event filters follow the analyst from one view to the other.
  for (const [k, v] of params) if (k !== 'cursor' && k !== 'ev') keep.set(k, v);
  clear(nav).append(...NAV.map((p) => h('a', { href: href(p, [], ['events', 'timeline', 'map', 'network'].includes(p) && ['events', 'timeline', 'map', 'network'].includes(page) ? keep : null),
    'aria-current': p === page ? 'page' : null }, t(p))));
}

async function route() {
  controller?.abort();
  controller = new AbortController();
  const signal = controller.signal;
  hideTip();
  const r = parseRoute();
  const load = pages[r.page] ?? pages.events;
  updateNav(r.page);
  if (r.page === 'search') searchInput.value = r.params.get('q') ?? '';
  clear(main);
  try {
    const mod = await load();
    if (signal.aborted) return;
    await mod.render(main, r, signal);
  } catch (err) {
    if (!signal.aborted) main.append(h('p', { class: 'status error' }, String(err?.message ?? err)));
  }
  document.dispatchEvent(new CustomEvent('marsad:rendered', { detail: r.page }));
}

function toast(content) {
  const box = document.querySelector('.toasts');
  if (!box) return;
  const el = h('div', { class: 'toast' }, content);
  box.append(el);
  setTimeout(() => el.remove(), 8000);
}

// Live updates: Server-Sent Events, or polling /health when the stream is unavailable.
function live() {
  const refresh = () => {
    const r = parseRoute();
    if (['events', 'articles', 'timeline'].includes(r.page) && !r.params.get('cursor')) route();
  };
  const onArticle = (data) => {
    toast([t('newArticle') + ': ', h('a', { href: href('article', [data.id]), dir: 'auto' }, data.title || data.id)]);
    refresh();
  };
  let polling = false;
  const poll = () => {
    if (polling) return;
    polling = true;
    let last = null;
    setInterval(async () => {
      try {
        const hl = await get('health');
        if (last != null && hl.articles !== last) { toast(t('newArticle')); refresh(); }
        last = hl.articles;
      } catch { /* server away: try again later */ }
    }, 15000);
  };
  if (!('EventSource' in window)) return poll();
  const es = new EventSource(apiURL('stream'));
  es.addEventListener('open', () => { liveEl.hidden = false; });
  es.addEventListener('article', (e) => {
    try { onArticle(JSON.parse(e.data)); } catch { /* malformed message */ }
  });
  es.addEventListener('error', () => {
    liveEl.hidden = true;
    if (es.readyState === EventSource.CLOSED) poll();
  });
}

applyLang(getLang());
build();
window.addEventListener('hashchange', route);
route();
live();
