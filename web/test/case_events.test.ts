import { describe, expect, it } from 'vitest';
import { describeOtherCaseEvent } from '../src/case_events';

describe('events recorded on another case of the same id', () => {
  const digest = 'b'.repeat(64);

  it('describe a decision with its rationale and remedy, and say it is not applied', () => {
    expect(
      describeOtherCaseEvent({
        event: 8,
        kind: 'decision',
        by: 'member-fr',
        at: '2026-02-06T09:00:00Z',
        case_sha256: digest,
        decision: 'attributed',
        rationale: 'two UAV reports',
        remedy: 'démarche',
      }),
    ).toBe('decision attributed by member-fr at 2026-02-06T09:00:00Z: two UAV reports (remedy: démarche); recorded on case bbbbbbbbbbbb…, not applied here');
  });

  it('describe a claim by who and when, without decision fields', () => {
    expect(describeOtherCaseEvent({ event: 7, kind: 'claim', by: 'member-de', at: '2026-02-06T08:00:00Z', case_sha256: digest })).toBe(
      'claim by member-de at 2026-02-06T08:00:00Z; recorded on case bbbbbbbbbbbb…, not applied here',
    );
  });
});
