// `virtual:basemap`: the offline basemap as a GeoJSON module, made at build time from Natural
// Earth 1:50m countries (world-atlas): only the countries that meet the region the map shows,
// their rings clipped to it (Sutherland-Hodgman against a rectangle) and positions rounded to
// 0.005 degree (about 500 m). About a sixth of the whole file: the map's first paint waits for
// less, and the page never asks anything of a tile server.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';

type Position = [number, number];
type Ring = Position[];

// west, south, east, north
export const BASEMAP_AREA: [number, number, number, number] = [14, 38, 56, 60];

function clipRing(ring: Ring, [w, s, e, n]: typeof BASEMAP_AREA): Ring {
  const edges: [(p: Position) => boolean, (a: Position, b: Position) => Position][] = [
    [(p) => p[0] >= w, (a, b) => [w, a[1] + ((b[1] - a[1]) * (w - a[0])) / (b[0] - a[0])]],
    [(p) => p[0] <= e, (a, b) => [e, a[1] + ((b[1] - a[1]) * (e - a[0])) / (b[0] - a[0])]],
    [(p) => p[1] >= s, (a, b) => [a[0] + ((b[0] - a[0]) * (s - a[1])) / (b[1] - a[1]), s]],
    [(p) => p[1] <= n, (a, b) => [a[0] + ((b[0] - a[0]) * (n - a[1])) / (b[1] - a[1]), n]],
  ];
  let out = ring;
  for (const [inside, cross] of edges) {
    const input = out;
    out = [];
    for (let i = 0; i < input.length; i++) {
      const cur = input[i];
      const prev = input[(i + input.length - 1) % input.length];
      if (inside(cur)) {
        if (!inside(prev)) out.push(cross(prev, cur));
        out.push(cur);
      } else if (inside(prev)) {
        out.push(cross(prev, cur));
      }
    }
    if (out.length === 0) break;
  }
  const rounded: Ring = [];
  for (const [x, y] of out) {
    const p: Position = [Math.round(x * 200) / 200, Math.round(y * 200) / 200];
    const last = rounded[rounded.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) rounded.push(p);
  }
  if (rounded.length > 0) rounded.push(rounded[0]);
  return rounded.length >= 4 ? rounded : [];
}

export function makeBasemap(): GeoJSON.FeatureCollection {
  const require = createRequire(import.meta.url);
  const topo = JSON.parse(readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8')) as Topology;
  const countries = feature(topo, topo.objects.countries) as unknown as GeoJSON.FeatureCollection;
  const features: GeoJSON.Feature[] = [];
  for (const f of countries.features) {
    const g = f.geometry;
    const polygons = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
    const clipped = polygons
      .map((rings) => rings.map((r) => clipRing(r as Ring, BASEMAP_AREA)).filter((r) => r.length > 0))
      .filter((rings) => rings.length > 0);
    if (clipped.length === 0) continue;
    features.push({
      type: 'Feature',
      properties: { name: (f.properties as { name?: string } | null)?.name ?? '' },
      geometry: { type: 'MultiPolygon', coordinates: clipped },
    });
  }
  return { type: 'FeatureCollection', features };
}

export function basemapPlugin(): Plugin {
  const id = 'virtual:basemap';
  return {
    name: 'guarantor-basemap',
    resolveId: (source) => (source === id ? `\0${id}` : null),
    load: (resolved) => (resolved === `\0${id}` ? `export default ${JSON.stringify(makeBasemap())};` : null),
  };
}
