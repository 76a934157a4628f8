// From a view's URL parameters to the API query that fetches its rows, and to the export of
// exactly those rows (the same query with format=csv: docs/service.md §3).

export const INCIDENT_FILTERS = ['party', 'status', 'zone', 'kind', 'min_severity', 'from', 'to'] as const;

export type ApiParams = Record<string, string>;

// The API parameters of an incident or violation list for a view's URL parameters. `withTime`
// false leaves out from/to (the map loads every time once and filters as the slider moves, with
// the server's rule: matchesTime below).
export function incidentParams(view: Record<string, string>, withTime = true): ApiParams {
  const out: ApiParams = {};
  for (const k of INCIDENT_FILTERS) {
    if (!withTime && (k === 'from' || k === 'to')) continue;
    const v = view[k];
    if (v !== undefined && v !== '') out[k] = v;
  }
  return out;
}

// A query string with sorted keys and no empty values (stable: one query, one string).
// A query for the API's lists: a parameter given as a list is repeated (`id=a&id=b`, as an id may
// hold a comma).
export type ApiQuery = Record<string, string | string[]>;

export function searchParams(query: ApiQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    for (const item of Array.isArray(v) ? v : [v]) params.append(k, item);
  }
  return params;
}

export function queryString(params: ApiParams): string {
  const s = new URLSearchParams();
  for (const k of Object.keys(params).sort()) {
    if (params[k] !== undefined && params[k] !== '') s.append(k, params[k]);
  }
  const qs = s.toString();
  return qs ? `?${qs}` : '';
}

export const EXPORT_PAGE = 10000;

// The first page of an export of `path` with `params`; later pages add after=<last cursor>.
export function exportPath(path: string, params: ApiParams, format: 'csv' | 'geojson' = 'csv', after = 0): string {
  const p: ApiParams = { ...params, format, limit: String(EXPORT_PAGE) };
  if (after > 0) p.after = String(after);
  return path + queryString(p);
}

// The server's time rule for incidents (docs/openapi.yaml): an incident is in [from, to) when it
// was last seen at or after `from` and first seen before `to`.
export function matchesTime(firstSeen: string, lastSeen: string, from?: string, to?: string): boolean {
  if (from && Date.parse(lastSeen) < Date.parse(from)) return false;
  if (to && Date.parse(firstSeen) >= Date.parse(to)) return false;
  return true;
}

// RFC 4180 text: fields with a comma, quote or line break are quoted, quotes doubled.
export function csvField(value: unknown): string {
  const s = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}

// Parses RFC 4180 text into records (quoted fields may hold commas, quotes and line breaks).
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else {
      field += ch;
    }
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}
