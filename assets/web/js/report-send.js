// Report, the last steps: open reports of the same service nearby
// ("this is it: follow it" or "mine is different"), the submission to
// /web/requests.json with the page's form token (held back until the
// minimum fill time has passed), the server's 400 shown beside its
// field, and the confirmation: the number, or the token polled until it
// becomes one.
import { el, getJSON } from './common.js';
import * as i18n from './i18n.js';
import * as form from './report-form.js';
import { shrink } from './photos.js';
import { setError, fieldOf, clearAll } from './fields.js';

const NEAR_M = 100;
const POLL_MS = 1500;
const POLL_MAX = 40;

function wait(ms) { return new Promise((r) => setTimeout(r, ms)); }

async function nearby(st) {
  const q = new URLSearchParams({ lat: st.lat, long: st.long, radius: NEAR_M,
    service_code: st.service.service_code, status: 'open',
    jurisdiction_id: st.service.jurisdiction_id });
  try { return await getJSON(`/requests.json?${q}`); } catch (e) { return []; }
}

// Resolves true to send, after the duplicates box (if any) is answered.
function askDuplicates(list) {
  const box = document.getElementById('duplicates');
  return new Promise((resolve) => {
    const go = () => { box.hidden = true; resolve(true); };
    box.replaceChildren(el('h3', { text: i18n.t('report.dups') }),
      el('p', { text: i18n.t('report.dups.help') }),
      el('ul', {}, ...list.slice(0, 5).map((r) => el('li', {},
        el('a', { href: `/requests/${encodeURIComponent(r.service_request_id)}`, target: '_blank', text: `#${r.service_request_id}` }),
        ` ${i18n.date(r.requested_datetime)} `,
        r.description ? el('span', { text: r.description.slice(0, 100) }) : null,
        el('button', { type: 'button', class: 'primary follow', onclick: go, text: i18n.t('report.dup.follow') })))),
      el('button', { type: 'button', class: 'different', onclick: go, text: i18n.t('report.dup.different') }));
    box.hidden = false;
    box.querySelector('button').focus();
  });
}

async function body(st) {
  const fd = new FormData();
  fd.append('service_code', st.service.service_code);
  fd.append('jurisdiction_id', st.service.jurisdiction_id);
  fd.append('lat', String(st.lat));
  fd.append('long', String(st.long));
  if (st.address) fd.append('address_string', st.address);
  const d = document.getElementById('description').value.trim();
  if (d) fd.append('description', d);
  const email = document.getElementById('email').value.trim();
  if (email && document.getElementById('consent').checked) {
    fd.append('email', email);
    fd.append('email_alerts_requested', 'true');
  }
  fd.append('website', document.getElementById('website').value);
  // The report's language: its e-mails are written in it.
  fd.append('locale', i18n.lang());
  form.append(fd);
  const files = [...document.getElementById('photo').files].slice(0, st.cfg.photos_max);
  for (const [i, f] of files.entries()) fd.append('media', await shrink(f), `photo${i + 1}.jpg`);
  if (!fd.get('website')) fd.delete('website');
  return fd;
}

async function confirm(st, receipt) {
  const done = document.getElementById('step-done');
  const text = document.getElementById('done-text');
  const link = document.getElementById('done-link');
  const notice = document.getElementById('done-notice');
  notice.textContent = receipt.service_notice || '';
  for (const s of document.querySelectorAll('.step')) s.hidden = s !== done;
  done.hidden = false;
  done.focus();
  let id = receipt.service_request_id;
  if (!id && receipt.token) {
    text.textContent = i18n.t('report.done.token', { token: receipt.token });
    link.hidden = true;
    for (let i = 0; i < POLL_MAX && !id; i++) {
      await wait(POLL_MS);
      try {
        const t = await getJSON(`/tokens/${encodeURIComponent(receipt.token)}.json`);
        id = t[0] && t[0].service_request_id;
      } catch (e) { /* not yet */ }
    }
    if (!id) return;
  }
  text.textContent = i18n.t('report.done.id', { id });
  link.href = `/requests/${encodeURIComponent(id)}`;
  link.hidden = false;
  try {
    const r = (await getJSON(`/requests/${encodeURIComponent(id)}.json?extensions=true`))[0];
    const parent = r.extended_attributes && r.extended_attributes.parent_service_request_id;
    const extra = [];
    if (parent) extra.push(i18n.t('report.done.follow', { id: parent }));
    if (r.expected_datetime) extra.push(i18n.t('report.done.expected', { date: i18n.date(r.expected_datetime) }));
    notice.textContent = [receipt.service_notice || '', ...extra].filter(Boolean).join(' ');
  } catch (e) { /* the number is what matters */ }
}

function showServerError(description) {
  const id = fieldOf(description);
  const input = id && document.getElementById(id);
  const err = id && document.getElementById(`${id}-error`);
  if (input && err) {
    setError(input.matches('fieldset') ? input.querySelector('input') : input, err, description);
    (input.matches('fieldset') ? input.querySelector('input') : input).focus();
    return;
  }
  const fe = document.getElementById('form-error');
  fe.textContent = i18n.t('report.failed', { msg: description });
  fe.hidden = false;
  fe.focus();
}

// Sends the report of state st (point, service, cfg, loadedAt).
export async function submit(st) {
  const fe = document.getElementById('form-error');
  fe.hidden = true;
  clearAll(document.getElementById('report-form'));
  const bad = form.validate();
  if (bad) { bad.focus(); return; }
  const button = document.getElementById('submit');
  button.disabled = true;
  const status = document.getElementById('report-status');
  try {
    const dups = await nearby(st);
    if (dups.length) await askDuplicates(dups);
    status.textContent = i18n.t('report.sending');
    const fd = await body(st);
    const early = st.loadedAt + st.cfg.min_fill * 1000 + 250 - Date.now();
    if (early > 0) await wait(early);
    let r = await fetch('/web/requests.json', { method: 'POST', body: fd,
      headers: { 'X-Web-Token': st.cfg.token, Accept: 'application/json' } });
    if (r.status === 429 && r.headers.get('retry-after') && Number(r.headers.get('retry-after')) < 10) {
      await wait(Number(r.headers.get('retry-after')) * 1000);
      r = await fetch('/web/requests.json', { method: 'POST', body: fd,
        headers: { 'X-Web-Token': st.cfg.token, Accept: 'application/json' } });
    }
    const answer = await r.json().catch(() => null);
    status.textContent = '';
    if (!r.ok) {
      showServerError((answer && answer[0] && answer[0].description) || `HTTP ${r.status}`);
      return;
    }
    await confirm(st, answer[0]);
  } catch (e) {
    status.textContent = '';
    showServerError(e.message);
  } finally {
    button.disabled = false;
  }
}
