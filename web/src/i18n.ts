// Interface text by key, per language, and the writing direction. English is complete; another
// language adds a table with the same keys (missing keys fall back to English), and a
// right-to-left language is laid out by the same style sheet (it uses logical properties only).
const en = {
  app: 'guarantor',
  skip: 'Skip to content',
  signIn: 'Sign in',
  signOut: 'Sign out',
  token: 'API token',
  tokenHelp: 'A token from `guarantor users add` (or the one `scripts/run serve` prints).',
  views: 'Views',
  'view.map': 'Map',
  'view.monitoring': 'Monitoring',
  'view.commission': 'Special Commission',
  'view.force': 'Force',
  'view.guarantees': 'Guarantees',
  'view.support': 'Support',
  'view.ledger': 'Ledger',
  notAllowed: 'This view is not available to your role.',
  loading: 'Loading…',
  export: 'Export CSV',
  direction: 'Right-to-left layout',
  filters: 'Filters',
  party: 'Attributed party',
  status: 'Status',
  zone: 'Zone',
  kind: 'Kind',
  minSeverity: 'Minimum severity',
  any: 'any',
  until: 'Up to',
  all: 'all',
  rows: 'rows',
  row: 'row',
  previousPage: 'Previous page',
  nextPage: 'Next page',
  show: 'Show',
  violations: 'violations',
  incidents: 'all incidents',
  layers: 'Layers',
  legend: 'Legend',
  close: 'Close',
  period: 'Period',
  from: 'From (RFC 3339)',
  to: 'To (RFC 3339)',
  liveFeed: 'Live feed',
  groupBy: 'Group by',
  state: 'State',
  claim: 'Claim',
  downloadDossier: 'Download the dossier (Markdown)',
  dailyReport: 'Daily report',
  day: 'Day',
  downloadReport: 'Download the report (Markdown)',
  downloadGeojson: "Download the day's violations (GeoJSON)",
  downloadPeriod: 'Download the report of every day',
  release: 'Release',
  decision: 'Decision',
  rationale: 'Rationale (required)',
  remedy: 'Remedy',
  remedyRequired: 'Remedy (required): what is to be done, by whom',
  remedyDue: 'Remedy due by (optional)',
  responsibleParty: 'Party held responsible',
  responsiblePartyRequired: 'Party held responsible (required: the engine left this case undetermined)',
  recordDecision: 'Record decision',
  takeOver: 'Take over from',
  heldByMe: 'Only the cases I hold',
  remediesDue: 'Only remedies due by today',
  takeOverReason: 'Why take this case over (required)',
  evidence: 'Evidence',
  caseQueue: 'Case queue',
  whatIf: 'What if',
  noBackstop: 'no US backstop',
  withdraws: 'withdraws',
  parliamentRejects: 'parliament rejects',
  author: 'Author',
  observations: 'Observations and their sources',
  rawReport: 'Raw report',
} as const;

export type MessageKey = keyof typeof en;
type Messages = Partial<Record<MessageKey, string>>;

const TABLES: Record<string, Messages> = { en };
const RTL_LANGUAGES = new Set(['ar', 'fa', 'he', 'ur']);

let current: Messages = en;

export function setLanguage(lang: string | undefined): void {
  current = TABLES[lang ?? 'en'] ?? en;
}

export function t(key: MessageKey): string {
  return current[key] ?? en[key];
}

// `dir` from the URL wins; otherwise the language's own direction.
export function direction(dir: string | undefined, lang: string | undefined): 'ltr' | 'rtl' {
  if (dir === 'rtl' || dir === 'ltr') return dir;
  return lang && RTL_LANGUAGES.has(lang) ? 'rtl' : 'ltr';
}
