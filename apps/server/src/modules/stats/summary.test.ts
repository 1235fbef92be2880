import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../db/tenant.ts';
import { Decimal } from '../../platform/decimal.ts';
import { startTestApp, type TestApp, type TestWorkspace } from '../../testing/harness.ts';
import { rebuildStats } from './rebuild.ts';

let t: TestApp;
let ws: TestWorkspace;
let token: string;

interface Summary {
  period: { from: string; to: string; timeZone: string; bucket: string };
  movements: Record<string, { count: number; qty: string; value?: string }>;
  waste: {
    qty: string;
    value?: string;
    rate: string | null;
    byReason: { reason: string; count: number; qty: string; value?: string }[];
  };
  production: {
    steps: {
      workCenter: string;
      step: string;
      completions: number;
      good: string;
      scrap: string;
      yield: string | null;
      firstPassYield: string | null;
    }[];
    output: string;
    wip: { workCenter: string; step: string; qty: string }[];
    downtime: { reason: string; stops: number; minutes: string }[];
    oee: {
      workCenter: string | null;
      availability: string | null;
      performance: string | null;
      quality: string | null;
      oee: string | null;
    }[];
    series: { bucket: string; good: string; scrap: string }[];
  };
  series: { bucket: string; type: string; count: number; qty: string }[];
  operators: { userId: string; movements: number; completions: number }[];
}

async function post(url: string, body: unknown, as = token) {
  const res = await t.post<{ id: string }>(url, body, as);
  if (res.status >= 300) throw new Error(`${url}: ${res.status} ${res.text}`);
  return res.body;
}

/** The same figures computed straight from the ledger: a reversal counts negatively under its type. */
async function fromLedger(
  period: Summary['period'],
  where: { itemId?: string; locationId?: string; userId?: string } = {},
) {
  const r = await sql<{ type: string; count: string; qty: string; value: string }>`
    select type, sum(case when reversal_of is null then 1 else -1 end)::text as count,
      sum(case when reversal_of is null then qty else -qty end)::text as qty,
      sum(case when reversal_of is null then value else -value end)::text as value
    from movements where tenant_id = ${ws.id} and created_at >= ${period.from}::timestamptz and created_at < ${period.to}::timestamptz
      and (${where.itemId ?? null}::uuid is null or item_id = ${where.itemId ?? null}::uuid)
      and (${where.userId ?? null}::uuid is null or created_by = ${where.userId ?? null}::uuid)
      and (${where.locationId ?? null}::uuid is null or from_location_id = ${where.locationId ?? null}::uuid or to_location_id = ${where.locationId ?? null}::uuid)
    group by type`.execute(t.db.db);
  return Object.fromEntries(
    r.rows.map((row) => [
      row.type,
      {
        count: Number(row.count),
        qty: new Decimal(row.qty).toFixed(),
        value: new Decimal(row.value).toFixed(),
      },
    ]),
  );
}

function comparable(movements: Summary['movements']) {
  return Object.fromEntries(
    Object.entries(movements)
      .filter(([, m]) => m.count !== 0 || !new Decimal(m.qty).isZero())
      .map(([type, m]) => [
        type,
        { count: m.count, qty: new Decimal(m.qty).toFixed(), value: new Decimal(m.value ?? 0).toFixed() },
      ]),
  );
}

let operator: { userId: string; token: string };
let floorId: string;
let boltId: string;

