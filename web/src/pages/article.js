// Article reader: headline, date, photo caption and credit, a font-size control, the body
// with entities, quotes and event evidence highlighted (hover or focus shows the coding),
// and the tags («دلالات») built from the article's entities and event types.

import { h, ltr, bdi, codePoints, fmtNum } from '../dom.js';
import { t, modeLabel, quadLabel } from '../i18n.js';
import { get } from '../api.js';
import { href } from '../route.js';
import { loading, errorBox, showTip, hideTip, arrow, QUAD_COLOURS } from '../components.js';

const FONT_KEY = 'marsad.font';
const FONT_MIN = 14, FONT_MAX = 30, FONT_STEP = 2;

function fontSize() {
  let v = 19;
  try { v = Number(localStorage.getItem(FONT_KEY)) || 19; } catch { /* storage blocked */ }
  return Math.max(FONT_MIN, Math.min(FONT_MAX, v));
}

export async function render(root, route, signal) {
  const id = route.args[0];
  const box = h('div', null, loading());
  root.append(box);
  let rec;
  try {
    rec = await get('articles/' + encodeURIComponent(id ?? ''), null, signal);
  } catch (err) {
    if (!signal.aborted) box.replaceChildren(errorBox(err));
    return;
  }
  box.replaceChildren(reader(rec, route.params));
  const at = route.params.get('ev');
  if (at) {
    const mark = box.querySelector(`mark.ev[data-start="${CSS.escape(at)}"]`);
    if (mark) {
      mark.scrollIntoView({ block: 'center' });
      mark.classList.add('flash');
      mark.focus({ preventScroll: true });
    }
  }
}

export function entityKey(e) {
  if (e.kb_id) return e.kb_id.startsWith('kb:') ? e.kb_id : 'kb:' + e.kb_id;
  return null;
}

function reader(rec, params) {
  const a = rec.article ?? {};
  const text = rec.text ?? '';
  const cps = codePoints(text);
  const slice = (sp) => cps.slice(sp.start, sp.end).join('');
  const regions = a.regions ?? [];
  const title = a.title || (regions.find((r) => r.kind === 'title') ? slice(regions.find((r) => r.kind === 'title')) : '');
  const contentDir = a.language === 'en' ? 'ltr' : 'rtl';

  // Font size: «+ الخط -».
  const body = h('div', { class: 'article-body', lang: a.language || 'ar', dir: contentDir });
  let size = fontSize();
  const apply = () => {
    body.style.fontSize = size + 'px';
    body.dataset.fontSize = size;
    try { localStorage.setItem(FONT_KEY, String(size)); } catch { /* storage blocked */ }
  };
  apply();
  const step = (d) => () => { size = Math.max(FONT_MIN, Math.min(FONT_MAX, size + d)); apply(); };
  const fontCtl = h('div', { class: 'font-ctl', role: 'group', 'aria-label': t('font') },
    h('button', { type: 'button', class: 'font-up', 'aria-label': t('font') + ' +', onclick: step(FONT_STEP) }, '+'),
    h('span', null, t('font')),
    h('button', { type: 'button', class: 'font-down', 'aria-label': t('font') + ' −', onclick: step(-FONT_STEP) }, '-'));

  // Byline and meta.
  const metaParts = [
    a.published && h('time', { datetime: a.published }, ltr(a.published)),
    a.source && bdi(a.source),
    a.author && bdi(a.author),
    a.url && h('a', { href: a.url, rel: 'noopener noreferrer', target: '_blank' }, t('openOriginal')),
  ].filter(Boolean);
  const meta = h('p', { class: 'meta' }, metaParts.flatMap((p, i) => (i ? [' · ', p] : [p])));

  // Caption and credit.
  let figure = '';
  if (a.caption?.text) {
    let cap = a.caption.text;
    if (a.credit?.text) cap = cap.replace(`(${a.credit.text})`, '').trim();
    figure = h('figure', { class: 'caption', dir: contentDir },
      h('figcaption', null, h('span', { class: 'caption-text' }, cap),
        a.credit?.text ? h('span', { class: 'credit' }, ' ', t('credit'), ': ', bdi(a.credit.text)) : ''));
  }

  // Body paragraphs with highlights.
  const anns = annotations(a);
  let paras = regions.filter((r) => r.kind === 'body' || r.kind === 'byline');
  if (!paras.length) paras = lines(cps);
  for (const r of paras) body.append(paragraph(cps, r, anns, a));
  wireHover(body, a);

  // Tags: the record's tags, then the event types it codes.
  const tags = h('ul', { class: 'tags', 'aria-label': t('tags') });
  const seen = new Set();
  for (const tag of a.tags ?? []) {
    if (seen.has(tag)) continue;
    seen.add(tag);
    tags.append(h('li', null, h('a', { href: href('search', [], { q: tag }), class: 'tag' }, bdi(tag))));
  }
  for (const e of a.events ?? []) {
    if (!e.label || seen.has(e.label)) continue;
    seen.add(e.label);
    tags.append(h('li', null, h('a', { href: href('events', [], { code: e.code }), class: 'tag tag-event', dir: 'ltr' }, e.label)));
  }

  const side = h('aside', { class: 'article-side' },
    section(t('events'), eventsList(a)),
    section(t('entities'), entitiesList(a)),
    a.quotes?.length ? section(t('quotes'), quotesList(a)) : '');

  return h('article', { class: 'reader' },
    h('header', null, h('h1', { dir: contentDir, lang: a.language || 'ar' }, title), meta, fontCtl),
    figure,
    h('div', { class: 'reader-grid' },
      h('div', null, body, h('section', { class: 'tags-box' }, h('h2', null, t('tags')), tags)),
      side));
}

