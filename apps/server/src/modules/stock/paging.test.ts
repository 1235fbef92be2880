// Paging of the two lists that used to stop silently at a fixed row count: GET /stock (keyset on
// sku, location, lot expiry and code, lot id) and GET /valuation (by sku, with the whole workspace's
// total on every page). Walking the cursor with a small limit must give exactly the full list, in
// order, with the filters applied, and only the workspace's own rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Decimal } from '../../platform/decimal.ts';
import { type Response, startTestApp, type TestApp, type TestWorkspace } from '../../testing/harness.ts';

interface StockRow {
  sku: string;
  itemId: string;
  location: string;
  locationId: string;
  lot: string | null;
  expiry: string | null;
  qty: string;
}

interface Valuation {
  sku: string;
  itemId: string;
  method: string;
  qty: string;
  value: string;
  unitCost: string | null;
}

interface StockPage {
  data: StockRow[];
  nextCursor: string | null;
}

interface ValuationPage {
  data: Valuation[];
  totalValue: string;
  nextCursor: string | null;
}

interface Problem {
  code: string;
}

let t: TestApp;
let ws: TestWorkspace;
let other: TestWorkspace;

const LOCATIONS = ['A-STORE', 'B-LINE', 'C-STORE'];

function csv(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

async function expectCreated(res: Response<unknown>) {
  expect(res.status, res.text).toBe(201);
}

/**
 * A workspace's stock: untracked items in every location, and lot-tracked items whose lots share
 * expiry dates, lack one, or share a code with another item's lot (so ties must be broken right).
 */
async function stock(w: TestWorkspace, prefix: string) {
  for (const code of LOCATIONS) {
    const kind = code.includes('LINE') ? 'floor' : 'store';
    await expectCreated(await t.post('/api/v1/locations', { code, name: code, kind }, w.admin.token));
  }
  const items = ['sku,name,uom,tracking,costMethod'];
  for (let n = 1; n <= 7; n += 1)
    items.push(`${prefix}-P${n},Plain ${n},pcs,none,${n % 2 ? 'fifo' : 'average'}`);
  for (let n = 1; n <= 3; n += 1) items.push(`${prefix}-L${n},Lotted ${n},kg,lot,fifo`);
  items.push(`${prefix}-EMPTY,Never stocked,pcs,none,fifo`);
  await expectCreated(await t.post('/api/v1/items/import', { csv: csv(...items) }, w.admin.token));

  const rows = ['sku,location,qty,unitCost,lot,expiry'];
  for (let n = 1; n <= 7; n += 1) {
    for (const [i, loc] of LOCATIONS.entries()) {
      if ((n + i) % 3 !== 0) rows.push(`${prefix}-P${n},${loc},${n + i},${(n * 1.25).toFixed(2)},,`);
    }
  }
  const lots: [string, string][] = [
    ['LOT-B', '2027-03-01'],
    ['LOT-A', '2027-03-01'],
    ['LOT-C', '2026-12-31'],
    ['LOT-D', ''],
    ['LOT-E', ''],
  ];
  for (let n = 1; n <= 3; n += 1) {
    for (const [lot, expiry] of lots) {
      for (const loc of n === 2 ? LOCATIONS : ['A-STORE', 'C-STORE']) {
        rows.push(`${prefix}-L${n},${loc},${n}.5,2.5,${lot},${expiry}`);
      }
    }
  }
  await expectCreated(await t.post('/api/v1/stock/import', { csv: csv(...rows) }, w.admin.token));
  // A balance that goes back to zero is not listed, on any page.
  await expectCreated(
    await t.post(
      '/api/v1/movements',
      { type: 'waste', sku: `${prefix}-P1`, qty: 1, from: 'A-STORE', reason: 'damaged' },
      w.admin.token,
    ),
  );
}

beforeAll(async () => {
  t = await startTestApp();
  ws = await t.workspace();
  other = await t.workspace();
  await stock(ws, 'PG');
  await stock(other, 'OTHER');
}, 120_000);
afterAll(() => t.close());

async function getStock(query: string, w = ws): Promise<StockPage> {
  const res = await t.get<StockPage>(`/api/v1/stock${query ? `?${query}` : ''}`, w.admin.token);
  expect(res.status, res.text).toBe(200);
  return res.body;
}

/** Follows nextCursor from the first page to the last; returns the rows and the page sizes. */
async function walkStock(query: string, limit: number, w = ws) {
  const rows: StockRow[] = [];
  const sizes: number[] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams(query);
    params.set('limit', String(limit));
    if (cursor) params.set('cursor', cursor);
    const page = await getStock(params.toString(), w);
    expect(page.data.length).toBeLessThanOrEqual(limit);
    rows.push(...page.data);
    sizes.push(page.data.length);
    cursor = page.nextCursor;
    expect(sizes.length).toBeLessThan(200);
  } while (cursor);
  return { rows, sizes };
}

