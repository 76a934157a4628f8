// Monitoring: the live feed of new violations, cases and activations (Server-Sent Events), the
// daily counts of violations by party or by zone, and the rows behind them with their export.
import { t } from '../i18n';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { getAll } from '../api';
import { partyColour, PALETTE, UNDETERMINED } from '../colours';
import { StackedBars } from '../components/charts';
import { DataTable } from '../components/table';
import { serverCsv } from '../download';
import { formatConfidence } from '../format';
import { incidentParams } from '../queries';
import { loadGeometry, partyName, partyOrder } from '../scenario';
import { sectorAt, sectorsOf } from '../sectors';
import { subscribe, type FeedState, type SseEvent } from '../sse';
import type { Incident, ScenarioGeometry } from '../types';
import { DailyReportPanel } from './daily_report_panel';
import { IncidentFilters } from './filters';
import type { ViewProps } from './view_props';

interface FeedItem {
  id: string;
  type: string;
  summary: string;
}

function summarise(e: SseEvent): FeedItem {
  let summary = e.data;
  try {
    const j = JSON.parse(e.data);
    if (typeof j.summary === 'string') {
      summary = j.summary;
    } else if (e.event === 'violation') {
      const i = j.incident ?? j;
      summary = `${i.incident ?? j.incident} ${i.kind ?? ''} severity ${i.severity ?? '?'} ${i.attribution?.party ?? ''}`;
    } else if (e.event === 'case') {
      summary = `case ${j.case} opened for ${j.incident}`;
    } else if (e.event === 'activation') {
      summary = `trigger ${j.trigger} fired at ${j.fired_at}`;
    }
  } catch {
    // shown as sent
  }
  return { id: e.id, type: e.event, summary };
}

