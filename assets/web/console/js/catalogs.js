// Operate's jurisdictions and catalogs (admins): the jurisdictions I
// administer, a catalog file checked or imported as `open311d catalog
// import` does, and a boundary file (GeoJSON) imported as `open311d
// jurisdiction import` does; an error names the entry and field and is
// shown beside the file input.
import { call, el, fill, t, upload, when } from './api.js';

const $ = (id) => document.getElementById(id);

export async function jurisdictions() {
  const j = await call('jurisdictions');
  fill($('jurs'), j.jurisdictions.map((x) => el('tr', {},
    el('td', { text: x.id }), el('td', { text: x.name }),
    el('td', { text: String(x.services) }), el('td', { text: String(x.private) }),
    el('td', { text: String(x.boundary_km2) }), el('td', { text: x.time_zone }),
    el('td', { text: when(x.catalog_changed) }))));
  for (const sel of [$('c-jur'), $('b-jur')]) {
    const keep = sel.value;
    sel.replaceChildren(...j.jurisdictions.map((x) => el('option', { value: x.id, text: `${x.name} (${x.id})` })));
    if (keep) sel.value = keep;
  }
}

// Sends the file of input p-file for the jurisdiction of p-jur to
// jurisdictions/{id}/what with fields; the answer's message by ok().
async function send(p, what, fields, ok) {
  const input = $(`${p}-file`);
  const status = $(`${p}-error`);
  const file = input.files[0];
  input.removeAttribute('aria-invalid');
  const field = (e) => {
    const f = e.startsWith('from_crs') ? $('b-crs') : input;
    f.setAttribute('aria-invalid', 'true');
    f.focus();
  };
  if (!file) {
    status.textContent = t('c.choose-a-file');
    field('');
    return;
  }
  const form = new FormData();
  form.append('file', file, file.name);
  for (const [k, v] of Object.entries(fields)) if (v) form.append(k, v);
  status.textContent = fields.check ? t('c.checking') : t('c.importing');
  try {
    const r = await upload(`jurisdictions/${encodeURIComponent($(`${p}-jur`).value)}/${what}`, form);
    status.textContent = ok(r);
    if (!fields.check) await jurisdictions();
  } catch (e) {
    status.textContent = e.message;
    field(e.message);
  }
}

function catalog(check) {
  send('c', 'catalog', { check: check ? '1' : '' }, (r) => (check
    ? t('c.catalog-valid', { jur: r.jurisdiction_id, n: r.services, p: r.private })
    : t('c.catalog-imported', { jur: r.jurisdiction_id, n: r.services, p: r.private, v: r.version })));
}

export function wireCatalogs() {
  $('c-check').addEventListener('click', () => catalog(true));
  $('catalog-new').addEventListener('submit', (ev) => { ev.preventDefault(); catalog(false); });
  $('boundary-new').addEventListener('submit', (ev) => {
    ev.preventDefault();
    $('b-crs').removeAttribute('aria-invalid');
    send('b', 'boundary', { from_crs: $('b-crs').value.trim() },
      (r) => t('c.boundary-imported', { jur: r.jurisdiction_id, km2: r.km2 }));
  });
}
