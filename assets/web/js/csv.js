// A link that downloads rows as CSV (RFC 4180 quoting; a cell that a
// spreadsheet would run as a formula is prefixed with an apostrophe).
import { el } from './common.js';

function cell(v) {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvText(header, rows) {
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

export function csvLink(name, header, rows, label) {
  const blob = new Blob([csvText(header, rows)], { type: 'text/csv' });
  return el('a', { class: 'button csv', href: URL.createObjectURL(blob), download: name, text: label });
}
