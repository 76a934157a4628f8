// The offline basemap (virtual:basemap, made at build time from Natural Earth by
// build/basemap_plugin.ts), loaded as a module of its own after the page and drawn on a canvas.
import L from 'leaflet';

export async function loadBasemap(map: L.Map, pane: string): Promise<void> {
  const { default: countries } = await import('virtual:basemap');
  L.geoJSON(countries, {
    pane,
    interactive: false,
    style: { color: '#8c8c8c', weight: 0.8, fillColor: '#f3f1ea', fillOpacity: 1, renderer: L.canvas({ pane }) } as L.PathOptions,
  }).addTo(map);
}
