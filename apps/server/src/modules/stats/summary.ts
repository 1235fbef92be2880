// The statistics summary for a period, read from the rollups (never by scanning the ledger, except
// when several movement filters are combined). Movement figures: count, quantity and value per
// type, waste by reason and the waste rate; production per work center and step: good, scrap,
// yield and first-pass yield, throughput, work in progress before each step (live), downtime by
// reason and OEE (availability × performance × quality) from each work center's shift calendar.
import { type RawBuilder, sql } from 'kysely';
import { executeAndCommit } from '../../db/lazy-begin.ts';
import type { Tx } from '../../db/tenant.ts';
import type { RequestContext } from '../../platform/context.ts';
import { Decimal, dec } from '../../platform/decimal.ts';
import { type Period, resolvePeriod } from './period.ts';

export interface SummaryFilters {
  from?: string | undefined;
  to?: string | undefined;
  bucket?: 'hour' | 'day' | undefined;
  itemId?: string | undefined;
  locationId?: string | undefined;
  workCenterId?: string | undefined;
  userId?: string | undefined;
}

interface MovementRow {
  type: string;
  reason: string;
  count: string;
  qty: string;
  value: string;
}

interface SeriesRow {
  bucket: string;
  type: string;
  count: string;
  qty: string;
}

/** A series entry as the API answers it: written by PostgreSQL (ISO 8601 bucket in UTC, plain decimal text). */
interface SeriesEntry {
  bucket: string;
  type: string;
  count: number;
  qty: string;
}

/** The hours of the period outside its whole days, as index-friendly ranges. */
function edgeHours(p: Period) {
  if (!p.days) return sql`(hour >= ${p.from} and hour < ${p.to})`;
  return sql`((hour >= ${p.from} and hour < ${p.days.start}) or (hour >= ${p.days.end} and hour < ${p.to}))`;
}

/**
 * Rollup rows covering the period: whole local days from the day rollup, the hours before and after
 * them from the hour rollup. `dim` narrows both to one item, location or operator.
 */
function rollupRows(tenantId: string, p: Period, dim: readonly [string, string] | null) {
  const [dayTable, hourTable] = dim
    ? ['stats_mv_day_dim', 'stats_mv_hour_dim']
    : ['stats_mv_day', 'stats_mv_hour'];
  const only = dim ? sql`and dim = ${dim[0]} and dim_id = ${dim[1]}` : sql``;
  const edges = edgeHours(p);
  return sql`
    select null::timestamptz as hour, day, type, reason, count, qty, value
    from ${sql.table(dayTable)} where tenant_id = ${tenantId} ${only}
      and ${p.days ? sql`day between ${p.days.first}::date and ${p.days.last}::date` : sql`false`}
    union all
    select hour, null::date as day, type, reason, count, qty, value from ${sql.table(hourTable)}
    where tenant_id = ${tenantId} ${only} and ${edges}`;
}

