// How figures read in the dashboard's tables and details: the same number of decimals in every
// row of a column, so that a column can be compared at a glance. Exports keep the raw values.

// An attribution confidence in [0, 1], with the three decimals the server rounds it to
// ("1.000", "0.750", "0.977"); an empty string when there is none.
export function formatConfidence(confidence: number | null | undefined): string {
  return confidence == null || !Number.isFinite(confidence) ? '' : confidence.toFixed(3);
}

// A share in [0, 1] as a whole percentage ("67%").
export function formatPercent(share: number): string {
  return `${Math.round(share * 100)}%`;
}
