// Report, step 1: the address box, a combobox (WAI-ARIA 1.2 pattern).
// As a person types (debounced), the gazetteer is searched on the
// gateway itself (/web/geocode.json, no outside geocoder); the addresses
// found are a listbox chosen with the arrow keys and Enter or a tap, and
// how many were found (or that none was) is said in a live region.
// Choosing one calls onChoose(address): the caller places the pin.
import { el, getJSON } from './common.js';
import * as i18n from './i18n.js';

const DEBOUNCE_MS = 250;
const MIN_CHARS = 3;

export function setup(onChoose) {
  const input = document.getElementById('address');
  const list = document.getElementById('address-list');
  const status = document.getElementById('address-status');
  let found = [];
  let active = -1;
  let timer = null;
  let seq = 0;

  const close = () => {
    list.hidden = true;
    list.replaceChildren();
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };

  const mark = (i) => {
    active = i;
    list.querySelectorAll('[role=option]').forEach((o, k) => {
      o.setAttribute('aria-selected', k === i ? 'true' : 'false');
    });
    if (i < 0) { input.removeAttribute('aria-activedescendant'); return; }
    const o = document.getElementById(`address-opt-${i}`);
    input.setAttribute('aria-activedescendant', o.id);
    o.scrollIntoView({ block: 'nearest' });
  };

  const choose = (i) => {
    const a = found[i];
    if (!a) return;
    input.value = a.label;
    close();
    seq++;
    onChoose(a, status);
  };

  const render = (q, rows) => {
    found = rows;
    list.replaceChildren();
    rows.forEach((a, i) => {
      list.append(el('li', {
        id: `address-opt-${i}`,
        role: 'option',
        'aria-selected': 'false',
        text: a.label,
        onmousedown: (e) => e.preventDefault(),
        onclick: () => choose(i),
      }));
    });
    if (rows.length === 0) {
      close();
      status.textContent = i18n.t('report.address.none', { q });
      return;
    }
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    active = -1;
    status.textContent = rows.length === 1 ? i18n.t('report.address.found.one')
      : i18n.t('report.address.found.many', { n: i18n.number(rows.length) });
  };

  const search = async (q) => {
    const mine = ++seq;
    let rows;
    try {
      rows = await getJSON(`/web/geocode.json?q=${encodeURIComponent(q)}`);
    } catch (e) {
      if (mine !== seq) return;
      close();
      // 400: nothing searchable typed yet (punctuation alone).
      status.textContent = e.status === 400 ? '' : i18n.t('report.address.failed');
      return;
    }
    if (mine !== seq || input.value.trim() !== q) return;
    render(q, rows);
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < MIN_CHARS) {
      seq++;
      close();
      status.textContent = '';
      return;
    }
    timer = setTimeout(() => search(q), DEBOUNCE_MS);
  });

  input.addEventListener('keydown', (e) => {
    const open = !list.hidden && found.length > 0;
    if (e.key === 'ArrowDown' && open) {
      e.preventDefault();
      mark(active + 1 >= found.length ? 0 : active + 1);
    } else if (e.key === 'ArrowUp' && open) {
      e.preventDefault();
      mark(active <= 0 ? found.length - 1 : active - 1);
    } else if (e.key === 'Enter' && open && active >= 0) {
      e.preventDefault();
      choose(active);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      close();
    }
  });

  input.addEventListener('blur', () => { if (!list.hidden) close(); });
}
