// The map: the agreement's geography (line of contact, zones, control areas, disengagement
// areas, protected sites), monitoring coverage and gaps, and incidents coloured by attributed
// party and confidence, binned into density cells at low zoom, up to the time the slider sets.
// Clicking an incident (or choosing it in the list) shows its observations and their sources.
//
// Drawn with Leaflet on vector layers only: the basemap is Natural Earth (world-atlas) served
// with the page, so nothing is loaded from elsewhere. performance.mark('map-ready') is set once
// the line of contact and the incidents are drawn (bench/web_paint.mjs measures it).
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { t } from '../i18n';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, getAll, getAllOnce } from '../api';
import { standingAt } from '../assets';
import { markerStyle, partyColour } from '../colours';
import { DataTable } from '../components/table';
import { binPoints, binRadius, cellDegrees, DENSITY_BELOW_ZOOM } from '../density';
import { serverCsv } from '../download';
import { formatConfidence } from '../format';
import { incidentParams, matchesTime } from '../queries';
import { loadGeometry, partyName, partyOrder } from '../scenario';
import type { AssetPlacement, Gap, Incident, ScenarioGeometry } from '../types';
import { formatList, listParam } from '../url_state';
import type { ViewProps } from './view_props';
import { IncidentFilters } from './filters';
import { IncidentDetail } from './incident_detail';
import { loadBasemap } from './basemap';

// What the map lists for a view's parameters (the app starts it before the map mounts).
export function mapQuery(params: Record<string, string>): [string, Record<string, string>] {
  return [params.show === 'incidents' ? '/v1/incidents' : '/v1/violations', incidentParams(params, false)];
}

const LAYERS = ['control', 'zones', 'disengagement', 'sites', 'sectors', 'coverage', 'gaps', 'assets'] as const;
const LAYER_LABELS: Record<(typeof LAYERS)[number], string> = {
  control: 'Control areas',
  zones: 'Security and withdrawal zones',
  disengagement: 'Disengagement areas',
  sites: 'Protected sites',
  sectors: 'Named sectors',
  coverage: 'Monitoring coverage (cells with reports)',
  gaps: 'Monitoring gaps',
  assets: "Monitoring assets in place at the slider's time, with their range",
};

// Metres per CSS pixel in Web Mercator at a latitude and zoom.
function metresPerPixel(lat: number, zoom: number): number {
  return (40075016.686 * Math.cos((lat * Math.PI) / 180)) / 2 ** (zoom + 8);
}

let markedReady = false;
function markReady(name: string) {
  // After the frame that shows the layers has been painted.
  requestAnimationFrame(() =>
    setTimeout(() => {
      if (performance.getEntriesByName(name).length === 0) performance.mark(name);
    }),
  );
}

