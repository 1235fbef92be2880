// Recomputing a workspace's statistics rollups from the ledger and the step events. Used after
// bulk loading (opsledger seed) and when the workspace's time zone changes (buckets are local
// hours and days). One transaction: readers see the old figures or the new, never a mix.
import { sql } from 'kysely';
import type { Tx } from '../../db/tenant.ts';

const ROLLUPS = [
  'stats_mv_day',
  'stats_mv_hour',
  'stats_mv_hour_dim',
  'stats_mv_day_dim',
  'stats_user_day',
  'stats_prod_hour',
  'stats_downtime_hour',
] as const;

export async function rebuildStats(tx: Tx, tenantId: string): Promise<void> {
  for (const table of ROLLUPS)
    await sql`delete from ${sql.table(table)} where tenant_id = ${tenantId}`.execute(tx);
  const tz = sql`(select coalesce(settings->>'timeZone', 'UTC') from workspaces where id = ${tenantId})`;
  const sign = sql`case when m.reversal_of is null then 1 else -1 end`;
  await sql`
    insert into stats_mv_day (tenant_id, day, type, reason, shard, count, qty, value)
    select ${tenantId}, (m.created_at at time zone ${tz})::date, m.type, coalesce(m.reason, ''), 0,
      sum(${sign}), sum(${sign} * m.qty), sum(${sign} * m.value)
    from movements m where m.tenant_id = ${tenantId} group by 2, 3, 4`.execute(tx);
  await sql`
    insert into stats_mv_hour (tenant_id, hour, type, reason, shard, count, qty, value)
    select ${tenantId}, date_trunc('hour', m.created_at at time zone ${tz}) at time zone ${tz}, m.type, coalesce(m.reason, ''), 0,
      sum(${sign}), sum(${sign} * m.qty), sum(${sign} * m.value)
    from movements m where m.tenant_id = ${tenantId} group by 2, 3, 4`.execute(tx);
  await sql`
    insert into stats_mv_hour_dim (tenant_id, dim, dim_id, hour, type, reason, shard, count, qty, value)
    select ${tenantId}, d.dim, d.dim_id, date_trunc('hour', m.created_at at time zone ${tz}) at time zone ${tz}, m.type,
      coalesce(m.reason, ''), 0, sum(${sign}), sum(${sign} * m.qty), sum(${sign} * m.value)
    from movements m
    cross join lateral (
      select 'item' as dim, m.item_id as dim_id
      union all select 'location', l.id from locations l
        where l.tenant_id = m.tenant_id and l.id in (m.from_location_id, m.to_location_id) and l.kind in ('store', 'floor')
      union all select 'user', m.created_by where m.created_by is not null
    ) d
    where m.tenant_id = ${tenantId} group by 2, 3, 4, 5, 6`.execute(tx);
  await sql`
    insert into stats_mv_day_dim (tenant_id, dim, dim_id, day, type, reason, shard, count, qty, value)
    select ${tenantId}, dim, dim_id, (hour at time zone ${tz})::date, type, reason, 0, sum(count), sum(qty), sum(value)
    from stats_mv_hour_dim where tenant_id = ${tenantId} group by 2, 3, 4, 5, 6`.execute(tx);
  await sql`
    insert into stats_prod_hour (tenant_id, hour, work_center_id, step_name, last_step, user_id, shard, completions, good, scrap,
      first_pass_good, std_minutes)
    select ${tenantId}, date_trunc('hour', e.created_at at time zone ${tz}) at time zone ${tz}, e.work_center_id, s.name,
      s.seq = (select max(seq) from work_order_steps x where x.tenant_id = s.tenant_id and x.work_order_id = s.work_order_id),
      coalesce(e.created_by, '00000000-0000-0000-0000-000000000000'), 0,
      sum(case e.action when 'complete' then 1 else -1 end),
      sum(case e.action when 'complete' then e.good_qty else -e.good_qty end),
      sum(case e.action when 'complete' then e.scrap_qty else -e.scrap_qty end),
      sum(case e.action when 'complete' then e.first_pass_good else -o.first_pass_good end),
      sum(case e.action when 'complete' then 1 else -1 end * (e.good_qty + e.scrap_qty) * coalesce(s.std_minutes_per_unit, 0))
    from work_order_events e
    join work_order_steps s on s.tenant_id = e.tenant_id and s.work_order_id = e.work_order_id and s.seq = e.seq
    left join work_order_events o on o.tenant_id = e.tenant_id and o.id = e.corrects
    where e.tenant_id = ${tenantId} and e.action in ('complete', 'correct') group by 2, 3, 4, 5, 6`.execute(
    tx,
  );
  await sql`
    insert into stats_user_day (tenant_id, day, user_id, shard, movements, completions)
    select ${tenantId}, day, user_id, 0, sum(movements), sum(completions) from (
      select (m.created_at at time zone ${tz})::date as day, m.created_by as user_id,
        case when m.reversal_of is null then 1 else -1 end as movements, 0 as completions
      from movements m where m.tenant_id = ${tenantId} and m.created_by is not null
      union all
      select (e.created_at at time zone ${tz})::date, coalesce(e.created_by, '00000000-0000-0000-0000-000000000000'),
        0, case e.action when 'complete' then 1 else -1 end
      from work_order_events e where e.tenant_id = ${tenantId} and e.action in ('complete', 'correct')
    ) x group by day, user_id`.execute(tx);
  // A pause lasts until the next event at that step (resume, start or complete), booked in that event's hour.
  await sql`
    insert into stats_downtime_hour (tenant_id, hour, work_center_id, reason, shard, stops, seconds)
    select ${tenantId}, date_trunc('hour', p.ended at time zone ${tz}) at time zone ${tz}, p.work_center_id, p.downtime_reason, 0,
      count(*), sum(extract(epoch from p.ended - p.created_at))
    from (
      select e.*, lead(e.created_at) over (partition by e.work_order_id, e.seq order by e.created_at, e.id) as ended,
        lead(e.action) over (partition by e.work_order_id, e.seq order by e.created_at, e.id) as next_action
      from work_order_events e where e.tenant_id = ${tenantId}
    ) p
    where p.action = 'pause' and p.ended is not null and p.next_action in ('resume', 'start', 'complete')
    group by 2, 3, 4`.execute(tx);
}