beforeAll(async () => {
  t = await startTestApp();
  ws = await t.workspace();
  token = ws.admin.token;
  operator = await t.user(ws, ['operator']);
  await post('/api/v1/items', { sku: 'BOLT', name: 'Bolt', uom: 'pcs' });
  await post('/api/v1/items', { sku: 'NUT', name: 'Nut', uom: 'pcs', costMethod: 'average' });
  await post('/api/v1/items', { sku: 'KIT', name: 'Kit', uom: 'pcs' });
  await post('/api/v1/locations', { code: 'STORE', name: 'Store', kind: 'store' });
  floorId = (await post('/api/v1/locations', { code: 'FLOOR', name: 'Floor', kind: 'floor' })).id;
  boltId = (
    await t.get<{ data: { id: string; sku: string }[] }>('/api/v1/items?q=BOLT', token)
  ).body.data.find((i) => i.sku === 'BOLT')!.id;
  // A mixed day: receipts, moves, waste by two people, a count, reversals and a production job with a correction.
  await post('/api/v1/movements', { type: 'receive', sku: 'BOLT', qty: 500, to: 'STORE', unitCost: '0.12' });
  await post('/api/v1/movements', { type: 'receive', sku: 'NUT', qty: 300, to: 'STORE', unitCost: '0.05' });
  await post(
    '/api/v1/movements',
    { type: 'move', sku: 'BOLT', qty: 200, from: 'STORE', to: 'FLOOR' },
    operator.token,
  );
  await post(
    '/api/v1/movements',
    { type: 'move', sku: 'NUT', qty: 200, from: 'STORE', to: 'FLOOR' },
    operator.token,
  );
  await post(
    '/api/v1/movements',
    { type: 'waste', sku: 'BOLT', qty: 7, from: 'FLOOR', reason: 'damaged' },
    operator.token,
  );
  const mistaken = await post(
    '/api/v1/movements',
    { type: 'waste', sku: 'NUT', qty: 11, from: 'FLOOR', reason: 'spillage' },
    operator.token,
  );
  await post(`/api/v1/movements/${mistaken.id}/reverse`, {});
  await post('/api/v1/movements', { type: 'waste', sku: 'NUT', qty: 3, from: 'FLOOR', reason: 'spillage' });
  await post('/api/v1/movements', {
    type: 'adjust',
    sku: 'BOLT',
    location: 'STORE',
    countedQty: 290,
    reason: 'cycle count',
  });
  await post('/api/v1/work-centers', { code: 'ASM', name: 'Assembly', location: 'FLOOR' });
  await post('/api/v1/work-centers', { code: 'PACK', name: 'Packing' });
  await post('/api/v1/boms', {
    sku: 'KIT',
    outputQty: 1,
    components: [
      { sku: 'BOLT', qty: 2 },
      { sku: 'NUT', qty: 2 },
    ],
  });
  await post('/api/v1/routings', {
    sku: 'KIT',
    steps: [
      { seq: 10, name: 'Assemble', workCenter: 'ASM', stdMinutesPerUnit: 2 },
      { seq: 20, name: 'Pack', workCenter: 'PACK', stdMinutesPerUnit: 1 },
    ],
  });
  const wo = await post('/api/v1/work-orders', {
    sku: 'KIT',
    qty: 50,
    componentsFrom: 'FLOOR',
    outputTo: 'STORE',
  });
  await post(`/api/v1/work-orders/${wo.id}/release`, {});
  const first = await post(
    `/api/v1/work-orders/${wo.id}/events`,
    { step: 10, action: 'complete', goodQty: 20, scrapQty: 2, scrapReason: 'quality-reject' },
    operator.token,
  );
  await post(`/api/v1/work-orders/${wo.id}/events`, { step: 10, action: 'correct', corrects: first.id });
  await post(
    `/api/v1/work-orders/${wo.id}/events`,
    { step: 10, action: 'complete', goodQty: 18, scrapQty: 2, scrapReason: 'quality-reject' },
    operator.token,
  );
  await post(
    `/api/v1/work-orders/${wo.id}/events`,
    { step: 10, action: 'complete', goodQty: 10 },
    operator.token,
  );
  await post(
    `/api/v1/work-orders/${wo.id}/events`,
    { step: 20, action: 'complete', goodQty: 15, scrapQty: 1, scrapReason: 'damaged' },
    operator.token,
  );
});
afterAll(() => t.close());

async function summary(query = '') {
  const res = await t.get<Summary>(`/api/v1/stats/summary${query}`, token);
  expect(res.status, res.text).toBe(200);
  return res.body;
}

