// Writing the statistics rollups, inside the transaction that posts the movement or step event, so
// the figures can never disagree with the ledger. One statement per posting (for movements, a part
// of the posting's last statement, see movementStatsCtes): it finds the local
// hour and day in the workspace's time zone and adds to one shard row of each rollup, chosen by the
// database connection (see shard()). A reversal counts negatively under its type, so a reversed
// waste nets to nothing.
import { sql } from 'kysely';
import type { Tx } from '../../db/tenant.ts';
import type { Decimal } from '../../platform/decimal.ts';

export const SHARDS = 8;

/**
 * Every posting of a day adds to the same few rollup rows, and holds them until it commits. The
 * shard spreads concurrent postings over SHARDS copies of each row. It follows the connection's
 * backend process id rather than chance: the connections busy at the same moment were mostly opened
 * together, with consecutive ids, so they land on different shards where random picks collided
 * (8 postings at once over 8 random shards share a row almost always).
 */
function shard(offset = 0) {
  return sql`((pg_backend_pid() + ${sql.lit(offset)}) % ${sql.lit(SHARDS)})`;
}

export interface MovementFact {
  tenantId: string;
  type: string;
  reason: string | null;
  reversal: boolean;
  itemId: string;
  /** Internal locations the movement touched (either side). */
  locationIds: string[];
  userId: string | null;
  qty: Decimal;
  value: Decimal;
}

const NIL = '00000000-0000-0000-0000-000000000000';

/**
 * The movement's rollup writes as common table expressions named `<prefix>_…`, for a posting to put
 * in its last statement. One shard row of each rollup, in the workspace's local hour and day.
 */
export function movementStatsCtes(f: MovementFact, prefix: string) {
  const sign = f.reversal ? -1 : 1;
  const qty = f.qty.times(sign).toFixed();
  const value = f.value.times(sign).toFixed();
  const reason = f.reason ?? '';
  const s = shard();
  const dims: [string, string][] = [
    ['item', f.itemId],
    ...f.locationIds.map((id): [string, string] => ['location', id]),
  ];
  if (f.userId) dims.push(['user', f.userId]);
  const n = (part: string) => sql.id(`${prefix}_${part}`);
  const b = n('b');
  return sql`
    ${b} as (
      select (date_trunc('hour', now() at time zone z.tz) at time zone z.tz) as hour,
             (now() at time zone z.tz)::date as day
      from (select coalesce(settings->>'timeZone', 'UTC') as tz from workspaces where id = ${f.tenantId}) z
    ), ${n('d')} as (
      insert into stats_mv_day as t (tenant_id, day, type, reason, shard, count, qty, value)
      select ${f.tenantId}, b.day, ${f.type}, ${reason}, ${s}, ${sign}, ${qty}::numeric, ${value}::numeric from ${b} b
      on conflict (tenant_id, day, type, reason, shard)
      do update set count = t.count + excluded.count, qty = t.qty + excluded.qty, value = t.value + excluded.value
    ), ${n('h')} as (
      insert into stats_mv_hour as t (tenant_id, hour, type, reason, shard, count, qty, value)
      select ${f.tenantId}, b.hour, ${f.type}, ${reason}, ${s}, ${sign}, ${qty}::numeric, ${value}::numeric from ${b} b
      on conflict (tenant_id, hour, type, reason, shard)
      do update set count = t.count + excluded.count, qty = t.qty + excluded.qty, value = t.value + excluded.value
    )${
      f.userId
        ? sql`, ${n('u')} as (
      insert into stats_user_day as t (tenant_id, day, user_id, shard, movements)
      select ${f.tenantId}, b.day, ${f.userId}, ${s}, ${sign} from ${b} b
      on conflict (tenant_id, day, user_id, shard) do update set movements = t.movements + excluded.movements
    )`
        : sql``
    }, ${n('dd')} as (
      insert into stats_mv_day_dim as t (tenant_id, dim, dim_id, day, type, reason, shard, count, qty, value)
      select ${f.tenantId}, dims.dim, dims.dim_id, b.day, ${f.type}, ${reason}, ${s}, ${sign}, ${qty}::numeric, ${value}::numeric
      from ${b} b, unnest(${dims.map((d) => d[0])}::text[], ${dims.map((d) => d[1] ?? NIL)}::uuid[]) as dims(dim, dim_id)
      on conflict (tenant_id, dim, dim_id, day, type, reason, shard)
      do update set count = t.count + excluded.count, qty = t.qty + excluded.qty, value = t.value + excluded.value
    ), ${n('hd')} as (
      insert into stats_mv_hour_dim as t (tenant_id, dim, dim_id, hour, type, reason, shard, count, qty, value)
      select ${f.tenantId}, dims.dim, dims.dim_id, b.hour, ${f.type}, ${reason}, ${s}, ${sign}, ${qty}::numeric, ${value}::numeric
      from ${b} b, unnest(${dims.map((d) => d[0])}::text[], ${dims.map((d) => d[1] ?? NIL)}::uuid[]) as dims(dim, dim_id)
      on conflict (tenant_id, dim, dim_id, hour, type, reason, shard)
      do update set count = t.count + excluded.count, qty = t.qty + excluded.qty, value = t.value + excluded.value
    )`;
}

