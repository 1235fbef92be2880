// Simple SVG charts drawn here (no chart library, nothing from another origin, CSP-clean): bars
// for categories, stacked bars for good vs scrap, and columns over time. Each chart carries a
// text table fallback for screen readers via <title>/<desc> and aria-label.

export interface BarDatum {
  label: string;
  value: number;
  note?: string;
}

const WIDTH = 480;
const BAR_HEIGHT = 22;
const GAP = 6;
const LABEL_WIDTH = 140;

export function HorizontalBars({
  title,
  data,
  unit = '',
}: {
  title: string;
  data: BarDatum[];
  unit?: string;
}) {
  if (data.length === 0) return <p className="state-empty">No data in this period.</p>;
  const max = Math.max(...data.map((d) => d.value), 0) || 1;
  const height = data.length * (BAR_HEIGHT + GAP);
  const span = WIDTH - LABEL_WIDTH - 170;
  return (
    <svg className="chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={title}>
      <title>{title}</title>
      {data.map((d, i) => {
        const y = i * (BAR_HEIGHT + GAP);
        const w = Math.max((d.value / max) * span, d.value > 0 ? 2 : 0);
        return (
          <g key={d.label}>
            <text x={LABEL_WIDTH - 6} y={y + BAR_HEIGHT * 0.7} textAnchor="end" className="chart-label">
              {d.label}
            </text>
            <rect x={LABEL_WIDTH} y={y} width={w} height={BAR_HEIGHT} className="bar" rx={2} />
            <text x={LABEL_WIDTH + w + 6} y={y + BAR_HEIGHT * 0.7} className="chart-value">
              {d.note ?? `${d.value}${unit}`}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export interface StackDatum {
  label: string;
  good: number;
  scrap: number;
  note?: string;
}

export function GoodScrapBars({ title, data }: { title: string; data: StackDatum[] }) {
  if (data.length === 0) return <p className="state-empty">No completions in this period.</p>;
  const max = Math.max(...data.map((d) => d.good + d.scrap), 0) || 1;
  const height = data.length * (BAR_HEIGHT + GAP) + 20;
  const span = WIDTH - LABEL_WIDTH - 200;
  return (
    <svg className="chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={title}>
      <title>{title}</title>
      {data.map((d, i) => {
        const y = i * (BAR_HEIGHT + GAP);
        const good = (d.good / max) * span;
        const scrap = (d.scrap / max) * span;
        return (
          <g key={d.label}>
            <text x={LABEL_WIDTH - 6} y={y + BAR_HEIGHT * 0.7} textAnchor="end" className="chart-label">
              {d.label}
            </text>
            <rect x={LABEL_WIDTH} y={y} width={good} height={BAR_HEIGHT} className="bar bar-good" />
            <rect x={LABEL_WIDTH + good} y={y} width={scrap} height={BAR_HEIGHT} className="bar bar-scrap" />
            <text x={LABEL_WIDTH + good + scrap + 6} y={y + BAR_HEIGHT * 0.7} className="chart-value">
              {d.note ?? `${d.good} / ${d.scrap}`}
            </text>
          </g>
        );
      })}
      <g transform={`translate(${LABEL_WIDTH}, ${height - 8})`}>
        <rect width={10} height={10} y={-9} className="bar bar-good" />
        <text x={14} className="chart-label">
          good
        </text>
        <rect x={60} width={10} height={10} y={-9} className="bar bar-scrap" />
        <text x={74} className="chart-label">
          scrap
        </text>
      </g>
    </svg>
  );
}

export interface SeriesPoint {
  at: string;
  value: number;
}

export function Columns({
  title,
  points,
  format,
}: {
  title: string;
  points: SeriesPoint[];
  format: (iso: string) => string;
}) {
  if (points.every((p) => p.value === 0)) return <p className="state-empty">No data in this period.</p>;
  const height = 160;
  const plot = height - 24;
  const max = Math.max(...points.map((p) => p.value), 0) || 1;
  const step = WIDTH / points.length;
  const labelEvery = Math.ceil(points.length / 8);
  return (
    <svg className="chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={title}>
      <title>{title}</title>
      <line x1={0} x2={WIDTH} y1={plot} y2={plot} className="axis" />
      {points.map((p, i) => {
        const h = (p.value / max) * (plot - 14);
        return (
          <g key={p.at}>
            <rect x={i * step + step * 0.15} y={plot - h} width={step * 0.7} height={h} className="bar">
              <title>
                {format(p.at)}: {p.value}
              </title>
            </rect>
            {i % labelEvery === 0 && (
              <text x={i * step + step / 2} y={height - 8} textAnchor="middle" className="chart-label">
                {format(p.at)}
              </text>
            )}
          </g>
        );
      })}
      <text x={2} y={10} className="chart-value">
        max {max}
      </text>
    </svg>
  );
}
