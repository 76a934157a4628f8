// The ledger: the entries the reader may read, each checked here in the browser (its hash from
// its fields, its link to the entry before, its inclusion in the latest signed tree head) and
// the head's signature by the log key; an entry's inclusion proof can be opened and saved.
import { t } from '../i18n';
import { useEffect, useState } from 'preact/hooks';
import { getJson } from '../api';
import { DataTable } from '../components/table';
import { download } from '../download';
import { checkEntry, verifyTreeHead, type EntryCheck, type InclusionProof, type LedgerEntry, type TreeHead } from '../ledger_verify';
import type { ViewProps } from './view_props';

interface Row {
  entry: LedgerEntry;
  check?: EntryCheck;
  proof?: InclusionProof;
}

const KINDS = ['pledge', 'contribution_change', 'commitment', 'commission_decision', 'activation', 'statement'];

async function allEntries(): Promise<LedgerEntry[]> {
  const out: LedgerEntry[] = [];
  let after = 0;
  for (;;) {
    const page = await getJson<{ items: LedgerEntry[]; tree_size: number }>(`/v1/ledger/entries?after=${after}&limit=1000`);
    out.push(...page.items);
    after += 1000;
    if (after >= page.tree_size) break;
  }
  return out;
}

function payloadSummary(e: LedgerEntry): string {
  try {
    const p = JSON.parse(e.payload);
    if (e.kind === 'commission_decision') return `${p.case_id}: ${p.decision}${p.rationale ? ` — ${p.rationale}` : ''}`;
    return Object.entries(p)
      .slice(0, 3)
      .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : v}`)
      .join(' ');
  } catch {
    return e.payload.slice(0, 80);
  }
}

export function LedgerView({ state, setParams }: ViewProps) {
  const p = state.params;
  const [head, setHead] = useState<TreeHead | null>(null);
  const [headOk, setHeadOk] = useState<boolean | null | undefined>(undefined);
  const [rows, setRows] = useState<Row[] | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    (async () => {
      const h = await getJson<TreeHead>('/v1/ledger/head');
      setHead(h);
      setHeadOk(await verifyTreeHead(h));
      const entries = await allEntries();
      const bySeq = new Map(entries.map((e) => [e.sequence, e]));
      const checked: Row[] = entries.map((entry) => ({ entry }));
      setRows([...checked]);
      // Proofs against the head just fetched (entries appended since are not in its tree).
      for (const row of checked) {
        if (row.entry.sequence >= h.tree_size) continue;
        const proof = await getJson<InclusionProof>(`/v1/ledger/proofs/inclusion?sequence=${row.entry.sequence}&tree_size=${h.tree_size}`);
        row.proof = proof;
        row.check = await checkEntry(row.entry, bySeq.get(row.entry.sequence - 1), proof, h);
      }
      setRows([...checked]);
    })().catch((e) => setError(String(e.message)));
  }, []);

  const shown = (rows ?? []).filter((r) => (!p.kind || r.entry.kind === p.kind) && (!p.author || r.entry.author === p.author));
  const selected = shown.find((r) => String(r.entry.sequence) === p.seq);
  const authors = [...new Set((rows ?? []).map((r) => r.entry.author))].sort();
  const status = (r: Row) => (r.check === undefined ? 'checking' : r.check.ok ? 'verified' : `FAILED: ${r.check.problems.join('; ')}`);

  return (
    <div>
      <h1>{t('view.ledger')}</h1>
      {error && <p role="alert" class="error">{error}</p>}
      {head && (
        <p class="summary" data-testid="ledger-head">
          Signed tree head: {head.tree_size} entries, root <code>{head.root_hash.slice(0, 16)}…</code> at {head.timestamp};
          signature by log key <code>{head.log_key.slice(0, 16)}…</code>:{' '}
          <strong data-testid="head-signature">
            {headOk === undefined ? 'checking' : headOk === null ? 'not checkable in this browser' : headOk ? 'valid' : 'INVALID'}
          </strong>
        </p>
      )}
      <fieldset class="filters">
        <legend>{t('filters')}</legend>
        <label class="field">
          <span>{t('kind')}</span>
          <select name="kind" value={p.kind ?? ''} onChange={(e) => setParams({ kind: (e.target as HTMLSelectElement).value })}>
            <option value="">any</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {k.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>{t('author')}</span>
          <select name="author" value={p.author ?? ''} onChange={(e) => setParams({ author: (e.target as HTMLSelectElement).value })}>
            <option value="">any</option>
            {authors.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <DataTable
        id="ledger"
        caption="Entries you may read"
        rows={shown}
        rowKey={(r) => String(r.entry.sequence)}
        selected={p.seq}
        onSelect={(r) => setParams({ seq: String(r.entry.sequence) })}
        rowClass={(r) => (r.check && !r.check.ok ? 'gap-row' : '')}
        exportName="ledger"
        columns={[
          { key: 'sequence', label: 'Entry', value: (r) => r.entry.sequence, numeric: true },
          { key: 'kind', label: 'Kind', value: (r) => r.entry.kind },
          { key: 'author', label: 'Author', value: (r) => r.entry.author },
          { key: 'recorded_at', label: 'Recorded', value: (r) => r.entry.recorded_at, nowrap: true },
          { key: 'payload', label: 'Payload', value: (r) => payloadSummary(r.entry) },
          {
            key: 'verification',
            label: 'Verification',
            value: status,
            render: (r: Row) => (
              <span class={r.check?.ok ? 'ok' : r.check ? 'error' : 'note'} data-testid={`verify-${r.entry.sequence}`}>
                {status(r)}
              </span>
            ),
          },
        ]}
      />
      {selected && (
        <section class="detail" aria-labelledby="entry-heading" data-testid="entry-detail">
          <h2 id="entry-heading">Entry {selected.entry.sequence}</h2>
          <pre>{JSON.stringify({ ...selected.entry, payload: JSON.parse(selected.entry.payload) }, null, 2)}</pre>
          {selected.proof && (
            <>
              <h3>Inclusion proof</h3>
              <pre>{JSON.stringify(selected.proof, null, 2)}</pre>
              <button
                type="button"
                onClick={() =>
                  download(
                    `inclusion-${selected.entry.sequence}.json`,
                    JSON.stringify({ ...selected.proof, entry: selected.entry, head }, null, 2),
                    'application/json',
                  )
                }
              >
                Save proof with entry and head
              </button>
            </>
          )}
        </section>
      )}
    </div>
  );
}
