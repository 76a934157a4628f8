import { describe, expect, it } from 'vitest';
import { formatConfidence, formatPercent } from '../src/format';

describe('figures in tables', () => {
  it('writes every confidence with three decimals, so a column lines up', () => {
    expect(formatConfidence(1)).toBe('1.000');
    expect(formatConfidence(0.75)).toBe('0.750');
    expect(formatConfidence(0.977)).toBe('0.977');
    expect(formatConfidence(0)).toBe('0.000');
  });

  it('leaves a missing confidence blank rather than writing 0 or NaN', () => {
    expect(formatConfidence(undefined)).toBe('');
    expect(formatConfidence(null)).toBe('');
    expect(formatConfidence(Number.NaN)).toBe('');
  });

  it('writes shares as whole percentages', () => {
    expect(formatPercent(0.2)).toBe('20%');
    expect(formatPercent(0.833)).toBe('83%');
    expect(formatPercent(2 / 3)).toBe('67%');
    expect(formatPercent(1)).toBe('100%');
  });
});
