// The force: how the pledges the reader may read source the requirements (by requirement and by
// nation), the gaps, the readiness timeline, and what-if toggles (a nation withdraws, a
// parliament rejects, no US backstop) re-sourced by the server (/v1/force/whatif).
import { t } from '../i18n';
import { useEffect, useState } from 'preact/hooks';
import { getJson, postJson } from '../api';
import { PALETTE } from '../colours';
import { StepChart } from '../components/charts';
import { DataTable } from '../components/table';
import { formatPercent } from '../format';
import type { Coverage, Pledge, RequirementCoverage } from '../types';
import { formatList, listParam } from '../url_state';
import type { ViewProps } from './view_props';

function Bar({ share, label }: { share: number; label: string }) {
  return (
    <svg class="bar" width="100" height="12" role="img" aria-label={label} dir="ltr">
      <rect width="100" height="12" class="bar-bg" />
      <rect width={Math.max(0, Math.min(1, share)) * 100} height="12" class={share < 1 ? 'bar-short' : 'bar-full'} />
    </svg>
  );
}

export function ForceView({ state, setParams }: ViewProps) {
  const p = state.params;
  const drop = listParam(p.drop);
  const reject = listParam(p.reject);
  const noBackstop = p.backstop === 'no';
  const whatIf = drop.length > 0 || reject.length > 0 || noBackstop;
  const [pledges, setPledges] = useState<Pledge[] | null>(null);
  const [before, setBefore] = useState<Coverage | null>(null);
  const [after, setAfter] = useState<Coverage | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    getJson<{ items: Pledge[] }>('/v1/pledges').then((r) => setPledges(r.items), (e) => setError(String(e.message)));
    getJson<Coverage>('/v1/force/coverage').then(setBefore, (e) => setError(String(e.message)));
  }, []);
  useEffect(() => {
    if (!whatIf) {
      setAfter(null);
      return;
    }
    postJson<{ before: Coverage; after: Coverage }>('/v1/force/whatif', {
      drop,
      parliament_rejects: reject,
      us_backstop: !noBackstop,
    }).then((r) => setAfter(r.after), (e) => setError(String(e.message)));
  }, [p.drop, p.reject, p.backstop]);

  const shown = whatIf ? after : before;
  const parties = [...new Set((pledges ?? []).map((x) => x.party))].sort();
  const toggle = (key: 'drop' | 'reject', list: string[], party: string, on: boolean) =>
    setParams({ [key]: formatList(on ? [...list, party] : list.filter((x) => x !== party)) });

  return (
    <div>
      <h1>{t('view.force')}</h1>
      {error && <p role="alert" class="error">{error}</p>}
      <p class="summary" data-testid="coverage-summary">
        {shown ? (
          <>
            Covered <span data-testid="covered-units">{shown.covered_units}</span> of{' '}
            <span data-testid="required-units">{shown.required_units}</span> required units (
            {formatPercent(shown.required_units ? shown.covered_units / shown.required_units : 0)})
            {pledges && (
              <span class="note">
                {' '}
                over the {pledges.length} pledges you may read (a nation's national pledges count only in its own view)
              </span>
            )}
            {whatIf && before && (
              <>
                {' '}
                under the what-if; {before.covered_units} with every pledge as made
              </>
            )}
          </>
        ) : (
          'Loading…'
        )}
      </p>
      <fieldset class="whatif">
        <legend>{t('whatIf')}</legend>
        <label class="check">
          <input type="checkbox" name="no-backstop" checked={noBackstop} onChange={(e) => setParams({ backstop: (e.target as HTMLInputElement).checked ? 'no' : undefined })} />
          {t('noBackstop')}
        </label>
        <div class="toggle-grid">
          {parties.map((party) => (
            <div key={party} class="toggle-row">
              <span class="party">{party}</span>
              <label class="check">
                <input
                  type="checkbox"
                  name={`drop-${party}`}
                  data-testid={`drop-${party}`}
                  checked={drop.includes(party)}
                  onChange={(e) => toggle('drop', drop, party, (e.target as HTMLInputElement).checked)}
                />
                {t('withdraws')}
              </label>
              <label class="check">
                <input
                  type="checkbox"
                  name={`reject-${party}`}
                  checked={reject.includes(party)}
                  onChange={(e) => toggle('reject', reject, party, (e.target as HTMLInputElement).checked)}
                />
                {t('parliamentRejects')}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
      {shown && (
        <DataTable
          id="requirements"
          caption={whatIf ? 'Coverage by requirement under the what-if' : 'Coverage by requirement'}
          rows={shown.requirements}
          rowKey={(r) => r.requirement}
          rowClass={(r) => (r.gap ? 'gap-row' : '')}
          exportName={whatIf ? 'coverage-whatif' : 'coverage'}
          columns={[
            { key: 'requirement', label: 'Requirement', value: (r) => r.requirement, nowrap: true },
            { key: 'capability', label: 'Capability', value: (r) => r.capability },
            { key: 'region', label: 'Region', value: (r) => r.region },
            { key: 'quantity', label: 'Required', value: (r) => r.quantity, numeric: true },
            { key: 'assigned', label: 'Assigned', value: (r) => r.assigned, numeric: true },
            {
              key: 'coverage',
              label: 'Coverage',
              value: (r) => r.coverage,
              render: (r: RequirementCoverage) => (
                <span class="cover">
                  <Bar share={r.coverage} label={`${formatPercent(r.coverage)} covered`} /> {formatPercent(r.coverage)}
                  {whatIf && before && (
                    <span class="note"> (was {formatPercent(before.requirements.find((b) => b.requirement === r.requirement)?.coverage ?? 0)})</span>
                  )}
                </span>
              ),
            },
            { key: 'nations', label: 'Nations', value: (r) => r.nations.join(' ') },
            {
              key: 'gap',
              label: 'Gap',
              value: (r) => r.gap,
              render: (r: RequirementCoverage) =>
                r.gap ? (
                  <strong class="gap">
                    <span aria-hidden="true">⚠ </span>
                    {r.gap}
                  </strong>
                ) : r.single_point_of_failure ? (
                  'single point of failure'
                ) : (
                  ''
                ),
            },
          ]}
        />
      )}
      {shown && pledges && <ByNation coverage={shown} pledges={pledges.filter((x) => !drop.includes(x.party))} />}
      {shown && pledges && (
        <section aria-labelledby="readiness-heading">
          <h2 id="readiness-heading">Readiness</h2>
          <StepChart
            label="Share of required units ready by day after D"
            xLabel="days after D (dots: pledges ready)"
            points={shown.readiness.map((r) => ({ x: r.day, y: r.share }))}
            marks={pledges
              .filter((x) => !drop.includes(x.party) && !x.withdrawn)
              .map((x, i) => ({ x: x.readiness_days, label: `${x.id} (${x.party}) D+${x.readiness_days}`, colour: PALETTE[i % PALETTE.length] }))}
          />
          <DataTable
            id="readiness"
            caption="Pledges by readiness"
            rows={[...pledges].filter((x) => !drop.includes(x.party) && !x.withdrawn).sort((a, b) => a.readiness_days - b.readiness_days)}
            rowKey={(x) => x.id}
            exportName="readiness"
            columns={[
              { key: 'ready', label: 'Ready', value: (x) => `D+${x.readiness_days}` },
              { key: 'pledge', label: 'Pledge', value: (x) => x.id },
              { key: 'party', label: 'Nation', value: (x) => x.party },
              { key: 'capability', label: 'Capability', value: (x) => x.capability },
              { key: 'quantity', label: 'Quantity', value: (x) => x.quantity, numeric: true },
              { key: 'status', label: 'Status', value: (x) => x.status },
            ]}
          />
        </section>
      )}
    </div>
  );
}

function ByNation({ coverage, pledges }: { coverage: Coverage; pledges: Pledge[] }) {
  return (
    <DataTable
      id="pledges"
      caption="Pledges by nation"
      rows={pledges}
      rowKey={(x) => x.id}
      exportName="pledges"
      columns={[
        { key: 'party', label: 'Nation', value: (x) => x.party },
        { key: 'id', label: 'Pledge', value: (x) => x.id, nowrap: true },
        { key: 'capability', label: 'Capability', value: (x) => x.capability },
        { key: 'quantity', label: 'Quantity', value: (x) => x.quantity, numeric: true },
        { key: 'status', label: 'Status', value: (x) => x.status },
        { key: 'classification', label: 'Classification', value: (x) => x.classification },
        {
          key: 'source',
          label: 'Recorded in',
          value: (x) =>
            (x.source === 'ledger' ? `ledger entry ${x.ledger_sequence}` : 'scenario') + (x.withdrawn ? ' (withdrawn)' : ''),
        },
        {
          key: 'sources',
          label: 'Sources requirements',
          value: (x) => coverage.requirements.filter((r) => r.nations.includes(x.party) && r.capability === x.capability).map((r) => r.requirement).join(' '),
        },
      ]}
    />
  );
}
