import { describe, expect, it } from 'vitest';
import { formatHash, formatList, listParam, parseHash, switchView, withParams } from '../src/url_state';

describe('URL state', () => {
  it('round-trips a view and its filters through the hash', () => {
    const state = { view: 'map' as const, params: { party: 'RU', to: '2026-02-02T12:00:00Z', hide: 'coverage,gaps' } };
    const hash = formatHash(state);
    expect(parseHash(hash)).toEqual(state);
    expect(formatHash(parseHash(hash))).toBe(hash);
  });

  it('has one URL per state: keys sorted, empty values left out', () => {
    const a = formatHash({ view: 'monitoring', params: { zone: 'security_zone', party: 'UA', kind: '' } });
    const b = formatHash({ view: 'monitoring', params: { party: 'UA', zone: 'security_zone' } });
    expect(a).toBe(b);
    expect(a).toBe('#/monitoring?party=UA&zone=security_zone');
  });

  it('encodes values that need it and reads them back', () => {
    const state = { view: 'ledger' as const, params: { q: 'a&b=c d/é#' } };
    expect(parseHash(formatHash(state))).toEqual(state);
  });

  it('reads an unknown or empty view as the map', () => {
    expect(parseHash('').view).toBe('map');
    expect(parseHash('#/nowhere?x=1')).toEqual({ view: 'map', params: { x: '1' } });
  });

  it('changes and removes parameters, and keeps only page-wide ones across views', () => {
    const s = withParams({ view: 'force', params: { drop: 'TR', dir: 'rtl' } }, { drop: undefined, reject: 'FR' });
    expect(s.params).toEqual({ dir: 'rtl', reject: 'FR' });
    expect(switchView(s, 'map')).toEqual({ view: 'map', params: { dir: 'rtl' } });
  });

  it('keeps list parameters sorted and without duplicates', () => {
    expect(listParam('TR,FR,,TR')).toEqual(['FR', 'TR']);
    expect(formatList(['TR', 'FR', 'TR'])).toBe('FR,TR');
    expect(listParam(undefined)).toEqual([]);
  });
});
