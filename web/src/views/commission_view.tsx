// The Special Commission: the queue of breach cases, one case with its claim and its evidence
// down to the raw reports, and the decision form (a rationale is required; "unverifiable" is
// always among the decisions the case file may allow). Only the Commission triages; the HQ and
// delegations read the cases they are cleared for.
import { t } from '../i18n';
import { useEffect, useState } from 'preact/hooks';
import { getAll, getJson, getText, postJson } from '../api';
import { DataTable } from '../components/table';
import { describeOtherCaseEvent } from '../case_events';
import { download } from '../download';
import { formatConfidence } from '../format';
import { allowedDecisions, attributableParties, commissionParty, decisionBody, DECISIONS, describeRemedy, localDay, mayTakeOver, mayTriage, offersRemedy, pendingRemedyDue, requiresRemedy } from '../roles';
import { loadGeometry, partyName, partyOrder } from '../scenario';
import type { Case, ScenarioGeometry } from '../types';
import { IncidentDetail } from './incident_detail';
import type { ViewProps } from './view_props';

const STATES = ['open', 'under_review', 'attributed', 'remedy_decided', 'closed', 'unverifiable'];

const DECISION_HELP: Record<string, string> = {
  under_review: 'the Commission examines the case',
  attributed: 'responsibility is attributed to a party',
  remedy_decided: 'a remedy is decided',
  closed: 'nothing more is to be done',
  unverifiable: 'the evidence cannot establish what happened or who is responsible',
};

