// `opsledger seed`: fills a workspace with a realistic history for dashboards and benchmarks —
// items, stores and floor locations, operators, and N movements over the past days, mostly inside
// two shifts (06:00–22:00): receipts into stores, moves to the floor, waste, counts, consumption by
// production and output. Rows are generated inside PostgreSQL in batches (INSERT … SELECT over
// generate_series), so ten million movements load in minutes; balances, item costs and statistics
// rollups are then recomputed from the ledger, so every figure agrees with it.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { newId } from '../../db/ids.ts';
import type { DB } from '../../db/schema.ts';
import { withTenant } from '../../db/tenant.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import { systemContext } from '../../platform/context.ts';
import { rebuildStats } from './rebuild.ts';

export interface SeedOptions {
  tenantId: string;
  movements: number;
  days: number;
  batch?: number;
  onProgress?: (done: number) => void;
}

const STORES = ['SEED-STORE-A', 'SEED-STORE-B'];
const FLOORS = ['SEED-FLOOR-1', 'SEED-FLOOR-2', 'SEED-FLOOR-3', 'SEED-FLOOR-4'];

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

  const batch = o.batch ?? 200_000;
  for (let done = 0; done < o.movements; done += batch) {
    const n = Math.min(batch, o.movements - done);
    await withTenant(db, t, (tx) =>
      sql`
        with loc as (
          select array_agg(id order by code) filter (where code like 'SEED-STORE-%') as stores,
                 array_agg(id order by code) filter (where code like 'SEED-FLOOR-%') as floors,
                 max(id::text) filter (where code = 'SUPPLIER')::uuid as supplier,
                 max(id::text) filter (where code = 'SCRAP')::uuid as scrap,
                 max(id::text) filter (where code = 'ADJUSTMENT')::uuid as adjustment,
                 max(id::text) filter (where code = 'PRODUCTION')::uuid as production
          from locations where tenant_id = ${t}
        ), people as (select array_agg(id) as ids from users where tenant_id = ${t} and email like '%@seed.invalid'),
        catalogue as (select array_agg(id order by sku) as ids, array_agg(standard_cost order by sku) as costs
                      from items where tenant_id = ${t} and sku like 'SEED-%'),
        raw as (
          select g, random() as r, 1 + floor(random() * ${items})::int as k, random() as q,
            -- Inside the day and evening shifts, spread over the past days.
            date_trunc('day', now() - (floor(random() * ${o.days}) || ' days')::interval)
              + ((6 * 3600 + floor(random() * 16 * 3600)) || ' seconds')::interval as at
          from generate_series(1, ${n}) g
        ), m as (
          select raw.*, case when r < 0.15 then 'receive' when r < 0.50 then 'move' when r < 0.58 then 'waste'
                             when r < 0.62 then 'adjust' when r < 0.82 then 'consume' else 'output' end as type
          from raw
        )
        insert into movements (tenant_id, id, type, item_id, qty, from_location_id, to_location_id, unit_cost, value, reason,
          created_at, created_by)
        select ${t},
          (lpad(to_hex((extract(epoch from m.at) * 1000)::bigint), 12, '0') || '7' || substr(md5(random()::text), 1, 3)
            || to_hex(8 + floor(random() * 4)::int) || substr(md5(random()::text), 1, 15))::uuid,
          m.type, c.ids[m.k],
          case m.type when 'receive' then 100 + floor(m.q * 400) when 'move' then 10 + floor(m.q * 40)
                      when 'output' then 20 + floor(m.q * 80) else 1 + floor(m.q * 10) end as qty,
          case m.type when 'receive' then loc.supplier when 'move' then loc.stores[1 + (m.g % 2)]
                      when 'adjust' then loc.adjustment when 'output' then loc.production else loc.floors[1 + (m.g % 4)] end,
          case m.type when 'receive' then loc.stores[1 + (m.g % 2)] when 'move' then loc.floors[1 + (m.g % 4)]
                      when 'waste' then loc.scrap when 'adjust' then loc.stores[1 + (m.g % 2)]
                      when 'consume' then loc.production else loc.stores[1 + (m.g % 2)] end,
          c.costs[m.k],
          round(c.costs[m.k] * (case m.type when 'receive' then 100 + floor(m.q * 400) when 'move' then 0
                      when 'output' then 20 + floor(m.q * 80) else 1 + floor(m.q * 10) end)::numeric, 4),
          case m.type when 'waste' then (array['damaged', 'expired', 'quality-reject', 'spillage', 'setup'])[1 + (m.g % 5)]
                      when 'adjust' then 'cycle count' end,
          m.at, p.ids[1 + (m.g % array_length(p.ids, 1))]
        from m, loc, people p, catalogue c`.execute(tx),
    );
    o.onProgress?.(done + n);
  }

  await withTenant(db, t, async (tx) => {
    // Balances and costs follow from the ledger, as they would had every movement been posted.
    await sql`delete from stock_balances where tenant_id = ${t}`.execute(tx);
    await sql`insert into stock_balances (tenant_id, item_id, location_id, lot_id, qty)
      select ${t}, item_id, location_id, coalesce(lot_id, '00000000-0000-0000-0000-000000000000'), sum(delta)
      from (
        select m.item_id, m.to_location_id as location_id, m.lot_id, m.qty as delta from movements m
          join locations l on l.tenant_id = m.tenant_id and l.id = m.to_location_id and l.kind in ('store', 'floor')
          where m.tenant_id = ${t}
        union all
        select m.item_id, m.from_location_id, m.lot_id, -m.qty from movements m
          join locations l on l.tenant_id = m.tenant_id and l.id = m.from_location_id and l.kind in ('store', 'floor')
          where m.tenant_id = ${t}
      ) x group by item_id, location_id, coalesce(lot_id, '00000000-0000-0000-0000-000000000000')`.execute(
      tx,
    );
    await sql`update item_costs c set qty = s.qty, value = round(s.qty * i.standard_cost, 4), last_unit_cost = i.standard_cost
      from (select item_id, sum(qty) as qty from stock_balances where tenant_id = ${t} group by item_id) s, items i
      where c.tenant_id = ${t} and c.item_id = s.item_id and i.tenant_id = ${t} and i.id = s.item_id`.execute(
      tx,
    );
    await rebuildStats(tx, t);
    await recordAudit(tx, systemContext(t, 'cli'), {
      action: 'workspace.seed',
      entity: 'workspace',
      entityId: t,
      summary: { movements: o.movements, days: o.days },
    });
  });
  return { movements: o.movements, items, seconds: Math.round((Date.now() - started) / 100) / 10 };
}
