// The period a report of several days covers (GET /v1/reports/period, docs/service.md): from the
// first day with violations to the last, or the last 92 days of them when there are more (the
// most the server reports at once).
export const MAX_PERIOD_DAYS = 92;

export function periodOf(days: readonly string[]): { from: string; to: string } | undefined {
  if (days.length === 0) return undefined;
  const to = days[days.length - 1];
  const earliest = new Date(`${to}T00:00:00Z`);
  earliest.setUTCDate(earliest.getUTCDate() - (MAX_PERIOD_DAYS - 1));
  const floor = earliest.toISOString().slice(0, 10);
  return { from: days[0] < floor ? floor : days[0], to };
}
