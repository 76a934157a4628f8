// Guarantees: the triggers of the binding commitments and whether each has fired, the
// commitments the reader may read under each, and every activation plan as a timeline of who
// must do what by when, set against what restoring the ceasefire requires.
import { t } from '../i18n';
import { useEffect, useState } from 'preact/hooks';
import { getJson } from '../api';
import { partyColour, PALETTE } from '../colours';
import { Timeline } from '../components/charts';
import { DataTable } from '../components/table';
import type { Activation, Commitment, Trigger } from '../types';
import type { ViewProps } from './view_props';

export function GuaranteesView(_: ViewProps) {
  const [triggers, setTriggers] = useState<Trigger[] | null>(null);
  const [commitments, setCommitments] = useState<Commitment[] | null>(null);
  const [activations, setActivations] = useState<Activation[] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    const fail = (e: Error) => setError(String(e.message));
    getJson<{ items: Trigger[] }>('/v1/triggers').then((r) => setTriggers(r.items), fail);
    getJson<{ items: Commitment[] }>('/v1/commitments').then((r) => setCommitments(r.items), fail);
    getJson<{ items: Activation[] }>('/v1/activations').then((r) => setActivations(r.items), fail);
  }, []);
  const fired = (id: string) => (activations ?? []).filter((a) => a.trigger === id);
  const order = [...new Set((commitments ?? []).map((c) => c.party))];
  return (
    <div>
      <h1>{t('view.guarantees')}</h1>
      {error && <p role="alert" class="error">{error}</p>}
      <DataTable
        id="triggers"
        caption="Triggers"
        rows={triggers ?? []}
        rowKey={(t) => t.id}
        rowClass={(t) => (fired(t.id).length > 0 ? 'fired-row' : '')}
        exportName="triggers"
        columns={[
          { key: 'id', label: 'Trigger', value: (t) => t.id },
          { key: 'description', label: 'Description', value: (t) => t.description },
          { key: 'kind', label: 'Kind', value: (t) => t.kind },
          {
            key: 'status',
            label: 'Status',
            value: (t) => (fired(t.id).length > 0 ? `fired ${fired(t.id)[0].fired_at}` : 'not fired'),
          },
          { key: 'commitments', label: 'Commitments', numeric: true, value: (t) => (commitments ?? []).filter((c) => c.trigger === t.id).length },
        ]}
      />
      <DataTable
        id="commitments"
        caption="Commitments"
        rows={commitments ?? []}
        rowKey={(c) => c.id}
        exportName="commitments"
        columns={[
          { key: 'trigger', label: 'Trigger', value: (c) => c.trigger },
          { key: 'party', label: 'Party', value: (c) => c.party },
          { key: 'response', label: 'Response', value: (c) => c.response },
          { key: 'capability', label: 'Capability', value: (c) => (c.capability ? `${c.quantity} × ${c.capability}` : '') },
          { key: 'deadline', label: 'Within (h)', value: (c) => c.deadline_hours, numeric: true },
          { key: 'nature', label: 'Nature', value: (c) => (c.legally_binding ? 'legal' : 'political') },
          { key: 'classification', label: 'Classification', value: (c) => c.classification },
        ]}
      />
      <h2>Activation plans</h2>
      {activations !== null && activations.length === 0 && <p>No trigger has fired.</p>}
      {(activations ?? []).map((a, i) => {
        const start = Date.parse(a.fired_at);
        return (
          <section key={i} class="activation" aria-labelledby={`activation-${i}`} data-testid="activation">
            <h3 id={`activation-${i}`}>
              {a.trigger} fired {a.fired_at}
            </h3>
            <p>{a.reason}</p>
            <p class="note">
              Facts as of {a.facts_as_of}: {a.facts.length}{' '}
              {triggers?.find((t) => t.id === a.trigger)?.kind === 'remedy_ignored'
                ? 'Special Commission case(s)'
                : 'incident(s)'}{' '}
              ({a.facts.slice(0, 3).join(', ')}
              {a.facts.length > 3 ? ', ...' : ''})
            </p>
            {a.obligations.length > 0 && (
              <Timeline
                label={`Obligations after ${a.trigger}`}
                rows={a.obligations.map((o) => ({
                  label: `${o.party}: ${o.capability ?? o.response}`.slice(0, 26),
                  start,
                  end: Date.parse(o.deadline),
                  colour: partyColour(o.party, order) ?? PALETTE[0],
                  note: `${o.party} ${o.response} by ${o.deadline} (${o.nature})`,
                }))}
              />
            )}
            <DataTable
              id={`restoration-${i}`}
              caption="What restoring the ceasefire requires"
              rows={a.restoration}
              rowKey={(r) => r.capability}
              rowClass={(r) => (r.met ? '' : 'gap-row')}
              exportName={`restoration-${a.trigger}`}
              columns={[
                { key: 'capability', label: 'Capability', value: (r) => r.capability },
                { key: 'required', label: 'Required', value: (r) => r.required, numeric: true },
                { key: 'needed_by', label: 'Needed by', value: (r) => r.needed_by },
                { key: 'by_then', label: 'Committed by then', value: (r) => r.committed_by_then, numeric: true },
                { key: 'in_all', label: 'Committed in all', value: (r) => r.committed_in_all, numeric: true },
                { key: 'met', label: 'Met', value: (r) => (r.met ? `met ${r.met_at ?? ''}` : r.committed_in_all >= r.required ? 'late' : 'short') },
              ]}
            />
          </section>
        );
      })}
    </div>
  );
}