export function MapView({ state, setParams }: ViewProps) {
  const p = state.params;
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const groups = useRef<Record<string, L.LayerGroup>>({});
  const fitted = useRef(false);
  const [geometry, setGeometry] = useState<ScenarioGeometry | null>(null);
  const [incidents, setIncidents] = useState<Incident[] | null>(null);
  const [gaps, setGaps] = useState<Gap[] | null | 'unavailable'>(null);
  const [assets, setAssets] = useState<AssetPlacement[] | null>(null);
  const [coverage, setCoverage] = useState<{ lat: number; lon: number; n: number }[] | null>(null);
  const [zoom, setZoom] = useState(6);
  const [error, setError] = useState('');
  const show = p.show === 'incidents' ? 'incidents' : 'violations';
  const hidden = new Set(listParam(p.hide));
  const apiPath = mapQuery(p)[0];
  const filterKey = JSON.stringify(incidentParams(p, false)) + apiPath;

  // The map itself, once.
  useEffect(() => {
    const at = (p.at ?? '').split('/').map(Number);
    const map = L.map(container.current!, {
      zoomSnap: 0.5,
      attributionControl: true,
      preferCanvas: false,
      keyboard: true,
      worldCopyJump: false,
    });
    map.attributionControl.setPrefix('Leaflet');
    map.attributionControl.addAttribution('Basemap: Natural Earth (public domain)');
    if (at.length === 3 && at.every(Number.isFinite)) map.setView([at[1], at[2]], at[0]);
    else map.setView([48.4, 35.0], 6);
    for (const [name, z] of [
      ['basemap', 200],
      ['control', 250],
      ['zones', 300],
      ['coverage', 320],
      ['areas', 350],
      ['gaps', 380],
      ['assets', 390],
      ['line', 420],
      ['incidents', 450],
    ] as const) {
      map.createPane(name).style.zIndex = String(z);
    }
    mapRef.current = map;
    setZoom(map.getZoom());
    map.on('zoomend', () => setZoom(map.getZoom()));
    map.on('moveend', () => {
      const c = map.getCenter();
      setParams({ at: `${map.getZoom()}/${c.lat.toFixed(3)}/${c.lng.toFixed(3)}` }, true);
    });
    loadBasemap(map, 'basemap').then(
      () => markReady('basemap-ready'),
      () => undefined,
    );
    return () => {
      map.remove();
      mapRef.current = null;
    };
  }, []);

  // A view set in the URL from outside (a pasted link, the browser's history) moves the map.
  useEffect(() => {
    const map = mapRef.current;
    const at = (p.at ?? '').split('/').map(Number);
    if (!map || at.length !== 3 || !at.every(Number.isFinite)) return;
    const c = map.getCenter();
    if (Math.abs(map.getZoom() - at[0]) > 0.01 || Math.abs(c.lat - at[1]) > 0.002 || Math.abs(c.lng - at[2]) > 0.002) {
      map.setView([at[1], at[2]], at[0], { animate: false });
    }
  }, [p.at]);

  useEffect(() => {
    loadGeometry().then(setGeometry, (e) => setError(String(e.message)));
  }, []);

  useEffect(() => {
    setIncidents(null);
    getAllOnce<Incident>(apiPath, incidentParams(p, false)).then(setIncidents, (e) => setError(String(e.message)));
  }, [filterKey]);

  useEffect(() => {
    getAll<Gap>('/v1/gaps', {}).then(
      (g) => setGaps(g),
      (e) => setGaps(e instanceof ApiError && (e.status === 404 || e.status === 403) ? 'unavailable' : null),
    );
  }, []);

  useEffect(() => {
    getAll<AssetPlacement>('/v1/assets', {}).then(setAssets, () => setAssets([]));
  }, []);

  // Coverage: where reports came from in the window, in 0.25-degree cells; after the first paint.
  useEffect(() => {
    if (hidden.has('coverage') || incidents === null) return;
    const q: Record<string, string> = {};
    if (p.from) q.from = p.from;
    if (p.to) q.to = p.to;
    getAll<{ record: { position?: { lat: number; lon: number } } }>('/v1/observations', q, 50000).then((obs) => {
      const cells = new Map<string, { lat: number; lon: number; n: number }>();
      for (const o of obs) {
        const pos = o.record.position;
        if (!pos) continue;
        const la = Math.floor(pos.lat * 4) / 4;
        const lo = Math.floor(pos.lon * 4) / 4;
        const key = `${la}:${lo}`;
        const c = cells.get(key) ?? { lat: la, lon: lo, n: 0 };
        c.n++;
        cells.set(key, c);
      }
      setCoverage([...cells.values()]);
    }, () => setCoverage([]));
  }, [p.from, p.to, hidden.has('coverage'), incidents === null]);

  const order = partyOrder(geometry);
  const extent = useMemo(() => {
    if (!incidents || incidents.length === 0) return null;
    let lo = Infinity;
    let hi = -Infinity;
    for (const i of incidents) {
      lo = Math.min(lo, Date.parse(i.first_seen));
      hi = Math.max(hi, Date.parse(i.last_seen));
    }
    // lo and hi bound the slider in whole hours; last is the latest report itself.
    return { lo: Math.floor(lo / 3600e3) * 3600e3, hi: Math.ceil(hi / 3600e3) * 3600e3 + 3600e3, last: hi };
  }, [incidents]);
  const shown = useMemo(
    () => (incidents ?? []).filter((i) => matchesTime(i.first_seen, i.last_seen, p.from, p.to)),
    [incidents, p.from, p.to],
  );

  // The agreement's layers.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !geometry) return;
    for (const name of ['control', 'zones', 'disengagement', 'sites', 'sectors', 'line']) {
      groups.current[name]?.remove();
      groups.current[name] = L.layerGroup().addTo(map);
    }
    const lines: L.Polyline[] = [];
    for (const f of geometry.features) {
      const props = f.properties;
      if (props.layer === 'control_area' && !hidden.has('control')) {
        const colour = partyColour(props.party as string, order);
        L.geoJSON(f, {
          pane: 'control',
          interactive: false,
          style: { color: colour, weight: 0, fillColor: colour, fillOpacity: 0.07 },
        }).addTo(groups.current.control);
      } else if (props.layer === 'zone' && !hidden.has('zones')) {
        const coords = (f.geometry as GeoJSON.MultiLineString).coordinates;
        const line = L.polyline(
          coords.map((part) => part.map(([lon, lat]) => [lat, lon] as [number, number])),
          {
            pane: 'zones',
            interactive: false,
            color: props.zone === 'security_zone' ? '#8a6d00' : '#9a9a9a',
            opacity: props.zone === 'security_zone' ? 0.2 : 0.05,
            lineCap: 'round',
            lineJoin: 'round',
            className: `zone zone-${props.zone}`,
          },
        );
        (line as L.Polyline & { halfWidthKm?: number }).halfWidthKm = props.half_width_km as number;
        lines.push(line);
        line.addTo(groups.current.zones);
      } else if (props.layer === 'disengagement_area' && !hidden.has('disengagement')) {
        L.geoJSON(f, {
          pane: 'areas',
          style: { color: '#5b3a8c', weight: 2, fillOpacity: 0.25, fillColor: '#5b3a8c' },
        })
          .bindTooltip(`Disengagement area: ${props.name}`)
          .addTo(groups.current.disengagement);
      } else if (props.layer === 'sector' && !hidden.has('sectors')) {
        // An outline and its name: sectors only say where counts are made, and stay out of the
        // way of the incidents drawn over them.
        const outline = L.geoJSON(f, {
          pane: 'areas',
          interactive: false,
          style: { color: '#555', weight: 1.5, dashArray: '8 6', fill: false, className: 'sector' },
        }).addTo(groups.current.sectors);
        L.tooltip({ permanent: true, direction: 'center', className: 'sector-label' })
          .setLatLng(outline.getBounds().getCenter())
          .setContent(String(props.name))
          .addTo(groups.current.sectors);
      } else if (props.layer === 'protected_site' && !hidden.has('sites')) {
        const [lon, lat] = (f.geometry as GeoJSON.Point).coordinates;
        L.circle([lat, lon], {
          pane: 'areas',
          radius: (props.radius_km as number) * 1000,
          color: '#1b7f3b',
          weight: 2,
          dashArray: '6 4',
          fillOpacity: 0.08,
        })
          .bindTooltip(`Protected site: ${props.name} (${props.radius_km} km)`)
          .addTo(groups.current.sites);
      } else if (props.layer === 'line_of_contact') {
        const line = L.geoJSON(f, {
          pane: 'line',
          interactive: false,
          style: { color: '#111', weight: 2.5, className: 'line-of-contact' },
        }).addTo(groups.current.line);
        if (!fitted.current && !p.at) map.fitBounds(line.getBounds(), { padding: [20, 20], animate: false });
        fitted.current = true;
      }
    }
    // A zone is a band of its half width either side of the line: a stroke of twice that width
    // with round joins, in pixels at the map's zoom and the front's mean latitude.
    const widths = () => {
      const mpp = metresPerPixel(48.5, map.getZoom());
      for (const l of lines) l.setStyle({ weight: (2 * (l as L.Polyline & { halfWidthKm: number }).halfWidthKm * 1000) / mpp });
    };
    widths();
    map.on('zoomend', widths);
    return () => {
      map.off('zoomend', widths);
    };
  }, [geometry, p.hide]);

  // Incidents, or their density at low zoom.
  const binned = zoom < DENSITY_BELOW_ZOOM;
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !incidents) return;
    groups.current.incidents?.remove();
    const group = L.layerGroup().addTo(map);
    groups.current.incidents = group;
    if (binned) {
      for (const b of binPoints(
        shown.map((i) => ({ lat: i.position.lat, lon: i.position.lon, party: i.attribution.party })),
        cellDegrees(zoom),
      )) {
        const colour = partyColour(b.dominant, order);
        const m = L.circleMarker([b.lat, b.lon], {
          pane: 'incidents',
          radius: binRadius(b.count),
          color: colour,
          fillColor: colour,
          fillOpacity: 0.45,
          weight: 1,
          className: 'density-cell',
        })
          .bindTooltip(
            `${b.count} ${show}: ` +
              Object.entries(b.byParty)
                .map(([party, n]) => `${partyName(geometry, party || null)} ${n}`)
                .join(', '),
          )
          .on('click', () => map.setView([b.lat, b.lon], DENSITY_BELOW_ZOOM));
        m.addTo(group);
        m.getElement()?.setAttribute('data-count', String(b.count));
      }
    } else {
      for (const i of shown) {
        const s = markerStyle(i.attribution.party, i.attribution.confidence, order);
        const m = L.circleMarker([i.position.lat, i.position.lon], {
          pane: 'incidents',
          radius: 3 + i.severity,
          color: s.color,
          fillColor: s.fillColor,
          fillOpacity: s.fillOpacity,
          weight: s.weight,
          dashArray: s.dashArray,
          className: `incident-marker${i.violation ? ' violation-marker' : ''} confidence-${s.band}`,
        })
          .bindTooltip(`${i.kind} · ${partyName(geometry, i.attribution.party)} (${formatConfidence(i.attribution.confidence)})`)
          .on('click', () => setParams({ incident: i.incident }));
        m.addTo(group);
        const el = m.getElement();
        el?.setAttribute('data-incident', i.incident);
        el?.setAttribute('data-count', '1');
      }
    }
    if (geometry && !markedReady) {
      markedReady = true;
      markReady('map-ready');
    }
  }, [incidents, shown, binned, zoom, geometry]);

  // Monitoring gaps active in the window, and coverage cells.
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    groups.current.gaps?.remove();
    groups.current.coverage?.remove();
    const g = L.layerGroup().addTo(map);
    const c = L.layerGroup().addTo(map);
    groups.current.gaps = g;
    groups.current.coverage = c;
    if (Array.isArray(gaps) && !hidden.has('gaps')) {
      for (const gap of gaps) {
        if (!matchesTime(gap.start, gap.end, p.from, p.to)) continue;
        L.circle([gap.center.lat, gap.center.lon], {
          pane: 'gaps',
          radius: gap.radius_km * 1000,
          color: '#b00020',
          weight: 1.5,
          dashArray: '2 4',
          fillColor: '#b00020',
          fillOpacity: 0.06,
          className: 'gap',
        })
          .bindTooltip(`Monitoring gap (${gap.source_type}): ${gap.reason}, ${gap.start} to ${gap.end}`)
          .addTo(g);
      }
    }
    if (coverage && !hidden.has('coverage')) {
      for (const cell of coverage) {
        L.rectangle(
          [
            [cell.lat, cell.lon],
            [cell.lat + 0.25, cell.lon + 0.25],
          ],
          { pane: 'coverage', interactive: false, weight: 0, fillColor: '#2a7ab0', fillOpacity: Math.min(0.35, 0.08 + cell.n * 0.02), className: 'coverage-cell' },
        ).addTo(c);
      }
    }
  }, [gaps, coverage, p.from, p.to, p.hide]);

  // The assets in place at the slider's time (at its end, the latest report's), each with the
  // circle of its range.
  const assetInstant = p.to ? Date.parse(p.to) : extent?.last;
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    groups.current.assets?.remove();
    const a = L.layerGroup().addTo(map);
    groups.current.assets = a;
    if (!assets || assetInstant === undefined || hidden.has('assets')) return;
    for (const asset of standingAt(assets, assetInstant)) {
      L.circle([asset.position.lat, asset.position.lon], {
        pane: 'assets',
        radius: asset.range_km * 1000,
        color: '#1b7837',
        weight: 1,
        fill: false,
        className: 'asset',
      })
        .bindTooltip(`${asset.type}${asset.id ? ` ${asset.id}` : ''}: ${asset.range_km} km, ${asset.from} to ${asset.to}`)
        .addTo(a);
    }
  }, [assets, assetInstant, p.hide]);

  const toValue = p.to ? Date.parse(p.to) : extent?.hi ?? 0;
  const selected = p.incident;
  return (
    <div class="map-view">
      <h1>{t('view.map')}</h1>
      {error && <p role="alert" class="error">{error}</p>}
      <div class="map-layout">
        <div class="map-side">
          <IncidentFilters params={p} setParams={setParams} geometry={geometry} show={show} />
          <fieldset>
            <legend>{t('layers')}</legend>
            {LAYERS.map((l) => (
              <label key={l} class="check">
                <input
                  type="checkbox"
                  checked={!hidden.has(l)}
                  onChange={(e) => {
                    const next = new Set(hidden);
                    if ((e.target as HTMLInputElement).checked) next.delete(l);
                    else next.add(l);
                    setParams({ hide: formatList(next) });
                  }}
                />
                {LAYER_LABELS[l]}
              </label>
            ))}
            {gaps === 'unavailable' && <p class="note">Monitoring gaps are not served by this server.</p>}
          </fieldset>
          <MapLegend order={order} geometry={geometry} />
        </div>
        <div class="map-main">
          <div class="slider">
            <label for="time-slider">{t('until')}</label>
            <input
              id="time-slider"
              type="range"
              min={extent?.lo ?? 0}
              max={extent?.hi ?? 0}
              step={3600e3}
              value={toValue}
              disabled={!extent}
              aria-valuetext={extent ? new Date(toValue).toISOString() : ''}
              onInput={(e) => {
                const v = Number((e.target as HTMLInputElement).value);
                setParams({ to: extent && v >= extent.hi ? undefined : new Date(v).toISOString().replace('.000Z', 'Z') }, true);
              }}
            />
            <output for="time-slider" data-testid="time-value">
              {p.to ?? t('all')}
            </output>
          </div>
          <p class="count" data-testid="violation-count" aria-live="polite">
            {incidents === null ? 'Loading…' : `${shown.length} ${show} shown of ${incidents.length}`}
            {binned && incidents !== null ? ' (density cells at this zoom; zoom in for single incidents)' : ''}
          </p>
          <div ref={container} class="map" dir="ltr" role="region" aria-label="Map of the line of contact and incidents" data-testid="map" />
        </div>
      </div>
      {selected && <IncidentDetail id={selected} geometry={geometry} onClose={() => setParams({ incident: undefined })} />}
      <DataTable
        id="incidents"
        caption={`${show === 'violations' ? 'Violations' : 'Incidents'} shown on the map`}
        rows={shown}
        rowKey={(i) => i.incident}
        selected={selected}
        onSelect={(i) => setParams({ incident: i.incident })}
        exportName={show}
        serverExport={() => serverCsv(apiPath, incidentParams(p, true))}
        columns={[
          { key: 'id', label: 'Incident', value: (i) => i.incident, nowrap: true },
          { key: 'first_seen', label: 'First seen', value: (i) => i.first_seen, nowrap: true },
          { key: 'kind', label: 'Kind', value: (i) => i.kind },
          { key: 'zone', label: 'Zone', value: (i) => i.at.zone },
          { key: 'severity', label: 'Severity', value: (i) => i.severity, numeric: true },
          { key: 'party', label: 'Attributed to', value: (i) => partyName(geometry, i.attribution.party) },
          { key: 'confidence', label: 'Confidence', value: (i) => i.attribution.confidence, render: (i) => formatConfidence(i.attribution.confidence), numeric: true },
          { key: 'status', label: 'Status', value: (i) => i.status },
        ]}
      />
    </div>
  );
}

