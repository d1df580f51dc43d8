// What every page shares: the language switch, DOM building with text
// only (never markup from data), and fetches of the gateway's own API.
import * as i18n from './i18n.js';

// An element with attributes and text; children appended as given.
export function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'text') e.textContent = v;
    else if (k === 'i18n') { e.dataset.i18n = v; e.textContent = i18n.t(v); }
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (v === true) e.setAttribute(k, '');
    else e.setAttribute(k, String(v));
  }
  for (const k of kids) {
    if (k === null || k === undefined) continue;
    e.append(k instanceof Node ? k : document.createTextNode(String(k)));
  }
  return e;
}

// Fetches path as JSON (a GET, or what opts says); throws an Error with
// the API's description.
export async function getJSON(path, opts = {}) {
  const r = await fetch(path, { ...opts, headers: { Accept: 'application/json', ...opts.headers } });
  const body = await r.json().catch(() => null);
  if (!r.ok) {
    const d = Array.isArray(body) && body[0] && body[0].description;
    const err = new Error(d || `HTTP ${r.status}`);
    err.status = r.status;
    throw err;
  }
  return body;
}

// The pages' settings and the submission token (/web/config.json).
let config = null;
// The public services' names in the page's language by service code,
// over the jurisdictions with ids jurs (default: every one; the first
// that offers a code names it).
export async function serviceNames(jurs) {
  const names = new Map();
  const ids = jurs || (await getJSON('/jurisdictions.json')).map((j) => j.jurisdiction_id);
  for (const j of ids) {
    const q = new URLSearchParams({ jurisdiction_id: j, locale: i18n.lang() });
    for (const s of await getJSON(`/services.json?${q}`)) {
      if (!names.has(s.service_code)) names.set(s.service_code, s.service_name);
    }
  }
  return names;
}

export async function webConfig() {
  if (!config) config = await getJSON('/web/config.json');
  return config;
}

export function show(e, on) { e.hidden = !on; }

// Sets up the language switch and translates the page.
export function init() {
  const sel = document.getElementById('lang');
  const l = i18n.pick();
  if (sel) {
    sel.value = l;
    sel.addEventListener('change', () => i18n.set(sel.value, true));
  }
  i18n.set(l, false);
}