const keyOf = (r: StockRow) => `${r.itemId}/${r.locationId}/${r.lot ?? ''}`;

describe('GET /stock pages', () => {
  it('answers every balance on one page by default, with nextCursor null', async () => {
    const all = await getStock('');
    // 7 plain items in 2 of 3 locations less the one wasted to zero, and 3 lotted items × 5 lots ×
    // 2 or 3 locations.
    expect(all.data).toHaveLength(7 * 2 - 1 + 5 * (2 + 3 + 2));
    expect(all.nextCursor).toBeNull();
    expect(all.data.some((r) => r.sku === 'PG-P1' && r.location === 'A-STORE')).toBe(false);
    // Lots oldest expiry first, the same expiry by lot code, lots without expiry last.
    const lotsAt = all.data.filter((r) => r.sku === 'PG-L2' && r.location === 'B-LINE').map((r) => r.lot);
    expect(lotsAt).toEqual(['LOT-C', 'LOT-A', 'LOT-B', 'LOT-D', 'LOT-E']);
  });

  it('pages through every balance without skipping or repeating one', async () => {
    const all = (await getStock('')).data;
    for (const limit of [1, 3, 7, all.length - 1, all.length, all.length + 1]) {
      const { rows, sizes } = await walkStock('', limit);
      expect(rows, `limit ${limit}`).toEqual(all);
      expect(new Set(rows.map(keyOf)).size).toBe(all.length);
      expect(sizes.slice(0, -1).every((s) => s === limit)).toBe(true);
      // The last page says so: it is never followed by an empty one unless the list is empty.
      expect(sizes.at(-1)).toBeGreaterThan(0);
    }
  });

  it('keeps the filters while paging', async () => {
    for (const query of [
      'sku=PG-L2',
      'location=C-STORE',
      'lot=LOT-A',
      'sku=PG-L3&location=A-STORE',
      'location=A-STORE&lot=LOT-E',
      'sku=PG-P5',
    ]) {
      const all = (await getStock(query)).data;
      expect(all.length, query).toBeGreaterThan(1);
      const params = new URLSearchParams(query);
      for (const r of all) {
        if (params.has('sku')) expect(r.sku).toBe(params.get('sku'));
        if (params.has('location')) expect(r.location).toBe(params.get('location'));
        if (params.has('lot')) expect(r.lot).toBe(params.get('lot'));
      }
      const { rows } = await walkStock(query, 2);
      expect(rows, query).toEqual(all);
    }
  });

  it('answers an empty last page for a filter nothing matches', async () => {
    expect(await getStock('sku=PG-EMPTY&limit=2')).toEqual({ data: [], nextCursor: null });
  });

  it('refuses a cursor it did not issue, and a limit out of range, with 400 validation_failed', async () => {
    const forged = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
    const first = await getStock('limit=1');
    expect(first.nextCursor).toEqual(expect.any(String));
    for (const cursor of [
      'not-a-cursor',
      forged('PG-P1'),
      forged(['PG-P1', 'A-STORE']),
      forged(['PG-P1', 'A-STORE', '2027-02-30', null, '00000000-0000-0000-0000-000000000000']),
      forged(['PG-P1', 'A-STORE', null, null, 'not-a-uuid']),
      forged(['PG-P1\u0000', 'A-STORE', null, null, '00000000-0000-0000-0000-000000000000']),
    ]) {
      const res = await t.get<Problem>(`/api/v1/stock?limit=1&cursor=${cursor}`, ws.admin.token);
      expect(res.status, cursor).toBe(400);
      expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('validation_failed');
    }
    for (const limit of ['0', '5001', 'x']) {
      const res = await t.get<Problem>(`/api/v1/stock?limit=${limit}`, ws.admin.token);
      expect(res.status, limit).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    }
    expect((await getStock('limit=5000')).nextCursor).toBeNull();
  });

  it('never shows another workspace’s stock, on any page or with its cursor', async () => {
    const mine = await walkStock('', 4);
    const theirs = await walkStock('', 4, other);
    expect(mine.rows.every((r) => r.sku.startsWith('PG-'))).toBe(true);
    expect(theirs.rows.every((r) => r.sku.startsWith('OTHER-'))).toBe(true);
    expect(theirs.rows).toHaveLength(mine.rows.length);
    const theirIds = new Set(theirs.rows.flatMap((r) => [r.itemId, r.locationId]));
    expect(mine.rows.some((r) => theirIds.has(r.itemId) || theirIds.has(r.locationId))).toBe(false);
    // A cursor is only a position: presented in this workspace it reads this workspace's rows.
    const theirFirst = await getStock('limit=1', other);
    const after = await getStock(`limit=500&cursor=${theirFirst.nextCursor}`);
    expect(after.data.every((r) => r.sku.startsWith('PG-'))).toBe(true);
    expect(await getStock('sku=OTHER-P2')).toEqual({ data: [], nextCursor: null });
  });
});

