// One request in the console: details, the reporter (audited), history
// with internal notes, photos, a map with its duplicates and the
// requests nearby (each of which can be merged with this one), and the
// actions.
import { call, el, required, when, map } from './api.js';

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
  document.title = `Request #${r.id} · Staff console`;
  $('title').textContent = `Request #${r.id}: ${r.service_name}`;
  facts($('facts'), [
    ['Status', `${r.status} (${r.detailed_status})`], ['Status notes', r.status_notes],
    ['Description', r.description], ['Agency', r.agency], ['Address', r.address],
    ['Jurisdiction', r.jurisdiction_id], ['Requested', when(r.requested)],
    ['Due (SLA)', when(r.due)], ['Expected', when(r.expected)],
    ['Duplicate of', r.parent_id ? `#${r.parent_id}` : ''],
    ['Duplicates', r.duplicates.map((d) => `#${d.id}`).join(', ')],
    ['Escalated', r.escalated ? 'yes' : ''], ['Channel', r.channel],
  ]);
  const c = r.contact || {};
  facts($('contact'), [['E-mail', c.email], ['Phone', c.phone],
    ['Name', [c.first_name, c.last_name].filter(Boolean).join(' ')],
    ['E-mails about progress', c.email ? (c.notify && !c.unsubscribed ? 'yes' : 'no') : '']]);
  $('history').replaceChildren(...r.history.map((u) => el('li', { class: u.public ? null : 'internal' },
    el('strong', { text: `${when(u.at)} · ${u.kind} · ${u.detailed_status || ''}` }),
    el('span', { text: ` by ${u.by}${u.public ? '' : ' (internal)'}` }),
    u.description ? el('div', { class: 'pre', text: u.description }) : null)));
  photos(r);
  const pts = [{ lat: r.lat, long: r.long, label: `#${r.id} (this request)`, color: COLOR.this }];
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
  const own = (r.media_ids || []).map((m, i) => el('img', { src: `/media/${encodeURIComponent(m)}`, alt: `Photo ${i + 1} of request #${r.id}` }));
  const other = (r.media_urls || []).map((u, i) => el('p', {}, el('a', { href: u, rel: 'noopener noreferrer', text: `Photo ${own.length + i + 1} (elsewhere)` })));
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
      n.parent_id ? ` · duplicate of #${n.parent_id}` : '',
      n.duplicate_count ? ` · ${n.duplicate_count} duplicates` : '');
    if (same) {
      li.append(' · in this request\'s group');
    } else {
      li.append(' ',
        el('button', { type: 'button', class: 'merge-into', text: `Make #${n.id} a duplicate of this` }),
        ' ',
        el('button', { type: 'button', class: 'merge-onto', text: `Make this a duplicate of #${n.id}` }));
      li.querySelector('.merge-into').addEventListener('click', () => merge(n.id, r.id));
      li.querySelector('.merge-onto').addEventListener('click', () => merge(r.id, n.id));
    }
    return li;
  });
  if (!items.length) items.push(el('li', { text: 'None.' }));
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
  $('act-status').textContent = 'Saving…';
  try {
    await call(`requests/${id}/transfer`, { jurisdiction_id: $('a-jur').value, service_code: $('a-svc').value, status_notes: $('a-move-note').value });
    $('body').hidden = true;
    $('status').replaceChildren(`Request #${id} moved to ${$('a-jur').selectedOptions[0].text}, with its duplicates. `,
      el('a', { href: '/console/', text: 'Back to the queue' }));
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
  $('act-status').textContent = 'Saving…';
  try {
    await call(`requests/${target}/${path}`, body);
    $('act-status').textContent = 'Saved.';
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
