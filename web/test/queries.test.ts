import { describe, expect, it } from 'vitest';
import { EXPORT_PAGE, exportPath, incidentParams, matchesTime, parseCsv, queryString, searchParams, toCsv } from '../src/queries';

describe('export query building', () => {
  const view = { party: 'RU', zone: 'security_zone', to: '2026-02-02T12:00:00Z', hide: 'gaps', at: '7/48/35', incident: 'inc-1' };

  it('takes only the API filters from a view, with or without its time window', () => {
    expect(incidentParams(view)).toEqual({ party: 'RU', zone: 'security_zone', to: '2026-02-02T12:00:00Z' });
    expect(incidentParams(view, false)).toEqual({ party: 'RU', zone: 'security_zone' });
  });

  it('asks for exactly the rows of the view, as CSV, a whole page at a time', () => {
    expect(exportPath('/v1/violations', incidentParams(view))).toBe(
      `/v1/violations?format=csv&limit=${EXPORT_PAGE}&party=RU&to=2026-02-02T12%3A00%3A00Z&zone=security_zone`,
    );
    expect(exportPath('/v1/violations', { party: 'UA' }, 'csv', 10000)).toBe('/v1/violations?after=10000&format=csv&limit=10000&party=UA');
  });

  it('repeats a parameter given as a list, commas in its values kept', () => {
    expect(searchParams({ id: ['obs-1', 'a,b'], limit: '10' }).toString()).toBe('id=obs-1&id=a%2Cb&limit=10');
    expect(searchParams({ id: [] }).toString()).toBe('');
  });

  it('writes a stable query string', () => {
    expect(queryString({ b: '2', a: '1', c: '' })).toBe('?a=1&b=2');
    expect(queryString({})).toBe('');
  });

  it('filters by time as the server does: last seen at or after from, first seen before to', () => {
    expect(matchesTime('2026-02-01T10:00:00Z', '2026-02-01T11:00:00Z', '2026-02-01T10:30:00Z', undefined)).toBe(true);
    expect(matchesTime('2026-02-01T10:00:00Z', '2026-02-01T11:00:00Z', '2026-02-01T11:00:01Z', undefined)).toBe(false);
    expect(matchesTime('2026-02-01T10:00:00+02:00', '2026-02-01T11:00:00+02:00', undefined, '2026-02-01T08:00:00Z')).toBe(false);
    expect(matchesTime('2026-02-01T10:00:00+02:00', '2026-02-01T11:00:00+02:00', undefined, '2026-02-01T08:00:01Z')).toBe(true);
  });

  it('writes and reads CSV with quoted commas, quotes and line breaks', () => {
    const text = toCsv(['a', 'b'], [['x,y', 'say "hi"'], ['line\nbreak', 3]]);
    expect(parseCsv(text)).toEqual([
      ['a', 'b'],
      ['x,y', 'say "hi"'],
      ['line\nbreak', '3'],
    ]);
  });
});
