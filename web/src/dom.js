// DOM helpers. Every piece of data reaches the page as a text node or an attribute value,
// never as markup: there is no innerHTML anywhere in the app.

const SVGNS = 'http://www.w3.org/2000/svg';

function set(el, attrs) {
  if (!attrs) return;
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'class') el.setAttribute('class', v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'style' && typeof v === 'object') Object.assign(el.style, v);
    else if (k === 'href') el.setAttribute('href', safeHref(String(v)));
    else el.setAttribute(k, v === true ? '' : String(v));
  }
}

function append(el, kids) {
  for (const k of kids.flat(Infinity)) {
    if (k == null || k === false) continue;
    el.append(k instanceof Node ? k : document.createTextNode(String(k)));
  }
}

// h builds an HTML element: h('a', {href: '#/x', class: 'c'}, 'text', child…).
export function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  set(el, attrs);
  append(el, kids);
  return el;
}

// s builds an SVG element.
export function s(tag, attrs, ...kids) {
  const el = document.createElementNS(SVGNS, tag);
  set(el, attrs);
  append(el, kids);
  return el;
}

// bdi isolates a run whose direction is not known (names, codes, numbers in Arabic text).
export const bdi = (text, attrs) => h('bdi', attrs, text ?? '');

// ltr isolates a run that is always left to right (dates, codes, numbers with signs).
export const ltr = (text) => h('bdi', { dir: 'ltr' }, text ?? '');

// safeHref lets through in-app links and http(s) addresses only.
export function safeHref(u) {
  if (u.startsWith('#') || u.startsWith('?')) return u;
  try {
    const p = new URL(u, location.href);
    if (p.protocol === 'http:' || p.protocol === 'https:') return p.href;
  } catch { /* not a URL */ }
  return '#';
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

// codePoints splits a string into code points, the unit of every span in the records.
export const codePoints = (str) => Array.from(str ?? '');

export function fmtNum(n, digits = 0) {
  if (n == null || Number.isNaN(n)) return '–';
  return Number(n).toFixed(digits);
}
