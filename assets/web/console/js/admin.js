// Operate (admins): health, the outbox with dead letters to retry (a
// password mail cannot be sent again: its account gets a new link), the
// destinations (destinations.js), jurisdictions and their catalogs
// (catalogs.js), staff accounts (staff.js), API keys, and the audit log,
// paged and exportable.
import { call, el, fill, required, t, when } from './api.js';
import { jurisdictions, wireCatalogs } from './catalogs.js';
import { destinations, wireDestinations } from './destinations.js';
import { link, staff, wireStaff } from './staff.js';

const $ = (id) => document.getElementById(id);
let before = null;

async function health() {
  const h = await call('health');
  $('health').replaceChildren(...Object.entries(h).map(([k, v]) => el('div', {},
    el('dt', { text: k.replace(/_/g, ' ') }), el('dd', { text: v === null ? '—' : String(v) }))));
}

async function outbox() {
  const o = await call('outbox');
  fill($('backlog'), o.backlog.map((b) => el('tr', {},
    el('td', { text: b.destination }), el('td', { text: b.state }),
    el('td', { text: String(b.count) }), el('td', { text: String(b.oldest_pending_seconds) }))));
  fill($('dead'), o.dead.map((d) => el('tr', {},
    el('td', { text: d.id }),
    el('td', {}, d.request_id
      ? el('a', { href: `/console/requests/${d.request_id}`, text: `#${d.request_id}` })
      : t('c.password-link-for', { email: d.staff_email })),
    el('td', { text: d.destination }), el('td', { text: String(d.attempts) }),
    el('td', { text: d.last_error || '' }),
    el('td', {}, d.request_id
      ? el('button', { type: 'button', text: t('c.retry'), onclick: () => retry(d.id) })
      : el('button', { type: 'button', text: t('c.send-new-link', { email: d.staff_email }), onclick: () => newLink(d.staff_id) })))));
}

async function retry(ev) {
  $('status').textContent = t('c.retrying');
  try {
    const r = await call(`outbox/${ev}/retry`, {});
    $('status').textContent = t('c.requeued', { ids: r.requeued.join(', ') });
    await outbox();
  } catch (e) {
    $('status').textContent = e.message;
  }
}

async function newLink(id) {
  await link(id);
  $('status').textContent = $('s-error').textContent;
  await outbox();
}

async function keys() {
  const k = await call('keys');
  fill($('keys'), k.keys.map((x) => el('tr', {},
    el('td', { text: x.id }), el('td', { text: x.prefix }), el('td', { text: x.name }),
    el('td', { text: x.scopes.join(', ') }),
    el('td', { text: x.jurisdictions ? x.jurisdictions.join(', ') : t('c.all') }),
    el('td', { text: x.channel }),
    el('td', { text: x.revoked ? t('c.revoked', { msg: x.revoked_message || '' }) : t('c.active') }))));
}

function wireKeys() {
  $('key-new').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const b = {};
    for (const e of $('key-new').elements) if (e.name && e.value) b[e.name] = e.value;
    try {
      const r = await call('keys', b);
      $('key-shown').textContent = t('c.key-shown', { id: r.id, key: r.key });
      await keys();
    } catch (e) {
      $('key-shown').textContent = e.message;
    }
  });
  $('key-revoke').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await call(`keys/${encodeURIComponent($('r-id').value)}/revoke`, { message: $('r-msg').value });
      $('key-shown').textContent = t('c.key-revoked', { id: $('r-id').value });
      await keys();
    } catch (e) {
      $('key-shown').textContent = e.message;
    }
  });
}

async function audit(more) {
  const p = new URLSearchParams({ page_size: '100' });
  if (more && before) p.set('before', before);
  const a = await call(`audit?${p}`);
  const rows = a.entries.map((x) => el('tr', {},
    el('td', { text: when(x.at) }), el('td', { text: x.staff || t('c.command-line') }),
    el('td', { text: x.action }), el('td', { text: x.request_id ? `#${x.request_id}` : '' }),
    el('td', { text: x.target || '' }), el('td', { text: x.address || '' })));
  fill($('audit'), rows, more);
  before = a.next;
  $('audit-more').hidden = !before;
}

(async () => {
  const acc = await required();
  if (!acc) return;
  if (acc.role !== 'admin') { $('status').textContent = t('c.admins-only'); return; }
  $('audit-more').addEventListener('click', () => audit(true));
  wireKeys();
  wireDestinations();
  wireStaff();
  wireCatalogs();
  try {
    await Promise.all([health(), outbox(), destinations(), jurisdictions(), staff(), keys(), audit(false)]);
  } catch (e) {
    $('status').textContent = e.message;
  }
})();
