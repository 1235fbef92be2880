// Postings racing each other. On real PostgreSQL (TEST_DATABASE_URL) the requests run on separate
// pooled connections and really contend for the same balance rows, cost state and idempotency key;
// on single-connection PGlite the same tests run serialized and still check the outcome.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  engine,
  holdLocks,
  type Response,
  startTestApp,
  type TestApp,
  type TestWorkspace,
} from '../../testing/harness.ts';

interface Movement {
  id: string;
  itemId: string;
  type: string;
  qty: string;
  value?: string;
}

interface StockRow {
  location: string;
  lot: string | null;
  qty: string;
}

interface Problem {
  code: string;
}

let t: TestApp;
let ws: TestWorkspace;

beforeAll(async () => {
  t = await startTestApp();
  ws = await t.workspace();
  for (const [code, kind] of [
    ['STORE', 'store'],
    ['FLOOR', 'floor'],
  ] as const) {
    const res = await t.post('/api/v1/locations', { code, name: code, kind }, ws.admin.token);
    expect(res.status, res.text).toBe(201);
  }
});
afterAll(() => t.close());

let counter = 0;
async function newItem(costMethod: 'fifo' | 'average' = 'fifo'): Promise<string> {
  counter += 1;
  const sku = `CC-${counter}`;
  const res = await t.post('/api/v1/items', { sku, name: sku, uom: 'pcs', costMethod }, ws.admin.token);
  expect(res.status, res.text).toBe(201);
  return sku;
}

function post(body: Record<string, unknown>, headers?: Record<string, string>) {
  return t.post<Movement>('/api/v1/movements', body, ws.admin.token, headers);
}

async function stockAt(sku: string): Promise<Record<string, string>> {
  const res = await t.get<{ data: StockRow[] }>(`/api/v1/stock?sku=${sku}`, ws.admin.token);
  expect(res.status).toBe(200);
  return Object.fromEntries(res.body.data.map((r) => [r.location, r.qty]));
}

async function movementsOf(sku: string, type: string): Promise<Movement[]> {
  const res = await t.get<{ data: Movement[] }>(
    `/api/v1/movements?sku=${sku}&type=${type}&limit=500`,
    ws.admin.token,
  );
  expect(res.status).toBe(200);
  return res.body.data;
}

function codeOf(res: Response<unknown>): string | undefined {
  return (res.body as Problem | null)?.code;
}

