// The incident filters shared by the map and the monitoring view: each is a query parameter
// of /v1/incidents and /v1/violations, so the view's rows and its export are the same query.
import { t } from '../i18n';
import { partyName, partyOrder } from '../scenario';
import type { ScenarioGeometry } from '../types';

interface Props {
  params: Record<string, string>;
  setParams: (changes: Record<string, string | undefined>, replace?: boolean) => void;
  geometry: ScenarioGeometry | null;
  show?: 'violations' | 'incidents';
}

const ZONES = ['security_zone', 'withdrawal_zone', 'outside_zones'];
const KINDS = [
  'artillery_fire',
  'mortar_fire',
  'rocket_fire',
  'small_arms_fire',
  'explosion',
  'missile_strike',
  'drone_strike',
  'air_incursion',
  'troop_movement',
  'weapon_sighting',
  'fortification',
];

export function IncidentFilters({ params, setParams, geometry, show }: Props) {
  const parties = partyOrder(geometry).slice(0, 2);
  const select = (name: string, label: string, options: { value: string; label: string }[]) => (
    <label class="field">
      <span>{label}</span>
      <select
        name={name}
        value={params[name] ?? ''}
        onChange={(e) => setParams({ [name]: (e.target as HTMLSelectElement).value || undefined })}
      >
        <option value="">{t('any')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <fieldset class="filters">
      <legend>{t('filters')}</legend>
      {show && (
        <label class="field">
          <span>{t('show')}</span>
          <select
            name="show"
            value={show}
            onChange={(e) => setParams({ show: (e.target as HTMLSelectElement).value === 'incidents' ? 'incidents' : undefined })}
          >
            <option value="violations">{t('violations')}</option>
            <option value="incidents">{t('incidents')}</option>
          </select>
        </label>
      )}
      {select(
        'party',
        t('party'),
        parties.map((id) => ({ value: id, label: partyName(geometry, id) })),
      )}
      {select('status', t('status'), [
        { value: 'verified', label: 'verified' },
        { value: 'candidate', label: 'candidate' },
      ])}
      {select(
        'zone',
        t('zone'),
        ZONES.map((z) => ({ value: z, label: z.replace(/_/g, ' ') })),
      )}
      {select(
        'kind',
        t('kind'),
        KINDS.map((k) => ({ value: k, label: k.replace(/_/g, ' ') })),
      )}
      {select(
        'min_severity',
        t('minSeverity'),
        ['1', '2', '3', '4', '5'].map((s) => ({ value: s, label: s })),
      )}
    </fieldset>
  );
}