async function getValuation(query: string, w = ws): Promise<ValuationPage> {
  const res = await t.get<ValuationPage>(`/api/v1/valuation${query ? `?${query}` : ''}`, w.admin.token);
  expect(res.status, res.text).toBe(200);
  return res.body;
}

describe('GET /valuation pages', () => {
  it('pages items by SKU with the whole workspace’s total on every page', async () => {
    const all = await getValuation('');
    expect(all.nextCursor).toBeNull();
    expect(all.data.map((v) => v.sku)).toEqual([
      'PG-EMPTY',
      'PG-L1',
      'PG-L2',
      'PG-L3',
      'PG-P1',
      'PG-P2',
      'PG-P3',
      'PG-P4',
      'PG-P5',
      'PG-P6',
      'PG-P7',
    ]);
    const rows: Valuation[] = [];
    const totals = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await getValuation(`limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.data.length).toBeLessThanOrEqual(3);
      rows.push(...page.data);
      totals.add(page.totalValue);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 20);
    expect(pages).toBe(4);
    expect(rows).toEqual(all.data);

    // Every page's total is the sum of every item's value, over all pages, not the page's own.
    const sum = rows.reduce((s, v) => s.plus(v.value), new Decimal(0));
    expect(sum.greaterThan(0)).toBe(true);
    expect([...totals]).toEqual([sum.toFixed()]);
    expect(all.totalValue).toBe(sum.toFixed());

    // ?sku= answers that one item alone, as before: no list, no cursor.
    let byItem = new Decimal(0);
    for (const v of all.data) {
      const one = await t.get<Valuation>(`/api/v1/valuation?sku=${v.sku}`, ws.admin.token);
      expect(one.status).toBe(200);
      expect(one.body).toEqual(v);
      byItem = byItem.plus(one.body.value);
    }
    expect(byItem.toFixed()).toBe(all.totalValue);
  });

  it('keeps each workspace’s valuation to itself', async () => {
    const mine = await getValuation('limit=2');
    const theirs = await getValuation('limit=500', other);
    expect(theirs.data.every((v) => v.sku.startsWith('OTHER-'))).toBe(true);
    expect(theirs.totalValue).toBe(theirs.data.reduce((s, v) => s.plus(v.value), new Decimal(0)).toFixed());
    // The same stock was booked in both, less nothing: equal totals, computed separately.
    expect(mine.totalValue).toBe(theirs.totalValue);
    const unknown = await t.get<Problem>('/api/v1/valuation?sku=OTHER-P1', ws.admin.token);
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('unknown_sku');
  });

  it('refuses a cursor it did not issue with 400 validation_failed', async () => {
    for (const cursor of ['not-a-cursor', Buffer.from('42').toString('base64url')]) {
      const res = await t.get<Problem>(`/api/v1/valuation?cursor=${cursor}`, ws.admin.token);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    }
    const tooMany = await t.get<Problem>('/api/v1/valuation?limit=5001', ws.admin.token);
    expect(tooMany.status).toBe(400);
  });
});
