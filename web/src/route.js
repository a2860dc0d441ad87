// Hash routes: #/page/arg?filters. The filters live in the address so a view can be shared.

export function parseRoute(hash = location.hash) {
  const raw = hash.replace(/^#\/?/, '');
  const qi = raw.indexOf('?');
  const path = qi < 0 ? raw : raw.slice(0, qi);
  const params = new URLSearchParams(qi < 0 ? '' : raw.slice(qi + 1));
  const parts = path.split('/').map((p) => { try { return decodeURIComponent(p); } catch { return p; } });
  return { page: parts[0] || 'events', args: parts.slice(1).filter(Boolean), params };
}

export function href(page, args = [], params) {
  let p = '#/' + [page, ...args.map(encodeURIComponent)].join('/');
  const q = params ? new URLSearchParams(params).toString() : '';
  if (q) p += '?' + q;
  return p;
}

// setParams changes some parameters of the current route (null removes one) and navigates.
export function setParams(changes, page) {
  const r = parseRoute();
  const params = new URLSearchParams(r.params);
  for (const [k, v] of Object.entries(changes)) {
    if (v == null || v === '') params.delete(k);
    else params.set(k, v);
  }
  params.delete('cursor');
  location.hash = href(page ?? r.page, page ? [] : r.args, params);
}
