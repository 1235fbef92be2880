import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Decimal } from '../../platform/decimal.ts';
import { startTestApp, type TestApp, type TestWorkspace } from '../../testing/harness.ts';
import { seedWorkspace } from './seed.ts';

let t: TestApp;
let ws: TestWorkspace;

beforeAll(async () => {
  t = await startTestApp();
  ws = await t.workspace();
  await seedWorkspace(t.db.db, { tenantId: ws.id, movements: 20_000, days: 60, batch: 7_000 });
});
afterAll(() => t.close());

describe('opsledger seed', () => {
  it('loads the requested number of movements across the period, inside the shifts', async () => {
    const r = await sql<{ n: number; days: number; early: number }>`
      select count(*)::int as n, count(distinct created_at::date)::int as days,
        count(*) filter (where extract(hour from created_at) < 6 or extract(hour from created_at) >= 22)::int as early
      from movements where tenant_id = ${ws.id}`.execute(t.db.db);
    expect(r.rows[0]).toMatchObject({ n: 20_000, early: 0 });
    expect(r.rows[0]!.days).toBeGreaterThan(50);
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

  it('leaves stock on hand equal to what the ledger moved in and out', async () => {
    const stock = await t.get<{ data: { sku: string; location: string; qty: string }[] }>(
      '/api/v1/stock',
      ws.admin.token,
    );
    const total = stock.body.data.reduce((s, r) => s.plus(r.qty), new Decimal(0));
    const net = await sql<{ net: string }>`
      select coalesce(sum(case when t.kind in ('store', 'floor') then m.qty else 0 end)
                    - sum(case when f.kind in ('store', 'floor') then m.qty else 0 end), 0)::text as net
      from movements m join locations f on f.tenant_id = m.tenant_id and f.id = m.from_location_id
      join locations t on t.tenant_id = m.tenant_id and t.id = m.to_location_id where m.tenant_id = ${ws.id}`.execute(
      t.db.db,
    );
    expect(total.toFixed()).toBe(new Decimal(net.rows[0]!.net).toFixed());
  });
});
