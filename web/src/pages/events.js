// Event stream: the filterable, sortable table of event rows.

import { h, ltr } from '../dom.js';
import { t } from '../i18n.js';
import { get, eventParams } from '../api.js';
import { filterBar, eventTable, appendRows, loading, errorBox, legend } from '../components.js';

const PAGE = 50;

export async function render(root, route, signal) {
  const params = route.params;
  const sort = params.get('sort') || '-date';
  const totalEl = h('span', { class: 'total' });
  const tableBox = h('div', { class: 'table-box' }, loading());
  root.append(
    h('div', { class: 'page-head' }, h('h1', null, t('events')), totalEl),
    filterBar(params, 'events'),
    legend(),
    tableBox,
  );
  const q = eventParams(params);
  q.set('sort', sort);
  q.set('limit', PAGE);
  let page;
  performance.mark('marsad:fetch');
  try {
    page = await get('events', q, signal);
  } catch (err) {
    if (signal.aborted) return;
    tableBox.replaceChildren(errorBox(err));
    return;
  }
  totalEl.replaceChildren(t('total') + ': ', ltr(String(page.total ?? page.items.length)));
  if (!page.items.length) {
    tableBox.replaceChildren(h('p', { class: 'status' }, t('none')));
    return;
  }
  const table = eventTable(page.items, { sort });
  tableBox.replaceChildren(table);
  // The first meaningful paint of this page: the table has rows (read by the browser test).
  if (!performance.getEntriesByName('marsad:rows').length) performance.mark('marsad:rows');
  const tbody = table.querySelector('tbody');
  let next = page.next;
  const more = h('button', { type: 'button', class: 'more', hidden: !next }, t('more'));
  more.addEventListener('click', async () => {
    more.disabled = true;
    const qq = new URLSearchParams(q);
    qq.set('cursor', next);
    try {
      const p = await get('events', qq, signal);
      appendRows(tbody, p.items);
      next = p.next;
    } catch (err) {
      tableBox.append(errorBox(err));
    }
    more.disabled = false;
    more.hidden = !next;
  });
  tableBox.append(more);
}
