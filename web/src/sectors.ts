// The agreement's named sectors (docs/scenario-format.md 8.6), as the scenario's geometry gives
// them, and the sector of a point: the first, in scenario order, whose polygon holds it, boundary
// included, with edges straight in longitude/latitude as the server draws them (GeoJSON).
import type { ScenarioGeometry } from './types';

type Ring = number[][]; // [lon, lat] positions, closed
type Polygon = Ring[]; // shell, then holes

export interface Sector {
  id: string;
  name: string;
  polygons: Polygon[];
}

export function sectorsOf(g: ScenarioGeometry | null): Sector[] {
  if (!g) return [];
  const out: Sector[] = [];
  for (const f of g.features) {
    if (f.properties.layer !== 'sector') continue;
    const geom = f.geometry;
    const polygons = geom.type === 'Polygon' ? [geom.coordinates] : geom.type === 'MultiPolygon' ? geom.coordinates : [];
    out.push({ id: String(f.properties.id), name: String(f.properties.name), polygons });
  }
  return out;
}

function onSegment(x: number, y: number, a: number[], b: number[]): boolean {
  const cross = (b[0] - a[0]) * (y - a[1]) - (b[1] - a[1]) * (x - a[0]);
  if (cross !== 0) return false;
  return Math.min(a[0], b[0]) <= x && x <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= y && y <= Math.max(a[1], b[1]);
}

// 1 inside, 0 on the ring, -1 outside (even-odd crossings).
function ringSide(x: number, y: number, ring: Ring): number {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j];
    const b = ring[i];
    if (onSegment(x, y, a, b)) return 0;
    if (a[1] > y !== b[1] > y && x < ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
  }
  return inside ? 1 : -1;
}

function polygonHolds(x: number, y: number, polygon: Polygon): boolean {
  if (polygon.length === 0) return false;
  const shell = ringSide(x, y, polygon[0]);
  if (shell < 0) return false;
  if (shell === 0) return true;
  // Inside the shell: out again only strictly inside a hole (a hole's edge is the polygon's).
  return polygon.slice(1).every((hole) => ringSide(x, y, hole) <= 0);
}

export function sectorAt(sectors: Sector[], lon: number, lat: number): Sector | null {
  for (const s of sectors) {
    if (s.polygons.some((p) => polygonHolds(lon, lat, p))) return s;
  }
  return null;
}