function section(title, content) {
  return h('section', null, h('h2', null, title), content);
}

function lines(cps) {
  const out = [];
  let start = 0;
  for (let i = 0; i <= cps.length; i++) {
    if (i === cps.length || cps[i] === '\n') {
      if (i > start) out.push({ start, end: i, kind: 'body' });
      start = i + 1;
    }
  }
  return out;
}

// annotations lists every span to mark: entity mentions, quotes, event triggers, event
// arguments (actors, place, date) and evidence sentences.
function annotations(a) {
  const anns = [];
  for (const e of a.entities ?? []) {
    for (const m of e.mentions ?? []) anns.push({ start: m.start, end: m.end, kind: 'ent', id: e.id, type: e.type, rule: m.rule });
  }
  for (const q of a.quotes ?? []) anns.push({ start: q.start, end: q.end, kind: 'quote', id: q.id ?? '' });
  for (const e of a.events ?? []) {
    const tr = e.evidence?.trigger;
    if (tr && tr.end > tr.start) anns.push({ start: tr.start, end: tr.end, kind: 'ev', id: e.id });
    for (const sp of [e.source?.span, e.target?.span, e.location?.span, e.date_text]) {
      if (sp && sp.end > sp.start) anns.push({ start: sp.start, end: sp.end, kind: 'arg', id: e.id });
    }
    const sent = e.evidence?.sentence;
    if (sent && sent.end > sent.start) anns.push({ start: sent.start, end: sent.end, kind: 'sent', id: e.id });
  }
  return anns;
}

