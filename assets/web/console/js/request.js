// One request in the console: details, the reporter (audited), history
// with internal notes, photos, a map with its duplicates and the
// requests nearby (each of which can be merged with this one), and the
// actions.
import { call, el, required, when, map, t } from './api.js';

const $ = (id) => document.getElementById(id);
const id = window.location.pathname.split('/').filter(Boolean).pop();

function facts(dl, pairs) {
  dl.replaceChildren();
  for (const [k, v] of pairs) {
    if (v === null || v === undefined || v === '') continue;
    dl.append(el('dt', { text: k }), el('dd', { class: 'pre', text: String(v) }));
  }
}

function show(r) {
  document.title = t('c.req-doctitle', { id: r.id });
  $('title').textContent = t('c.req-title', { id: r.id, service: r.service_name });
  facts($('facts'), [
    [t('c.status'), `${r.status} (${r.detailed_status})`], [t('c.f-status-notes'), r.status_notes],
    [t('c.f-description'), r.description], [t('c.agency'), r.agency], [t('c.address'), r.address],
    [t('c.jurisdiction'), r.jurisdiction_id], [t('c.f-requested'), when(r.requested)],
    [t('c.f-due'), when(r.due)], [t('c.f-expected'), when(r.expected)],
    [t('c.f-duplicate-of'), r.parent_id ? `#${r.parent_id}` : ''],
    [t('c.f-duplicates'), r.duplicates.map((d) => `#${d.id}`).join(', ')],
    [t('c.f-escalated'), r.escalated ? t('c.yes') : ''], [t('c.channel'), r.channel],
  ]);
  const c = r.contact || {};
  facts($('contact'), [[t('c.f-email'), c.email], [t('c.f-phone'), c.phone],
    [t('c.name'), [c.first_name, c.last_name].filter(Boolean).join(' ')],
    [t('c.f-notify'), c.email ? t(c.notify && !c.unsubscribed ? 'c.yes' : 'c.no') : '']]);
  $('history').replaceChildren(...r.history.map((u) => el('li', { class: u.public ? null : 'internal' },
    el('strong', { text: `${when(u.at)} · ${u.kind} · ${u.detailed_status || ''}` }),
    el('span', { text: t('c.by', { who: u.by }) + (u.public ? '' : t('c.internal')) }),
    u.description ? el('div', { class: 'pre', text: u.description }) : null)));
  photos(r);
  const pts = [{ lat: r.lat, long: r.long, label: `#${r.id} (${t('c.this-request')})`, color: COLOR.this }];
  for (const n of r.nearby) {
    const dup = n.parent_id === r.id;
    pts.push({ lat: n.lat, long: n.long, label: `#${n.id} ${n.service_name}${dup ? ' (duplicate)' : ''}`,
      color: dup ? COLOR.dup : COLOR.near, onclick: () => $(`near-${n.id}`).focus() });
  }
  nearby(r);
  $('body').hidden = false;
  map($('map'), pts);
}

const COLOR = { this: '#b30000', dup: '#b35900', near: '#0b5394' };

// The request's own photos inline; photos elsewhere as links.
function photos(r) {
  const own = (r.media_ids || []).map((m, i) => el('img', { src: `/media/${encodeURIComponent(m)}`, alt: t('c.photo', { n: i + 1, id: r.id }) }));
  const other = (r.media_urls || []).map((u, i) => el('p', {}, el('a', { href: u, rel: 'noopener noreferrer', text: t('c.photo-elsewhere', { n: own.length + i + 1 }) })));
  $('photos').replaceChildren(...own, ...other);
  $('photos-panel').hidden = own.length + other.length === 0;
}

