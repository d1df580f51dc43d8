// The statistics page: the charts of /stats.json (stats-charts.js) with
// a filter by jurisdiction and dates. No personal data is in /stats.json.
import { init, el, getJSON } from './common.js';
import * as i18n from './i18n.js';
import { draw } from './stats-charts.js';

let charts = [];
let data = null;

function render() {
  charts = draw(document.getElementById('charts'), data, charts);
}

async function load() {
  const status = document.getElementById('stats-status');
  status.textContent = i18n.t('stats.loading');
  const q = new URLSearchParams();
  const j = document.getElementById('s-jur').value;
  const a = document.getElementById('s-start').value;
  const b = document.getElementById('s-end').value;
  if (j) q.set('jurisdiction_id', j);
  if (a) q.set('start_date', `${a}T00:00:00Z`);
  if (b) q.set('end_date', `${b}T23:59:59Z`);
  try {
    data = await getJSON(`/stats.json?${q}`);
  } catch (e) {
    status.textContent = i18n.t('stats.failed', { msg: e.message });
    return;
  }
  status.textContent = i18n.t('stats.loaded', { start: i18n.date(data.start_date), end: i18n.date(data.end_date) });
  render();
}

async function main() {
  init();
  const sel = document.getElementById('s-jur');
  sel.append(el('option', { value: '', i18n: 'home.f.all' }));
  for (const j of await getJSON('/jurisdictions.json')) sel.append(el('option', { value: j.jurisdiction_id, text: j.name }));
  document.getElementById('stats-filter').addEventListener('submit', (e) => { e.preventDefault(); load(); });
  document.addEventListener('langchange', render);
  await load();
}

main();
