// Operate's jurisdictions and catalogs (admins): the jurisdictions I
// administer, and a catalog file checked or imported as `open311d
// catalog import` does (its error names the entry and field, shown
// beside the file input).
import { call, el, t, upload, when } from './api.js';

const $ = (id) => document.getElementById(id);

export async function jurisdictions() {
  const j = await call('jurisdictions');
  $('jurs').replaceChildren(...j.jurisdictions.map((x) => el('tr', {},
    el('td', { text: x.id }), el('td', { text: x.name }),
    el('td', { text: String(x.services) }), el('td', { text: String(x.private) }),
    el('td', { text: String(x.boundary_km2) }), el('td', { text: x.time_zone }),
    el('td', { text: when(x.catalog_changed) }))));
  const sel = $('c-jur');
  const keep = sel.value;
  sel.replaceChildren(...j.jurisdictions.map((x) => el('option', { value: x.id, text: `${x.name} (${x.id})` })));
  if (keep) sel.value = keep;
}

async function send(check) {
  const file = $('c-file').files[0];
  $('c-file').removeAttribute('aria-invalid');
  if (!file) {
    $('c-error').textContent = t('c.choose-a-file');
    $('c-file').setAttribute('aria-invalid', 'true');
    $('c-file').focus();
    return;
  }
  const form = new FormData();
  form.append('file', file, file.name);
  if (check) form.append('check', '1');
  $('c-error').textContent = check ? t('c.checking') : t('c.importing');
  try {
    const r = await upload(`jurisdictions/${encodeURIComponent($('c-jur').value)}/catalog`, form);
    $('c-error').textContent = check
      ? t('c.catalog-valid', { jur: r.jurisdiction_id, n: r.services, p: r.private })
      : t('c.catalog-imported', { jur: r.jurisdiction_id, n: r.services, p: r.private, v: r.version });
    if (!check) await jurisdictions();
  } catch (e) {
    $('c-error').textContent = e.message;
    $('c-file').setAttribute('aria-invalid', 'true');
    $('c-file').focus();
  }
}

export function wireCatalogs() {
  $('c-check').addEventListener('click', () => send(true));
  $('catalog-new').addEventListener('submit', (ev) => { ev.preventDefault(); send(false); });
}
