// The live dashboard: the statistics summary for a period as charts — throughput, waste by reason
// and value, good vs scrap and yield per step, work in progress before each step — refreshed
// whenever the event stream says something was booked, without reloading the page.
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import { Columns, GoodScrapBars, HorizontalBars } from '../components/charts.tsx';
import { Field } from '../components/Field.tsx';
import { formatPercent } from '../components/format.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { QueryState } from '../components/QueryState.tsx';
import { useLiveChanges } from '../components/useLiveChanges.ts';
import { useConsoleApi } from '../console-api.ts';
import type { StatsSummary } from '../types.ts';

type PeriodKey = 'today' | '24h' | '7d' | '30d' | 'custom';

const PERIODS: { key: PeriodKey; label: string }[] = [
  { key: 'today', label: 'Today' },
  { key: '24h', label: 'Last 24 hours' },
  { key: '7d', label: 'Last 7 days' },
  { key: '30d', label: 'Last 30 days' },
  { key: 'custom', label: 'Custom…' },
];

const HOUR = 3_600_000;

/** The query for a period; `to` left out means "up to now", `from` left out means "today". */
function periodQuery(key: PeriodKey, customFrom: string, customTo: string): { from?: string; to?: string } {
  const now = Date.now();
  switch (key) {
    case 'today':
      return {};
    case '24h':
      return { from: new Date(now - 24 * HOUR).toISOString() };
    case '7d':
      return { from: new Date(now - 7 * 24 * HOUR).toISOString() };
    case '30d':
      return { from: new Date(now - 30 * 24 * HOUR).toISOString() };
    case 'custom':
      return {
        ...(customFrom ? { from: new Date(`${customFrom}T00:00:00`).toISOString() } : {}),
        ...(customTo
          ? { to: new Date(new Date(`${customTo}T00:00:00`).getTime() + 24 * HOUR).toISOString() }
          : {}),
      };
  }
}

const num = (text: string | undefined | null) => (text ? Number(text) : 0);

/**
 * Every bucket of the period, with zero where nothing happened (the API lists only buckets with
 * data). Buckets are counted from the period's start: an hour each, or a day each, rounded to the
 * nearest so a daylight-saving day of 23 or 25 hours still lands on its own column.
 */
function allBuckets(period: StatsSummary['period'], points: { at: string; value: number }[]) {
  const step = period.bucket === 'day' ? 24 * HOUR : HOUR;
  const from = new Date(period.from).getTime();
  const count = Math.min(Math.max(Math.round((new Date(period.to).getTime() - from) / step), 1), 400);
  const values = new Array<number>(count).fill(0);
  for (const point of points) {
    const index = Math.round((new Date(point.at).getTime() - from) / step);
    if (index >= 0 && index < count) values[index] = (values[index] ?? 0) + point.value;
  }
  return values.map((value, index) => ({ at: new Date(from + index * step).toISOString(), value }));
}

