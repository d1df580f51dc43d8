// One request in the console: details, the reporter (audited), history
// with internal notes, a map with its duplicates, and the actions.
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
  const pts = [{ lat: r.lat, long: r.long, label: `#${r.id}` }];
  $('body').hidden = false;
  map($('map'), pts);
}

async function load() {
  try {
    show(await call(`requests/${id}`));
    $('status').textContent = '';
  } catch (e) {
    $('status').textContent = e.message;
  }
}

async function act(path, body) {
  $('act-status').textContent = 'Saving…';
  try {
    await call(`requests/${id}/${path}`, body);
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
