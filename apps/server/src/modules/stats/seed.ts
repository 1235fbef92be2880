// `opsledger seed`: fills a workspace with a realistic history for dashboards and benchmarks —
// items, stores and floor locations, operators, and N movements over the past days inside two
// shifts (06:00–22:00 local time): receipts into stores, moves to the floor, waste, counts,
// consumption by production and output.
//
// Loading is chronological: the period is cut into chunks of whole local days, and each chunk is
// generated inside PostgreSQL (generate_series into a temporary table, sorted by time) and then
// appended in one transaction with its balances and statistics rollups. Sorted appends keep every
// ledger index writing at a few hot pages instead of all over a multi-gigabyte index, which is
// what made the first version slow (1M in 205 s). Chunks cover disjoint local days, so their
// rollup rows never meet and two chunks load side by side on two connections. Rollups and
// balances are *added* (upserts), so a seed on top of real postings, or a second seed, still
// agrees exactly with the ledger, and nothing needs rebuilding afterwards.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { newId } from '../../db/ids.ts';
import type { DB } from '../../db/schema.ts';
import type { Tx } from '../../db/tenant.ts';
import { withTenant } from '../../db/tenant.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import { systemContext } from '../../platform/context.ts';

export interface SeedOptions {
  tenantId: string;
  movements: number;
  days: number;
  /** Movements per chunk (rounded to whole days). */
  batch?: number;
  /** Chunks loaded at once, each on its own connection: 2 suits PostgreSQL, 1 suits PGlite. */
  parallel?: number;
  onProgress?: (done: number) => void;
  /** Seconds each phase took, for the bench and the CLI's progress lines. */
  onPhase?: (phase: string, seconds: number) => void;
}

const STORES = ['SEED-STORE-A', 'SEED-STORE-B'];
const FLOORS = ['SEED-FLOOR-1', 'SEED-FLOOR-2', 'SEED-FLOOR-3', 'SEED-FLOOR-4'];
const DEFAULT_BATCH = 250_000;
/** The shifts: 06:00 to 22:00 local time, 16 hours a day. */
const SHIFT_START = 6 * 3600;
const SHIFT = 16 * 3600;

interface Plan {
  timeZone: string;
  /** The local date of the first day of the history, and today's. */
  firstDay: string;
  today: string;
  chunks: Chunk[];
  /**
   * Whether chunks may skip the per-row foreign-key triggers (session_replication_role = replica,
   * as pg_restore does): only for a superuser session, and only while no table the seed writes has
   * a trigger of its own on insert. Every reference a chunk writes is drawn from the workspace's
   * own rows in the same transaction, so the checks could not fail; they cost a third of the load.
   */
  unchecked: boolean;
}

/** A span of shift time, in seconds counted over the shifts since the first day began. */
interface Chunk {
  start: number;
  end: number;
  rows: number;
  /** Whole local days covered: [firstDay + fromDay, firstDay + toDay). */
  fromDay: number;
  toDay: number;
}

/** How many SKUs the floor works on in one hour. */
function runSize(items: number): number {
  return Math.min(items, Math.max(10, Math.round(items / 25)));
}

/** The tables a chunk writes (see Plan.unchecked). */
const LOADED = [
  'movements',
  'stock_balances',
  'stats_mv_hour',
  'stats_mv_day',
  'stats_mv_hour_dim',
  'stats_mv_day_dim',
  'stats_user_day',
];

/**
 * The history covers `days` local days ending now (today's shifts only up to now; when today's
 * shifts have not begun, the `days` days before today). Rows are spread evenly over shift time,
 * chunked by whole days so that no two chunks share a local hour or day.
 */
