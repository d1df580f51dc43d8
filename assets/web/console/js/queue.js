// The console's home: the sign-in form, or the queue (list and map) of
// the account's jurisdictions with filters, counts, an order (the form's
// sort and order, which the column headings set) and keyset paging;
// for supervisors and admins first the dashboard: staff-only measures
// and the statistics charts of their jurisdictions.
import { afterLogin, age, call, el, fill, header, login, map, session, t, when } from './api.js';
import { draw as drawCharts } from '../../js/stats-charts.js';

const $ = (id) => document.getElementById(id);
let next = null;
let asked = null;
let shown = [];
let theMap = null;

function query() {
  const p = new URLSearchParams();
  for (const e of $('filters').elements) {
    if (!e.name) continue;
    if (e.type === 'checkbox') { if (e.checked) p.set(e.name, 'true'); }
    else if (e.value) p.set(e.name, e.value);
  }
  p.set('page_size', '50');
  return p;
}

// A row of the queue.
function row(r) {
  const tr = el('tr', { class: r.breached ? 'breached' : null },
    el('td', {}, el('a', { href: `/console/requests/${r.id}`, text: `#${r.id}` }),
      r.address ? el('div', { class: 'note', text: r.address }) : null),
    el('td', { text: r.service_name }),
    el('td', { text: r.detailed_status + (r.escalated ? t('c.escalated-mark') : '') }),
    el('td', { text: r.agency || '' }),
    el('td', { text: age(r.age_seconds) }),
    el('td', { text: (r.breached ? `${t('c.breached-mark')} ` : '') + when(r.due) }),
    el('td', { text: String(r.duplicate_count) }));
  return tr;
}

// The headings show the form's order (aria-sort); the Age column's is
// the reverse of arrival's.
function headings() {
  const sort = $('f-sort').value;
  const asc = $('f-order').value === 'asc';
  for (const th of $('sorts').querySelectorAll('th[data-sort]')) {
    const up = th.dataset.reverse ? !asc : asc;
    if (th.dataset.sort === sort) th.setAttribute('aria-sort', up ? 'ascending' : 'descending');
    else th.removeAttribute('aria-sort');
  }
}

// A heading sorts by its column: again, the other way; the first time,
// ascending (most duplicates first for Duplicates, youngest for Age).
function sortBy(th) {
  if ($('f-sort').value === th.dataset.sort) {
    $('f-order').value = $('f-order').value === 'asc' ? 'desc' : 'asc';
  } else {
    $('f-sort').value = th.dataset.sort;
    $('f-order').value = th.dataset.sort === 'duplicates' || th.dataset.reverse ? 'desc' : 'asc';
  }
  load(false);
}

// The counts of the matches: in all, past their SLA, then per service
// and per agency, each a button that narrows the filters to it.
function counts(q) {
  const ul = $('counts');
  ul.replaceChildren(el('li', { text: t('c.matching', { n: q.total }) }),
    el('li', { text: t('c.past-sla', { n: q.breached }) }));
  for (const [field, label, by] of [['f-service', 'c.service', q.by_service], ['f-agency', 'c.agency', q.by_agency]]) {
    for (const [k, n] of Object.entries(by)) {
      const text = `${k || t('c.none')}: ${n}`;
      ul.append(el('li', {}, k ? el('button', {
        type: 'button', class: 'count', text, 'aria-label': `${t(label)} ${text}`,
        onclick: () => { $(field).value = k; load(false); },
      }) : text));
    }
  }
}

function draw() {
  if (theMap) theMap.remove();
  theMap = map($('map'), shown.map((r) => ({
    lat: r.lat, long: r.long, label: `#${r.id} ${r.service_name}`,
    href: `/console/requests/${r.id}`, color: r.breached ? '#b00020' : '#0b5394',
  })));
}

async function load(more) {
  if (!more) { asked = query(); headings(); }
  const p = new URLSearchParams(asked);
  if (more && next) p.set('after', next);
  $('queue-status').textContent = t('c.loading');
  try {
    const q = await call(`queue?${p}`);
    fill($('rows'), q.requests.map(row), more);
    shown = more ? shown.concat(q.requests) : q.requests;
    next = q.next;
    $('more').hidden = !next;
    counts(q);
    draw();
    $('queue-status').textContent = t('c.shown', { n: shown.length, total: q.total });
  } catch (e) {
    $('queue-status').textContent = e.message;
  }
}

let charts = [];

// The statistics of my jurisdictions (GET /console/api/stats).
async function stats() {
  const p = new URLSearchParams();
  if ($('d-jur').value) p.set('jurisdiction_id', $('d-jur').value);
  if ($('d-start').value) p.set('start_date', `${$('d-start').value}T00:00:00Z`);
  if ($('d-end').value) p.set('end_date', `${$('d-end').value}T23:59:59Z`);
  $('dash-status').textContent = t('c.loading');
  try {
    const d = await call(`stats?${p}`);
    $('dash-status').textContent = t('c.stats-status', { start: when(d.start_date), end: when(d.end_date), n: d.total.opened });
    charts = drawCharts($('dash-charts'), d, charts, 'h4');
  } catch (e) {
    $('dash-status').textContent = e.message;
  }
}

// Supervisors and admins: the staff-only measures of their jurisdictions.
async function dashboard(acc) {
  for (const j of acc.jurisdictions || []) $('d-jur').append(el('option', { value: j, text: j }));
  $('dash-filter').addEventListener('submit', (ev) => { ev.preventDefault(); stats(); });
  stats();
  const d = await call('dashboard');
  const list = (o) => Object.entries(o).map(([k, v]) => `${k || t('c.none')}: ${v}`).join('; ');
  const rows = [
    [t('c.dash-backlog'), list(d.backlog_by_agency)],
    [t('c.dash-oldest'), d.oldest_open ? `#${d.oldest_open.id}, ${when(d.oldest_open.requested)}` : ''],
    [t('c.dash-breaches'), String(d.breaches_this_week)],
    [t('c.dash-reopen'), list(d.reopen_rate_by_agency)],
  ];
  $('dash-facts').replaceChildren(...rows.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })]));
  $('dash').hidden = false;
}

function work(acc) {
  header(acc);
  $('login').hidden = true;
  $('work').hidden = false;
  $('nav').hidden = false;
  $('nav-admin').hidden = acc.role !== 'admin';
  $('filters').addEventListener('submit', (ev) => { ev.preventDefault(); load(false); });
  $('more').addEventListener('click', () => load(true));
  for (const th of $('sorts').querySelectorAll('th[data-sort]')) {
    th.querySelector('button').addEventListener('click', () => sortBy(th));
  }
  load(false);
  if (acc.role !== 'agent') dashboard(acc).catch(() => null);
}

async function start() {
  const acc = await session().catch(() => null);
  if (acc && afterLogin()) { window.location.assign(afterLogin()); return; }
  if (acc) { work(acc); return; }
  $('login').hidden = false;
  if (new URLSearchParams(window.location.search).get('ended')) $('login-error').textContent = t('c.session-ended');
  $('login-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    $('login-error').textContent = '';
    $('password').removeAttribute('aria-invalid');
    try {
      const a = await login($('email').value, $('password').value);
      $('password').value = '';
      const next = afterLogin();
      if (next) { window.location.assign(next); return; }
      window.history.replaceState(null, '', '/console/');
      work(a);
    } catch (e) {
      $('password').setAttribute('aria-invalid', 'true');
      $('login-error').textContent = e.message;
    }
  });
}

start();
