// Form fields and their errors: an error is shown beside its field, tied
// to it with aria-describedby and aria-invalid, and cleared on input.
export function setError(input, errEl, msg) {
  if (!errEl) return;
  errEl.textContent = msg || '';
  errEl.hidden = !msg;
  if (input) {
    if (msg) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }
}

export function clearAll(root) {
  for (const e of root.querySelectorAll('.error')) { e.textContent = ''; e.hidden = true; }
  for (const e of root.querySelectorAll('[aria-invalid]')) e.removeAttribute('aria-invalid');
}

// The field an API error description names ("attribute[CODE] ...",
// "email ...", "lat ..."), as the id of its input, or null.
export function fieldOf(description) {
  const m = /^attribute\[([^\]]+)\]/.exec(description || '');
  if (m) return `attr-${m[1]}`;
  const w = /^(email|description|lat|long|media|photo\d*|address_string)\b/.exec(description || '');
  if (!w) return null;
  if (w[1] === 'media' || w[1].startsWith('photo')) return 'photo';
  if (w[1] === 'address_string') return 'address';
  return w[1];
}

export function isNumber(v) {
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v) && Number.isFinite(Number(v));
}

export function isEmail(v) {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) && v.length <= 254;
}