export function CommissionView({ state, setParams, who }: ViewProps) {
  const p = state.params;
  const [geometry, setGeometry] = useState<ScenarioGeometry | null>(null);
  const [cases, setCases] = useState<Case[] | null>(null);
  const [error, setError] = useState('');
  const [reload, setReload] = useState(0);
  const query: Record<string, string> = {};
  if (p.state) query.state = p.state;
  if (p.party) query.party = p.party;
  if (p.claimed_by) query.claimed_by = p.claimed_by;
  if (p.remedies_due) query.remedy_due_by = localDay(new Date());

  useEffect(() => {
    loadGeometry().then(setGeometry, () => undefined);
  }, []);
  useEffect(() => {
    getAll<Case>('/v1/cases', query).then(setCases, (e) => setError(String(e.message)));
  }, [p.state, p.party, p.claimed_by, p.remedies_due, reload]);

  return (
    <div>
      <h1>{t('view.commission')}</h1>
      {error && <p role="alert" class="error">{error}</p>}
      <fieldset class="filters">
        <legend>{t('filters')}</legend>
        <label class="field">
          <span>{t('state')}</span>
          <select name="state" value={p.state ?? ''} onChange={(e) => setParams({ state: (e.target as HTMLSelectElement).value, case: undefined })}>
            <option value="">{t('any')}</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {s.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>{t('party')}</span>
          <select name="party" value={p.party ?? ''} onChange={(e) => setParams({ party: (e.target as HTMLSelectElement).value, case: undefined })}>
            <option value="">{t('any')}</option>
            {partyOrder(geometry)
              .slice(0, 2)
              .map((id) => (
                <option key={id} value={id}>
                  {partyName(geometry, id)}
                </option>
              ))}
          </select>
        </label>
        {mayTriage(who.role) && (
          <label class="check">
            <input
              type="checkbox"
              name="mine"
              checked={p.claimed_by === who.user}
              onChange={(e) => setParams({ claimed_by: (e.target as HTMLInputElement).checked ? who.user : undefined, case: undefined })}
            />
            {t('heldByMe')}
          </label>
        )}
        <label class="check">
          <input
            type="checkbox"
            name="remedies_due"
            checked={!!p.remedies_due}
            onChange={(e) => setParams({ remedies_due: (e.target as HTMLInputElement).checked ? '1' : undefined, case: undefined })}
          />
          {t('remediesDue')}
        </label>
      </fieldset>
      <div class={p.case ? 'split' : undefined}>
      <DataTable
        id="cases"
        caption={t('caseQueue')}
        rows={cases ?? []}
        rowKey={(c) => c.case}
        selected={p.case}
        onSelect={(c) => setParams({ case: c.case })}
        exportName="cases"
        pageSize={25}
        columns={[
          { key: 'case', label: 'Case', value: (c) => c.case, nowrap: true },
          { key: 'state', label: 'State', value: (c) => c.state },
          { key: 'severity', label: 'Severity', value: (c) => c.severity, numeric: true },
          { key: 'party', label: 'Attributed to', value: (c) => partyName(geometry, c.attributed_party) },
          { key: 'confidence', label: 'Confidence', value: (c) => c.attribution_confidence, render: (c) => formatConfidence(c.attribution_confidence), numeric: true },
          { key: 'opened_at', label: 'Opened', value: (c) => c.opened_at, nowrap: true },
          { key: 'claimed_by', label: 'Claimed by', value: (c) => c.claimed_by },
          { key: 'remedy_due', label: 'Remedy due', value: (c) => pendingRemedyDue(c.state, c.decisions), nowrap: true },
        ]}
      />
      {p.case && (
        <CaseDetail
          id={p.case}
          geometry={geometry}
          triage={mayTriage(who.role)}
          me={who.user}
          onChanged={() => setReload((n) => n + 1)}
        />
      )}
      </div>
    </div>
  );
}

// The engine's attribution of a case; null when it left the case undetermined.
function engineParty(c: Case | null): string | null {
  return c?.attributed_party && c.attributed_party !== 'undetermined' ? c.attributed_party : null;
}

function CaseDetail(p: { id: string; geometry: ScenarioGeometry | null; triage: boolean; me: string; onChanged: () => void }) {
  const [c, setCase] = useState<Case | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [decision, setDecision] = useState('');
  const [rationale, setRationale] = useState('');
  const [remedy, setRemedy] = useState('');
  const [remedyDue, setRemedyDue] = useState('');
  const [party, setParty] = useState('');
  const [takeOverReason, setTakeOverReason] = useState('');
  const [recorded, setRecorded] = useState<{ decision: string; ledger?: number } | null>(null);

  const load = () =>
    getJson<Case>(`/v1/cases/${encodeURIComponent(p.id)}`).then(setCase, (e) => setError(String(e.message)));
  useEffect(() => {
    setCase(null);
    setRecorded(null);
    setError('');
    load();
  }, [p.id]);

  // The server's dossier (the case, its incident, its raw reports, its decisions) as a file.
  async function downloadDossier() {
    setError('');
    try {
      const { text } = await getText(`/v1/cases/${encodeURIComponent(p.id)}/dossier`);
      download(`${p.id}.md`, text, 'text/markdown');
    } catch (e) {
      setError(String((e as Error).message));
    }
  }

  // A triage request with the form busy; then the case is read again and the queue told. An
  // error is shown, and the case stays as the server last gave it.
  async function submit(request: () => Promise<void>) {
    setBusy(true);
    setError('');
    try {
      await request();
      await load();
      p.onChanged();
    } catch (e) {
      setError(String((e as Error).message));
    } finally {
      setBusy(false);
    }
  }

  const caseUrl = (verb: string) => `/v1/cases/${encodeURIComponent(p.id)}/${verb}`;

  function act(verb: 'claim' | 'release') {
    return submit(async () => {
      await postJson(caseUrl(verb), undefined);
    });
  }

  // Takes over the claim another member holds, saying why (the server records the reason).
  function takeOver(ev: Event) {
    ev.preventDefault();
    if (!takeOverReason.trim()) return;
    return submit(async () => {
      await postJson(caseUrl('claim'), { take_over: true, reason: takeOverReason });
      setTakeOverReason('');
    });
  }

  function decide(ev: Event) {
    ev.preventDefault();
    const body = decisionBody(decision, rationale, remedy, remedyDue, party, engineParty(c));
    if (!body) return;
    return submit(async () => {
      const r = await postJson<{ ledger_sequence?: number }>(caseUrl('decisions'), body);
      setRecorded({ decision, ledger: r.ledger_sequence });
      setDecision('');
      setRationale('');
      setRemedy('');
      setRemedyDue('');
      setParty('');
    });
  }

  if (!c) return <section class="detail">{error ? <p role="alert" class="error">{error}</p> : <p>Loading…</p>}</section>;
  const mine = c.claimed_by === p.me;
  const allowed = allowedDecisions(c.state);
  return (
    <section class="detail" aria-labelledby="case-heading" data-testid="case-detail">
      <h2 id="case-heading">Case {c.case}</h2>
      <dl class="facts">
        <dt>State</dt>
        <dd data-testid="case-state">{c.state}</dd>
        <dt>Claim</dt>
        <dd data-testid="case-claim">{c.claimed_by ? `claimed by ${c.claimed_by}` : 'not claimed'}</dd>
        <dt>Rules breached</dt>
        <dd>{c.rules.join(', ')}</dd>
        <dt>Attribution</dt>
        <dd>
          {partyName(p.geometry, c.attributed_party)} ({c.attribution_method}, confidence {formatConfidence(c.attribution_confidence)})
          {c.attribution_candidate && !c.attributed_party ? `; candidate ${c.attribution_candidate}` : ''}
        </dd>
        {commissionParty(c.decisions) && (
          <>
            <dt>Held responsible</dt>
            <dd data-testid="case-held-responsible">{partyName(p.geometry, commissionParty(c.decisions))}, by the Commission's attribution</dd>
          </>
        )}
        <dt>Opened</dt>
        <dd>{c.opened_at}</dd>
      </dl>
      <div class="actions">
        <button type="button" onClick={downloadDossier} disabled={busy} data-testid="dossier-download">
          {t('downloadDossier')}
        </button>
      </div>
      {error && <p role="alert" class="error">{error}</p>}
      {recorded && (
        <p role="status" class="ok" data-testid="decision-recorded">
          Decision {recorded.decision} recorded
          {recorded.ledger !== undefined && (
            <>
              {' '}
              in the ledger as{' '}
              <a href={`#/ledger?seq=${recorded.ledger}`} data-testid="ledger-link">
                entry {recorded.ledger}
              </a>
            </>
          )}
          .
        </p>
      )}
      {p.triage && (
        <div class="actions">
          {!mine && (
            <button type="button" onClick={() => act('claim')} disabled={busy || (!!c.claimed_by && !mine) || allowed.length === 0}>
              {t('claim')}
            </button>
          )}
          {mine && (
            <button type="button" onClick={() => act('release')} disabled={busy}>
              {t('release')}
            </button>
          )}
        </div>
      )}
      {p.triage && mayTakeOver(c.claimed_by, p.me, c.state) && (
        <form class="takeover" onSubmit={takeOver} data-testid="take-over">
          <label class="field">
            <span>{t('takeOverReason')}</span>
            <input type="text" name="take-over-reason" required value={takeOverReason} onInput={(e) => setTakeOverReason((e.target as HTMLInputElement).value)} />
          </label>
          <button type="submit" disabled={busy || !takeOverReason.trim()}>
            {t('takeOver')} {c.claimed_by}
          </button>
        </form>
      )}
      {p.triage && mine && (
        <form class="decision" onSubmit={decide} aria-labelledby="decision-heading">
          <h3 id="decision-heading">{t('decision')}</h3>
          <fieldset>
            <legend>Decision (from {c.state.replace(/_/g, ' ')})</legend>
            {DECISIONS.map((d) => (
              <label key={d} class="check">
                <input
                  type="radio"
                  name="decision"
                  value={d}
                  checked={decision === d}
                  disabled={!allowed.includes(d)}
                  onChange={() => setDecision(d)}
                  required
                />
                {d.replace(/_/g, ' ')} <span class="note">— {DECISION_HELP[d]}</span>
              </label>
            ))}
          </fieldset>
          <label class="field">
            <span>{t('rationale')}</span>
            <textarea name="rationale" required rows={4} value={rationale} onInput={(e) => setRationale((e.target as HTMLTextAreaElement).value)} />
          </label>
          {offersRemedy(decision) && (
            <label class="field">
              <span>{t(requiresRemedy(decision) ? 'remedyRequired' : 'remedy')}</span>
              <input
                type="text"
                name="remedy"
                required={requiresRemedy(decision)}
                value={remedy}
                onInput={(e) => setRemedy((e.target as HTMLInputElement).value)}
              />
            </label>
          )}
          {offersRemedy(decision) && (
            <label class="field">
              <span>{t('remedyDue')}</span>
              <input
                type="date"
                name="remedy_due"
                value={remedyDue}
                onInput={(e) => setRemedyDue((e.target as HTMLInputElement).value)}
              />
            </label>
          )}
          {decision === 'attributed' && (
            <label class="field">
              <span>{t(engineParty(c) ? 'responsibleParty' : 'responsiblePartyRequired')}</span>
              <select
                name="party"
                required={!engineParty(c)}
                value={party}
                onChange={(e) => setParty((e.target as HTMLSelectElement).value)}
              >
                <option value="">{engineParty(c) ? `as the engine attributed it: ${partyName(p.geometry, engineParty(c))}` : 'choose'}</option>
                {attributableParties(p.geometry?.features ?? []).map((id) => (
                  <option key={id} value={id}>
                    {partyName(p.geometry, id)}
                  </option>
                ))}
              </select>
            </label>
          )}
          <button type="submit" disabled={busy || !decisionBody(decision, rationale, remedy, remedyDue, party, engineParty(c))}>
            {t('recordDecision')}
          </button>
        </form>
      )}
      {c.decisions.length > 0 && (
        <>
          <h3>Decisions</h3>
          <ol class="decisions" data-testid="decisions">
            {c.decisions.map((d, i) => (
              <li key={i}>
                <strong>{d.decision}</strong>
                {d.party ? ` (${partyName(p.geometry, d.party)})` : ''} by {d.by} at {d.at}: {d.rationale}
                {describeRemedy(d.remedy, d.remedy_due)}
              </li>
            ))}
          </ol>
        </>
      )}
      {c.takeovers && c.takeovers.length > 0 && (
        <>
          <h3>Claims taken over</h3>
          <ol class="decisions" data-testid="takeovers">
            {c.takeovers.map((k, i) => (
              <li key={i}>
                {k.by} took the case over from {k.from} at {k.at}: {k.reason}
              </li>
            ))}
          </ol>
        </>
      )}
      {c.other_case_events && c.other_case_events.length > 0 && (
        <>
          <h3>Events recorded on another case of this id</h3>
          <p class="note">
            The server opened a different case under this id than the one these events were recorded on (the scenario changed
            between starts). They are kept, and not applied: this case needs its own decision.
          </p>
          <ol class="decisions" data-testid="other-case-events">
            {c.other_case_events.map((e) => (
              <li key={e.event}>{describeOtherCaseEvent(e)}</li>
            ))}
          </ol>
        </>
      )}
      <h3>{t('evidence')}</h3>
      <IncidentDetail id={c.incident} geometry={p.geometry} headingLevel={3} />
    </section>
  );
}
