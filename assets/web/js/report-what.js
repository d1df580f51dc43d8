// Report, step 2: what. The services offered at the point, grouped, and
// searchable by name, keywords and description.
import { el } from './common.js';
import * as i18n from './i18n.js';

let services = [];
let chosen = null;

function render() {
  const box = document.getElementById('services');
  const q = document.getElementById('service-search').value.trim().toLowerCase();
  const groups = new Map();
  for (const s of services) {
    const hay = `${s.service_name} ${s.keywords || ''} ${s.description || ''} ${s.group || ''}`.toLowerCase();
    if (q && !hay.includes(q)) continue;
    const g = s.group || '';
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g).push(s);
  }
  box.replaceChildren();
  if (groups.size === 0) box.append(el('p', { text: i18n.t('report.noservice') }));
  for (const [g, list] of groups) {
    if (g) box.append(el('h3', { text: g }));
    for (const s of list) {
      box.append(el('button', {
        type: 'button',
        'data-code': s.service_code,
        onclick: () => chosen(s),
      }, el('strong', { text: s.service_name }), s.description ? el('span', { class: 'help', text: ` — ${s.description}` }) : null));
    }
  }
}

// Shows the services of the point; onChoose(service) when one is picked.
export function show(list, onChoose) {
  services = list;
  chosen = onChoose;
  const search = document.getElementById('service-search');
  search.oninput = render;
  render();
}
