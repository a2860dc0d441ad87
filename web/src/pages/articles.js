// Article list (newest first) with the article filters.

import { h, ltr, bdi } from '../dom.js';
import { t } from '../i18n.js';
import { get } from '../api.js';
import { href } from '../route.js';
import { loading, errorBox } from '../components.js';

export function articleList(items) {
  if (!items.length) return h('p', { class: 'status' }, t('none'));
  return h('ul', { class: 'article-list' }, items.map((a) => h('li', { 'data-article': a.id },
    h('a', { href: href('article', [a.id]), class: 'title', dir: 'auto' }, a.title || a.id),
    h('div', { class: 'meta' }, a.published ? [ltr(a.published), ' · '] : '', a.source ? [bdi(a.source), ' · '] : '',
      ltr(String(a.events ?? 0)), ' ', t('eventsCount')))));
}

export async function render(root, route, signal) {
  const box = h('div', null, loading());
  root.append(h('div', { class: 'page-head' }, h('h1', null, t('articles'))), box);
  const q = new URLSearchParams();
  for (const k of ['from', 'to', 'outlet', 'q', 'entity', 'story']) if (route.params.get(k)) q.set(k, route.params.get(k));
  q.set('limit', 100);
  try {
    const page = await get('articles', q, signal);
    box.replaceChildren(articleList(page.items ?? []));
  } catch (err) {
    if (!signal.aborted) box.replaceChildren(errorBox(err));
  }
}
