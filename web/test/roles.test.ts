import { describe, expect, it } from 'vitest';
import { allowedDecisions, attributableParties, commissionParty, decisionBody, describeRemedy, localDay, mayOpen, mayTakeOver, mayTriage, pendingRemedyDue } from '../src/roles';

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

describe('the decision form', () => {
  it('will not send remedy_decided without a remedy, nor any decision without a rationale', () => {
    expect(decisionBody('remedy_decided', 'repeated breaches', '')).toBeUndefined();
    expect(decisionBody('remedy_decided', 'repeated breaches', '  ')).toBeUndefined();
    expect(decisionBody('under_review', ' ', '')).toBeUndefined();
    expect(decisionBody('', 'why', '')).toBeUndefined();
    expect(decisionBody('remedy_decided', 'repeated breaches', 'withdraw the battery within 48 h')).toEqual({
      decision: 'remedy_decided',
      rationale: 'repeated breaches',
      remedy: 'withdraw the battery within 48 h',
    });
  });

  it('sends a remedy\'s deadline only beside the remedy it is for', () => {
    expect(decisionBody('remedy_decided', 'repeated breaches', 'withdraw the battery', '2026-03-01')).toEqual({
      decision: 'remedy_decided',
      rationale: 'repeated breaches',
      remedy: 'withdraw the battery',
      remedy_due: '2026-03-01',
    });
    expect(decisionBody('attributed', 'two bearings cross', '', '2026-03-01')).toEqual({
      decision: 'attributed',
      rationale: 'two bearings cross',
    });
    expect(decisionBody('closed', 'carried out', 'left behind', '2026-03-01')).toEqual({ decision: 'closed', rationale: 'carried out' });
    expect(describeRemedy('withdraw the battery', '2026-03-01')).toBe(' (remedy: withdraw the battery; due 2026-03-01)');
    expect(describeRemedy('withdraw the battery', undefined)).toBe(' (remedy: withdraw the battery)');
    expect(describeRemedy('', '2026-03-01')).toBe('');
  });

  it('shows a remedy\'s deadline while its case awaits the remedy, and asks for today by the reader\'s day', () => {
    const decisions = [{ remedy_due: undefined }, { remedy_due: '2026-03-01' }];
    expect(pendingRemedyDue('remedy_decided', decisions)).toBe('2026-03-01');
    expect(pendingRemedyDue('closed', decisions)).toBe('');
    expect(pendingRemedyDue('remedy_decided', [{}])).toBe('');
    expect(pendingRemedyDue('remedy_decided', [])).toBe('');
    expect(localDay(new Date(2026, 1, 3, 23, 59))).toBe('2026-02-03');
    expect(localDay(new Date(2026, 11, 31, 0, 0))).toBe('2026-12-31');
  });

  it('names the party held responsible only in an attribution, and must where the engine could not', () => {
    expect(decisionBody('attributed', 'crater analysis', '', '', 'RU', null)).toEqual({
      decision: 'attributed',
      rationale: 'crater analysis',
      party: 'RU',
    });
    // Undetermined by the engine: an attribution to nobody is not sent.
    expect(decisionBody('attributed', 'crater analysis', '', '', '', null)).toBeUndefined();
    expect(decisionBody('attributed', 'crater analysis', '', '', '', '')).toBeUndefined();
    // Attributed by the engine: confirmed without a party, or another named.
    expect(decisionBody('attributed', 'origin in its area', '', '', '', 'UA')).toEqual({
      decision: 'attributed',
      rationale: 'origin in its area',
    });
    expect(decisionBody('attributed', 'crater analysis', '', '', 'RU', 'UA')?.party).toBe('RU');
    // Chosen for an attribution, then another decision picked: not sent.
    expect(decisionBody('closed', 'carried out', '', '', 'RU', null)).toEqual({ decision: 'closed', rationale: 'carried out' });
    expect(
      attributableParties([
        { properties: { layer: 'line_of_contact' } },
        { properties: { layer: 'control_area', party: 'UA' } },
        { properties: { layer: 'control_area', party: 'RU' } },
        { properties: { layer: 'control_area', party: 'UA' } },
        { properties: { layer: 'protected_site', party: 'FR' } },
        { properties: null },
      ]),
    ).toEqual(['UA', 'RU']);
    expect(commissionParty([])).toBe('');
    expect(commissionParty([{ decision: 'under_review' }, { decision: 'attributed' }])).toBe('');
    expect(
      commissionParty([
        { decision: 'attributed', party: 'UA' },
        { decision: 'remedy_decided', party: 'ignored' },
        { decision: 'attributed', party: 'RU' },
        { decision: 'closed' },
      ]),
    ).toBe('RU');
  });

  it('sends a remedy only with the decisions that offer one', () => {
    expect(decisionBody('attributed', 'two bearings cross', 'démarche')).toEqual({
      decision: 'attributed',
      rationale: 'two bearings cross',
      remedy: 'démarche',
    });
    expect(decisionBody('attributed', 'two bearings cross', '')).toEqual({ decision: 'attributed', rationale: 'two bearings cross' });
    // Typed while remedy_decided was chosen, then another decision picked: not sent.
    expect(decisionBody('closed', 'carried out', 'withdraw the battery')).toEqual({ decision: 'closed', rationale: 'carried out' });
  });
});

describe('taking a case over', () => {
  it('is offered on a case another member holds while decisions remain', () => {
    expect(mayTakeOver('c2', 'c1', 'under_review')).toBe(true);
    expect(mayTakeOver('c2', 'c1', 'remedy_decided')).toBe(true);
    expect(mayTakeOver('c1', 'c1', 'under_review')).toBe(false); // mine already
    expect(mayTakeOver('', 'c1', 'open')).toBe(false); // nobody holds it: an ordinary claim
    expect(mayTakeOver('c2', 'c1', 'closed')).toBe(false);
  });
});