async function planChunks(db: Kysely<DB>, t: string, n: number, days: number, batch: number): Promise<Plan> {
  const r = await withTenant(db, t, (tx) =>
    sql<{ tz: string; today: string; seconds: number; unchecked: boolean }>`
      select tz, to_char((now() at time zone tz)::date, 'YYYY-MM-DD') as today,
        extract(epoch from (now() at time zone tz) - (now() at time zone tz)::date)::float8 as seconds,
        (select rolsuper from pg_roles where rolname = session_user)
          and not exists (select 1 from pg_trigger where not tgisinternal and (tgtype & 4) <> 0
                          and tgrelid = any(${LOADED}::regclass[])) as unchecked
      from (select coalesce(settings->>'timeZone', 'UTC') as tz from workspaces where id = ${t}) z`.execute(
      tx,
    ),
  );
  const { tz, today, seconds, unchecked } = r.rows[0]!;
  const todayShift = Math.min(Math.max(seconds - SHIFT_START, 0), SHIFT);
  const wholeDays = todayShift > 0 ? days - 1 : days;
  const first = new Date(`${today}T00:00:00Z`);
  first.setUTCDate(first.getUTCDate() - wholeDays);
  const total = wholeDays * SHIFT + todayShift;
  const daysPerChunk = Math.max(1, Math.floor(batch / (n / days)));
  const chunks: Chunk[] = [];
  const add = (start: number, end: number) => {
    const rows = Math.round((n * end) / total) - Math.round((n * start) / total);
    if (rows > 0)
      chunks.push({ start, end, rows, fromDay: Math.floor(start / SHIFT), toDay: Math.ceil(end / SHIFT) });
  };
  // Today on its own: it is the one chunk live postings may also be adding to.
  for (let start = 0; start < wholeDays * SHIFT; start += daysPerChunk * SHIFT)
    add(start, Math.min(start + daysPerChunk * SHIFT, wholeDays * SHIFT));
  add(wholeDays * SHIFT, total);
  return { timeZone: tz, firstDay: first.toISOString().slice(0, 10), today, chunks, unchecked };
}

