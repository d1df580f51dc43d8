// The map every page shares: Leaflet with the configured tiles (the map
// works without them: boundaries and pins on a plain background) and the
// jurisdictions' boundaries from /jurisdictions.geojson.
import { getJSON } from './common.js';
import * as i18n from './i18n.js';

const REGION = [32.75, -117.05];

export function create(id, cfg, opts) {
  const map = L.map(id, Object.assign({ keyboard: true, zoomControl: false }, opts || {}));
  L.control.zoom({ zoomInTitle: i18n.t('map.zoomin'), zoomOutTitle: i18n.t('map.zoomout') }).addTo(map);
  map.setView(REGION, 10);
  if (cfg.tile_url) {
    L.tileLayer(cfg.tile_url, { attribution: cfg.tile_attribution, maxZoom: 19 }).addTo(map);
  }
  return map;
}

// Draws the boundaries; returns the GeoJSON (for "nearest authority").
export async function boundaries(map, fit) {
  const gj = await getJSON('/jurisdictions.geojson');
  const layer = L.geoJSON(gj, {
    style: { color: '#0b5394', weight: 2, fill: true, fillOpacity: 0.05 },
    interactive: false,
  }).addTo(map);
  if (fit && layer.getBounds().isValid()) map.fitBounds(layer.getBounds());
  return gj;
}

// A pin with no image: a styled div, labelled for screen readers.
export function pin(lat, lng, label, closed) {
  return L.marker([lat, lng], {
    title: label,
    alt: label,
    keyboard: true,
    icon: L.divIcon({ className: closed ? 'pin closed' : 'pin', iconSize: [18, 18] }),
  });
}

// The jurisdiction of gj nearest to lat/lng, by its nearest vertex.
export function nearest(gj, lat, lng) {
  let best = null;
  let bestd = Infinity;
  const visit = (c, name) => {
    if (typeof c[0] === 'number') {
      const d = (c[1] - lat) ** 2 + ((c[0] - lng) * Math.cos(lat * Math.PI / 180)) ** 2;
      if (d < bestd) { bestd = d; best = name; }
      return;
    }
    for (const x of c) visit(x, name);
  };
  for (const f of gj.features || []) {
    if (f.geometry) visit(f.geometry.coordinates, f.properties && f.properties.name);
  }
  return best;
}
