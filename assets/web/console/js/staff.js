// Operate's staff accounts (admins): those the admin may manage, a form
// to add one (its password link is e-mailed at once when the gateway
// can send mail; otherwise the message says to use the command line), a
// new password link, and disabling an account.
import { call, clearFields, el, fill, formBody, formError, t } from './api.js';

const $ = (id) => document.getElementById(id);

export async function staff() {
  const s = await call('staff');
  fill($('staff'), s.staff.map((x) => el('tr', {},
    el('td', { text: x.id }), el('td', { text: x.me ? t('c.you', { name: x.name }) : x.name }),
    el('td', { text: x.email }), el('td', { text: t(`c.role-${x.role}`) }),
    el('td', { text: x.jurisdictions ? x.jurisdictions.join(', ') : t('c.all') }),
    el('td', { text: x.password_set ? t('c.pw-is-set') : t('c.pw-not-set') }),
    el('td', { text: String(x.sessions) }),
    el('td', { text: x.active ? t('c.active') : t('c.disabled') }),
    el('td', {}, ...(x.active ? [
      el('button', { type: 'button', text: t('c.send-link', { name: x.name }), onclick: () => link(x.id) }),
      x.me ? null : el('button', { type: 'button', text: t('c.disable', { name: x.name }), onclick: () => disable(x) }),
    ] : [])))));
}

// E-mails account id a new password link; says what happened.
export async function link(id, prefix = '') {
  try {
    const r = await call(`staff/${id}/link`, {});
    $('s-error').textContent = prefix + t('c.link-sent', { email: r.emailed_to });
  } catch (e) {
    $('s-error').textContent = prefix + e.message;
  }
}

async function disable(x) {
  if (!window.confirm(t('c.disable-confirm', { email: x.email }))) return;
  try {
    await call(`staff/${x.id}/disable`, {});
    $('s-error').textContent = t('c.staff-disabled', { email: x.email });
    await staff();
  } catch (e) {
    $('s-error').textContent = e.message;
  }
}

export function wireStaff() {
  $('staff-new').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearFields($('staff-new'));
    let r;
    try {
      r = await call('staff', formBody($('staff-new')));
    } catch (e) {
      formError($('staff-new'), $('s-error'), e);
      return;
    }
    $('staff-new').reset();
    await link(r.id, `${t('c.staff-added', { id: r.id, email: r.email })} `);
    await staff();
  });
}
