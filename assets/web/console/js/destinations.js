// Operate's destinations (admins): the list with their backlog, a form
// to add one (a webhook's signing secret is made by the gateway and
// shown once; an error is tied to the field it names) and removal.
import { call, el } from './api.js';

const $ = (id) => document.getElementById(id);

// The form's field an API error names first ("url: ...").
function fieldOf(msg) {
  for (const e of $('dest-new').elements) {
    if (e.name && msg.startsWith(e.name)) return e;
  }
  return null;
}

export async function destinations() {
  const d = await call('destinations');
  $('dests').replaceChildren(...d.destinations.map((x) => el('tr', {},
    el('td', { text: x.id }), el('td', { text: x.jurisdiction_id }),
    el('td', { text: x.service_code || '(all)' }), el('td', { text: x.kind }),
    el('td', { text: x.url }), el('td', { text: String(x.pending) }),
    el('td', { text: String(x.dead) }),
    el('td', {}, x.active
      ? el('button', { type: 'button', text: `Remove ${x.id}`, onclick: () => remove(x) })
      : 'removed'))));
}

async function remove(x) {
  if (!window.confirm(`Stop sending to ${x.url}? Its ${x.pending} undelivered events are dropped.`)) return;
  try {
    const r = await call(`destinations/${x.id}/remove`, {});
    $('d-error').textContent = `Destination ${x.id} removed; ${r.skipped} undelivered events dropped.`;
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
    for (const e of $('dest-new').elements) e.removeAttribute('aria-invalid');
    const b = {};
    for (const e of $('dest-new').elements) if (e.name && e.value && !e.closest('[hidden]')) b[e.name] = e.value;
    try {
      const r = await call('destinations', b);
      $('d-error').textContent = r.secret
        ? `Destination ${r.id} added. Its signing secret, shown this once: ${r.secret}`
        : `Destination ${r.id} added.`;
      $('dest-new').reset();
      kind();
      await destinations();
    } catch (e) {
      $('d-error').textContent = e.message;
      const f = fieldOf(e.message);
      if (f) { f.setAttribute('aria-invalid', 'true'); f.focus(); }
    }
  });
}
