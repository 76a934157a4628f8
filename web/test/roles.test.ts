import { describe, expect, it } from 'vitest';
import { allowedDecisions, mayOpen, mayTriage } from '../src/roles';

describe('views by role', () => {
  it('offers the public and monitors only the map and monitoring', () => {
    for (const role of ['public', 'monitor'] as const) {
      expect(mayOpen(role, 'map')).toBe(true);
      expect(mayOpen(role, 'monitoring')).toBe(true);
      for (const v of ['commission', 'force', 'guarantees', 'support', 'ledger'] as const) expect(mayOpen(role, v)).toBe(false);
    }
  });

  it('lets only the Commission triage, and always offers unverifiable from open and under review', () => {
    expect(mayTriage('commission')).toBe(true);
    expect(mayTriage('hq')).toBe(false);
    expect(allowedDecisions('open')).toContain('unverifiable');
    expect(allowedDecisions('under_review')).toEqual(['attributed', 'unverifiable']);
    expect(allowedDecisions('closed')).toEqual([]);
  });
});