describe('concurrent postings', () => {
  it.each(['fifo', 'average'] as const)(
    'books exactly 20 of 50 concurrent wastes of 1 against a stock of 20 (%s), refusing the other 30',
    async (method) => {
      const sku = await newItem(method);
      const received = await post({ type: 'receive', sku, qty: 20, to: 'STORE', unitCost: '1.5' });
      expect(received.status, received.text).toBe(201);

      const results = await Promise.all(
        Array.from({ length: 50 }, () =>
          post({ type: 'waste', sku, qty: 1, from: 'STORE', reason: 'damaged' }),
        ),
      );
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(20);
      expect(statuses.filter((s) => s === 409)).toHaveLength(30);
      expect(new Set(results.filter((r) => r.status === 409).map(codeOf))).toEqual(
        new Set(['insufficient_stock']),
      );

      expect(await stockAt(sku)).toEqual({});
      const wastes = await movementsOf(sku, 'waste');
      expect(wastes).toHaveLength(20);
      expect(wastes.every((m) => m.value === '1.5')).toBe(true);
      const valuation = await t.get<{ qty: string; value: string }>(
        `/api/v1/valuation?sku=${sku}`,
        ws.admin.token,
      );
      expect(valuation.body).toMatchObject({ qty: '0', value: '0' });
    },
  );

  it('books one movement for 10 concurrent requests with the same Idempotency-Key and body', async () => {
    const sku = await newItem();
    const body = { type: 'receive', sku, qty: 3, to: 'STORE', unitCost: 2 };
    const key = `scan-${sku}-0001`;
    const results = await Promise.all(
      Array.from({ length: 10 }, () => post(body, { 'idempotency-key': key })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
    const ids = new Set(results.map((r) => r.body.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(9);
    expect(await movementsOf(sku, 'receive')).toHaveLength(1);
    expect(await stockAt(sku)).toEqual({ STORE: '3' });
  });

  it('refuses the same Idempotency-Key with a different body (422 idempotency_key_reused) and books nothing more', async () => {
    const sku = await newItem();
    const key = `scan-${sku}-0002`;
    const first = await post(
      { type: 'receive', sku, qty: 3, to: 'STORE', unitCost: 2 },
      { 'idempotency-key': key },
    );
    expect(first.status, first.text).toBe(201);
    const reused = await post(
      { type: 'receive', sku, qty: 4, to: 'STORE', unitCost: 2 },
      { 'idempotency-key': key },
    );
    expect(reused.status).toBe(422);
    expect(codeOf(reused)).toBe('idempotency_key_reused');
    const replay = await post(
      { type: 'receive', sku, qty: 3, to: 'STORE', unitCost: 2 },
      { 'idempotency-key': key },
    );
    expect(replay.status).toBe(201);
    expect(replay.body.id).toBe(first.body.id);
    expect(await movementsOf(sku, 'receive')).toHaveLength(1);
    expect(await stockAt(sku)).toEqual({ STORE: '3' });
  });

  it('completes concurrent moves in opposite directions between two locations without a deadlock, conserving stock', {
    timeout: 180_000,
  }, async () => {
    const sku = await newItem();
    for (const to of ['STORE', 'FLOOR']) {
      const res = await post({ type: 'receive', sku, qty: 100, to, unitCost: 1 });
      expect(res.status, res.text).toBe(201);
    }
    const requests = Array.from({ length: 20 }, (_, i) =>
      i % 2 === 0
        ? post({ type: 'move', sku, qty: 1, from: 'STORE', to: 'FLOOR' })
        : post({ type: 'move', sku, qty: 2, from: 'FLOOR', to: 'STORE' }),
    );
    const results = await Promise.all(requests);
    expect(results.map((r) => (r.status === 201 ? 201 : `${r.status} ${codeOf(r)}`))).toEqual(
      Array(20).fill(201),
    );
    // 10 × (−1) + 10 × (+2) at STORE.
    expect(await stockAt(sku)).toEqual({ FLOOR: '90', STORE: '110' });
    expect(await movementsOf(sku, 'move')).toHaveLength(20);
  });

  it('keeps cost state consistent when receipts and wastes of one item race', async () => {
    const sku = await newItem('average');
    const seeded = await post({ type: 'receive', sku, qty: 10, to: 'STORE', unitCost: 2 });
    expect(seeded.status).toBe(201);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2 === 0
          ? post({ type: 'receive', sku, qty: 1, to: 'STORE', unitCost: 2 })
          : post({ type: 'waste', sku, qty: 1, from: 'STORE', reason: 'damaged' }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const valuation = await t.get<{ qty: string; value: string }>(
      `/api/v1/valuation?sku=${sku}`,
      ws.admin.token,
    );
    expect(valuation.body).toMatchObject({ qty: '10', value: '20' });
    expect(await stockAt(sku)).toEqual({ STORE: '10' });
  });

  it('lets exactly one of 10 concurrent reversals of a movement through (409 already_reversed for the rest)', async () => {
    const sku = await newItem();
    const received = await post({ type: 'receive', sku, qty: 5, to: 'STORE', unitCost: 1 });
    expect(received.status).toBe(201);
    const waste = await post({ type: 'waste', sku, qty: 2, from: 'STORE', reason: 'damaged' });
    expect(waste.status).toBe(201);
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.post(`/api/v1/movements/${waste.body.id}/reverse`, {}, ws.admin.token),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status !== 201).map((r) => `${r.status} ${codeOf(r)}`)).toEqual(
      Array(9).fill('409 already_reversed'),
    );
    expect(await stockAt(sku)).toEqual({ STORE: '5' });
    expect(await movementsOf(sku, 'waste')).toHaveLength(2);
  });

  // Needs a second connection: on single-connection PGlite the posting would wait for the very
  // connection the open transaction holds, so there is nothing to observe there.
  it.runIf(engine === 'pg')(
    'makes a posting wait while another transaction holds the item’s cost row',
    async () => {
      const sku = await newItem();
      const received = await post({ type: 'receive', sku, qty: 2, to: 'STORE', unitCost: 1 });
      expect(received.status).toBe(201);
      const itemId = received.body.itemId;
      const lock = await holdLocks(
        t.db.db,
        sql`select qty from item_costs where item_id = ${itemId} for update`,
      );
      const pending = post({ type: 'waste', sku, qty: 1, from: 'STORE', reason: 'damaged' });
      const first = await Promise.race([
        pending.then(() => 'finished'),
        new Promise<string>((resolve) => setTimeout(() => resolve('waiting'), 400)),
      ]);
      expect(first).toBe('waiting');
      await lock.release();
      expect((await pending).status).toBe(201);
      expect(await stockAt(sku)).toEqual({ STORE: '1' });
    },
  );
});
