// Operate's destinations (admins): the list with their backlog, a form
// to add one (a webhook's signing secret is made by the gateway and
// shown once; an error is tied to the field it names) and removal.
import { call, clearFields, el, formBody, formError, t } from './api.js';

const $ = (id) => document.getElementById(id);

export async function destinations() {
  const d = await call('destinations');
  $('dests').replaceChildren(...d.destinations.map((x) => el('tr', {},
    el('td', { text: x.id }), el('td', { text: x.jurisdiction_id }),
    el('td', { text: x.service_code || t('c.all') }), el('td', { text: x.kind }),
    el('td', { text: x.url }), el('td', { text: String(x.pending) }),
    el('td', { text: String(x.dead) }),
    el('td', {}, x.active
      ? el('button', { type: 'button', text: t('c.remove', { id: x.id }), onclick: () => remove(x) })
      : t('c.removed')))));
}

async function remove(x) {
  if (!window.confirm(t('c.remove-confirm', { url: x.url, n: x.pending }))) return;
  try {
    const r = await call(`destinations/${x.id}/remove`, {});
    $('d-error').textContent = t('c.dest-removed', { id: x.id, n: r.skipped });
    await destinations();
  } catch (e) {
    $('d-error').textContent = e.message;
  }
}

export function wireDestinations() {
  const kind = () => {
    for (const e of document.querySelectorAll('.open311-only')) e.hidden = $('d-kind').value !== 'open311';
  };
  $('d-kind').addEventListener('change', kind);
  kind();
  $('dest-new').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearFields($('dest-new'));
    try {
      const r = await call('destinations', formBody($('dest-new')));
      $('d-error').textContent = r.secret
        ? t('c.dest-added-secret', { id: r.id, secret: r.secret })
        : t('c.dest-added', { id: r.id });
      $('dest-new').reset();
      kind();
      await destinations();
    } catch (e) {
      formError($('dest-new'), $('d-error'), e);
    }
  });
}