/** Generates one chunk's movements in time order and appends them with their balances and rollups. */
async function loadChunk(
  tx: Tx,
  t: string,
  items: number,
  plan: Plan,
  chunk: Chunk,
  mayBeFresh: boolean,
): Promise<void> {
  // Nothing waits on a seed's commits; and its aggregates are big enough to want memory.
  await sql`select set_config('synchronous_commit', 'off', true), set_config('work_mem', '64MB', true)`.execute(
    tx,
  );
  if (plan.unchecked) {
    await sql`select set_config('role', 'none', true), set_config('session_replication_role', 'replica', true),
      set_config('role', 'opsledger_app', true)`.execute(tx);
  }
  const tz = plan.timeZone;
  // Fresh: past days (no live posting can reach them any more) without a movement yet.
  const untouched = await sql<{ fresh: boolean }>`
    select ${plan.firstDay}::date + ${chunk.toDay}::int <= ${plan.today}::date and not exists (
      select 1 from stats_mv_hour where tenant_id = ${t}
        and hour >= (${plan.firstDay}::date + ${chunk.fromDay}::int)::timestamp at time zone ${tz}
        and hour < (${plan.firstDay}::date + ${chunk.toDay}::int)::timestamp at time zone ${tz}) as fresh`.execute(
    tx,
  );
  const fresh = mayBeFresh && untouched.rows[0]!.fresh;
  const c = { ...chunk, fresh };
  await sql`
    create temporary table seed_chunk on commit drop as
    with loc as (
      select array_agg(id order by code) filter (where code like 'SEED-STORE-%') as stores,
             array_agg(id order by code) filter (where code like 'SEED-FLOOR-%') as floors,
             max(id::text) filter (where code = 'SUPPLIER')::uuid as supplier,
             max(id::text) filter (where code = 'SCRAP')::uuid as scrap,
             max(id::text) filter (where code = 'ADJUSTMENT')::uuid as adjustment,
             max(id::text) filter (where code = 'PRODUCTION')::uuid as production
      from locations where tenant_id = ${t}
    ), people as (select array_agg(id) as ids from users where tenant_id = ${t} and email like '%@seed.invalid'),
    -- The catalogue as a table joined on a row number: an element of a big array is slow to reach.
    catalogue as (select row_number() over (order by sku)::int as k, id, standard_cost as cost
                  from items where tenant_id = ${t} and sku like 'SEED-%'),
    raw as (
      select g, random() as r, random() as q, ${c.start}::float8 + random() * ${c.end - c.start}::float8 as s
      from generate_series(1, ${c.rows}) g
    ), runs as (
      -- Items come in runs, as jobs do: each hour the floor works on a rotating set of a few dozen
      -- SKUs (every SKU still turns up most days), not on the whole catalogue at once.
      select raw.*, 1 + (floor(s / 3600)::bigint * 7919 + floor(random() * ${runSize(items)})::int) % ${items} as k from raw
    ), m as (
      select g, r, k, q,
        case when r < 0.15 then 'receive' when r < 0.50 then 'move' when r < 0.58 then 'waste'
             when r < 0.62 then 'adjust' when r < 0.82 then 'consume' else 'output' end as type,
        -- Shift time to wall-clock time: whole shifts are whole days, the rest is time into the shift.
        ((${plan.firstDay}::date + floor(s / ${SHIFT}::float8)::int)::timestamp
          + make_interval(secs => ${SHIFT_START}::float8 + s - floor(s / ${SHIFT}::float8) * ${SHIFT}::float8)) at time zone ${tz} as at
      from runs
    ), v as (
      select m.*, gen_random_uuid()::text as u, case m.type when 'receive' then 100 + floor(m.q * 400) when 'move' then 10 + floor(m.q * 40)
                             when 'output' then 20 + floor(m.q * 80) else 1 + floor(m.q * 10) end::numeric as qty
      from m
    )
    select
      -- A version 7 UUID: the millisecond of the movement, then the random bits of a version 4 one.
      (lpad(to_hex((extract(epoch from v.at) * 1000)::bigint), 12, '0') || '7' || substr(v.u, 16, 3) || substr(v.u, 20, 4)
        || substr(v.u, 25, 12))::uuid as id,
      v.type, c.id as item_id, v.qty,
      case v.type when 'receive' then loc.supplier when 'move' then loc.stores[1 + (v.g % 2)]
                  when 'adjust' then loc.adjustment when 'output' then loc.production else loc.floors[1 + (v.g % 4)] end
        as from_location_id,
      case v.type when 'receive' then loc.stores[1 + (v.g % 2)] when 'move' then loc.floors[1 + (v.g % 4)]
                  when 'waste' then loc.scrap when 'adjust' then loc.stores[1 + (v.g % 2)]
                  when 'consume' then loc.production else loc.stores[1 + (v.g % 2)] end as to_location_id,
      c.cost as unit_cost,
      case v.type when 'move' then 0 else round(c.cost * v.qty, 4) end as value,
      case v.type when 'waste' then (array['damaged', 'expired', 'quality-reject', 'spillage', 'setup'])[1 + (v.g % 5)]
                  when 'adjust' then 'cycle count' end as reason,
      v.at as created_at, p.ids[1 + (v.g % array_length(p.ids, 1))] as created_by,
      date_trunc('hour', v.at at time zone ${tz}) at time zone ${tz} as hour, (v.at at time zone ${tz})::date as day
    from v join catalogue c on c.k = v.k, loc, people p
    order by v.at`.execute(tx);
  await sql`
    insert into movements (tenant_id, id, type, item_id, qty, from_location_id, to_location_id, unit_cost, value, reason,
      created_at, created_by)
    select ${t}, id, type, item_id, qty, from_location_id, to_location_id, unit_cost, value, reason, created_at, created_by
    from seed_chunk`.execute(tx);

  // Every rollup below is a sum over the chunk's movements, added to whatever the row held.
  await sql`
    create temporary table seed_dims on commit drop as
    select d.dim, d.dim_id, b.hour, b.day, b.type, coalesce(b.reason, '') as reason,
      count(*) as count, sum(b.qty) as qty, sum(b.value) as value
    from seed_chunk b, (select array_agg(id) as ids from locations where tenant_id = ${t} and kind in ('store', 'floor')) internal
    cross join lateral (values
      ('item', b.item_id),
      ('location', case when b.from_location_id = any(internal.ids) then b.from_location_id end),
      ('location', case when b.to_location_id = any(internal.ids) then b.to_location_id end),
      ('user', b.created_by)
    ) d(dim, dim_id)
    where d.dim_id is not null
    group by 1, 2, 3, 4, 5, 6`.execute(tx);
  // Days no posting has touched take plain inserts; anywhere else the chunk adds to what is there.
  const add = (key: string) =>
    c.fresh
      ? sql``
      : sql`on conflict (tenant_id, ${sql.raw(key)}, shard) do update
          set count = r.count + excluded.count, qty = r.qty + excluded.qty, value = r.value + excluded.value`;
  await sql`
    insert into stats_mv_hour_dim as r (tenant_id, dim, dim_id, hour, type, reason, shard, count, qty, value)
    select ${t}, dim, dim_id, hour, type, reason, 0, count, qty, value from seed_dims order by dim, dim_id, hour, type, reason
    ${add('dim, dim_id, hour, type, reason')}`.execute(tx);
  await sql`
    insert into stats_mv_day_dim as r (tenant_id, dim, dim_id, day, type, reason, shard, count, qty, value)
    select ${t}, dim, dim_id, day, type, reason, 0, sum(count), sum(qty), sum(value) from seed_dims
    group by dim, dim_id, day, type, reason order by dim, dim_id, day, type, reason
    ${add('dim, dim_id, day, type, reason')}`.execute(tx);
  // Each movement has exactly one item, so the item rows add up to the workspace's totals.
  await sql`
    insert into stats_mv_hour as r (tenant_id, hour, type, reason, shard, count, qty, value)
    select ${t}, hour, type, reason, 0, sum(count), sum(qty), sum(value) from seed_dims where dim = 'item'
    group by hour, type, reason order by hour, type, reason
    ${add('hour, type, reason')}`.execute(tx);
  await sql`
    insert into stats_mv_day as r (tenant_id, day, type, reason, shard, count, qty, value)
    select ${t}, day, type, reason, 0, sum(count), sum(qty), sum(value) from seed_dims where dim = 'item'
    group by day, type, reason order by day, type, reason
    ${add('day, type, reason')}`.execute(tx);
  await sql`
    insert into stats_user_day as r (tenant_id, day, user_id, shard, movements)
    select ${t}, day, dim_id, 0, sum(count) from seed_dims where dim = 'user' group by day, dim_id order by day, dim_id
    ${c.fresh ? sql`` : sql`on conflict (tenant_id, day, user_id, shard) do update set movements = r.movements + excluded.movements`}`.execute(
    tx,
  );
  // Balances: what came into and went out of each internal location. Chunks running side by side
  // take these rows in the same (key) order, so the second waits for the first rather than deadlocking.
  await sql`
    insert into stock_balances as s (tenant_id, item_id, location_id, lot_id, qty)
    select ${t}, x.item_id, x.location_id, '00000000-0000-0000-0000-000000000000', sum(x.delta)
    from (
      select item_id, to_location_id as location_id, qty as delta from seed_chunk
      union all select item_id, from_location_id, -qty from seed_chunk
    ) x join locations l on l.tenant_id = ${t} and l.id = x.location_id and l.kind in ('store', 'floor')
    group by x.item_id, x.location_id order by x.item_id, x.location_id
    on conflict (tenant_id, item_id, location_id, lot_id) do update set qty = s.qty + excluded.qty, updated_at = now()`.execute(
    tx,
  );
}

