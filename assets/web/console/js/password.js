// Sets the password with a one-time link (/console/password#token=...):
// the token stays in the fragment, never sent in a URL.
import { call } from './api.js';

const $ = (id) => document.getElementById(id);
const token = new URLSearchParams(window.location.hash.slice(1)).get('token') || '';

$('pw-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  $('pw-error').textContent = '';
  if ($('pw1').value !== $('pw2').value) {
    $('pw-error').textContent = 'The two passwords differ.';
    return;
  }
  try {
    await call('password', { token, password: $('pw1').value });
    $('pw-form').hidden = true;
    $('pw-done').textContent = 'Your password is set. Sign in at /console/.';
  } catch (e) {
    $('pw-error').textContent = e.message;
  }
});
