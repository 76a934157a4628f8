// Shapes of the API's answers the dashboard reads (docs/openapi.yaml).
import type { Feature, FeatureCollection, Geometry as GeoJsonGeometry } from 'geojson';

export interface Party {
  id: string;
  name: string;
}

export interface ScenarioGeometry extends FeatureCollection<GeoJsonGeometry, Record<string, unknown>> {
  agreement: { id: string; name: string; effective: string };
  parties: Party[];
}
export type ScenarioFeature = Feature<GeoJsonGeometry, Record<string, unknown>>;

export interface Point {
  lat: number;
  lon: number;
  uncertainty_m?: number;
}

export interface Incident {
  incident: string;
  status: string;
  first_seen: string;
  last_seen: string;
  day: string;
  kind: string;
  weapon_class: string;
  count: number;
  position: Point;
  at: { distance_to_line_km: number; control_area: string | null; zone: string };
  independent_sources: number;
  observations: { observation: string; source: string; type: string }[];
  violation: boolean;
  breaches: { rule: string; reason: string }[];
  severity: number;
  attribution: { party: string | null; candidate: string | null; method: string; confidence: number; reason: string };
  case?: string;
}

export interface StoredObservation {
  sequence: number;
  owner: string;
  classification: string;
  record: Record<string, unknown> & {
    id: string;
    time: string;
    kind: string;
    source?: { id?: string; type?: string };
    position?: Point;
    notes?: string;
  };
}

export interface Gap {
  id: string;
  source_type: string;
  reason: string;
  start: string;
  end: string;
  center: { lat: number; lon: number };
  radius_km: number;
}

// Where one monitoring asset stood, and how far it saw, over a period (GET /v1/assets); the
// public sees no id.
export interface AssetPlacement {
  id?: string;
  type: string;
  from: string;
  to: string;
  position: { lat: number; lon: number };
  range_km: number;
}

export interface CaseDecision {
  decision: string;
  by: string;
  at: string;
  rationale: string;
  remedy: string;
  remedy_due?: string;
  party?: string; // attributed: the party the Commission held responsible, when it named one
}

// An event stored under a case's id but recorded on another case of that id (another opening
// record, named by its digest): shown, never applied (docs/service.md §3).
export interface OtherCaseEvent {
  event: number;
  kind: 'claim' | 'release' | 'decision';
  by: string;
  at: string;
  case_sha256: string;
  decision?: string;
  rationale?: string;
  remedy?: string;
}

export interface Case {
  case: string;
  incident: string;
  state: string;
  severity: number;
  rules: string[];
  attributed_party: string | null;
  attribution_candidate: string | null;
  attribution_method: string;
  attribution_confidence: number;
  opened_at: string;
  observations: string[];
  history: { from: string; to: string; by: string; at: string; reason: string; remedy?: string }[];
  claimed_by: string;
  decisions: CaseDecision[];
  takeovers?: CaseTakeover[];
  other_case_events?: OtherCaseEvent[];
}

// A claim of a case while another member held it (docs/service.md).
export interface CaseTakeover {
  by: string;
  from: string;
  at: string;
  reason: string;
}

export interface Pledge {
  id: string;
  party: string;
  capability: string;
  quantity: number;
  readiness_days: number;
  status: string;
  classification: string;
  source?: 'scenario' | 'ledger';
  ledger_sequence?: number | null;
  withdrawn?: boolean;
}

export interface RequirementCoverage {
  requirement: string;
  capability: string;
  region: string;
  quantity: number;
  assigned: number;
  coverage: number;
  nations: string[];
  conditional_only: boolean;
  single_point_of_failure: boolean;
  gap: string;
}

export interface Coverage {
  required_units: number;
  covered_units: number;
  requirements: RequirementCoverage[];
  lead_nation: Record<string, string>;
  readiness: { day: number; share: number }[];
}

export interface Commitment {
  id: string;
  party: string;
  trigger: string;
  response: string;
  deadline_hours: number;
  legally_binding: boolean;
  classification: string;
  capability?: string;
  quantity?: number;
}

export interface Trigger {
  id: string;
  description: string;
  kind: string;
  party?: string;
  site?: string;
}

export interface Activation {
  trigger: string;
  fired_at: string;
  facts_as_of: string;
  reason: string;
  facts: string[];
  obligations: {
    commitment: string;
    party: string;
    response: string;
    deadline: string;
    nature: string;
    classification: string;
    capability?: string;
    quantity?: number;
  }[];
  restoration: {
    capability: string;
    required: number;
    needed_by: string;
    committed_by_then: number;
    committed_in_all: number;
    met: boolean;
    met_at: string | null;
  }[];
}

export interface SupportTotals {
  pledged: number;
  allocated: number;
  delivered: number;
  shortfall: number;
  delivery_rate: number;
}

export interface Support {
  unit: string;
  by_donor: (SupportTotals & { donor: string })[];
  by_year: (SupportTotals & { year: number })[];
  by_kind: (SupportTotals & { kind: string })[];
  total: SupportTotals;
  force_pledges_by_party: { party: string; pledged: number; allocated: number; delivered: number }[];
}

// GET /v1/reports/daily?format=json (docs/monitoring.md 1.8). Keys of the count maps are as the
// report writes them: 50 km sectors of the line by name, named sectors, parties and rules by id.
export interface DailyReportJson {
  day: string;
  incidents: number;
  verified: number;
  verified_violations: number;
  rounds: number;
  by_sector: Record<string, number>;
  by_named_sector?: Record<string, number>;
  outside_named_sectors?: number;
  by_zone: Record<string, number>;
  by_weapon_class: Record<string, number>;
  by_rule: Record<string, number>;
  by_party: Record<string, { verified_violations: number; mean_confidence: number }>;
  gaps: string[];
  coverage: Record<string, number>;
  coverage_by_named_sector?: Record<string, number>;
  // The share of each sector the mission's assets watched over the day, by any asset and by each
  // type the day's placements had: absent when the reader may read no asset placement.
  watched?: Record<string, Record<string, number>>;
  watched_by_named_sector?: Record<string, Record<string, number>>;
  // The Special Commission's day: absent for a reader not cleared for cases.
  cases_opened?: string[];
  decisions?: { case: string; to: string; by: string; at: string; reason: string; remedy: string }[];
  cases_closed?: string[];
}
