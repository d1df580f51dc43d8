// Report, step 1: where. A pin on the map, the browser's location, an
// address from the gazetteer (report-address.js) or typed coordinates;
// the point chooses the jurisdiction as POST does, so
// the services at that point are asked for, and a point outside every
// boundary is told plainly with the nearest authority named.
import { getJSON } from './common.js';
import * as i18n from './i18n.js';
import * as maps from './map.js';
import { setError, isNumber } from './fields.js';
import * as address from './report-address.js';

let marker = null;
let gj = null;

function place(map, lat, lng) {
  document.getElementById('lat').value = lat.toFixed(6);
  document.getElementById('long').value = lng.toFixed(6);
  if (marker) marker.setLatLng([lat, lng]);
  else marker = maps.pin(lat, lng, i18n.t('report.maplabel')).addTo(map);
}

// The name of jurisdiction id in the boundaries (gj), else the id.
function jurName(id) {
  for (const f of (gj && gj.features) || []) {
    if (f.properties && f.properties.jurisdiction_id === id) return f.properties.name;
  }
  return id || '';
}

function read() {
  const lat = document.getElementById('lat');
  const lng = document.getElementById('long');
  let ok = true;
  const a = lat.value.trim();
  const b = lng.value.trim();
  const badLat = !isNumber(a) || Math.abs(Number(a)) > 90;
  const badLng = !isNumber(b) || Math.abs(Number(b)) > 180;
  setError(lat, document.getElementById('lat-error'), badLat ? i18n.t('report.bad.lat') : '');
  setError(lng, document.getElementById('long-error'), badLng ? i18n.t('report.bad.long') : '');
  if (badLat) { lat.focus(); ok = false; } else if (badLng) { lng.focus(); ok = false; }
  return ok ? { lat: Number(a), long: Number(b) } : null;
}

// Sets up step 1; onDone(point, services) when a point has services.
export async function setup(map, onDone) {
  gj = await maps.boundaries(map, true);
  map.on('click', (e) => place(map, e.latlng.lat, e.latlng.lng));
  address.setup((a, said) => {
    place(map, a.lat, a.long);
    map.setView([a.lat, a.long], 17);
    setError(document.getElementById('lat'), document.getElementById('lat-error'), '');
    setError(document.getElementById('long'), document.getElementById('long-error'), '');
    said.textContent = i18n.t('report.address.placed', { label: a.label, name: jurName(a.jurisdiction_id) });
  });
  const status = document.getElementById('where-result');
  document.getElementById('locate').addEventListener('click', () => {
    if (!navigator.geolocation) { status.textContent = i18n.t('report.locate.failed'); return; }
    status.textContent = i18n.t('report.locating');
    navigator.geolocation.getCurrentPosition((p) => {
      place(map, p.coords.latitude, p.coords.longitude);
      map.setView([p.coords.latitude, p.coords.longitude], 16);
      status.textContent = '';
    }, () => { status.textContent = i18n.t('report.locate.failed'); }, { timeout: 10000 });
  });
  document.getElementById('where-next').addEventListener('click', async () => {
    const pt = read();
    if (!pt) return;
    place(map, pt.lat, pt.long);
    const list = await getJSON(`/services.json?lat=${pt.lat}&long=${pt.long}&locale=${encodeURIComponent(i18n.lang())}`);
    if (list.length === 0) {
      const near = maps.nearest(gj, pt.lat, pt.long);
      status.textContent = near ? i18n.t('report.outside.near', { name: near }) : i18n.t('report.outside');
      return;
    }
    pt.address = document.getElementById('address').value.trim();
    status.textContent = '';
    onDone(pt, list);
  });
}
