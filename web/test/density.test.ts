import { describe, expect, it } from 'vitest';
import { binPoints, binRadius, cellDegrees } from '../src/density';

describe('density binning', () => {
  const points = [
    { lat: 47.51, lon: 35.01, party: 'RU' },
    { lat: 47.52, lon: 35.02, party: 'RU' },
    { lat: 47.53, lon: 35.03, party: 'UA' },
    { lat: 48.9, lon: 37.9, party: null },
  ];

  it('keeps every point: the counts add up to the number of points', () => {
    for (const cell of [0.01, 0.1, 0.5, 2, 50]) {
      const bins = binPoints(points, cell);
      expect(bins.reduce((n, b) => n + b.count, 0)).toBe(points.length);
    }
  });

  it('puts nearby points in one cell with the mean position and the dominant party', () => {
    const bins = binPoints(points, 0.5);
    expect(bins).toHaveLength(2);
    const south = bins.find((b) => b.count === 3)!;
    expect(south.byParty).toEqual({ RU: 2, UA: 1 });
    expect(south.dominant).toBe('RU');
    expect(south.lat).toBeCloseTo(47.52, 6);
    const north = bins.find((b) => b.count === 1)!;
    expect(north.dominant).toBeNull();
  });

  it('gives the same cells in the same order for any order of the points', () => {
    expect(binPoints([...points].reverse(), 0.5).map((b) => b.key)).toEqual(binPoints(points, 0.5).map((b) => b.key));
  });

  it('breaks a tie by party id, not by input order', () => {
    const tie = [
      { lat: 1, lon: 1, party: 'UA' },
      { lat: 1, lon: 1, party: 'RU' },
    ];
    expect(binPoints(tie, 1)[0].dominant).toBe('RU');
    expect(binPoints([...tie].reverse(), 1)[0].dominant).toBe('RU');
  });

  it('halves the cell with each zoom level and bounds the radius', () => {
    expect(cellDegrees(6) / cellDegrees(7)).toBeCloseTo(2, 9);
    expect(binRadius(1)).toBeLessThan(binRadius(50));
    expect(binRadius(1e6)).toBe(28);
  });
});
