// The mission's daily report for one day (docs/monitoring.md 1.8), as the server builds it over
// what the reader may read (/v1/reports/daily): its figures as tables here, and the whole report
// as Markdown or its violations as GeoJSON to download.
import { useEffect, useState } from 'preact/hooks';
import { getJson, getText } from '../api';
import { DataTable } from '../components/table';
import { download } from '../download';
import { formatConfidence, formatPercent } from '../format';
import { t } from '../i18n';
import { periodOf } from '../period';
import { partyName } from '../scenario';
import { sectorsOf } from '../sectors';
import type { DailyReportJson, ScenarioGeometry } from '../types';

interface Props {
  days: string[]; // the days with violations, in order
  day: string | undefined; // the URL's choice
  setDay: (day: string | undefined) => void;
  geometry: ScenarioGeometry | null;
}

type Count = [string, number];

function entries(counts: Record<string, number> | undefined): Count[] {
  return Object.entries(counts ?? {});
}

export function DailyReportPanel(p: Props) {
  const day = p.day ?? p.days[p.days.length - 1];
  const [report, setReport] = useState<DailyReportJson | null>(null);
  const [error, setError] = useState('');
  const path = (format: string) => `/v1/reports/daily?day=${encodeURIComponent(day ?? '')}&format=${format}`;

  useEffect(() => {
    setReport(null);
    setError('');
    if (!day) return;
    getJson<DailyReportJson>(path('json')).then(setReport, (e) => setError(String(e.message)));
  }, [day]);

  // The report of every day with violations (at most the last 92), as one Markdown file.
  const period = periodOf(p.days);
  async function savePeriod() {
    if (!period) return;
    setError('');
    try {
      const { text } = await getText(`/v1/reports/period?from=${period.from}&to=${period.to}&format=markdown`);
      download(`report-${period.from}-to-${period.to}.md`, text, 'text/markdown');
    } catch (e) {
      setError(String((e as Error).message));
    }
  }

  async function save(format: 'markdown' | 'geojson') {
    setError('');
    try {
      const { text } = await getText(path(format));
      const ext = format === 'markdown' ? 'md' : 'geojson';
      download(`daily-report-${day}.${ext}`, text, format === 'markdown' ? 'text/markdown' : 'application/geo+json');
    } catch (e) {
      setError(String((e as Error).message));
    }
  }

  const sectors = sectorsOf(p.geometry);
  const sectorName = (id: string) => sectors.find((s) => s.id === id)?.name ?? id;
  const bySector: Count[] = report?.by_named_sector
    ? [...entries(report.by_named_sector).map(([id, n]): Count => [sectorName(id), n]), ...(report.outside_named_sectors ? [['outside the sectors', report.outside_named_sectors] as Count] : [])]
    : entries(report?.by_sector);
  const coverage: Count[] = report?.coverage_by_named_sector
    ? entries(report.coverage_by_named_sector).map(([id, c]): Count => [sectorName(id), c])
    : entries(report?.coverage);
  type Shares = [string, Record<string, number>];
  const watched: Shares[] = report?.watched_by_named_sector
    ? Object.entries(report.watched_by_named_sector).map(([id, w]): Shares => [sectorName(id), w])
    : Object.entries(report?.watched ?? {});
  // "any", then the source types in the order the report lists them.
  const watchedColumns = watched.length > 0 ? Object.keys(watched[0][1]) : [];

  return (
    <section aria-labelledby="report-heading" data-testid="daily-report">
      <h2 id="report-heading">{t('dailyReport')}</h2>
      <div class="actions">
        <label class="field inline">
          <span>{t('day')}</span>
          <select name="day" value={day ?? ''} onChange={(e) => p.setDay((e.target as HTMLSelectElement).value || undefined)}>
            {p.days.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => save('markdown')} disabled={!day} data-testid="report-markdown">
          {t('downloadReport')}
        </button>
        <button type="button" onClick={() => save('geojson')} disabled={!day} data-testid="report-geojson">
          {t('downloadGeojson')}
        </button>
        <button type="button" onClick={savePeriod} disabled={!period} data-testid="report-period">
          {t('downloadPeriod')} {period ? `(${period.from} to ${period.to})` : ''}
        </button>
      </div>
      {error && <p role="alert" class="error">{error}</p>}
      {!day && <p class="note">No violations in the period: no day to report.</p>}
      {day && !report && !error && <p>{t('loading')}</p>}
      {report && (
        <>
          <dl class="facts" data-testid="report-summary">
            <dt>Incidents</dt>
            <dd>{report.incidents}</dd>
            <dt>Verified incidents</dt>
            <dd>{report.verified}</dd>
            <dt>Verified violations</dt>
            <dd data-testid="report-violations">{report.verified_violations}</dd>
            <dt>Explosions, rounds or items</dt>
            <dd>{report.rounds}</dd>
            {report.cases_opened && (
              <>
                <dt>Cases opened</dt>
                <dd data-testid="report-cases-opened">{report.cases_opened.length}</dd>
                <dt>Commission decisions</dt>
                <dd data-testid="report-decisions">{report.decisions?.length ?? 0}</dd>
                <dt>Cases closed</dt>
                <dd>{report.cases_closed?.length ?? 0}</dd>
              </>
            )}
            <dt>Monitoring gaps active</dt>
            <dd>{report.gaps.length}</dd>
          </dl>
          <div class="columns">
            <DataTable
              id="report-sectors"
              caption={`Verified violations by sector, ${day}`}
              rows={bySector}
              rowKey={([k]) => k}
              exportName={`daily-report-${day}-by-sector`}
              columns={[
                { key: 'sector', label: 'Sector', value: ([k]) => k },
                { key: 'violations', label: 'Verified violations', value: ([, n]) => n, numeric: true },
              ]}
            />
            <DataTable
              id="report-parties"
              caption={`By attributed party, ${day}`}
              rows={Object.entries(report.by_party)}
              rowKey={([k]) => k}
              exportName={`daily-report-${day}-by-party`}
              columns={[
                { key: 'party', label: 'Party', value: ([k]) => partyName(p.geometry, k === 'undetermined' ? null : k) },
                { key: 'violations', label: 'Verified violations', value: ([, v]) => v.verified_violations, numeric: true },
                { key: 'confidence', label: 'Mean confidence', value: ([, v]) => v.mean_confidence, render: ([, v]) => formatConfidence(v.mean_confidence), numeric: true },
              ]}
            />
          </div>
          {coverage.length > 0 && (
            <DataTable
              id="report-coverage"
              caption="Coverage the monitoring gaps left (confidence that no violation observed means none happened)"
              rows={coverage}
              rowKey={([k]) => k}
              exportName={`daily-report-${day}-coverage`}
              columns={[
                { key: 'sector', label: 'Sector', value: ([k]) => k },
                { key: 'coverage', label: 'Coverage', value: ([, c]) => c, render: ([, c]) => formatConfidence(c), numeric: true },
              ]}
            />
          )}
          {watched.length > 0 && (
            <DataTable
              id="report-watched"
              caption="Share of each sector the mission's assets watched (points along the line within an asset's range, hour by hour)"
              rows={watched}
              rowKey={([k]) => k}
              exportName={`daily-report-${day}-watched`}
              columns={[
                { key: 'sector', label: 'Sector', value: ([k]) => k },
                ...watchedColumns.map((c) => ({
                  key: c,
                  label: c === 'any' ? 'Any asset' : c,
                  value: ([, w]: Shares) => w[c] ?? 0,
                  render: ([, w]: Shares) => formatPercent(w[c] ?? 0),
                  numeric: true,
                })),
              ]}
            />
          )}
        </>
      )}
    </section>
  );
}