function movementSource(tenantId: string, p: Period, f: SummaryFilters) {
  const dims = [
    f.itemId ? (['item', f.itemId] as const) : null,
    f.locationId ? (['location', f.locationId] as const) : null,
    f.userId ? (['user', f.userId] as const) : null,
  ].filter((d) => d !== null);
  if (dims.length <= 1) {
    const dim = dims[0] ?? null;
    const rows = rollupRows(tenantId, p, dim);
    const hourTable = dim ? 'stats_mv_hour_dim' : 'stats_mv_hour';
    const only = dim ? sql`and dim = ${dim[0]} and dim_id = ${dim[1]}` : sql``;
    return {
      totals: sql<MovementRow>`select type, reason, sum(count)::text as count, sum(qty)::text as qty, sum(value)::text as value
        from (${rows}) x group by type, reason`,
      series:
        p.bucket === 'day'
          ? sql<SeriesRow>`select (coalesce(day, (hour at time zone ${p.timeZone})::date)::timestamp at time zone ${p.timeZone}) as bucket,
              type, sum(count)::text as count, sum(qty)::text as qty from (${rows}) x group by 1, type order by 1`
          : sql<SeriesRow>`select hour as bucket, type, sum(count)::text as count, sum(qty)::text as qty from ${sql.table(hourTable)}
              where tenant_id = ${tenantId} ${only} and hour >= ${p.from} and hour < ${p.to} group by hour, type order by hour`,
    };
  }
  // Several filters at once: read the ledger itself, through its per-item/location/user indexes.
  const sign = sql`case when m.reversal_of is null then 1 else -1 end`;
  const where = sql`m.tenant_id = ${tenantId} and m.created_at >= ${p.from} and m.created_at < ${p.to}
    and (${f.itemId ?? null}::uuid is null or m.item_id = ${f.itemId ?? null}::uuid)
    and (${f.userId ?? null}::uuid is null or m.created_by = ${f.userId ?? null}::uuid)
    and (${f.locationId ?? null}::uuid is null or m.from_location_id = ${f.locationId ?? null}::uuid or m.to_location_id = ${f.locationId ?? null}::uuid)`;
  const hour = sql`(date_trunc('hour', m.created_at at time zone ${p.timeZone}) at time zone ${p.timeZone})`;
  return {
    totals: sql<MovementRow>`select m.type, coalesce(m.reason, '') as reason, sum(${sign})::text as count,
      sum(${sign} * m.qty)::text as qty, sum(${sign} * m.value)::text as value from movements m where ${where} group by 1, 2`,
    series: sql<SeriesRow>`select ${p.bucket === 'hour' ? hour : sql`((m.created_at at time zone ${p.timeZone})::date::timestamp at time zone ${p.timeZone})`} as bucket,
      m.type, sum(${sign})::text as count, sum(${sign} * m.qty)::text as qty from movements m where ${where} group by 1, 2 order by 1`,
  };
}

interface SummaryParts {
  totals: MovementRow[];
  series: SeriesEntry[];
  steps: {
    work_center_id: string;
    work_center: string;
    step_name: string;
    last_step: boolean;
    completions: string;
    good: string;
    scrap: string;
    fpg: string;
    std: string;
  }[];
  /** As the API answers it (see SeriesEntry). */
  prod_series: { bucket: string; good: string; scrap: string }[];
  downtime: { work_center_id: string; reason: string; stops: string; seconds: string }[];
  planned: { work_center_id: string; minutes: string }[];
  wip: { work_center: string; step_name: string; seq: number; wip: string }[];
  operators: { user_id: string; name: string | null; movements: string; completions: string }[];
}

const ratio = (a: Decimal, b: Decimal) => (b.isZero() ? null : a.dividedBy(b).toDecimalPlaces(4).toFixed());

/**
 * The summary's best plan depends on the period and on which filters are given, and PostgreSQL may
 * settle on a cached generic plan for its prepared statement. Over nine bench runs at 1M movements the
 * year's median was 27–40 ms (mean 32) planned for the values at hand, 33–44 ms (mean 37) otherwise;
 * single runs overlap on this VM. The first statement of the summary's transaction: it travels with
 * the transaction's opening, no round trip of its own.
 */
export async function preferCustomPlans(tx: Tx): Promise<void> {
  await sql`set local plan_cache_mode = force_custom_plan`.execute(tx);
}

