// The statistics charts from a /stats.json answer (opened by day and
// channel, by channel, time to close and share within the service level
// by service, by agency), each with its data as a table and as a CSV
// download: the public statistics page's and the console dashboard's.
import { el } from './common.js';
import * as i18n from './i18n.js';
import { csvLink } from './csv.js';

const COLORS = ['#0b5394', '#e69138', '#38761d', '#990000', '#674ea7'];

function hours(v) { return v === null || v === undefined ? null : Math.round(v / 24 * 10) / 10; }

// Requests opened each day from the first to the last with any, one
// series a channel; a day without any is 0.
function daily(d) {
  const rows = d.by_day || [];
  const seen = rows.map((r) => r.day).sort();
  const days = [];
  if (seen.length) {
    const last = Date.parse(`${seen[seen.length - 1]}T00:00:00Z`);
    for (let t = Date.parse(`${seen[0]}T00:00:00Z`); t <= last; t += 86400000) days.push(new Date(t).toISOString().slice(0, 10));
  }
  const chans = [...new Set(rows.map((r) => r.channel))].sort();
  const at = new Map(rows.map((r) => [`${r.day} ${r.channel}`, r.opened]));
  return { key: 'daily', title: 'stats.daily', stacked: true, labels: days,
    series: chans.map((c) => [c, days.map((x) => at.get(`${x} ${c}`) || 0)]) };
}

function specs(d) {
  const svc = d.by_service || [];
  return [
    daily(d),
    { key: 'volume', title: 'stats.volume', labels: (d.by_channel || []).map((r) => r.channel),
      series: [['status.open', (d.by_channel || []).map((r) => r.opened)],
        ['status.closed', (d.by_channel || []).map((r) => r.closed)]] },
    { key: 'close', title: 'stats.close', labels: svc.map((r) => r.service_name),
      series: [['stats.median', svc.map((r) => hours(r.median_hours_to_close))],
        ['stats.p90', svc.map((r) => hours(r.p90_hours_to_close))]] },
    { key: 'sla', title: 'stats.sla', labels: svc.map((r) => r.service_name),
      series: [['stats.share', svc.map((r) => (r.closed_within_sla_share === null ? null : Math.round(r.closed_within_sla_share * 1000) / 10))]] },
    { key: 'agency', title: 'stats.agency', labels: (d.by_agency || []).map((r) => r.agency_responsible),
      series: [['stats.requests', (d.by_agency || []).map((r) => r.opened)]] },
  ];
}

// Draws the charts of data into box, replacing what was there (old: the
// charts an earlier call returned), each titled with a heading of that
// level; returns the new charts.
export function draw(box, data, old = [], heading = 'h2') {
  for (const c of old) c.destroy();
  const charts = [];
  box.replaceChildren();
  if (!data) return charts;
  for (const s of specs(data)) {
    const canvas = el('canvas', { role: 'img', 'aria-label': i18n.t(s.title) });
    const table = el('table', {},
      el('thead', {}, el('tr', {}, el('th', { text: '' }), ...s.series.map(([k]) => el('th', { text: i18n.t(k) })))),
      el('tbody', {}, ...s.labels.map((l, i) => el('tr', {}, el('th', { text: l }),
        ...s.series.map(([, v]) => el('td', { text: v[i] === null ? '—' : i18n.number(v[i]) }))))));
    box.append(el('figure', { id: `chart-${s.key}` },
      el('figcaption', {}, el(heading, { text: i18n.t(s.title) })),
      canvas,
      el('details', {}, el('summary', { text: i18n.t('stats.table') }), table),
      csvLink(`${s.key}.csv`, ['label', ...s.series.map(([k]) => i18n.t(k))],
        s.labels.map((l, i) => [l, ...s.series.map(([, v]) => v[i])]), i18n.t('stats.csv'))));
    charts.push(new Chart(canvas, {
      type: 'bar',
      data: { labels: s.labels, datasets: s.series.map(([k, v], i) => ({ label: i18n.t(k), data: v, backgroundColor: COLORS[i % COLORS.length] })) },
      options: { animation: false, responsive: true, locale: i18n.lang(),
        scales: s.stacked ? { x: { stacked: true }, y: { stacked: true } } : {} },
    }));
  }
  return charts;
}
