// Sets the password with a one-time link (/console/password#token=...):
// the token stays in the fragment, never sent in a URL.
import { call, t } from './api.js';

const $ = (id) => document.getElementById(id);
const token = new URLSearchParams(window.location.hash.slice(1)).get('token') || '';

$('pw-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  $('pw-error').textContent = '';
  if ($('pw1').value !== $('pw2').value) {
    $('pw-error').textContent = t('c.pw-differ');
    return;
  }
  try {
    await call('password', { token, password: $('pw1').value });
    $('pw-form').hidden = true;
    $('pw-done').textContent = t('c.pw-set');
  } catch (e) {
    $('pw-error').textContent = e.message;
  }
});
