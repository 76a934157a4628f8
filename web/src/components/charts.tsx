// Small SVG charts, drawn here rather than by a library: stacked bars (daily counts), grouped
// bars (support), a step line (readiness) and a timeline (activation plans). Each is an image
// with a text alternative; the numbers are also in a table beside it. Axes run left to right in
// every writing direction (the svg is dir=ltr), as numbers and dates do.
import type { ComponentChild } from 'preact';

export interface Series {
  name: string;
  colour: string;
  values: number[];
}

const W = 640;
const H = 220;
const M = { top: 12, right: 12, bottom: 40, left: 48 };

function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function YAxis({ max, plotH }: { max: number; plotH: number }) {
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * max);
  return (
    <g class="axis">
      {ticks.map((v) => {
        const y = M.top + plotH - (v / max) * plotH;
        return (
          <g key={v}>
            <line x1={M.left} x2={W - M.right} y1={y} y2={y} class="grid" />
            <text x={M.left - 6} y={y + 4} text-anchor="end">
              {Number.isInteger(v) ? v : v.toFixed(1)}
            </text>
          </g>
        );
      })}
    </g>
  );
}

export function Legend({ series }: { series: { name: string; colour: string }[] }) {
  return (
    <ul class="legend">
      {series.map((s) => (
        <li key={s.name}>
          <svg width="12" height="12" aria-hidden="true">
            <rect width="12" height="12" fill={s.colour} />
          </svg>
          {s.name}
        </li>
      ))}
    </ul>
  );
}

export function StackedBars(p: { label: string; categories: string[]; series: Series[]; testid?: string }) {
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const totals = p.categories.map((_, i) => p.series.reduce((n, s) => n + (s.values[i] ?? 0), 0));
  const max = niceMax(Math.max(0, ...totals));
  const band = plotW / Math.max(1, p.categories.length);
  const bar = Math.min(48, band * 0.7);
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={p.label} dir="ltr" data-testid={p.testid}>
        <YAxis max={max} plotH={plotH} />
        {p.categories.map((c, i) => {
          let y = M.top + plotH;
          const x = M.left + i * band + (band - bar) / 2;
          return (
            <g key={c}>
              {p.series.map((s) => {
                const v = s.values[i] ?? 0;
                const h = (v / max) * plotH;
                y -= h;
                return v > 0 ? (
                  <rect key={s.name} x={x} y={y} width={bar} height={h} fill={s.colour}>
                    <title>{`${c}, ${s.name}: ${v}`}</title>
                  </rect>
                ) : null;
              })}
              <text x={x + bar / 2} y={H - M.bottom + 16} text-anchor="middle" class="tick">
                {c}
              </text>
            </g>
          );
        })}
      </svg>
      <Legend series={p.series} />
    </figure>
  );
}

export function GroupedBars(p: { label: string; categories: string[]; series: Series[] }) {
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const max = niceMax(Math.max(0, ...p.series.flatMap((s) => s.values)));
  const band = plotW / Math.max(1, p.categories.length);
  const bar = (band * 0.8) / Math.max(1, p.series.length);
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={p.label} dir="ltr">
        <YAxis max={max} plotH={plotH} />
        {p.categories.map((c, i) => (
          <g key={c}>
            {p.series.map((s, j) => {
              const v = s.values[i] ?? 0;
              const h = (v / max) * plotH;
              return (
                <rect key={s.name} x={M.left + i * band + band * 0.1 + j * bar} y={M.top + plotH - h} width={bar} height={h} fill={s.colour}>
                  <title>{`${c}, ${s.name}: ${v}`}</title>
                </rect>
              );
            })}
            <text x={M.left + i * band + band / 2} y={H - M.bottom + 16} text-anchor="middle" class="tick">
              {c}
            </text>
          </g>
        ))}
      </svg>
      <Legend series={p.series} />
    </figure>
  );
}

