// Search: articles, events and names matching the query (the server matches Arabic
// with its spelling variants folded).

import { h, bdi, ltr } from '../dom.js';
import { t } from '../i18n.js';
import { get } from '../api.js';
import { href } from '../route.js';
import { eventTable, loading, errorBox } from '../components.js';
import { articleList } from './articles.js';

export async function render(root, route, signal) {
  const q = route.params.get('q') ?? '';
  const box = h('div', null, loading());
  root.append(h('div', { class: 'page-head' }, h('h1', null, t('search'), ': ', bdi(q))), box);
  if (!q.trim()) { box.replaceChildren(); return; }
  try {
    const [arts, evs, ents] = await Promise.all([
      get('articles', { q, limit: 30 }, signal),
      get('events', { q, limit: 30 }, signal),
      get('entities', { q, limit: 30 }, signal),
    ]);
    box.replaceChildren(
      h('section', null, h('h2', null, t('entities'), ' (', ltr(String(ents.total ?? ents.items.length)), ')'),
        ents.items.length ? h('ul', { class: 'ent-list' }, ents.items.map((e) => h('li', { class: 'ent-' + e.type },
          h('a', { href: href('entity', [e.key]) }, bdi(e.name)), ' ', h('small', null, e.type, e.country ? ' ' + e.country : '', ' · ', String(e.events ?? 0), ' ', t('eventsCount'))))) : h('p', { class: 'status' }, t('none'))),
      h('section', null, h('h2', null, t('articles'), ' (', ltr(String(arts.total ?? arts.items.length)), ')'), articleList(arts.items)),
      h('section', null, h('h2', null, t('events'), ' (', ltr(String(evs.total ?? evs.items.length)), ')'),
        evs.items.length ? eventTable(evs.items, { sortable: false }) : h('p', { class: 'status' }, t('none')),
        h('p', null, h('a', { href: href('events', [], { q }) }, t('events'), ' →'))));
  } catch (err) {
    if (!signal.aborted) box.replaceChildren(errorBox(err));
  }
}
