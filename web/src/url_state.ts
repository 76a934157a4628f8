// The dashboard's state in its URL: `#/VIEW?key=value&...`. Every filter a view applies lives
// here, so a view's URL can be shared and reopens the same rows. The form is canonical: keys
// sorted, empty values left out, so one state has exactly one URL.

export const VIEW_IDS = [
  'map',
  'monitoring',
  'commission',
  'force',
  'guarantees',
  'support',
  'ledger',
] as const;
export type ViewId = (typeof VIEW_IDS)[number];

export interface UrlState {
  view: ViewId;
  params: Record<string, string>;
}

export function isViewId(s: string): s is ViewId {
  return (VIEW_IDS as readonly string[]).includes(s);
}

// Parses `#/view?a=1&b=2` (or a full URL's hash). An unknown view is the map.
export function parseHash(hash: string): UrlState {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  const path = h.startsWith('/') ? h.slice(1) : h;
  const q = path.indexOf('?');
  const name = q < 0 ? path : path.slice(0, q);
  const params: Record<string, string> = {};
  if (q >= 0) {
    for (const [k, v] of new URLSearchParams(path.slice(q + 1))) {
      if (v !== '') params[k] = v;
    }
  }
  return { view: isViewId(name) ? name : 'map', params };
}

export function formatHash(state: UrlState): string {
  const keys = Object.keys(state.params)
    .filter((k) => state.params[k] !== '' && state.params[k] !== undefined)
    .sort();
  const search = new URLSearchParams();
  for (const k of keys) search.append(k, state.params[k]);
  const qs = search.toString();
  return `#/${state.view}${qs ? `?${qs}` : ''}`;
}

// The state with `changes` applied; a change to '' or undefined removes the key.
export function withParams(
  state: UrlState,
  changes: Record<string, string | undefined>,
): UrlState {
  const params = { ...state.params };
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined || v === '') delete params[k];
    else params[k] = v;
  }
  return { view: state.view, params };
}

// Parameters that belong to the page, not to one view: they follow the reader across views.
export const GLOBAL_PARAMS = ['dir', 'lang'] as const;

export function switchView(state: UrlState, view: ViewId): UrlState {
  const params: Record<string, string> = {};
  for (const k of GLOBAL_PARAMS) if (state.params[k]) params[k] = state.params[k];
  return { view, params };
}

// Comma-separated list parameters (`drop=FR,TR`), sorted and deduplicated.
export function listParam(value: string | undefined): string[] {
  if (!value) return [];
  return [...new Set(value.split(',').filter((s) => s !== ''))].sort();
}

export function formatList(items: Iterable<string>): string {
  return [...new Set(items)].filter((s) => s !== '').sort().join(',');
}