export function MonitoringView({ state, setParams }: ViewProps) {
  const p = state.params;
  const [geometry, setGeometry] = useState<ScenarioGeometry | null>(null);
  const [rows, setRows] = useState<Incident[] | null>(null);
  const [error, setError] = useState('');
  const [feed, setFeed] = useState<FeedItem[]>([]);
  const [feedState, setFeedState] = useState<FeedState>('connecting');
  const by = p.by === 'zone' || p.by === 'sector' ? p.by : 'party';
  const query = incidentParams(p, true);
  const key = JSON.stringify(query);

  useEffect(() => {
    loadGeometry().then(setGeometry, () => undefined);
  }, []);
  useEffect(() => {
    setRows(null);
    getAll<Incident>('/v1/violations', query).then(setRows, (e) => setError(String(e.message)));
  }, [key]);
  useEffect(() => {
    const abort = new AbortController();
    // The server's recent events first (as far as it keeps them), then each as it happens; of
    // every type the role may read (violations, and cases and activations for the roles that
    // read them): asking for a type the role may not read is refused.
    subscribe(
      '/v1/feed',
      (e) => setFeed((f) => [summarise(e), ...f].slice(0, 50)),
      setFeedState,
      abort.signal,
    );
    return () => abort.abort();
  }, []);

  const order = partyOrder(geometry);
  const sectors = useMemo(() => sectorsOf(geometry), [geometry]);
  const chart = useMemo(() => {
    const all = rows ?? [];
    const days = [...new Set(all.map((r) => r.day))].sort();
    // Each violation's group: its attributed party, its zone, or the agreement's sector that
    // holds its position ('' for undetermined, or outside every sector).
    const keys = all.map((r) =>
      by === 'party' ? r.attribution.party ?? '' : by === 'zone' ? r.at.zone : sectorAt(sectors, r.position.lon, r.position.lat)?.id ?? '',
    );
    const present = new Set(keys);
    const groups = by === 'sector' ? [...sectors.map((s) => s.id), ''].filter((g) => present.has(g)) : [...present].sort();
    const series = groups.map((g, gi) => ({
      name:
        by === 'party'
          ? partyName(geometry, g || null)
          : by === 'zone'
            ? g.replace(/_/g, ' ')
            : sectors.find((s) => s.id === g)?.name ?? 'outside the sectors',
      colour: by === 'party' ? (g ? partyColour(g, order) : UNDETERMINED) : PALETTE[(gi + 2) % PALETTE.length],
      values: days.map((d) => all.filter((r, i) => r.day === d && keys[i] === g).length),
    }));
    return { days, series };
  }, [rows, by, geometry, sectors]);

  return (
    <div>
      <h1>{t('view.monitoring')}</h1>
      {error && <p role="alert" class="error">{error}</p>}
      <div class="columns">
        <div>
          <IncidentFilters params={p} setParams={setParams} geometry={geometry} />
          <fieldset class="filters">
            <legend>{t('period')}</legend>
            <label class="field">
              <span>{t('from')}</span>
              <input type="text" name="from" value={p.from ?? ''} placeholder="2026-02-01T00:00:00Z" onChange={(e) => setParams({ from: (e.target as HTMLInputElement).value })} />
            </label>
            <label class="field">
              <span>{t('to')}</span>
              <input type="text" name="to" value={p.to ?? ''} placeholder="2026-02-04T00:00:00Z" onChange={(e) => setParams({ to: (e.target as HTMLInputElement).value })} />
            </label>
          </fieldset>
        </div>
        <section aria-labelledby="live-heading" class="feed">
          <h2 id="live-heading">
            {t('liveFeed')} <span class={`feed-state ${feedState}`} data-testid="feed-state">{feedState}</span>
          </h2>
          <ol aria-live="polite" data-testid="feed">
            {feed.length === 0 && <li class="note">No events yet.</li>}
            {feed.map((f) => (
              <li key={f.id}>
                <span class={`tag ${f.type}`}>{f.type}</span> {f.summary}
              </li>
            ))}
          </ol>
        </section>
      </div>
      <section aria-labelledby="daily-heading">
        <h2 id="daily-heading">Violations per day by {by}</h2>
        <label class="field inline">
          <span>{t('groupBy')}</span>
          <select name="by" value={by} onChange={(e) => setParams({ by: (e.target as HTMLSelectElement).value === 'party' ? undefined : (e.target as HTMLSelectElement).value })}>
            <option value="party">attributed party</option>
            <option value="zone">zone</option>
            {sectors.length > 0 && <option value="sector">sector</option>}
          </select>
        </label>
        {rows === null ? (
          <p>Loading…</p>
        ) : (
          <StackedBars label={`Violations per day by ${by}`} categories={chart.days} series={chart.series} testid="daily-chart" />
        )}
        <DataTable
          id="daily"
          caption={`Daily counts by ${by}`}
          rows={chart.days}
          rowKey={(d) => d}
          exportName={`daily-by-${by}`}
          columns={[
            { key: 'day', label: 'Day', value: (d) => d },
            ...chart.series.map((s) => ({
              key: s.name,
              label: s.name,
              numeric: true,
              value: (d: string) => s.values[chart.days.indexOf(d)],
            })),
          ]}
        />
      </section>
      <DataTable
        id="violations"
        caption="Violations"
        rows={rows ?? []}
        rowKey={(i) => i.incident}
        exportName="violations"
        serverExport={() => serverCsv('/v1/violations', query)}
        onSelect={(i) => {
          location.hash = `#/map?incident=${encodeURIComponent(i.incident)}`;
        }}
        columns={[
          { key: 'id', label: 'Incident', value: (i) => i.incident, nowrap: true },
          { key: 'day', label: 'Day', value: (i) => i.day },
          { key: 'kind', label: 'Kind', value: (i) => i.kind },
          { key: 'zone', label: 'Zone', value: (i) => i.at.zone },
          { key: 'severity', label: 'Severity', value: (i) => i.severity, numeric: true },
          { key: 'party', label: 'Attributed to', value: (i) => partyName(geometry, i.attribution.party) },
          { key: 'confidence', label: 'Confidence', value: (i) => i.attribution.confidence, render: (i) => formatConfidence(i.attribution.confidence), numeric: true },
          { key: 'case', label: 'Case', value: (i) => i.case ?? '', nowrap: true },
        ]}
      />
      {/* Below the violations: it loads on its own, and must not move what is above it. */}
      <DailyReportPanel days={chart.days} day={p.day} setDay={(day) => setParams({ day })} geometry={geometry} />
    </div>
  );
}