// The requests nearby, each with the two ways to merge it with this one.
function nearby(r) {
  const group = r.parent_id || r.id;
  const items = r.nearby.map((n) => {
    const same = n.id === group || n.parent_id === group;
    const li = el('li', { id: `near-${n.id}`, tabindex: '-1' },
      el('a', { href: `/console/requests/${encodeURIComponent(n.id)}`, text: `#${n.id}` }),
      ` ${n.service_name} · ${n.status} · ${n.distance_m} m · ${when(n.requested)}`,
      n.parent_id ? ` · ${t('c.dup-of', { id: n.parent_id })}` : '',
      n.duplicate_count ? ` · ${t('c.n-duplicates', { n: n.duplicate_count })}` : '');
    if (same) {
      li.append(` · ${t('c.in-group')}`);
    } else {
      li.append(' ',
        el('button', { type: 'button', class: 'merge-into', text: t('c.merge-into', { id: n.id }) }),
        ' ',
        el('button', { type: 'button', class: 'merge-onto', text: t('c.merge-onto', { id: n.id }) }));
      li.querySelector('.merge-into').addEventListener('click', () => merge(n.id, r.id));
      li.querySelector('.merge-onto').addEventListener('click', () => merge(r.id, n.id));
    }
    return li;
  });
  if (!items.length) items.push(el('li', { text: t('c.none-found') }));
  $('nearby').replaceChildren(...items);
}

function merge(child, parent) {
  act('link', { parent_service_request_id: parent }, child);
}

// The partner jurisdictions a request can move to, and the services of
// the one chosen (the request's own code first when offered there).
async function partners(r) {
  const js = await fetch('/jurisdictions.json').then((x) => x.json());
  for (const j of js) if (j.jurisdiction_id !== r.jurisdiction_id) $('a-jur').append(el('option', { value: j.jurisdiction_id, text: j.name }));
  $('a-jur').addEventListener('change', async () => {
    $('a-svc').replaceChildren();
    if (!$('a-jur').value) return;
    const q = new URLSearchParams({ jurisdiction_id: $('a-jur').value });
    const svcs = await fetch(`/services.json?${q}`).then((x) => x.json());
    svcs.sort((a, b) => (b.service_code === r.service_code) - (a.service_code === r.service_code));
    for (const s of svcs) $('a-svc').append(el('option', { value: s.service_code, text: `${s.service_name} (${s.service_code})` }));
  });
}

async function move(ev) {
  ev.preventDefault();
  $('act-status').textContent = t('c.saving');
  try {
    await call(`requests/${id}/transfer`, { jurisdiction_id: $('a-jur').value, service_code: $('a-svc').value, status_notes: $('a-move-note').value });
    $('body').hidden = true;
    $('status').replaceChildren(t('c.moved', { id, jur: $('a-jur').selectedOptions[0].text }),
      el('a', { href: '/console/', text: t('c.back') }));
  } catch (e) {
    $('act-status').textContent = e.message;
  }
}

async function load() {
  try {
    const r = await call(`requests/${id}`);
    show(r);
    partners(r).catch(() => null);
    $('status').textContent = '';
  } catch (e) {
    $('status').textContent = e.message;
  }
}

// An action on this request, or on another (target) for a merge.
async function act(path, body, target = id) {
  $('act-status').textContent = t('c.saving');
  try {
    await call(`requests/${target}/${path}`, body);
    $('act-status').textContent = t('c.saved');
    window.location.reload();
  } catch (e) {
    $('act-status').textContent = e.message;
  }
}

function wire() {
  $('f-status').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const b = { public: $('a-public').checked ? 'true' : 'false' };
    if ($('a-status').value) b.status = $('a-status').value;
    if ($('a-note').value) b.description = $('a-note').value;
    act('update', b);
  });
  $('f-transfer').addEventListener('submit', (ev) => {
    ev.preventDefault();
    act('update', { agency_responsible: $('a-agency').value });
  });
  $('f-move').addEventListener('submit', move);
  $('f-expected').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const d = new Date($('a-expected').value);
    if (!Number.isNaN(d.getTime())) act('update', { expected_datetime: d.toISOString().replace(/\.\d+Z$/, 'Z') });
  });
  $('f-link').addEventListener('submit', (ev) => {
    ev.preventDefault();
    act('link', { parent_service_request_id: $('a-parent').value });
  });
  $('unlink').addEventListener('click', () => act('unlink', {}));
}

(async () => {
  if (!(await required())) return;
  wire();
  load();
})();
