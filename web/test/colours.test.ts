import { describe, expect, it } from 'vitest';
import { confidenceBand, markerStyle, PALETTE, partyColour, UNDETERMINED } from '../src/colours';

describe('colour by party and confidence', () => {
  const order = ['UA', 'RU', 'FR'];

  it('gives parties colours in the scenario order, grey when undetermined or unknown', () => {
    expect(partyColour('UA', order)).toBe(PALETTE[0]);
    expect(partyColour('RU', order)).toBe(PALETTE[1]);
    expect(partyColour(null, order)).toBe(UNDETERMINED);
    expect(partyColour('XX', order)).toBe(UNDETERMINED);
  });

  it('bands confidence at the attribution thresholds', () => {
    expect(confidenceBand(0.95)).toBe('high');
    expect(confidenceBand(0.9)).toBe('high');
    expect(confidenceBand(0.89)).toBe('medium');
    expect(confidenceBand(0.7)).toBe('medium');
    expect(confidenceBand(0.69)).toBe('low');
    expect(confidenceBand(undefined)).toBe('low');
  });

  it('fills by confidence and dashes the low band and the undetermined', () => {
    const high = markerStyle('RU', 0.95, order);
    const medium = markerStyle('RU', 0.8, order);
    const low = markerStyle('RU', 0.3, order);
    expect(high.fillOpacity).toBeGreaterThan(medium.fillOpacity);
    expect(medium.fillOpacity).toBeGreaterThan(low.fillOpacity);
    expect(high.dashArray).toBeUndefined();
    expect(low.dashArray).toBeDefined();
    const none = markerStyle(null, 0.99, order);
    expect(none.color).toBe(UNDETERMINED);
    expect(none.band).toBe('low');
  });
});
