// A request's page: status, dates, public notes and history, photos, a
// small map, the request it duplicates, and for its reporter (the link
// in their e-mail carries t=) the survey and "it is not fixed", which
// reopens a closed report (POST /requests/{id}/reopen).
import { init, el, getJSON, serviceNames, webConfig } from './common.js';
import * as i18n from './i18n.js';
import * as maps from './map.js';

const id = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] || '');
const token = new URLSearchParams(location.search).get('t');
let req = null;
let names = new Map();

// The request as the public sees it; its reporter's token also shows a
// private service's request.
async function load() {
  const q = token ? `&t=${encodeURIComponent(token)}` : '';
  req = (await getJSON(`/requests/${encodeURIComponent(id)}.json?extensions=true${q}`))[0];
}

async function reopen(ev) {
  ev.preventDefault();
  const status = document.getElementById('reopen-status');
  const body = new URLSearchParams({ comment: document.getElementById('reopen-comment').value });
  try {
    await getJSON(`/requests/${encodeURIComponent(id)}/reopen.json?t=${encodeURIComponent(token)}`, { method: 'POST', body });
    await load();
    render();
    status.textContent = i18n.t('req.reopen.done');
  } catch (e) {
    status.textContent = e.message;
  }
}

function text(elId, v) { document.getElementById(elId).textContent = v || '—'; }

function render() {
  if (!req) return;
  const x = req.extended_attributes || {};
  document.getElementById('req-h').textContent = i18n.t('req.h1.id', { id: req.service_request_id });
  document.title = i18n.t('req.h1.id', { id: req.service_request_id });
  text('r-service', names.get(req.service_code) || req.service_name);
  text('r-status', i18n.t(`status.${req.status}`) + (x.detailed_status && x.detailed_status !== req.status ? ` (${x.detailed_status})` : ''));
  text('r-requested', i18n.date(req.requested_datetime));
  text('r-expected', i18n.date(req.expected_datetime));
  text('r-address', req.address);
  text('r-agency', req.agency_responsible);
  text('r-description', req.description);
  const notes = document.getElementById('r-notes');
  notes.textContent = req.status_notes || '';
  notes.hidden = !req.status_notes;
  const dup = document.getElementById('r-dup');
  dup.replaceChildren();
  if (x.parent_service_request_id) {
    const p = x.parent_service_request_id;
    dup.append(i18n.t('req.dup', { id: p }), ' ',
      el('a', { href: `/requests/${encodeURIComponent(p)}`, text: i18n.t('req.dup.link', { id: p }) }));
    dup.hidden = false;
  } else {
    dup.hidden = true;
  }
  const hist = document.getElementById('r-history');
  hist.replaceChildren();
  for (const n of req.notes || []) {
    hist.append(el('li', {}, el('strong', { text: i18n.date(n.datetime) }), ' ',
      el('span', { text: [n.summary, n.description].filter(Boolean).join(' — ') })));
  }
  if (!hist.children.length) hist.append(el('li', { text: i18n.t('req.nohistory') }));
  document.getElementById('reopen').hidden = !token || req.status !== 'closed';
  const photos = document.getElementById('r-photos');
  photos.replaceChildren();
  const urls = (x.media_urls && x.media_urls.length ? x.media_urls : [req.media_url]).filter(Boolean);
  urls.forEach((u, i) => {
    const url = new URL(u, location.href);
    // This gateway's own photos, whatever public_url says its host is.
    if (url.origin === location.origin || url.pathname.startsWith('/media/')) photos.append(el('img', { src: url.pathname, alt: i18n.t('req.photo', { n: i + 1 }) }));
    else photos.append(el('p', {}, el('a', { href: url.href, rel: 'noopener', text: i18n.t('req.photo', { n: i + 1 }) })));
  });
}

async function main() {
  init();
  const status = document.getElementById('req-status');
  status.textContent = i18n.t('req.loading');
  try {
    await load();
  } catch (e) {
    status.textContent = e.status === 404 || e.status === 400 ? i18n.t('req.notfound') : e.message;
    return;
  }
  status.textContent = '';
  names = await serviceNames().catch(() => names);
  document.getElementById('req').hidden = false;
  render();
  document.addEventListener('langchange', async () => {
    names = await serviceNames().catch(() => names);
    render();
  });
  if (token) {
    document.getElementById('fb-link').href = `/requests/${encodeURIComponent(id)}/feedback?t=${encodeURIComponent(token)}`;
    document.getElementById('reopen').addEventListener('submit', reopen);
    document.getElementById('r-feedback').hidden = false;
  }
  if (typeof req.lat === 'number') {
    const cfg = await webConfig();
    const map = maps.create('map', cfg);
    map.setView([req.lat, req.long], 16);
    maps.pin(req.lat, req.long, names.get(req.service_code) || req.service_name, req.status === 'closed').addTo(map);
  } else {
    document.getElementById('map').hidden = true;
  }
}

main();
