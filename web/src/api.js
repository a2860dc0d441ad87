// Client of the HTTP API v1 (docs/api.md). Addresses are relative to the page, so the
// dashboard works wherever the server mounts it next to /api/v1.

export class APIError extends Error {
  constructor(status, kind, message) {
    super(message);
    this.status = status;
    this.kind = kind;
  }
}

export function apiURL(path, params) {
  const u = new URL('api/v1/' + path, new URL('.', location.href));
  if (params) {
    for (const [k, v] of (params instanceof URLSearchParams ? params : Object.entries(params))) {
      if (v != null && v !== '') u.searchParams.set(k, v);
    }
  }
  return u;
}

export async function get(path, params, signal) {
  const res = await fetch(apiURL(path, params), { signal, headers: { Accept: 'application/json' } });
  let body = null;
  try { body = await res.json(); } catch { /* not JSON */ }
  if (!res.ok) {
    throw new APIError(res.status, body?.kind ?? 'internal', body?.error ?? res.statusText);
  }
  return body;
}

// The event filters of the API (docs/api.md, "Common event filters") the dashboard sets.
export const EVENT_FILTERS = ['q', 'country', 'source_country', 'target_country', 'actor', 'entity', 'root',
  'code', 'plover', 'mode', 'quad', 'from', 'to', 'outlet', 'bbox', 'story', 'article', 'min_confidence'];

// eventParams keeps the event filters of a route's parameters.
export function eventParams(params) {
  const out = new URLSearchParams();
  for (const k of EVENT_FILTERS) {
    const v = params.get(k);
    if (v) out.set(k, v);
  }
  return out;
}
