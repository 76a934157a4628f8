import { describe, expect, it } from 'vitest';
import { periodOf } from '../src/period';

describe('the period of the report of several days', () => {
  it('runs from the first day to the last', () => {
    expect(periodOf(['2026-02-01', '2026-02-02', '2026-02-05'])).toEqual({ from: '2026-02-01', to: '2026-02-05' });
    expect(periodOf(['2026-02-01'])).toEqual({ from: '2026-02-01', to: '2026-02-01' });
    expect(periodOf([])).toBeUndefined();
  });

  it('keeps the last 92 days of a longer run, the most the server reports at once', () => {
    // 2026-05-03 less 91 days is 2026-02-01 (28 days of February, 31 of March, 30 of April).
    expect(periodOf(['2026-01-15', '2026-02-20', '2026-05-03'])).toEqual({ from: '2026-02-01', to: '2026-05-03' });
  });
});