export async function seedWorkspace(
  db: Kysely<DB>,
  o: SeedOptions,
): Promise<{ movements: number; items: number; seconds: number }> {
  const started = Date.now();
  const items = Math.max(50, Math.min(2000, Math.round(o.movements / 5000)));
  const t = o.tenantId;
  await withTenant(db, t, async (tx) => {
    await sql`insert into items (tenant_id, id, sku, name, uom, cost_method, standard_cost)
      select ${t}, (lpad(to_hex(i), 8, '0') || '-0000-7000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 'SEED-' || lpad(i::text, 5, '0'),
        'Seeded item ' || i, 'pcs', 'average', round((1 + random() * 49)::numeric, 2)
      from generate_series(1, ${items}) i on conflict do nothing`.execute(tx);
    await sql`insert into item_costs (tenant_id, item_id) select tenant_id, id from items
      where tenant_id = ${t} and sku like 'SEED-%' on conflict do nothing`.execute(tx);
    for (const [code, kind] of [
      ...STORES.map((c) => [c, 'store']),
      ...FLOORS.map((c) => [c, 'floor']),
    ] as const) {
      await sql`insert into locations (tenant_id, id, code, name, kind) values (${t}, ${newId()}, ${code}, ${code}, ${kind})
        on conflict (tenant_id, code) do nothing`.execute(tx);
    }
    for (let i = 1; i <= 8; i++) {
      await sql`insert into users (tenant_id, id, email, name) values (${t}, ${newId()}, ${`operator${i}@seed.invalid`}, ${`Seed operator ${i}`})
        on conflict (tenant_id, email) do nothing`.execute(tx);
    }
  });

  let mark = Date.now();
  const phase = (name: string) => {
    o.onPhase?.(name, (Date.now() - mark) / 1000);
    mark = Date.now();
  };

  const plan = await planChunks(db, t, o.movements, o.days, o.batch ?? DEFAULT_BATCH);
  phase('setup');
  // PGlite is one backend (transactions take turns), so a second connection only adds waiting.
  const workers = Math.max(1, o.parallel ?? 1);
  let next = 0;
  let done = 0;
  await Promise.all(
    Array.from({ length: Math.min(workers, plan.chunks.length) }, async () => {
      while (next < plan.chunks.length) {
        const chunk = plan.chunks[next++]!;
        await withTenant(db, t, (tx) => loadChunk(tx, t, items, plan, chunk, true)).catch((error) => {
          // Another seed got to these days first: add to its rows instead.
          if ((error as { code?: string }).code !== '23505') throw error;
          return withTenant(db, t, (tx) => loadChunk(tx, t, items, plan, chunk, false));
        });
        done += chunk.rows;
        o.onProgress?.(done);
      }
    }),
  );
  phase('movements');

  await withTenant(db, t, async (tx) => {
    // Item costs follow from the balances, as they would had every movement been posted at standard cost.
    await sql`update item_costs c set qty = s.qty, value = round(s.qty * i.standard_cost, 4), last_unit_cost = i.standard_cost
      from (select item_id, sum(qty) as qty from stock_balances where tenant_id = ${t} group by item_id) s, items i
      where c.tenant_id = ${t} and c.item_id = s.item_id and i.tenant_id = ${t} and i.id = s.item_id
        and i.sku like 'SEED-%'`.execute(tx);
    await recordAudit(tx, systemContext(t, 'cli'), {
      action: 'workspace.seed',
      entity: 'workspace',
      entityId: t,
      summary: { movements: o.movements, days: o.days },
    });
  });
  phase('costs');
  // Fresh statistics for the planner, so the first summaries and ledger reads after a big load are
  // planned on real row counts (as the owner: the workspace role may not analyse).
  await sql`analyze ${sql.raw(LOADED.join(', '))}`.execute(db);
  phase('analyze');
  return { movements: o.movements, items, seconds: Math.round((Date.now() - started) / 100) / 10 };
}