export async function statsSummary(tx: Tx, ctx: RequestContext, f: SummaryFilters) {
  const tenantId = ctx.tenantId;
  const costs = ctx.actor.permissions.has('valuation.read');
  const p = await resolvePeriod(tx, tenantId, f);
  const source = movementSource(tenantId, p, f);

  const wc = f.workCenterId ?? null;
  const user = f.userId ?? null;
  const prodWhere = sql`p.tenant_id = ${tenantId} and p.hour >= ${p.from} and p.hour < ${p.to}
    and (${wc}::uuid is null or p.work_center_id = ${wc}::uuid) and (${user}::uuid is null or p.user_id = ${user}::uuid)`;
  const stepsQuery = sql`
    select p.work_center_id, w.code as work_center, p.step_name, bool_or(p.last_step) as last_step, sum(p.completions)::text as completions,
      sum(p.good)::text as good, sum(p.scrap)::text as scrap, sum(p.first_pass_good)::text as fpg, sum(p.std_minutes)::text as std
    from stats_prod_hour p join work_centers w on w.tenant_id = p.tenant_id and w.id = p.work_center_id
    where ${prodWhere} group by p.work_center_id, w.code, p.step_name order by w.code, p.step_name`;
  const prodSeriesQuery = sql`
    select ${p.bucket === 'hour' ? sql`p.hour` : sql`((p.hour at time zone ${p.timeZone})::date::timestamp at time zone ${p.timeZone})`} as bucket,
      sum(case when p.last_step then p.good else 0 end)::text as good, sum(p.scrap)::text as scrap
    from stats_prod_hour p where ${prodWhere} group by 1 order by 1`;
  const downtimeQuery = sql`
    select d.work_center_id, d.reason, sum(d.stops)::text as stops, sum(d.seconds)::text as seconds from stats_downtime_hour d
    where d.tenant_id = ${tenantId} and d.hour >= ${p.from} and d.hour < ${p.to} and (${wc}::uuid is null or d.work_center_id = ${wc}::uuid)
    group by d.work_center_id, d.reason`;
  const plannedQuery = sql`
    with days as (
      select d::date as day from generate_series((${p.from}::timestamptz at time zone ${p.timeZone})::date - 1,
        (${p.to}::timestamptz at time zone ${p.timeZone})::date, interval '1 day') d
    ), spans as (
      select s.work_center_id, (days.day + s.starts) at time zone ${p.timeZone} as a,
        (days.day + s.ends + case when s.ends <= s.starts then interval '1 day' else interval '0' end) at time zone ${p.timeZone} as b
      from days join work_center_shifts s on s.tenant_id = ${tenantId} and s.weekday = extract(dow from days.day)
      where (${wc}::uuid is null or s.work_center_id = ${wc}::uuid)
    )
    select work_center_id, (sum(extract(epoch from least(b, ${p.to}::timestamptz) - greatest(a, ${p.from}::timestamptz))) / 60)::text as minutes
    from spans where b > ${p.from}::timestamptz and a < ${p.to}::timestamptz group by work_center_id`;
  const wipQuery = sql`
    with s as (
      select s.work_order_id, s.seq, s.name, s.work_center_id, s.good_qty, s.scrap_qty,
        coalesce(lag(s.good_qty) over (partition by s.work_order_id order by s.seq), o.qty) as input
      from work_order_steps s join work_orders o on o.tenant_id = s.tenant_id and o.id = s.work_order_id
      where s.tenant_id = ${tenantId} and o.status in ('released', 'in_progress')
    )
    select w.code as work_center, s.name as step_name, min(s.seq) as seq, sum(greatest(s.input - s.good_qty - s.scrap_qty, 0))::text as wip
    from s join work_centers w on w.tenant_id = ${tenantId} and w.id = s.work_center_id
    where (${wc}::uuid is null or s.work_center_id = ${wc}::uuid)
    group by w.code, s.name order by min(s.seq), w.code`;
  // Whole days from the per-operator day rollup; the hours around them from the hourly ones.
  const operatorsQuery = sql`
    with counts as (
      select user_id, movements, completions from stats_user_day
      where tenant_id = ${tenantId} and ${p.days ? sql`day between ${p.days.first}::date and ${p.days.last}::date` : sql`false`}
      union all
      select dim_id, count, 0 from stats_mv_hour_dim where tenant_id = ${tenantId} and dim = 'user' and ${edgeHours(p)}
      union all
      select user_id, 0, completions from stats_prod_hour where tenant_id = ${tenantId} and ${edgeHours(p)}
    )
    select c.user_id, u.name, sum(c.movements)::text as movements, sum(c.completions)::text as completions
    from counts c left join users u on u.tenant_id = ${tenantId} and u.id = c.user_id
    group by c.user_id, u.name
    order by sum(c.movements) + sum(c.completions) desc limit 10`;

  // One statement, one round trip and one snapshot for every part of the summary: each part comes
  // back as a JSON array (numbers as text, so nothing passes through a float).
  const part = (q: RawBuilder<unknown>) => sql`(select coalesce(json_agg(x), '[]') from (${q}) x)`;
  // The series are most of a long period's answer (a year by day: 365 buckets for each movement
  // type), so PostgreSQL writes their entries as the API answers them and the server passes them
  // through: at 1M movements the year's server CPU fell from 16 to 12 ms (three runs each, back to back).
  const isoBucket = (column: RawBuilder<unknown>) =>
    sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const seriesOut = sql`select ${isoBucket(sql`s.bucket`)} as bucket, s.type, s.count::bigint as count,
      trim_scale(s.qty::numeric)::text as qty from (${source.series}) s order by s.bucket`;
  const prodSeriesOut = sql`select ${isoBucket(sql`s.bucket`)} as bucket, trim_scale(s.good::numeric)::text as good,
      trim_scale(s.scrap::numeric)::text as scrap from (${prodSeriesQuery}) s order by s.bucket`;
  // The transaction's last statement: it commits as it goes (no round trip for COMMIT).
  const all = await executeAndCommit(
    tx,
    sql<SummaryParts>`
    select ${part(source.totals)} as totals, ${part(seriesOut)} as series, ${part(stepsQuery)} as steps,
      ${part(prodSeriesOut)} as prod_series, ${part(downtimeQuery)} as downtime, ${part(plannedQuery)} as planned,
      ${part(wipQuery)} as wip, ${part(operatorsQuery)} as operators`,
  );
  const { totals, series, steps, prod_series: prodSeries, downtime, planned, wip, operators } = all.rows[0]!;

  const movements: Record<string, { count: number; qty: string; value?: string }> = {};
  const byReason: { reason: string; count: number; qty: string; value?: string }[] = [];
  let wasteQty = new Decimal(0);
  let wasteValue = new Decimal(0);
  for (const row of totals) {
    movements[row.type] ??= { count: 0, qty: '0', ...(costs ? { value: '0' } : {}) };
    const m = movements[row.type]!;
    m.count += Number(row.count);
    m.qty = new Decimal(m.qty).plus(row.qty).toFixed();
    if (costs) m.value = new Decimal(m.value ?? 0).plus(row.value).toFixed();
    if (row.type === 'waste') {
      wasteQty = wasteQty.plus(row.qty);
      wasteValue = wasteValue.plus(row.value);
      const existing = byReason.find((r) => r.reason === row.reason);
      if (existing) {
        existing.count += Number(row.count);
        existing.qty = new Decimal(existing.qty).plus(row.qty).toFixed();
        if (costs) existing.value = new Decimal(existing.value ?? 0).plus(row.value).toFixed();
      } else {
        byReason.push({
          reason: row.reason,
          count: Number(row.count),
          qty: dec(row.qty)!,
          ...(costs ? { value: dec(row.value)! } : {}),
        });
      }
    }
  }
  byReason.sort((a, b) => new Decimal(b.qty).comparedTo(a.qty));
  const received = new Decimal(movements.receive?.value ?? 0);
  const receivedQty = new Decimal(movements.receive?.qty ?? 0);

  const hours = (p.to.getTime() - p.from.getTime()) / 3600_000;
  const centers = new Map<string, { code: string; good: Decimal; scrap: Decimal; std: Decimal }>();
  for (const s of steps) {
    const c = centers.get(s.work_center_id) ?? {
      code: s.work_center,
      good: new Decimal(0),
      scrap: new Decimal(0),
      std: new Decimal(0),
    };
    c.good = c.good.plus(s.good);
    c.scrap = c.scrap.plus(s.scrap);
    c.std = c.std.plus(s.std);
    centers.set(s.work_center_id, c);
  }
  const downtimeByCenter = new Map<string, Decimal>();
  for (const d of downtime)
    downtimeByCenter.set(
      d.work_center_id,
      (downtimeByCenter.get(d.work_center_id) ?? new Decimal(0)).plus(d.seconds),
    );
  const oee = planned.map((row) => {
    const c = centers.get(row.work_center_id);
    const plannedMin = new Decimal(row.minutes);
    const downMin = (downtimeByCenter.get(row.work_center_id) ?? new Decimal(0)).dividedBy(60);
    const runMin = Decimal.max(plannedMin.minus(downMin), 0);
    const total = c ? c.good.plus(c.scrap) : new Decimal(0);
    const availability = plannedMin.isZero() ? null : runMin.dividedBy(plannedMin);
    const performance = runMin.isZero() ? null : (c?.std ?? new Decimal(0)).dividedBy(runMin);
    const quality = total.isZero() ? null : c!.good.dividedBy(total);
    const value =
      availability && performance && quality ? availability.times(performance).times(quality) : null;
    return {
      workCenterId: row.work_center_id,
      workCenter: c?.code ?? null,
      plannedMinutes: plannedMin.toDecimalPlaces(2).toFixed(),
      downtimeMinutes: downMin.toDecimalPlaces(2).toFixed(),
      availability: availability?.toDecimalPlaces(4).toFixed() ?? null,
      performance: performance?.toDecimalPlaces(4).toFixed() ?? null,
      quality: quality?.toDecimalPlaces(4).toFixed() ?? null,
      oee: value?.toDecimalPlaces(4).toFixed() ?? null,
    };
  });
  const lastStepGood = steps.filter((s) => s.last_step).reduce((sum, s) => sum.plus(s.good), new Decimal(0));

  return {
    period: { from: p.from.toISOString(), to: p.to.toISOString(), timeZone: p.timeZone, bucket: p.bucket },
    movements,
    waste: {
      qty: wasteQty.toFixed(),
      ...(costs ? { value: wasteValue.toFixed() } : {}),
      // Waste against what came in over the period: by value where the reader may see it.
      rate: costs ? ratio(wasteValue, received) : ratio(wasteQty, receivedQty),
      byReason,
    },
    production: {
      steps: steps.map((s) => {
        const good = new Decimal(s.good);
        const handled = good.plus(s.scrap);
        return {
          workCenter: s.work_center,
          step: s.step_name,
          completions: Number(s.completions),
          good: good.toFixed(),
          scrap: dec(s.scrap)!,
          yield: ratio(good, handled),
          firstPassYield: ratio(new Decimal(s.fpg), handled),
        };
      }),
      output: lastStepGood.toFixed(),
      throughputPerHour: hours > 0 ? lastStepGood.dividedBy(hours).toDecimalPlaces(4).toFixed() : '0',
      wip: wip.map((w) => ({ workCenter: w.work_center, step: w.step_name, qty: dec(w.wip)! })),
      downtime: Object.values(
        downtime.reduce<Record<string, { reason: string; stops: number; minutes: Decimal }>>((acc, d) => {
          acc[d.reason] ??= { reason: d.reason, stops: 0, minutes: new Decimal(0) };
          const e = acc[d.reason]!;
          e.stops += Number(d.stops);
          e.minutes = e.minutes.plus(new Decimal(d.seconds).dividedBy(60));
          return acc;
        }, {}),
      ).map((d) => ({ reason: d.reason, stops: d.stops, minutes: d.minutes.toDecimalPlaces(2).toFixed() })),
      oee,
      series: prodSeries,
    },
    series,
    operators: operators.map((o) => ({
      userId: o.user_id,
      name: o.name,
      movements: Number(o.movements),
      completions: Number(o.completions),
    })),
  };
}