describe('the statistics summary', () => {
  it('agrees exactly with a recomputation from the raw ledger after a mixed day with reversals and corrections', async () => {
    const s = await summary();
    expect(comparable(s.movements)).toEqual(await fromLedger(s.period));
    expect(s.movements.waste).toBeDefined();
  });

  it('nets a reversed waste out of waste by reason', async () => {
    const s = await summary();
    const spillage = s.waste.byReason.find((r) => r.reason === 'spillage')!;
    expect(spillage).toMatchObject({ qty: '3', count: 1 });
    // 7 bolts on the floor and 1 kit scrapped at packing.
    expect(s.waste.byReason.find((r) => r.reason === 'damaged')?.qty).toBe('8');
    // Production scrap is waste too: 2 at assembly (quality-reject) and 1 at packing (damaged).
    expect(s.waste.byReason.find((r) => r.reason === 'quality-reject')?.qty).toBe('2');
    expect(s.waste.qty).toBe('13');
  });

  it('agrees with the ledger when filtered by item, location, operator, and several at once', async () => {
    const base = await summary();
    for (const [query, where] of [
      ['?sku=BOLT', { itemId: boltId }],
      ['?location=FLOOR', { locationId: floorId }],
      [`?operator=${operator.userId}`, { userId: operator.userId }],
      [
        `?sku=BOLT&location=FLOOR&operator=${operator.userId}`,
        { itemId: boltId, locationId: floorId, userId: operator.userId },
      ],
    ] as const) {
      const s = await summary(query);
      expect(comparable(s.movements), query).toEqual(await fromLedger(base.period, where));
    }
  });

  it('reports production per step with yield, first-pass yield, output and work in progress', async () => {
    const s = await summary();
    const assemble = s.production.steps.find((p) => p.step === 'Assemble')!;
    // 20+2 corrected away, then 18+2 and 10+0: the first 22 units handled again are rework, so only
    // 8 of the 28 good units were good first time.
    expect(assemble).toMatchObject({
      good: '28',
      scrap: '2',
      completions: 2,
      yield: '0.9333',
      firstPassYield: '0.2667',
    });
    expect(s.production.steps.find((p) => p.step === 'Pack')).toMatchObject({
      good: '15',
      scrap: '1',
      yield: '0.9375',
    });
    expect(s.production.output).toBe('15');
    expect(s.production.wip).toEqual(
      expect.arrayContaining([
        { workCenter: 'ASM', step: 'Assemble', qty: '20' },
        { workCenter: 'PACK', step: 'Pack', qty: '12' },
      ]),
    );
  });

  it('names the busiest operators', async () => {
    const s = await summary();
    expect(s.operators[0]).toMatchObject({ userId: operator.userId });
    expect(s.operators[0]!.completions).toBe(4);
  });

  it('buckets a series by hour for a day and by day for a month, adding up to the totals', async () => {
    const s = await summary();
    expect(s.period.bucket).toBe('hour');
    const receives = s.series.filter((p) => p.type === 'receive').reduce((n, p) => n + p.count, 0);
    expect(receives).toBe(s.movements.receive!.count);
    const now = new Date();
    const month = await summary(
      `?from=${new Date(now.getTime() - 20 * 86400_000).toISOString()}&to=${new Date(now.getTime() + 10 * 86400_000).toISOString()}`,
    );
    expect(month.period.bucket).toBe('day');
    expect(comparable(month.movements)).toEqual(await fromLedger(month.period));
    expect(month.series.filter((p) => p.type === 'move').reduce((n, p) => n + p.count, 0)).toBe(
      month.movements.move!.count,
    );
    // Buckets are instants in ISO 8601 (UTC, with milliseconds), in order; quantities plain decimals.
    const plain = /^-?\d+(\.\d*[1-9])?$/;
    for (const r of [s, month]) {
      for (const p of r.series) {
        expect(p.bucket).toBe(new Date(p.bucket).toISOString());
        expect(p.qty).toMatch(plain);
      }
      for (const p of r.production.series) {
        expect(p.bucket).toBe(new Date(p.bucket).toISOString());
        expect([p.good, p.scrap]).toEqual([expect.stringMatching(plain), expect.stringMatching(plain)]);
      }
      const buckets = r.series.map((p) => p.bucket);
      expect(buckets).toEqual([...buckets].sort());
    }
    expect(month.production.series.reduce((n, p) => n + Number(p.good), 0)).toBe(
      Number(month.production.output),
    );
  });

  it('keeps values from readers without valuation.read', async () => {
    const viewer = await t.user(ws, ['viewer']);
    const res = await t.get<Summary>('/api/v1/stats/summary', viewer.token);
    expect(res.status).toBe(200);
    expect(res.body.movements.receive?.value).toBeUndefined();
    expect(res.body.waste.value).toBeUndefined();
    expect((await t.get('/api/v1/stats/summary', operator.token)).status).toBe(403);
  });

  it('shows another workspace nothing of this one', async () => {
    const other = await t.workspace();
    const res = await t.get<Summary>('/api/v1/stats/summary', other.admin.token);
    expect(res.body.movements).toEqual({});
    expect(res.body.production.steps).toEqual([]);
    expect((await t.get(`/api/v1/stats/summary?sku=BOLT`, other.admin.token)).status).toBe(422);
  });

  it('gives the same figures after the rollups are rebuilt from the ledger and the step events', async () => {
    const before = await summary();
    await withTenant(t.db.db, ws.id, (tx) => rebuildStats(tx, ws.id));
    const after = await summary();
    expect(comparable(after.movements)).toEqual(comparable(before.movements));
    expect(after.waste).toEqual(before.waste);
    expect(after.production.steps).toEqual(before.production.steps);
    expect(after.operators).toEqual(before.operators);
  });

  it('re-buckets by the new local days when the workspace changes time zone, still agreeing with the ledger', async () => {
    const patched = await t.request(
      'PATCH',
      '/api/v1/workspace',
      { settings: { timeZone: 'Asia/Kolkata' } },
      { token },
    );
    expect(patched.status, patched.text).toBe(200);
    const s = await summary();
    expect(s.period.timeZone).toBe('Asia/Kolkata');
    // Kolkata is UTC+5:30: local hours start at half past the UTC hour.
    expect(new Date(s.period.from).getUTCMinutes()).toBe(30);
    expect(comparable(s.movements)).toEqual(await fromLedger(s.period));
    await t.request('PATCH', '/api/v1/workspace', { settings: { timeZone: 'UTC' } }, { token });
  });

  it('refuses a period that ends before it starts', async () => {
    const res = await t.get('/api/v1/stats/summary?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', token);
    expect(res.status).toBe(400);
  });
});

