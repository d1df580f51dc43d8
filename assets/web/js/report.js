// The report page: where, what, details, then send (report-*.js).
import { init, webConfig, getJSON } from './common.js';
import * as i18n from './i18n.js';
import * as maps from './map.js';
import * as where from './report-where.js';
import * as what from './report-what.js';
import * as form from './report-form.js';
import * as send from './report-send.js';

const st = { loadedAt: Date.now() };

function step(id) {
  for (const s of document.querySelectorAll('.step')) s.hidden = s.id !== id;
  const h = document.querySelector(`#${id} h2`);
  if (h) { h.tabIndex = -1; h.focus(); }
}

async function choose(service) {
  st.service = service;
  const def = await getJSON(`/services/${encodeURIComponent(service.service_code)}.json?jurisdiction_id=${encodeURIComponent(service.jurisdiction_id)}&locale=${encodeURIComponent(i18n.lang())}`);
  form.build(def);
  document.getElementById('service-chosen').textContent = i18n.t('report.chosen', { name: service.service_name });
  step('step-details');
}

async function main() {
  init();
  st.cfg = await webConfig();
  st.loadedAt = Date.now();
  const map = maps.create('map', st.cfg);
  await where.setup(map, (pt, list) => {
    Object.assign(st, pt);
    what.show(list, choose);
    step('step-what');
  });
  document.getElementById('report-form').addEventListener('submit', (e) => {
    e.preventDefault();
    send.submit(st);
  });
}

main();