function paragraph(cps, region, anns, a) {
  const p = h('p', { dir: 'auto' });
  const inside = anns.filter((x) => x.end > region.start && x.start < region.end);
  const cuts = new Set([region.start, region.end]);
  for (const x of inside) {
    cuts.add(Math.max(x.start, region.start));
    cuts.add(Math.min(x.end, region.end));
  }
  const pts = [...cuts].sort((x, y) => x - y);
  for (let i = 0; i + 1 < pts.length; i++) {
    const s0 = pts[i], s1 = pts[i + 1];
    const str = cps.slice(s0, s1).join('');
    const cover = inside.filter((x) => x.start <= s0 && x.end >= s1);
    if (!cover.length) { p.append(str); continue; }
    const evs = cover.filter((x) => x.kind === 'ev').map((x) => x.id);
    const ents = cover.filter((x) => x.kind === 'ent');
    const classes = [];
    if (cover.some((x) => x.kind === 'quote')) classes.push('hl-quote');
    if (ents.length) classes.push('hl-ent', 'hl-' + ents[0].type);
    const attrs = {
      class: classes.join(' ') || null,
      'data-ent': ents.length ? ents[0].id : null,
      'data-arg': cover.filter((x) => x.kind === 'arg').map((x) => x.id).join(' ') || null,
      'data-sent': cover.filter((x) => x.kind === 'sent').map((x) => x.id).join(' ') || null,
    };
    if (evs.length) {
      const ev = (a.events ?? []).find((e) => e.id === evs[0]);
      attrs.class = ['ev', ...classes].join(' ');
      attrs['data-ev'] = [...new Set(evs)].join(' ');
      attrs['data-code'] = ev?.code;
      attrs['data-start'] = ev?.evidence?.trigger?.start;
      attrs.tabindex = 0;
      attrs.style = { '--quad': QUAD_COLOURS[ev?.quad_class] ?? '#888' };
      p.append(h('mark', attrs, str));
    } else {
      if (ents.length) attrs.tabindex = 0;
      p.append(h('span', attrs, str));
    }
  }
  return p;
}

function eventTip(e, a) {
  const ent = (id) => (a.entities ?? []).find((x) => x.id === id);
  const actor = (x) => (x?.name || (x?.entity && ent(x.entity)?.name) || x?.country || '?');
  const rules = [e.evidence?.pattern, ...(e.evidence?.rules ?? [])].filter(Boolean);
  return h('div', { class: 'tip-event' },
    h('div', { class: 'tip-head' }, h('span', { class: 'quad-dot', style: { background: QUAD_COLOURS[e.quad_class] ?? '#888' } }),
      ltr(e.code), ' ', h('span', { dir: 'ltr' }, e.label ?? ''), ' · ', quadLabel(e.quad_class)),
    h('dl', null,
      h('dt', null, t('actors')), h('dd', null, bdi(actor(e.source)), arrow(), bdi(actor(e.target))),
      h('dt', null, t('plover')), h('dd', null, ltr([e.plover?.event, e.plover?.mode].filter(Boolean).join(' / ') || '–')),
      h('dt', null, t('date')), h('dd', null, ltr(e.date || '–'), e.date_text?.text ? [' «', bdi(e.date_text.text), '»'] : ''),
      h('dt', null, t('place')), h('dd', null, e.location ? [bdi(e.location.name ?? ''), ' ', ltr(e.location.country ?? '')] : '–'),
      h('dt', null, t('mode')), h('dd', null, modeLabel(e.mode), e.mode_cue?.text ? [' «', bdi(e.mode_cue.text), '»'] : ''),
      e.fatalities != null ? [h('dt', null, t('fatalities')), h('dd', null, ltr(String(e.fatalities)))] : '',
      h('dt', null, t('goldstein')), h('dd', null, ltr(fmtNum(e.goldstein, 1))),
      e.confidence != null ? [h('dt', null, t('confidence')), h('dd', null, ltr(fmtNum(e.confidence * 100) + '%'))] : '',
      h('dt', null, t('rule')), h('dd', { class: 'rule' }, ltr(rules.join(', ') || '–'))));
}

function entityTip(e, rule) {
  return h('div', { class: 'tip-entity' },
    h('div', { class: 'tip-head' }, bdi(e.name), ' · ', t({ PERSON: 'person', ORG: 'org', LOC: 'loc' }[e.type] ?? 'unknown')),
    h('dl', null,
      e.country ? [h('dt', null, t('country')), h('dd', null, ltr(e.country))] : '',
      e.code ? [h('dt', null, t('code')), h('dd', null, ltr(e.code))] : '',
      e.role ? [h('dt', null, t('roles')), h('dd', null, bdi(e.role))] : '',
      e.kb_id ? [h('dt', null, 'KB'), h('dd', null, ltr(e.kb_id))] : '',
      rule ? [h('dt', null, t('rule')), h('dd', { class: 'rule' }, ltr(rule))] : ''));
}

