// Operate's destinations (admins): the list with their backlog and last
// test, a form to add one (a webhook, an upstream Open311 server or a
// mailbox, the URL's label following the kind; a webhook's signing
// secret is made by the gateway and shown once; an error is tied to the
// field it names), a
// test-send (its outcome followed until it is known) and removal.
import { call, clearFields, el, fill, formBody, formError, t, when } from './api.js';

const $ = (id) => document.getElementById(id);

export async function destinations() {
  const d = await call('destinations');
  fill($('dests'), d.destinations.map((x) => el('tr', {},
    el('td', { text: x.id }), el('td', { text: x.jurisdiction_id }),
    el('td', { text: x.service_code || t('c.all') }), el('td', { text: x.kind }),
    el('td', { text: x.url }), el('td', { text: String(x.pending) }),
    el('td', { text: String(x.dead) }),
    el('td', { text: lastTest(x.last_test) }),
    el('td', {}, ...(x.active ? [
      el('button', { type: 'button', text: t('c.send-test', { id: x.id }), onclick: () => test(x) }),
      el('button', { type: 'button', text: t('c.remove', { id: x.id }), onclick: () => remove(x) }),
    ] : [t('c.removed')])))));
  return d.destinations;
}

function lastTest(lt) {
  if (!lt) return '—';
  const at = when(lt.at);
  if (lt.state === 'delivered') return t('c.test-ok', { at });
  if (lt.state === 'pending') return t('c.test-pending', { at });
  return t('c.test-failed', { at, error: lt.error || '' });
}

// Queues a test of x and follows it (the list again every second, a
// minute at most) until its outcome is known.
async function test(x) {
  let ev;
  try {
    ev = (await call(`destinations/${x.id}/test`, {})).test_event;
  } catch (e) {
    $('d-error').textContent = e.message;
    return;
  }
  $('d-error').textContent = t('c.test-sent', { id: x.id });
  for (let i = 0; i < 60; i += 1) {
    const lt = (await destinations()).find((y) => y.id === x.id)?.last_test;
    if (lt && lt.id === ev && lt.state !== 'pending') {
      $('d-error').textContent = `${t('c.destination')} ${x.id}: ${lastTest(lt)}`;
      return;
    }
    await new Promise((ok) => { setTimeout(ok, 1000); });
  }
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
    const mail = $('d-kind').value === 'mailto';
    $('d-url-l').dataset.i18n = mail ? 'c.url-mailto' : 'c.url-https';
    $('d-url-l').textContent = t($('d-url-l').dataset.i18n);
    $('d-url').type = mail ? 'text' : 'url';
    $('d-url').placeholder = mail ? 'mailto:agency@example.gov' : 'https://';
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
