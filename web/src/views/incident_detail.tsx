// One incident with its evidence: the observations it was fused from, each with its source,
// down to the raw report as recorded (as far as the reader may see it).
import { t } from '../i18n';
import { useEffect, useState } from 'preact/hooks';
import { getAll, getJson } from '../api';
import { formatConfidence } from '../format';
import { partyName } from '../scenario';
import type { Incident, ScenarioGeometry, StoredObservation } from '../types';

// The API takes this many ids a request (server/list_query.h, kMaxIds).
const MAX_IDS = 200;

// The reports of an incident, asked for by their ids: those the reader may not see do not come.
export async function incidentObservations(i: Incident): Promise<StoredObservation[]> {
  const ids = [...new Set(i.observations.map((o) => o.observation))];
  const requests: Promise<StoredObservation[]>[] = [];
  for (let k = 0; k < ids.length; k += MAX_IDS) {
    requests.push(getAll<StoredObservation>('/v1/observations', { id: ids.slice(k, k + MAX_IDS) }));
  }
  return (await Promise.all(requests)).flat();
}

export function IncidentDetail(p: { id: string; geometry: ScenarioGeometry | null; onClose?: () => void; headingLevel?: 2 | 3 }) {
  const [incident, setIncident] = useState<Incident | null>(null);
  const [observations, setObservations] = useState<StoredObservation[] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    setIncident(null);
    setObservations(null);
    setError('');
    getJson<Incident>(`/v1/incidents/${encodeURIComponent(p.id)}`)
      .then((i) => {
        setIncident(i);
        return incidentObservations(i).then(setObservations);
      })
      .catch((e) => setError(String(e.message)));
  }, [p.id]);
  const H = p.headingLevel === 3 ? 'h3' : 'h2';
  return (
    <section class="detail" aria-labelledby="incident-heading" data-testid="incident-detail">
      <div class="detail-head">
        <H id="incident-heading">Incident {p.id}</H>
        {p.onClose && (
          <button type="button" onClick={p.onClose}>
            {t('close')}
          </button>
        )}
      </div>
      {error && <p role="alert" class="error">{error}</p>}
      {incident && (
        <dl class="facts">
          <dt>Kind</dt>
          <dd>
            {incident.kind} ({incident.weapon_class})
          </dd>
          <dt>Seen</dt>
          <dd>
            {incident.first_seen} – {incident.last_seen}
          </dd>
          <dt>Status</dt>
          <dd>
            {incident.status}, {incident.independent_sources} independent source(s)
          </dd>
          <dt>Where</dt>
          <dd>
            {incident.position.lat.toFixed(4)}, {incident.position.lon.toFixed(4)} ({incident.at.zone},{' '}
            {incident.at.distance_to_line_km} km from the line)
          </dd>
          <dt>Breaches</dt>
          <dd>{incident.breaches.length === 0 ? 'none' : incident.breaches.map((b) => `${b.rule}: ${b.reason}`).join('; ')}</dd>
          <dt>Severity</dt>
          <dd>{incident.severity}</dd>
          <dt>Attribution</dt>
          <dd>
            {partyName(p.geometry, incident.attribution.party)} by {incident.attribution.method}, confidence{' '}
            {formatConfidence(incident.attribution.confidence)}: {incident.attribution.reason}
          </dd>
          {incident.case && (
            <>
              <dt>Case</dt>
              <dd>
                <a href={`#/commission?case=${encodeURIComponent(incident.case)}`}>{incident.case}</a>
              </dd>
            </>
          )}
        </dl>
      )}
      {incident && (
        <>
          <h3>{t('observations')}</h3>
          {incident.observations.length === 0 && <p class="note">The evidence is not shown at your clearance.</p>}
          {observations === null && incident.observations.length > 0 && <p>Loading…</p>}
          {observations && (
            <ol class="observations" data-testid="observations">
              {incident.observations.map((m) => {
                const o = observations.find((x) => x.record.id === m.observation);
                return (
                  <li key={m.observation}>
                    <strong>{m.observation}</strong> from {m.type} <code>{m.source}</code>
                    {o ? (
                      <>
                        {' '}
                        at {o.record.time}, reported {o.record.kind}, owner {o.owner} ({o.classification})
                        <details>
                          <summary>{t('rawReport')}</summary>
                          <pre>{JSON.stringify(o.record, null, 2)}</pre>
                        </details>
                      </>
                    ) : (
                      <span class="note"> (the report is not readable at your clearance)</span>
                    )}
                  </li>
                );
              })}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
