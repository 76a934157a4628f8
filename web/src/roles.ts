// Which views a role is offered, mirroring the server's access policy (docs/service.md §4;
// src/server/access_policy.cc). The server decides what each request may read; this table only
// keeps the interface from offering what the server would refuse.
import type { ViewId } from './url_state';

export type Role = 'hq' | 'commission' | 'monitor' | 'delegation' | 'public';

export interface Whoami {
  user: string;
  role: Role;
  organisation: string;
  reads_up_to: string;
}

const PLAN_READERS: readonly Role[] = ['hq', 'commission', 'delegation'];

const VIEW_ROLES: Record<ViewId, readonly Role[]> = {
  map: ['hq', 'commission', 'monitor', 'delegation', 'public'],
  monitoring: ['hq', 'commission', 'monitor', 'delegation', 'public'],
  commission: PLAN_READERS, // cases: read by hq and delegations, triaged by the Commission
  force: PLAN_READERS,
  guarantees: PLAN_READERS,
  support: PLAN_READERS,
  ledger: PLAN_READERS,
};

export function mayOpen(role: Role, view: ViewId): boolean {
  return VIEW_ROLES[view].includes(role);
}

export function mayTriage(role: Role): boolean {
  return role === 'commission';
}

// Case transitions the Commission's case file allows (src/commission/case_file.cc): the form
// offers every decision and enables these; the server checks again.
const TRANSITIONS: Record<string, readonly string[]> = {
  open: ['under_review', 'unverifiable'],
  under_review: ['attributed', 'unverifiable'],
  attributed: ['remedy_decided'],
  remedy_decided: ['closed'],
  unverifiable: ['closed'],
  closed: [],
};

export const DECISIONS = ['under_review', 'attributed', 'remedy_decided', 'closed', 'unverifiable'] as const;

export function allowedDecisions(state: string): readonly string[] {
  return TRANSITIONS[state] ?? [];
}

// The decisions that may state a remedy, and the one that must (src/commission/case_file.h,
// CheckDecisionRemedy: remedy_decided means the remedy is decided). The server checks again.
export function offersRemedy(decision: string): boolean {
  return decision === 'remedy_decided' || decision === 'attributed';
}

export function requiresRemedy(decision: string): boolean {
  return decision === 'remedy_decided';
}

// The body of a decision as the form sends it: the remedy only where the form offers it (a remedy
// typed for another decision and left behind is not sent), with its deadline (a day YYYY-MM-DD,
// as a date field gives it) only beside a remedy; to attributed, the party the Commission holds
// responsible when one is chosen (none: the engine's attribution confirmed), required when the
// engine left the case undetermined (`proposedParty` null or empty); or undefined while the form
// lacks something the decision needs. The server checks the deadline and the party again
// (src/commission/case_file.h, CheckRemedyDue and CheckDecisionParty).
export function decisionBody(
  decision: string,
  rationale: string,
  remedy: string,
  remedyDue = '',
  party = '',
  proposedParty: string | null = 'engine',
): Record<string, string> | undefined {
  if (!decision || !rationale.trim()) return undefined;
  if (requiresRemedy(decision) && !remedy.trim()) return undefined;
  if (decision === 'attributed' && !party && !proposedParty) return undefined;
  const body: Record<string, string> = { decision, rationale };
  if (offersRemedy(decision) && remedy.trim()) {
    body.remedy = remedy;
    if (remedyDue) body.remedy_due = remedyDue;
  }
  if (decision === 'attributed' && party) body.party = party;
  return body;
}

// The party the Commission held responsible when it attributed the case naming one (its latest
// such decision); '' when it named none.
export function commissionParty(decisions: { decision: string; party?: string }[]): string {
  for (let i = decisions.length - 1; i >= 0; i--) {
    const d = decisions[i];
    if (d.decision === 'attributed' && d.party) return d.party;
  }
  return '';
}

// The parties a case may be attributed to: those holding a control area, in the order the
// scenario's geometry lists them.
export function attributableParties(features: { properties: Record<string, unknown> | null }[]): string[] {
  const parties: string[] = [];
  for (const f of features) {
    const party = f.properties?.party;
    if (f.properties?.layer === 'control_area' && typeof party === 'string' && !parties.includes(party)) {
      parties.push(party);
    }
  }
  return parties;
}

// The case's remedy deadline while it awaits its remedy: that of the decision that brought it to
// remedy_decided (its last); '' in any other state, or when that decision set none.
export function pendingRemedyDue(state: string, decisions: { remedy_due?: string }[]): string {
  if (state !== 'remedy_decided' || decisions.length === 0) return '';
  return decisions[decisions.length - 1].remedy_due ?? '';
}

// The day YYYY-MM-DD of `d` on the reader's clock: what "due by today" asks the server for.
export function localDay(d: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}

// A decision's remedy as the dashboard shows it, with its deadline when one was set.
export function describeRemedy(remedy: string | undefined, remedyDue: string | undefined): string {
  if (!remedy) return '';
  return remedyDue ? ` (remedy: ${remedy}; due ${remedyDue})` : ` (remedy: ${remedy})`;
}

// Whether `me` may take over a case another member holds: one member holds a case at a time, and
// a member away must not leave it stuck. Not once the case is closed or unverifiable (no decision
// is left to take). The server checks again, and records the reason.
export function mayTakeOver(claimedBy: string, me: string, state: string): boolean {
  return claimedBy !== '' && claimedBy !== me && allowedDecisions(state).length > 0;
}