// A share (0..1) over days from D, as a step line, with labelled marks (pledges' readiness).
export function StepChart(p: {
  label: string;
  points: { x: number; y: number }[];
  marks?: { x: number; label: string; colour: string }[];
  xLabel: string;
}) {
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  // The axis ends after the last change of the line or the last mark: a flat tail adds nothing.
  const sorted = [...p.points].sort((a, b) => a.x - b.x);
  const changes = sorted.filter((q, i) => i === 0 || q.y !== sorted[i - 1].y);
  const xs = [...changes.map((q) => q.x * 1.2), ...(p.marks ?? []).map((m) => m.x * 1.2), 1];
  const xMax = niceMax(Math.max(...xs));
  const X = (x: number) => M.left + (x / xMax) * plotW;
  const Y = (y: number) => M.top + plotH - y * plotH;
  let d = `M ${X(0)} ${Y(0)}`;
  let last = 0;
  for (const q of changes) {
    d += ` H ${X(Math.min(q.x, xMax))} V ${Y(q.y)}`;
    last = q.y;
  }
  d += ` H ${X(xMax)}`;
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={p.label} dir="ltr">
        <g class="axis">
          {[0, 0.5, 1].map((v) => (
            <g key={v}>
              <line x1={M.left} x2={W - M.right} y1={Y(v)} y2={Y(v)} class="grid" />
              <text x={M.left - 6} y={Y(v) + 4} text-anchor="end">{`${v * 100}%`}</text>
            </g>
          ))}
          {[0, 0.25, 0.5, 0.75, 1].map((f) => (
            <text key={f} x={X(f * xMax)} y={H - M.bottom + 16} text-anchor="middle" class="tick">
              {`D+${Math.round(f * xMax)}`}
            </text>
          ))}
          <text x={M.left + plotW / 2} y={H - 6} text-anchor="middle" class="tick">
            {p.xLabel}
          </text>
        </g>
        <path d={d} class="step" fill="none" />
        {(p.marks ?? []).map((m, i) => (
          <circle key={i} cx={X(m.x)} cy={Y(last) + 8 + (i % 4) * 7} r={3.5} fill={m.colour}>
            <title>{m.label}</title>
          </circle>
        ))}
      </svg>
    </figure>
  );
}

export interface TimelineRow {
  label: string;
  start: number; // ms
  end: number; // ms
  colour: string;
  note?: string;
}

export function Timeline(p: { label: string; rows: TimelineRow[]; marker?: { at: number; label: string } }): ComponentChild {
  const rowH = 22;
  const left = 190;
  const h = M.top + p.rows.length * rowH + 30;
  const t0 = Math.min(...p.rows.map((r) => r.start), p.marker?.at ?? Infinity);
  const t1 = Math.max(...p.rows.map((r) => r.end), t0 + 3600e3);
  const X = (t: number) => left + ((t - t0) / (t1 - t0)) * (W - left - M.right);
  const hours = (t1 - t0) / 3600e3;
  const step = niceMax(hours / 4);
  const ticks: number[] = [];
  for (let x = 0; x <= hours; x += step) ticks.push(x);
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${W} ${h}`} role="img" aria-label={p.label} dir="ltr">
        {ticks.map((x) => (
          <g key={x} class="axis">
            <line x1={X(t0 + x * 3600e3)} x2={X(t0 + x * 3600e3)} y1={M.top} y2={h - 24} class="grid" />
            <text x={X(t0 + x * 3600e3)} y={h - 8} text-anchor="middle" class="tick">{`+${x} h`}</text>
          </g>
        ))}
        {p.rows.map((r, i) => (
          <g key={i}>
            <text x={left - 6} y={M.top + i * rowH + 15} text-anchor="end" class="tick">
              {r.label}
            </text>
            <rect x={X(r.start)} y={M.top + i * rowH + 4} width={Math.max(2, X(r.end) - X(r.start))} height={rowH - 8} fill={r.colour}>
              <title>{r.note ?? r.label}</title>
            </rect>
          </g>
        ))}
        {p.marker && (
          <line x1={X(p.marker.at)} x2={X(p.marker.at)} y1={M.top} y2={h - 24} class="marker">
            <title>{p.marker.label}</title>
          </line>
        )}
      </svg>
    </figure>
  );
}
