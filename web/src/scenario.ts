// The scenario's geometry, fetched once per sign-in and shared by the views that draw or name
// parties (the map, the monitoring charts).
import { getJson } from './api';
import type { ScenarioGeometry } from './types';

let pending: Promise<ScenarioGeometry> | null = null;

export function loadGeometry(): Promise<ScenarioGeometry> {
  if (!pending) {
    pending = getJson<ScenarioGeometry>('/v1/scenario/geometry');
    pending.catch(() => {
      pending = null;
    });
  }
  return pending;
}

export function forgetGeometry(): void {
  pending = null;
}

// Party ids in colour order: the parties whose control areas the map draws first (the parties
// to the ceasefire), then every other party in the scenario's order.
export function partyOrder(g: ScenarioGeometry | null): string[] {
  if (!g) return [];
  const first: string[] = [];
  for (const f of g.features) {
    const p = f.properties;
    if (p.layer === 'control_area' && typeof p.party === 'string' && !first.includes(p.party)) first.push(p.party);
  }
  return [...first, ...g.parties.map((p) => p.id).filter((id) => !first.includes(id))];
}

export function partyName(g: ScenarioGeometry | null, id: string | null | undefined): string {
  if (!id) return 'undetermined';
  return g?.parties.find((p) => p.id === id)?.name ?? id;
}