describe('OEE', () => {
  it('is availability × performance × quality from the shift calendar and standard times: 90% × 90% × 90% = 72.9%', async () => {
    const w = await t.workspace();
    const tok = w.admin.token;
    const p = async (url: string, body: unknown) => {
      const res = await t.post<{ id: string }>(url, body, tok);
      if (res.status >= 300) throw new Error(`${url}: ${res.text}`);
      return res.body;
    };
    await p('/api/v1/items', { sku: 'PART', name: 'Part', uom: 'pcs' });
    await p('/api/v1/locations', { code: 'OUT', name: 'Out', kind: 'store' });
    const press = await p('/api/v1/work-centers', { code: 'PRESS', name: 'Press' });
    // One 8-hour shift today (the workspace runs on UTC): 480 planned minutes.
    const today = new Date();
    const day = today.toISOString().slice(0, 10);
    const shift = await t.request(
      'PUT',
      `/api/v1/work-centers/${press.id}/shifts`,
      { shifts: [{ weekday: today.getUTCDay(), starts: '00:00', ends: '08:00' }] },
      { token: tok },
    );
    expect(shift.status).toBe(200);
    // Quality 90/100; performance: 100 units × 3.888 min = 388.8 standard minutes over 432 running minutes.
    await p('/api/v1/routings', {
      sku: 'PART',
      steps: [{ seq: 1, name: 'Press', workCenter: 'PRESS', stdMinutesPerUnit: '3.888' }],
    });
    const wo = await p('/api/v1/work-orders', {
      sku: 'PART',
      qty: 100,
      componentsFrom: 'OUT',
      outputTo: 'OUT',
    });
    await p(`/api/v1/work-orders/${wo.id}/release`, {});
    await p(`/api/v1/work-orders/${wo.id}/events`, { step: 1, action: 'start' });
    await p(`/api/v1/work-orders/${wo.id}/events`, { step: 1, action: 'pause', reason: 'breakdown' });
    // The stoppage lasted 48 minutes (10% of the shift): availability 432 / 480.
    await sql`update work_order_steps set paused_since = now() - interval '48 minutes' where tenant_id = ${w.id}`.execute(
      t.db.db,
    );
    await p(`/api/v1/work-orders/${wo.id}/events`, { step: 1, action: 'resume' });
    await p(`/api/v1/work-orders/${wo.id}/events`, {
      step: 1,
      action: 'complete',
      goodQty: 90,
      scrapQty: 10,
      scrapReason: 'quality-reject',
    });
    const res = await t.get<Summary>(`/api/v1/stats/summary?from=${day}T00:00:00Z&to=${day}T23:59:59Z`, tok);
    expect(res.status, res.text).toBe(200);
    expect(res.body.production.oee).toEqual([
      expect.objectContaining({
        workCenter: 'PRESS',
        availability: '0.9',
        performance: '0.9',
        quality: '0.9',
        oee: '0.729',
      }),
    ]);
    expect(res.body.production.downtime).toEqual([{ reason: 'breakdown', stops: 1, minutes: '48' }]);
    expect(res.body.production.oee[0]).toMatchObject({
      workCenterId: press.id,
      plannedMinutes: '480',
      downtimeMinutes: '48',
    });
  });
});