export function DashboardPage() {
  const api = useConsoleApi();
  const queryClient = useQueryClient();
  const [periodKey, setPeriodKey] = useState<PeriodKey>('today');
  const [customFrom, setCustomFrom] = useState('');
  const [customTo, setCustomTo] = useState('');
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  // Relative periods are computed when chosen, so the query key stays stable between live refreshes.
  const [period, setPeriod] = useState(() => periodQuery('today', '', ''));
  const summary = useQuery({
    queryKey: ['stats-summary', period],
    queryFn: async ({ signal }) => {
      const result = await api.get<StatsSummary>('/stats/summary', period, signal);
      setUpdatedAt(new Date());
      return result;
    },
    placeholderData: keepPreviousData,
  });
  // Several postings in a burst cause one refetch, not one each.
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onChange = useCallback(() => {
    if (pending.current) return;
    pending.current = setTimeout(() => {
      pending.current = null;
      queryClient.invalidateQueries({ queryKey: ['stats-summary'] });
    }, 250);
  }, [queryClient]);
  const live = useLiveChanges(onChange);

  function choose(key: PeriodKey, from = customFrom, to = customTo) {
    setPeriodKey(key);
    setPeriod(periodQuery(key, from, to));
  }

  const s = summary.data;
  const bucketLabel = (iso: string) =>
    s?.period.bucket === 'day'
      ? new Date(iso).toLocaleDateString(undefined, { month: 'short', day: 'numeric' })
      : new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  const movementTypes = s ? Object.entries(s.movements) : [];
  const movementsPerBucket = new Map<string, number>();
  for (const row of s?.series ?? [])
    movementsPerBucket.set(row.bucket, (movementsPerBucket.get(row.bucket) ?? 0) + row.count);

  return (
    <>
      <PageHeader
        title="Dashboard"
        actions={
          <span className={`live live-${live}`} role="status" aria-live="polite" data-testid="live-state">
            {live === 'live' ? '● Live' : live === 'connecting' ? 'Connecting…' : 'Reconnecting…'}
            {updatedAt && <small> · updated {updatedAt.toLocaleTimeString()}</small>}
          </span>
        }
      />
      <fieldset className="filters plain" aria-label="Period picker">
        <Field label="Period">
          <select value={periodKey} onChange={(e) => choose(e.target.value as PeriodKey)}>
            {PERIODS.map((p) => (
              <option key={p.key} value={p.key}>
                {p.label}
              </option>
            ))}
          </select>
        </Field>
        {periodKey === 'custom' && (
          <>
            <Field label="From">
              <input
                type="date"
                value={customFrom}
                onChange={(e) => {
                  setCustomFrom(e.target.value);
                  choose('custom', e.target.value, customTo);
                }}
              />
            </Field>
            <Field label="To">
              <input
                type="date"
                value={customTo}
                onChange={(e) => {
                  setCustomTo(e.target.value);
                  choose('custom', customFrom, e.target.value);
                }}
              />
            </Field>
          </>
        )}
        <button type="button" onClick={() => setPeriod(periodQuery(periodKey, customFrom, customTo))}>
          Refresh
        </button>
      </fieldset>
      <QueryState isPending={summary.isPending} error={summary.error} onRetry={() => summary.refetch()}>
        {s && (
          <>
            <p className="hint">
              {new Date(s.period.from).toLocaleString()} – {new Date(s.period.to).toLocaleString()} (
              {s.period.timeZone}, by {s.period.bucket})
            </p>
            <div className="kpis">
              {movementTypes.length === 0 && <p className="state-empty">No movements in this period.</p>}
              {movementTypes.map(([type, m]) => (
                <div className="kpi" key={type} data-testid={`tile-${type}`}>
                  <span className="kpi-label">{type}</span>
                  <strong className="kpi-value" data-testid={`movements-${type}-count`}>
                    {m.count}
                  </strong>
                  <small>
                    qty {m.qty}
                    {m.value !== undefined && ` · value ${m.value}`}
                  </small>
                </div>
              ))}
              <div className="kpi">
                <span className="kpi-label">waste rate</span>
                <strong className="kpi-value">{formatPercent(s.waste.rate)}</strong>
                <small>
                  qty {s.waste.qty}
                  {s.waste.value !== undefined && ` · value ${s.waste.value}`}
                </small>
              </div>
              <div className="kpi">
                <span className="kpi-label">output</span>
                <strong className="kpi-value">{s.production.output}</strong>
                <small>{s.production.throughputPerHour} per hour</small>
              </div>
            </div>
            <div className="charts">
              <section className="panel" aria-label="Throughput">
                <h2>Throughput (good output per {s.period.bucket})</h2>
                <Columns
                  title="Good output over time"
                  format={bucketLabel}
                  points={allBuckets(
                    s.period,
                    s.production.series.map((p) => ({ at: p.bucket, value: num(p.good) })),
                  )}
                />
              </section>
              <section className="panel" aria-label="Movements over time">
                <h2>Movements per {s.period.bucket}</h2>
                <Columns
                  title="Movements over time"
                  format={bucketLabel}
                  points={allBuckets(
                    s.period,
                    [...movementsPerBucket.entries()].map(([at, value]) => ({ at, value })),
                  )}
                />
              </section>
              <section className="panel" aria-label="Waste by reason">
                <h2>Waste by reason</h2>
                <HorizontalBars
                  title="Waste by reason"
                  data={s.waste.byReason.map((r) => ({
                    label: r.reason,
                    value: r.value !== undefined ? num(r.value) : num(r.qty),
                    note: r.value !== undefined ? `qty ${r.qty} · value ${r.value}` : `qty ${r.qty}`,
                  }))}
                />
              </section>
              <section className="panel" aria-label="Good and scrap per step">
                <h2>Good vs scrap and yield per step</h2>
                <GoodScrapBars
                  title="Good and scrap per step"
                  data={s.production.steps.map((st) => ({
                    label: `${st.workCenter} · ${st.step}`,
                    good: num(st.good),
                    scrap: num(st.scrap),
                    note: `${st.good}/${st.scrap} · yield ${formatPercent(st.yield)} · FPY ${formatPercent(st.firstPassYield)}`,
                  }))}
                />
              </section>
              <section className="panel" aria-label="Work in progress">
                <h2>Work in progress before each step</h2>
                <HorizontalBars
                  title="Work in progress before each step"
                  data={s.production.wip.map((w) => ({
                    label: `${w.workCenter} · ${w.step}`,
                    value: num(w.qty),
                  }))}
                />
              </section>
              <section className="panel" aria-label="OEE">
                <h2>OEE per work center</h2>
                {s.production.oee.length === 0 ? (
                  <p className="state-empty">No shift calendar or no production in this period.</p>
                ) : (
                  <table>
                    <thead>
                      <tr>
                        <th>Work center</th>
                        <th>Availability</th>
                        <th>Performance</th>
                        <th>Quality</th>
                        <th>OEE</th>
                      </tr>
                    </thead>
                    <tbody>
                      {s.production.oee.map((o) => (
                        <tr key={o.workCenter ?? 'none'}>
                          <td>{o.workCenter}</td>
                          <td>{formatPercent(o.availability)}</td>
                          <td>{formatPercent(o.performance)}</td>
                          <td>{formatPercent(o.quality)}</td>
                          <td>{formatPercent(o.oee)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </section>
              <section className="panel" aria-label="Busiest operators">
                <h2>Busiest operators</h2>
                <HorizontalBars
                  title="Movements and completions per operator"
                  data={s.operators.map((o) => ({
                    label: o.name ?? 'Removed user',
                    value: o.movements + o.completions,
                    note: `${o.movements} movements · ${o.completions} completions`,
                  }))}
                />
              </section>
            </div>
          </>
        )}
      </QueryState>
    </>
  );
}
