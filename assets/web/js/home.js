// The home page: open requests on a clustered map and in a list, filters
// by service, status and age, and the "Track a request" box.
import { init, el, getJSON, serviceNames, webConfig } from './common.js';
import * as i18n from './i18n.js';
import * as maps from './map.js';

let map = null;
let cluster = null;
let jurs = [];
let names = new Map();

// The service filter's options, named in the page's language.
async function services() {
  const sel = document.getElementById('f-service');
  names = await serviceNames(jurs);
  for (const o of [...sel.options]) if (o.value) o.remove();
  for (const [code, name] of [...names].sort((a, b) => a[1].localeCompare(b[1]))) {
    sel.append(el('option', { value: code, text: name }));
  }
}

async function load() {
  const count = document.getElementById('count');
  const list = document.getElementById('list');
  count.textContent = i18n.t('home.loading');
  const service = document.getElementById('f-service').value;
  const status = document.getElementById('f-status').value;
  const days = Number(document.getElementById('f-age').value);
  const start = new Date(Date.now() - days * 86400000).toISOString().slice(0, 19) + 'Z';
  let rows = [];
  try {
    for (const j of jurs) {
      const q = new URLSearchParams({ jurisdiction_id: j, status, start_date: start });
      if (service) q.set('service_code', service);
      rows = rows.concat(await getJSON(`/requests.json?${q}`));
    }
  } catch (e) {
    count.textContent = i18n.t('home.failed', { msg: e.message });
    return;
  }
  cluster.clearLayers();
  list.replaceChildren();
  for (const r of rows) {
    const label = `${names.get(r.service_code) || r.service_name} #${r.service_request_id}`;
    const href = `/requests/${encodeURIComponent(r.service_request_id)}`;
    if (typeof r.lat === 'number' && typeof r.long === 'number') {
      const m = maps.pin(r.lat, r.long, label, r.status === 'closed');
      m.bindPopup(() => el('div', {},
        el('a', { href, text: label }),
        el('p', { text: r.description || '' })));
      cluster.addLayer(m);
    }
    list.append(el('li', {},
      el('a', { href, text: label }), ' ',
      el('span', { text: `${i18n.t('status.' + r.status)} · ${i18n.date(r.requested_datetime)}` }),
      r.description ? el('p', { class: 'help', text: r.description.slice(0, 140) }) : null));
  }
  count.textContent = i18n.t('home.count', { n: i18n.number(rows.length) });
}

// A number opens its page; a batch report's token is looked up first.
async function track(ev) {
  ev.preventDefault();
  const input = document.getElementById('track-id');
  const err = document.getElementById('track-error');
  const v = input.value.trim();
  const refuse = (key) => {
    err.textContent = i18n.t(key);
    err.hidden = false;
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  };
  if (!v) return refuse('home.track.empty');
  if (/^\d+$/.test(v)) {
    location.href = `/requests/${v}`;
    return undefined;
  }
  try {
    const t = await getJSON(`/tokens/${encodeURIComponent(v)}.json`);
    if (t[0] && t[0].service_request_id) {
      location.href = `/requests/${encodeURIComponent(t[0].service_request_id)}`;
      return undefined;
    }
    return refuse('home.track.pending');
  } catch (e) {
    return refuse('home.track.unknown');
  }
}

async function main() {
  init();
  document.getElementById('track').addEventListener('submit', track);
  const cfg = await webConfig();
  map = maps.create('map', cfg);
  cluster = L.markerClusterGroup();
  map.addLayer(cluster);
  const js = await getJSON('/jurisdictions.json');
  jurs = js.map((j) => j.jurisdiction_id);
  await maps.boundaries(map, true);
  await services();
  for (const id of ['f-service', 'f-status', 'f-age']) {
    document.getElementById(id).addEventListener('change', load);
  }
  document.addEventListener('langchange', async () => {
    const keep = document.getElementById('f-service').value;
    await services();
    document.getElementById('f-service').value = keep;
    await load();
  });
  await load();
}

main();