function wireHover(body, a) {
  let active = [];
  const clearActive = () => { for (const el of active) el.classList.remove('arg-on', 'sent-on', 'ev-on'); active = []; };
  const on = (target) => {
    const evMark = target.closest('mark.ev');
    clearActive();
    if (evMark) {
      const ids = evMark.dataset.ev.split(' ');
      const evs = ids.map((id) => (a.events ?? []).find((e) => e.id === id)).filter(Boolean);
      for (const id of ids) {
        for (const el of body.querySelectorAll('[data-arg]')) if (el.dataset.arg.split(' ').includes(id)) { el.classList.add('arg-on'); active.push(el); }
        for (const el of body.querySelectorAll('[data-sent]')) if (el.dataset.sent.split(' ').includes(id)) { el.classList.add('sent-on'); active.push(el); }
        for (const el of body.querySelectorAll('mark.ev')) if (el.dataset.ev.split(' ').includes(id)) { el.classList.add('ev-on'); active.push(el); }
      }
      showTip(evMark, evs.map((e) => eventTip(e, a)));
      return;
    }
    const entSpan = target.closest('[data-ent]');
    if (entSpan) {
      const e = (a.entities ?? []).find((x) => x.id === entSpan.dataset.ent);
      if (e) {
        const m = (e.mentions ?? []).find(() => true);
        showTip(entSpan, entityTip(e, m?.rule));
      }
    }
  };
  body.addEventListener('mouseover', (ev) => { if (ev.target instanceof Element && ev.target.closest('mark.ev,[data-ent]')) on(ev.target); });
  body.addEventListener('mouseout', (ev) => { if (!(ev.relatedTarget instanceof Element) || !body.contains(ev.relatedTarget)) { hideTip(); clearActive(); } });
  body.addEventListener('focusin', (ev) => on(ev.target));
  body.addEventListener('focusout', () => { hideTip(); clearActive(); });
  body.addEventListener('click', (ev) => { if (ev.target instanceof Element) on(ev.target); });
}

function eventsList(a) {
  if (!a.events?.length) return h('p', { class: 'status' }, t('none'));
  const ent = (id) => (a.entities ?? []).find((x) => x.id === id);
  const name = (x) => x?.name || (x?.entity && ent(x.entity)?.name) || x?.country || '?';
  return h('ol', { class: 'ev-list' }, a.events.map((e) => h('li', { 'data-event': e.id },
    h('a', { href: href('article', [a.id], { ev: e.evidence?.trigger?.start ?? '' }) },
      h('span', { class: 'quad-dot', style: { background: QUAD_COLOURS[e.quad_class] ?? '#888' } }), ltr(e.code)),
    ' ', bdi(name(e.source)), arrow(), bdi(name(e.target)),
    h('div', null, h('small', { dir: 'ltr' }, e.label ?? ''), e.evidence?.trigger?.text ? [' «', bdi(e.evidence.trigger.text), '»'] : ''))));
}

function entitiesList(a) {
  const ents = (a.entities ?? []).filter((e) => !e.generic);
  if (!ents.length) return h('p', { class: 'status' }, t('none'));
  return h('ul', { class: 'ent-list' }, ents.map((e) => {
    const key = entityKey(e);
    const label = [bdi(e.name), ' ', h('small', null, e.type, e.country ? ' ' + e.country : '')];
    return h('li', { class: 'ent-' + e.type }, key ? h('a', { href: href('entity', [key]) }, label) : h('a', { href: href('search', [], { q: e.name }) }, label));
  }));
}

function quotesList(a) {
  return h('ul', { class: 'quote-list' }, a.quotes.map((q) => h('li', null,
    h('blockquote', { dir: 'auto' }, '«', q.text, '»'), q.speaker_name ? h('cite', null, '— ', bdi(q.speaker_name)) : '')));
}