export interface ProductionFact {
  tenantId: string;
  workCenterId: string;
  stepName: string;
  lastStep: boolean;
  userId: string | null;
  /** +1 for a completion, -1 for its correction. */
  sign: 1 | -1;
  good: Decimal;
  scrap: Decimal;
  /** Good that was not later corrected: a correction takes it back. */
  firstPassGood: Decimal;
  stdMinutes: Decimal;
}

/**
 * The completion's rollup writes as common table expressions named `<prefix>_…`, for a step event
 * to put in its last statement (see movementStatsCtes).
 */
export function productionStatsCtes(f: ProductionFact, prefix: string) {
  // A completion's rollups may share a statement with its movement's, and both add to the person's
  // day row; one statement may not upsert a row twice, so the completion takes the next shard.
  const s = shard(1);
  const n = (part: string) => sql.id(`${prefix}_${part}`);
  const z = n('z');
  return sql`
    ${z} as (select coalesce(settings->>'timeZone', 'UTC') as tz from workspaces where id = ${f.tenantId}),
    ${n('u')} as (
      insert into stats_user_day as t (tenant_id, day, user_id, shard, completions)
      select ${f.tenantId}, (now() at time zone z.tz)::date, ${f.userId ?? NIL}, ${s}, ${f.sign} from ${z} z
      on conflict (tenant_id, day, user_id, shard) do update set completions = t.completions + excluded.completions
    ), ${n('p')} as (
      insert into stats_prod_hour as t (tenant_id, hour, work_center_id, step_name, last_step, user_id, shard,
        completions, good, scrap, first_pass_good, std_minutes)
      select ${f.tenantId}, date_trunc('hour', now() at time zone z.tz) at time zone z.tz, ${f.workCenterId}, ${f.stepName},
        ${f.lastStep}, ${f.userId ?? NIL}, ${s}, ${f.sign}, ${f.good.times(f.sign).toFixed()}::numeric,
        ${f.scrap.times(f.sign).toFixed()}::numeric, ${f.firstPassGood.times(f.sign).toFixed()}::numeric,
        ${f.stdMinutes.times(f.sign).toFixed()}::numeric
      from ${z} z
      on conflict (tenant_id, hour, work_center_id, step_name, last_step, user_id, shard)
      do update set completions = t.completions + excluded.completions, good = t.good + excluded.good,
        scrap = t.scrap + excluded.scrap, first_pass_good = t.first_pass_good + excluded.first_pass_good,
        std_minutes = t.std_minutes + excluded.std_minutes
    )`;
}

export async function recordProductionStats(tx: Tx, f: ProductionFact): Promise<void> {
  await sql`with ${productionStatsCtes(f, 'stats')} select 1`.execute(tx);
}

export async function recordDowntime(
  tx: Tx,
  f: { tenantId: string; workCenterId: string; reason: string; seconds: number },
) {
  await sql`
    insert into stats_downtime_hour as t (tenant_id, hour, work_center_id, reason, shard, stops, seconds)
    select ${f.tenantId}, date_trunc('hour', now() at time zone z.tz) at time zone z.tz, ${f.workCenterId}, ${f.reason},
      ${shard()}, 1, ${f.seconds}
    from (select coalesce(settings->>'timeZone', 'UTC') as tz from workspaces where id = ${f.tenantId}) z
    on conflict (tenant_id, hour, work_center_id, reason, shard)
    do update set stops = t.stops + excluded.stops, seconds = t.seconds + excluded.seconds`.execute(tx);
}
