// Long-term support: pledged, allocated and delivered by donor (EUR million), by year and kind,
// and the force pledges the reader may read, in units by how far each has come.
import { t } from '../i18n';
import { useEffect, useState } from 'preact/hooks';
import { getJson } from '../api';
import { GroupedBars } from '../components/charts';
import { DataTable } from '../components/table';
import { formatPercent } from '../format';
import type { Support } from '../types';
import type { ViewProps } from './view_props';

const COLOURS = { pledged: '#56B4E9', allocated: '#0072B2', delivered: '#009E73' };

export function SupportView(_: ViewProps) {
  const [s, setSupport] = useState<Support | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    getJson<Support>('/v1/support').then(setSupport, (e) => setError(String(e.message)));
  }, []);
  if (!s) return <div><h1>{t('view.support')}</h1>{error ? <p role="alert" class="error">{error}</p> : <p>Loading…</p>}</div>;
  const series = (rows: { pledged: number; allocated: number; delivered: number }[]) =>
    (['pledged', 'allocated', 'delivered'] as const).map((k) => ({ name: k, colour: COLOURS[k], values: rows.map((r) => r[k]) }));
  const money = (v: number) => v.toLocaleString('en', { maximumFractionDigits: 1 });
  return (
    <div>
      <h1>{t('view.support')}</h1>
      <p class="summary">
        In all: {money(s.total.pledged)} pledged, {money(s.total.allocated)} allocated, {money(s.total.delivered)} delivered ({s.unit});
        delivery rate {formatPercent(s.total.delivery_rate)}.
      </p>
      <GroupedBars label={`Support by donor (${s.unit})`} categories={s.by_donor.map((d) => d.donor)} series={series(s.by_donor)} />
      <DataTable
        id="support-donors"
        caption={`By donor (${s.unit})`}
        rows={s.by_donor}
        rowKey={(d) => d.donor}
        exportName="support-by-donor"
        columns={[
          { key: 'donor', label: 'Donor', value: (d) => d.donor },
          { key: 'pledged', label: 'Pledged', value: (d) => d.pledged, numeric: true },
          { key: 'allocated', label: 'Allocated', value: (d) => d.allocated, numeric: true },
          { key: 'delivered', label: 'Delivered', value: (d) => d.delivered, numeric: true },
          { key: 'shortfall', label: 'Shortfall', value: (d) => d.shortfall, numeric: true },
          { key: 'delivery_rate', label: 'Delivered share', value: (d) => Math.round(d.delivery_rate * 1000) / 1000, render: (d) => formatPercent(d.delivery_rate), numeric: true },
        ]}
      />
      <DataTable
        id="support-years"
        caption={`By year (${s.unit})`}
        rows={s.by_year}
        rowKey={(d) => String(d.year)}
        exportName="support-by-year"
        columns={[
          { key: 'year', label: 'Year', value: (d) => d.year },
          { key: 'pledged', label: 'Pledged', value: (d) => d.pledged, numeric: true },
          { key: 'allocated', label: 'Allocated', value: (d) => d.allocated, numeric: true },
          { key: 'delivered', label: 'Delivered', value: (d) => d.delivered, numeric: true },
        ]}
      />
      <DataTable
        id="force-pledges"
        caption="Force pledges by nation (units of capability you may read)"
        rows={s.force_pledges_by_party}
        rowKey={(d) => d.party}
        exportName="force-pledges-by-nation"
        columns={[
          { key: 'party', label: 'Nation', value: (d) => d.party },
          { key: 'pledged', label: 'Pledged', value: (d) => d.pledged, numeric: true },
          { key: 'allocated', label: 'Allocated', value: (d) => d.allocated, numeric: true },
          { key: 'delivered', label: 'Delivered', value: (d) => d.delivered, numeric: true },
        ]}
      />
    </div>
  );
}
