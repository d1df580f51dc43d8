// The pages' language: English or Spanish, from the remembered choice,
// else the browser's languages (its Accept-Language). Every string comes
// from one catalog per language (msg-en.js, msg-es.js) and reaches the
// DOM as text only.
import en from './msg-en.js';
import es from './msg-es.js';

const catalogs = { en, es };
const KEY = 'open311.lang';
let current = 'en';

export function pick() {
  let saved = null;
  try { saved = localStorage.getItem(KEY); } catch (e) { saved = null; }
  if (saved && catalogs[saved]) return saved;
  for (const l of navigator.languages || [navigator.language || 'en']) {
    const base = String(l).slice(0, 2).toLowerCase();
    if (catalogs[base]) return base;
  }
  return 'en';
}

export function lang() { return current; }

// Adds strings to the catalogs: more is { en: {...}, es: {...} } (the
// console's, say).
export function add(more) {
  for (const [l, strings] of Object.entries(more)) {
    if (catalogs[l]) Object.assign(catalogs[l], strings);
  }
}

// The message key in the current language, {name} replaced from vars.
export function t(key, vars) {
  let s = catalogs[current][key];
  if (s === undefined) s = en[key];
  if (s === undefined) return key;
  if (vars) {
    s = s.replace(/\{(\w+)\}/g, (m, n) => (n in vars ? String(vars[n]) : m));
  }
  return s;
}

// Translates [data-i18n] text and [data-i18n-label] aria-labels in root.
export function apply(root) {
  document.documentElement.lang = current;
  for (const e of root.querySelectorAll('[data-i18n]')) {
    e.textContent = t(e.dataset.i18n);
  }
  for (const e of root.querySelectorAll('[data-i18n-label]')) {
    e.setAttribute('aria-label', t(e.dataset.i18nLabel));
  }
  for (const e of root.querySelectorAll('[data-i18n-placeholder]')) {
    e.setAttribute('placeholder', t(e.dataset.i18nPlaceholder));
  }
}

export function set(l, remember) {
  current = catalogs[l] ? l : 'en';
  if (remember) {
    try { localStorage.setItem(KEY, current); } catch (e) { /* private */ }
  }
  apply(document);
  document.dispatchEvent(new CustomEvent('langchange', { detail: current }));
}

export function date(v) {
  if (!v) return '';
  const d = new Date(v);
  if (isNaN(d)) return String(v);
  return new Intl.DateTimeFormat(current, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

export function number(v, opts) {
  return new Intl.NumberFormat(current, opts).format(v);
}
