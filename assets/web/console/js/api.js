// The console's client of /console/api: the session (the account and
// its CSRF token, from /console/api/me), JSON calls that send the token
// on every change, and the header's account and sign-out buttons.
// Untrusted text reaches the DOM as text only (see el()). Importing it
// sets up the page's language (English or Spanish, msg.js); a change of
// language reloads the page.
import { init } from '../../js/common.js';
import * as i18n from '../../js/i18n.js';
import msgs from './msg.js';

export { el } from '../../js/common.js';
export const t = i18n.t;

i18n.add(msgs);
init();
document.addEventListener('langchange', () => window.location.reload());

let csrf = null;
let account = null;

// An Error carrying the API's description and the HTTP status.
function failure(r, body) {
  const d = Array.isArray(body) && body[0] && body[0].description;
  const e = new Error(d || `HTTP ${r.status}`);
  e.status = r.status;
  return e;
}

// Puts rows (tr elements) into tbody: after its rows when more, in place
// of them otherwise. Each cell is named by its column's heading
// (data-label), which a phone shows once the rows stack as cards.
export function fill(tbody, rows, more) {
  const heads = [...tbody.closest('table').tHead.rows[0].cells].map((th) => th.textContent.trim());
  for (const tr of rows) for (const td of tr.cells) td.dataset.label = heads[td.cellIndex] || '';
  if (more) tbody.append(...rows); else tbody.replaceChildren(...rows);
}

// GET (no body) or POST (an object sent as JSON) to /console/api/path.
export async function call(path, body) {
  return upload(path, body === undefined ? undefined : JSON.stringify(body), 'application/json');
}

// GET (no body) or POST of body (FormData: multipart, files included;
// else text of type ctype) to /console/api/path.
export async function upload(path, body, ctype) {
  const opt = { credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    opt.method = 'POST';
    if (ctype) opt.headers['Content-Type'] = ctype;
    if (csrf) opt.headers['X-CSRF-Token'] = csrf;
    opt.body = body;
  }
  const r = await fetch(`/console/api/${path}`, opt);
  const data = await r.json().catch(() => null);
  if (r.status === 401 && account) ended();
  if (!r.ok) throw failure(r, data);
  return data;
}

// The session ended (idle, too old, signed out elsewhere): to the sign-in
// form, which brings the staff member back here afterwards.
function ended() {
  account = null;
  toLogin({ ended: '1' });
}

function toLogin(q) {
  q.next = window.location.pathname + window.location.search;
  window.location.assign(`/console/?${new URLSearchParams(q)}`);
}

// Where to go after signing in: the page a session ended on, if it is
// one of the console's, else nowhere (null).
export function afterLogin() {
  const next = new URLSearchParams(window.location.search).get('next') || '';
  return /^\/console\/[^/]/.test(next) && !next.startsWith('/console/?') ? next : null;
}

// The values of form's named fields that are filled in and not hidden.
export function formBody(form) {
  const b = {};
  for (const e of form.elements) if (e.name && e.value && !e.closest('[hidden]')) b[e.name] = e.value;
  return b;
}

// Shows an API error in status and marks the field of form it names
// first ("url: ...") invalid and focused; clearFields() undoes it.
export function formError(form, status, err) {
  status.textContent = err.message;
  for (const e of form.elements) {
    if (e.name && err.message.startsWith(e.name)) {
      e.setAttribute('aria-invalid', 'true');
      e.focus();
      return;
    }
  }
}

export function clearFields(form) {
  for (const e of form.elements) e.removeAttribute('aria-invalid');
}

// The signed-in account, or null (no session).
export async function session() {
  try {
    const me = await call('me');
    csrf = me.csrf;
    account = me.account;
  } catch (e) {
    if (e.status !== 401) throw e;
    account = null;
  }
  return account;
}

export async function login(email, password) {
  const me = await call('login', { email, password });
  csrf = me.csrf;
  account = me.account;
  return account;
}

// Fills the header (name, sign-out buttons) for the account.
export function header(acc) {
  const who = document.getElementById('who');
  if (!who || !acc) return;
  document.getElementById('who-name').textContent = `${acc.name} (${acc.role})`;
  who.hidden = false;
  for (const [id, path] of [['logout', 'logout'], ['logout-all', 'logout-all']]) {
    const b = document.getElementById(id);
    if (b) {
      b.addEventListener('click', async () => {
        await call(path, {}).catch(() => null);
        window.location.assign('/console/');
      });
    }
  }
}

// Sends the page to the sign-in form when there is no session (back
// here after signing in).
export async function required() {
  const acc = await session();
  if (!acc) {
    toLogin({});
    return null;
  }
  header(acc);
  return acc;
}

// A date as the browser's locale shows it ('' for none).
export function when(s) {
  return i18n.date(s);
}

// A duration in seconds, roughly (3 d, 5 h, 12 min).
export function age(sec) {
  if (sec >= 86400) return `${Math.floor(sec / 86400)} d`;
  if (sec >= 3600) return `${Math.floor(sec / 3600)} h`;
  return `${Math.floor(sec / 60)} min`;
}

// A map of points [{lat, long, label, href}] (Leaflet, no tiles needed).
export function map(elem, points) {
  if (!window.L || !elem) return null;
  const m = window.L.map(elem, { attributionControl: false });
  const ll = [];
  for (const p of points) {
    if (p.lat === null || p.long === null || p.lat === undefined) continue;
    const mk = window.L.circleMarker([p.lat, p.long], { radius: 7, color: p.color || '#0b5394' });
    mk.bindTooltip(p.label);
    if (p.href) mk.on('click', () => window.location.assign(p.href));
    if (p.onclick) mk.on('click', p.onclick);
    mk.addTo(m);
    ll.push([p.lat, p.long]);
  }
  if (ll.length) m.fitBounds(ll, { maxZoom: 16, padding: [20, 20] });
  else m.setView([32.7157, -117.1611], 11);
  return m;
}