function MapLegend({ order, geometry }: { order: string[]; geometry: ScenarioGeometry | null }) {
  const parties = order.slice(0, 2);
  return (
    <section class="legend-block" aria-label="Legend">
      <h2>{t('legend')}</h2>
      <ul class="legend">
        {parties.map((party) => (
          <li key={party}>
            <svg width="14" height="14" aria-hidden="true">
              <circle cx="7" cy="7" r="6" fill={partyColour(party, order)} />
            </svg>
            attributed to {partyName(geometry, party)}
          </li>
        ))}
        <li>
          <svg width="14" height="14" aria-hidden="true">
            <circle cx="7" cy="7" r="5" fill="none" stroke="#6b6b6b" stroke-dasharray="3 3" stroke-width="2" />
          </svg>
          undetermined, or confidence below 0.7 (hollow, dashed)
        </li>
        <li>solid: confidence 0.9 and above; half filled: 0.7 to 0.9</li>
        <li>size: severity</li>
        {geometry?.features.some((f) => f.properties.layer === 'sector') && (
          <li>
            <svg width="14" height="14" aria-hidden="true">
              <rect x="1" y="1" width="12" height="12" fill="none" stroke="#555" stroke-dasharray="3 2" stroke-width="1.5" />
            </svg>
            a named sector of the agreement, by which reports count
          </li>
        )}
      </ul>
    </section>
  );
}
