// How an incident is drawn: its colour says which party it is attributed to, its fill and
// outline how confident the attribution is. Colours come from the Okabe-Ito palette (readable
// with the common colour-vision deficiencies) and are given to parties in the scenario's own
// order, so no colour is chosen for a party by judgement.

export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#F0E442'];
export const UNDETERMINED = '#6b6b6b';

export type ConfidenceBand = 'high' | 'medium' | 'low';

// REQUIRES: order lists party ids (the monitored parties first, as the scenario lists them).
export function partyColour(party: string | null | undefined, order: readonly string[]): string {
  if (!party) return UNDETERMINED;
  const i = order.indexOf(party);
  if (i < 0) return UNDETERMINED;
  return PALETTE[i % PALETTE.length];
}

// The engine names a responsible party at 0.7 and above (scenario monitoring rules'
// attribution_min_confidence default); 0.9 and above is what a single trusted source needs.
export function confidenceBand(confidence: number | null | undefined): ConfidenceBand {
  const c = confidence ?? 0;
  if (c >= 0.9) return 'high';
  if (c >= 0.7) return 'medium';
  return 'low';
}

export interface MarkerStyle {
  color: string;
  fillColor: string;
  fillOpacity: number;
  weight: number;
  dashArray: string | undefined;
  band: ConfidenceBand;
}

export function markerStyle(
  party: string | null | undefined,
  confidence: number | null | undefined,
  order: readonly string[],
): MarkerStyle {
  const colour = partyColour(party, order);
  const band = party ? confidenceBand(confidence) : 'low';
  return {
    color: colour,
    fillColor: colour,
    fillOpacity: band === 'high' ? 0.85 : band === 'medium' ? 0.5 : 0.12,
    weight: band === 'high' ? 1 : 2,
    dashArray: band === 'low' ? '3 3' : undefined,
    band,
  };
}
