import { describe, expect, it } from 'vitest';
import { sectorAt, sectorsOf } from '../src/sectors';
import type { ScenarioGeometry } from '../src/types';

// Two overlapping sectors (north listed first) and a sector with a hole, as the server sends them.
const geometry = {
  type: 'FeatureCollection',
  agreement: { id: 'a', name: 'A', effective: '2026-02-01T00:00:00+02:00' },
  parties: [],
  features: [
    { type: 'Feature', properties: { layer: 'line_of_contact' }, geometry: { type: 'MultiLineString', coordinates: [[[35, 48], [35, 49]]] } },
    {
      type: 'Feature',
      properties: { layer: 'sector', id: 'north', name: 'North' },
      geometry: { type: 'Polygon', coordinates: [[[35, 48.5], [37, 48.5], [37, 49.5], [35, 49.5], [35, 48.5]]] },
    },
    {
      type: 'Feature',
      properties: { layer: 'sector', id: 'south', name: 'South' },
      geometry: { type: 'Polygon', coordinates: [[[35, 47.5], [37, 47.5], [37, 48.6], [35, 48.6], [35, 47.5]]] },
    },
    {
      type: 'Feature',
      properties: { layer: 'sector', id: 'ring', name: 'Ring' },
      geometry: {
        type: 'MultiPolygon',
        coordinates: [[[[30, 40], [34, 40], [34, 44], [30, 44], [30, 40]], [[31, 41], [33, 41], [33, 43], [31, 43], [31, 41]]]],
      },
    },
  ],
} as unknown as ScenarioGeometry;

describe('the sector of a point', () => {
  const sectors = sectorsOf(geometry);
  const at = (lon: number, lat: number) => sectorAt(sectors, lon, lat)?.id ?? 'none';

  it('reads the sectors in scenario order, and nothing else', () => {
    expect(sectors.map((s) => s.id)).toEqual(['north', 'south', 'ring']);
    expect(sectorsOf(null)).toEqual([]);
  });

  it('is the first sector in scenario order that holds the point, boundary included', () => {
    expect(at(36, 49)).toBe('north');
    expect(at(36, 48.3)).toBe('south');
    expect(at(36, 48.55)).toBe('north'); // in both
    expect(at(35.5, 48.5)).toBe('north'); // on north's edge, inside south
    expect(at(36, 47.5)).toBe('south'); // on its edge
    expect(at(35, 48)).toBe('south'); // on its western edge
    expect(at(36, 47.49)).toBe('none');
  });

  it('leaves out a hole, but not its edge', () => {
    expect(at(30.5, 40.5)).toBe('ring');
    expect(at(32, 42)).toBe('none');
    expect(at(31, 42)).toBe('ring');
  });
});
