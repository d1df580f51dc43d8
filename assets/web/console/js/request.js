// One request in the console: details, the reporter (audited), history
// with internal notes, a map with its duplicates, and the actions.
import { call, el, required, when, map } from './api.js';

const $ = (id) => document.getElementById(id);
const id = window.location.pathname.split('/').filter(Boolean).pop();
// The request's jurisdiction and service, once shown.
let current = null;

function facts(dl, pairs) {
  dl.replaceChildren();
  for (const [k, v] of pairs) {
    if (v === null || v === undefined || v === '') continue;
    dl.append(el('dt', { text: k }), el('dd', { class: 'pre', text: String(v) }));
  }
}

function show(r) {
  current = { jurisdiction_id: r.jurisdiction_id, service_code: r.service_code };
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

// The partner jurisdictions to transfer to (the public list), once.
async function jurisdictions() {
  const sel = $('a-jur');
  if (sel.options.length > 1) return;
  try {
    const r = await fetch('/jurisdictions.json', { headers: { Accept: 'application/json' } });
    for (const j of await r.json()) {
      if (current && j.jurisdiction_id === current.jurisdiction_id) continue;
      sel.append(el('option', { value: j.jurisdiction_id, text: j.name }));
    }
  } catch (e) {
    $('act-status').textContent = e.message;
  }
}

// The services offered by jurisdiction jur, the request's own first.
async function services(jur) {
  const sel = $('a-jsvc');
  sel.replaceChildren();
  if (!jur) return;
  try {
    const r = await fetch(`/services.json?jurisdiction_id=${encodeURIComponent(jur)}`,
      { headers: { Accept: 'application/json' } });
    for (const s of await r.json()) {
      sel.append(el('option', { value: s.service_code, text: s.service_name }));
    }
    if (current) sel.value = current.service_code;
    if (sel.selectedIndex < 0) sel.selectedIndex = 0;
  } catch (e) {
    $('act-status').textContent = e.message;
  }
}

// Moves the request to the chosen jurisdiction; afterwards a staff member
// of the old one alone no longer sees it.
async function move() {
  const name = $('a-jur').selectedOptions[0] ? $('a-jur').selectedOptions[0].textContent : '';
  $('act-status').textContent = 'Saving…';
  try {
    await call(`requests/${id}/transfer`, {
      jurisdiction_id: $('a-jur').value, service_code: $('a-jsvc').value,
      status_notes: $('a-jnote').value,
    });
  } catch (e) {
    $('act-status').textContent = e.message;
    return;
  }
  try {
    show(await call(`requests/${id}`));
    $('act-status').textContent = `Transferred to ${name}.`;
  } catch (e) {
    $('body').hidden = true;
    $('status').textContent = `Request #${id} was transferred to ${name}; it is no longer in your jurisdictions.`;
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
  $('a-to').addEventListener('change', () => {
    const jur = $('a-to').value === 'jurisdiction';
    $('to-agency').hidden = jur;
    $('to-jur').hidden = !jur;
    if (jur) jurisdictions();
  });
  $('a-jur').addEventListener('change', () => services($('a-jur').value));
  $('f-transfer').addEventListener('submit', (ev) => {
    ev.preventDefault();
    if ($('a-to').value === 'jurisdiction') move();
    else act('update', { agency_responsible: $('a-agency').value });
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
