// Density at low zoom: incidents binned into cells of a grid in degrees, each cell drawn once
// with its count. Cells are keyed by their integer indices, so the same points always give the
// same cells, in the same order.

export interface BinnedPoint {
  lat: number;
  lon: number;
  party: string | null;
}

export interface Bin {
  key: string;
  lat: number; // the mean position of the cell's points
  lon: number;
  count: number;
  byParty: Record<string, number>; // '' for undetermined
  dominant: string | null; // the party with most points; ties go to the first in id order
}

// Below this zoom the map shows density cells instead of single incidents.
export const DENSITY_BELOW_ZOOM = 7;

// A cell about 40 screen pixels wide at zoom z (256 px tiles cover 360 degrees at zoom 0).
export function cellDegrees(zoom: number): number {
  return (360 / (256 * 2 ** zoom)) * 40;
}

// REQUIRES: cell > 0.
export function binPoints(points: readonly BinnedPoint[], cell: number): Bin[] {
  const bins = new Map<string, { sumLat: number; sumLon: number; count: number; byParty: Record<string, number> }>();
  for (const p of points) {
    const key = `${Math.floor(p.lat / cell)}:${Math.floor(p.lon / cell)}`;
    let b = bins.get(key);
    if (!b) {
      b = { sumLat: 0, sumLon: 0, count: 0, byParty: {} };
      bins.set(key, b);
    }
    b.sumLat += p.lat;
    b.sumLon += p.lon;
    b.count += 1;
    const party = p.party ?? '';
    b.byParty[party] = (b.byParty[party] ?? 0) + 1;
  }
  const out: Bin[] = [];
  for (const [key, b] of bins) {
    let dominant: string | null = null;
    let best = -1;
    for (const party of Object.keys(b.byParty).sort()) {
      if (b.byParty[party] > best) {
        best = b.byParty[party];
        dominant = party === '' ? null : party;
      }
    }
    out.push({ key, lat: b.sumLat / b.count, lon: b.sumLon / b.count, count: b.count, byParty: b.byParty, dominant });
  }
  out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return out;
}

// Radius in pixels of a density cell of `count` incidents: area grows with the count.
export function binRadius(count: number): number {
  return Math.min(28, 5 + 3 * Math.sqrt(count));
}
