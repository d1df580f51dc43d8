// Report, step 3: the details form, generated from the service
// definition in its order: string, number, datetime, text,
// singlevaluelist and multivaluelist fields, required or not, and
// variable:false attributes shown as text. Validation mirrors the
// server's; the server's own 400 goes beside the field it names.
import { el } from './common.js';
import * as i18n from './i18n.js';
import { setError, isNumber, isEmail } from './fields.js';

let attrs = [];

function label(a, forId) {
  return el('label', { for: forId }, a.description || a.code,
    a.required ? el('span', { class: 'req', text: ' *' }) : null);
}

function field(a) {
  const id = `attr-${a.code}`;
  const err = el('p', { id: `${id}-error`, class: 'error', hidden: true });
  const help = a.datatype_description ?
    el('p', { id: `${id}-help`, class: 'help', text: a.datatype_description }) : null;
  const described = [help ? `${id}-help` : null, `${id}-error`].filter(Boolean).join(' ');
  const common = { id, name: `attribute[${a.code}]`, 'aria-describedby': described,
    'aria-required': a.required ? 'true' : null };
  let input;
  switch (a.datatype) {
    case 'number':
      input = el('input', Object.assign({ inputmode: 'decimal', autocomplete: 'off' }, common));
      break;
    case 'datetime':
      input = el('input', Object.assign({ type: 'datetime-local' }, common));
      break;
    case 'text':
      input = el('textarea', Object.assign({ rows: 3 }, common));
      break;
    case 'singlevaluelist':
      input = el('select', common, el('option', { value: '', text: i18n.t('report.choose') }),
        ...(a.values || []).map((v) => el('option', { value: v.key, text: v.name })));
      break;
    case 'multivaluelist': {
      const fs = el('fieldset', { id, class: 'field', 'aria-describedby': described },
        el('legend', {}, a.description || a.code, a.required ? el('span', { class: 'req', text: ' *' }) : null));
      (a.values || []).forEach((v, i) => {
        const cid = `${id}-${i}`;
        fs.append(el('div', { class: 'check' },
          el('input', { type: 'checkbox', id: cid, name: `attribute[${a.code}][]`, value: v.key }),
          el('label', { for: cid, text: v.name })));
      });
      fs.append(...[help, err].filter(Boolean));
      return fs;
    }
    default:
      input = el('input', Object.assign({ autocomplete: 'off' }, common));
  }
  return el('div', { class: 'field' }, label(a, id), input, help, err);
}

// Builds the form of definition def in the #attributes box.
export function build(def) {
  attrs = (def.attributes || []).slice().sort((x, y) => (x.order || 0) - (y.order || 0));
  const box = document.getElementById('attributes');
  box.replaceChildren();
  for (const a of attrs) {
    if (a.variable === false) box.append(el('p', { class: 'note', text: a.description }));
    else box.append(field(a));
  }
}

function value(a) {
  if (a.datatype === 'multivaluelist') {
    return [...document.querySelectorAll(`#attr-${CSS.escape(a.code)} input:checked`)].map((c) => c.value);
  }
  return document.getElementById(`attr-${a.code}`).value.trim();
}

// Checks every field as the server would; returns the first bad input.
export function validate() {
  let first = null;
  const bad = (input, errId, msg) => {
    setError(input, document.getElementById(errId), msg);
    if (msg && !first) first = input;
  };
  for (const a of attrs) {
    if (a.variable === false) continue;
    const id = `attr-${a.code}`;
    const input = a.datatype === 'multivaluelist' ?
      document.querySelector(`#${CSS.escape(id)} input`) : document.getElementById(id);
    const v = value(a);
    let msg = '';
    if (a.required && (v === '' || v.length === 0)) msg = i18n.t('report.required');
    else if (a.datatype === 'number' && v !== '' && !isNumber(v)) msg = i18n.t('report.number');
    else if (a.datatype === 'datetime' && v !== '' && isNaN(new Date(v))) msg = i18n.t('report.datetime');
    bad(input, `${id}-error`, msg);
  }
  const email = document.getElementById('email');
  const consent = document.getElementById('consent');
  const e = email.value.trim();
  bad(email, 'email-error', e && !isEmail(e) ? i18n.t('report.bad.email') : '');
  bad(consent, 'consent-error', e && !consent.checked ? i18n.t('report.consent.needed') : '');
  return first;
}

// The attributes as the API takes them, added to form data fd.
export function append(fd) {
  for (const a of attrs) {
    if (a.variable === false) continue;
    const v = value(a);
    if (a.datatype === 'multivaluelist') {
      for (const k of v) fd.append(`attribute[${a.code}][]`, k);
    } else if (v !== '') {
      fd.append(`attribute[${a.code}]`, a.datatype === 'datetime' ? new Date(v).toISOString() : v);
    }
  }
}
