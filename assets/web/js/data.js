// The open-data page: each feed and export with a live link built from
// this server's own address and jurisdictions, and an example.
import { init, el, getJSON } from './common.js';
import * as i18n from './i18n.js';

let jur = '';

function render() {
  const now = new Date();
  const week = new Date(now - 7 * 86400000).toISOString().slice(0, 19) + 'Z';
  const j = encodeURIComponent(jur);
  const feeds = [
    ['data.discovery', '/discovery.json'],
    ['data.services', `/services.json?jurisdiction_id=${j}`],
    ['data.requests', `/requests.json?jurisdiction_id=${j}&status=open`],
    ['data.feed', `/servicerequestupdates.json?jurisdiction_id=${j}&updated_after=${week}`],
    ['data.csv', `/exports/requests.csv?jurisdiction_id=${j}`],
    ['data.geojson', `/exports/requests.geojson?jurisdiction_id=${j}`],
    ['data.jur', '/jurisdictions.geojson'],
    ['data.stats', '/stats.json'],
  ];
  const dl = el('dl', {});
  for (const [k, path] of feeds) {
    const url = new URL(path, location.origin).href;
    dl.append(el('dt', { text: i18n.t(k) }),
      el('dd', {}, el('a', { href: path }, el('code', { text: url })), el('br'),
        el('span', { class: 'help', text: `${i18n.t('data.example')}: curl '${url}'` })));
  }
  document.getElementById('feeds').replaceChildren(dl);
}

async function main() {
  init();
  try {
    const js = await getJSON('/jurisdictions.json');
    jur = js.length ? js[0].jurisdiction_id : '';
  } catch (e) { jur = ''; }
  render();
  document.addEventListener('langchange', render);
}

main();
