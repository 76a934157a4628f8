// How the dashboard describes an event stored under a case's id but recorded on another case of
// that id (a scenario changed between starts opened a different case under it). The event is not
// applied to the case shown; the description says so and names the case it was recorded on by the
// first 12 hex digits of its digest.
import type { OtherCaseEvent } from './types';

export function describeOtherCaseEvent(e: OtherCaseEvent): string {
  const what =
    e.kind === 'decision'
      ? `decision ${e.decision ?? ''} by ${e.by} at ${e.at}: ${e.rationale ?? ''}${e.remedy ? ` (remedy: ${e.remedy})` : ''}`
      : `${e.kind} by ${e.by} at ${e.at}`;
  return `${what}; recorded on case ${e.case_sha256.slice(0, 12)}…, not applied here`;
}
