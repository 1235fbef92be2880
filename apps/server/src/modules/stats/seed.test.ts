import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../db/tenant.ts';
import { Decimal } from '../../platform/decimal.ts';
import { engine, startTestApp, type TestApp, type TestWorkspace } from '../../testing/harness.ts';
import { rebuildStats } from './rebuild.ts';
import { seedWorkspace } from './seed.ts';

let t: TestApp;
let ws: TestWorkspace;

const ROLLUPS = {
  stats_mv_day: { keys: 'day, type, reason', sums: 'count, qty, value' },
  stats_mv_hour: { keys: 'hour, type, reason', sums: 'count, qty, value' },
  stats_mv_day_dim: { keys: 'dim, dim_id, day, type, reason', sums: 'count, qty, value' },
  stats_mv_hour_dim: { keys: 'dim, dim_id, hour, type, reason', sums: 'count, qty, value' },
  stats_user_day: { keys: 'day, user_id', sums: 'movements, completions' },
} as const;

/** Every rollup row, added up over its shards, as comparable text. */
async function rollups(): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const [table, { keys, sums }] of Object.entries(ROLLUPS)) {
    const totals = sums.split(', ').map((c) => `trim_scale(sum(${c})::numeric)::text`);
    const r = await sql<{ row: string }>`
      select concat_ws('|', ${sql.raw(
        keys
          .split(', ')
          .map((k) => `${k}::text`)
          .join(', '),
      )}, ${sql.raw(totals.join(', '))}) as row
      from ${sql.table(table)} where tenant_id = ${ws.id} group by ${sql.raw(keys)}
      having ${sql.raw(
        sums
          .split(', ')
          .map((c) => `sum(${c}) <> 0`)
          .join(' or '),
      )}
      order by ${sql.raw(keys)}`.execute(t.db.db);
    out[table] = r.rows.map((x) => x.row);
  }
  return out;
}

beforeAll(async () => {
  t = await startTestApp();
  ws = await t.workspace();
  // A posting made the ordinary way today: the seed adds to its rollups rather than replacing them.
  await t.post('/api/v1/items', { sku: 'BOLT', name: 'Bolt', uom: 'pcs' }, ws.admin.token);
  await t.post('/api/v1/locations', { code: 'STORE', name: 'Store', kind: 'store' }, ws.admin.token);
  const posted = await t.post(
    '/api/v1/movements',
    { type: 'receive', sku: 'BOLT', qty: 5, to: 'STORE', unitCost: '1.25' },
    ws.admin.token,
  );
  expect(posted.status, posted.text).toBe(201);
  const parallel = engine === 'pg' ? 2 : 1;
  await seedWorkspace(t.db.db, { tenantId: ws.id, movements: 20_000, days: 60, batch: 7_000, parallel });
  // A second seed lands on days that already hold movements.
  await seedWorkspace(t.db.db, { tenantId: ws.id, movements: 5_000, days: 60, batch: 2_000, parallel });
});
afterAll(() => t.close());

describe('opsledger seed', () => {
  it('loads the requested number of movements across the period, inside the shifts', async () => {
    const r = await sql<{ n: number; days: number; early: number; future: number }>`
      select count(*)::int as n, count(distinct m.created_at::date)::int as days,
        count(*) filter (where extract(hour from m.created_at) < 6 or extract(hour from m.created_at) >= 22)::int as early,
        count(*) filter (where m.created_at > now())::int as future
      from movements m join items i on i.tenant_id = m.tenant_id and i.id = m.item_id
      where m.tenant_id = ${ws.id} and i.sku like 'SEED-%'`.execute(t.db.db);
    expect(r.rows[0]).toMatchObject({ n: 25_000, early: 0, future: 0 });
    expect(r.rows[0]!.days).toBeGreaterThan(55);
  });

  it('leaves a summary over the whole period that agrees with the ledger', async () => {
    const from = new Date(Date.now() - 61 * 86400_000).toISOString();
    const to = new Date(Date.now() + 86400_000).toISOString();
    const res = await t.get<{ movements: Record<string, { count: number; qty: string; value: string }> }>(
      `/api/v1/stats/summary?from=${from}&to=${to}`,
      ws.admin.token,
    );
    expect(res.status).toBe(200);
    const ledger = await sql<{ type: string; count: number; qty: string; value: string }>`
      select type, count(*)::int as count, sum(qty)::text as qty, sum(value)::text as value from movements
      where tenant_id = ${ws.id} group by type`.execute(t.db.db);
    for (const row of ledger.rows) {
      const m = res.body.movements[row.type]!;
      expect({ type: row.type, count: m.count, qty: m.qty, value: m.value }).toEqual({
        type: row.type,
        count: row.count,
        qty: new Decimal(row.qty).toFixed(),
        value: new Decimal(row.value).toFixed(),
      });
    }
  });

  it('leaves every balance equal to what the ledger moved in and out of its location', async () => {
    const r = await sql<{ item_id: string; location_id: string; balance: string; ledger: string }>`
      with ledger as (
        select item_id, location_id, sum(delta) as qty from (
          select item_id, to_location_id as location_id, qty as delta from movements where tenant_id = ${ws.id}
          union all select item_id, from_location_id, -qty from movements where tenant_id = ${ws.id}
        ) x join locations l on l.tenant_id = ${ws.id} and l.id = x.location_id and l.kind in ('store', 'floor')
        group by item_id, location_id
      )
      select coalesce(b.item_id, l.item_id) as item_id, coalesce(b.location_id, l.location_id) as location_id,
        coalesce(b.qty, 0)::text as balance, coalesce(l.qty, 0)::text as ledger
      from (select * from stock_balances where tenant_id = ${ws.id}) b
      full join ledger l on l.item_id = b.item_id and l.location_id = b.location_id`.execute(t.db.db);
    expect(r.rows.length).toBeGreaterThan(100);
    const wrong = r.rows.filter((x) => !new Decimal(x.balance).equals(x.ledger));
    expect(wrong).toEqual([]);
  });

  it('leaves every rollup row exactly as a rebuild from the ledger makes it', async () => {
    const seeded = await rollups();
    expect(seeded.stats_mv_hour_dim!.length).toBeGreaterThan(1000);
    await withTenant(t.db.db, ws.id, (tx) => rebuildStats(tx, ws.id));
    expect(seeded).toEqual(await rollups());
  });
});
