// Items through the HTTP API: creating with barcodes, pack quantities and alternate units; SKU and
// barcode uniqueness; search; editing and what may no longer change once stock has moved; the cost
// field only valuation readers see; and workspace isolation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Response,
  type SignedIn,
  startTestApp,
  type TestApp,
  type TestWorkspace,
} from '../../testing/harness.ts';

interface Item {
  id: string;
  sku: string;
  name: string;
  uom: string;
  active: boolean;
  tracking: string;
  costMethod: string;
  standardCost?: string | null;
  barcodes: { code: string; packQty: string }[];
  units: { uom: string; factor: string }[];
  createdAt: string;
}

interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

interface Problem {
  code: string;
  errors?: { path: string; message: string }[];
}

let t: TestApp;
let ws: TestWorkspace;
let manager: SignedIn;
let operator: SignedIn;

beforeAll(async () => {
  t = await startTestApp();
  ws = await t.workspace();
  manager = await t.user(ws, ['manager']);
  operator = await t.user(ws, ['operator']);
  const store = await t.post(
    '/api/v1/locations',
    { code: 'STORE', name: 'Store', kind: 'store' },
    ws.admin.token,
  );
  expect(store.status, store.text).toBe(201);
});
afterAll(() => t.close());

let counter = 0;
function nextSku(prefix = 'IT'): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

function create(body: Record<string, unknown>, token = ws.admin.token) {
  return t.post<Item>('/api/v1/items', body, token);
}

async function newItem(extra: Record<string, unknown> = {}, token = ws.admin.token): Promise<Item> {
  const sku = nextSku();
  const res = await create({ sku, name: `Item ${sku}`, uom: 'pcs', ...extra }, token);
  expect(res.status, res.text).toBe(201);
  return res.body;
}

function patch(id: string, body: Record<string, unknown>, token = ws.admin.token) {
  return t.request<Item>('PATCH', `/api/v1/items/${id}`, body, { token });
}

async function search(q: string, token = ws.admin.token): Promise<string[]> {
  const res = await t.get<Page<Item>>(`/api/v1/items?q=${encodeURIComponent(q)}&limit=500`, token);
  expect(res.status, res.text).toBe(200);
  return res.body.data.map((i) => i.sku);
}

function codeOf(res: Response<unknown>): string | undefined {
  return (res.body as Problem | null)?.code;
}

describe('creating items', () => {
  it('creates an item with barcodes, pack quantities and alternate units', async () => {
    const sku = nextSku();
    const res = await create({
      sku,
      name: 'Hex bolt M8',
      uom: 'pcs',
      barcodes: ['4006381333931', { code: '14006381333938', packQty: 12 }],
      units: [{ uom: 'box', factor: '12' }],
      tracking: 'lot',
      costMethod: 'average',
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      sku,
      name: 'Hex bolt M8',
      uom: 'pcs',
      active: true,
      tracking: 'lot',
      costMethod: 'average',
      units: [{ uom: 'box', factor: '12' }],
    });
    expect(res.body.barcodes).toEqual([
      { code: '14006381333938', packQty: '12' },
      { code: '4006381333931', packQty: '1' },
    ]);
    const read = await t.get<Item>(`/api/v1/items/${res.body.id}`, ws.admin.token);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(res.body);
  });

  it('defaults to no lot tracking and FIFO costing', async () => {
    const item = await newItem();
    expect({
      tracking: item.tracking,
      costMethod: item.costMethod,
      barcodes: item.barcodes,
      units: item.units,
    }).toEqual({
      tracking: 'none',
      costMethod: 'fifo',
      barcodes: [],
      units: [],
    });
  });

  it('refuses a SKU that already exists with 409 sku_taken', async () => {
    const item = await newItem();
    const res = await create({ sku: item.sku, name: 'Again', uom: 'pcs' });
    expect(res.status).toBe(409);
    expect(codeOf(res)).toBe('sku_taken');
    expect(await search(item.sku)).toEqual([item.sku]);
  });

  it('refuses a barcode another item carries with 409 barcode_taken, creating nothing', async () => {
    await newItem({ barcodes: ['BC-SHARED-1'] });
    const sku = nextSku();
    const res = await create({ sku, name: 'Thief', uom: 'pcs', barcodes: ['BC-NEW-1', 'BC-SHARED-1'] });
    expect(res.status).toBe(409);
    expect(codeOf(res)).toBe('barcode_taken');
    expect(await search(sku)).toEqual([]);
    // The new barcode of the refused item was not kept either.
    expect(await search('BC-NEW-1')).toEqual([]);
  });

  it('refuses the same barcode listed twice on one item', async () => {
    const sku = nextSku();
    const res = await create({
      sku,
      name: 'Twice',
      uom: 'pcs',
      barcodes: ['BC-TWICE', { code: 'BC-TWICE', packQty: 6 }],
    });
    expect(res.status).toBe(409);
    expect(codeOf(res)).toBe('barcode_taken');
    expect(await search(sku)).toEqual([]);
  });

  it.each([
    ['a zero pack quantity', { barcodes: [{ code: 'PK-0', packQty: 0 }] }, '/barcodes/0/packQty'],
    ['a non-numeric unit factor', { units: [{ uom: 'box', factor: 'twelve' }] }, '/units/0/factor'],
    ['a negative standard cost', { standardCost: '-1' }, '/standardCost'],
    ['an unknown cost method', { costMethod: 'lifo' }, '/costMethod'],
    ['an unknown tracking mode', { tracking: 'serial' }, '/tracking'],
  ])('refuses %s with 400 validation_failed naming the field', async (_label, extra, path) => {
    const sku = nextSku();
    const res = await create({ sku, name: 'Bad', uom: 'pcs', ...extra });
    expect(res.status, res.text).toBe(400);
    expect(codeOf(res)).toBe('validation_failed');
    expect((res.body as unknown as Problem).errors?.map((e) => e.path)).toContain(path);
    expect(await search(sku)).toEqual([]);
  });

  it('refuses an alternate unit that repeats the stock unit with 422 duplicate_unit', async () => {
    const sku = nextSku();
    const res = await create({ sku, name: 'Dup unit', uom: 'pcs', units: [{ uom: 'pcs', factor: 2 }] });
    expect(res.status).toBe(422);
    expect(codeOf(res)).toBe('duplicate_unit');
  });

  it('does not let an operator create items', async () => {
    const sku = nextSku();
    const res = await create({ sku, name: 'Nope', uom: 'pcs' }, operator.token);
    expect(res.status).toBe(403);
    expect(codeOf(res)).toBe('forbidden');
    expect(await search(sku)).toEqual([]);
  });

  it('lets a manager create items', async () => {
    const item = await newItem({}, manager.token);
    expect(item.sku).toMatch(/^IT-/);
  });
});

describe('searching items', () => {
  let bolt: Item;
  let nut: Item;
  let washer: Item;

  beforeAll(async () => {
    bolt = (
      await create({ sku: 'SRCH-BOLT-10', name: 'Carriage Bolt', uom: 'pcs', barcodes: ['5012345678900'] })
    ).body;
    nut = (await create({ sku: 'SRCH-NUT-20', name: 'Hex Nut', uom: 'pcs', barcodes: ['SRCHQR-77'] })).body;
    washer = (await create({ sku: 'SRCH-WSH-30', name: 'Flat washer', uom: 'pcs' })).body;
    expect([bolt.id, nut.id, washer.id].every(Boolean)).toBe(true);
  });

  it('finds by SKU, case-insensitively and by any part', async () => {
    expect(await search('srch-bolt')).toEqual(['SRCH-BOLT-10']);
    expect(await search('NUT-2')).toEqual(['SRCH-NUT-20']);
    expect((await search('srch-')).sort()).toEqual(['SRCH-BOLT-10', 'SRCH-NUT-20', 'SRCH-WSH-30']);
  });

  it('finds by name, case-insensitively and by any part', async () => {
    expect(await search('carriage')).toEqual(['SRCH-BOLT-10']);
    expect(await search('WASHER')).toEqual(['SRCH-WSH-30']);
    expect(await search('hex n')).toEqual(['SRCH-NUT-20']);
  });

  it('finds by an exact barcode but not by part of one', async () => {
    expect(await search('5012345678900')).toEqual(['SRCH-BOLT-10']);
    expect(await search('SRCHQR-77')).toEqual(['SRCH-NUT-20']);
    expect(await search('501234567')).toEqual([]);
  });

  it('treats % and _ in the search as plain characters', async () => {
    expect(await search('%')).toEqual([]);
    expect(await search('SRCH_BOLT')).toEqual([]);
  });

  it('pages through the list with a cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: Response<Page<Item>> = await t.get<Page<Item>>(
        `/api/v1/items?q=srch-&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        ws.admin.token,
      );
      expect(res.status).toBe(200);
      seen.push(...res.body.data.map((i) => i.sku));
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 5);
    expect(pages).toBe(2);
    expect(seen.sort()).toEqual(['SRCH-BOLT-10', 'SRCH-NUT-20', 'SRCH-WSH-30']);
  });
});

describe('editing items', () => {
  it('renames an item, replaces its units and retires it', async () => {
    const item = await newItem({ units: [{ uom: 'box', factor: 12 }] });
    const res = await patch(item.id, {
      name: 'Renamed',
      units: [
        { uom: 'bag', factor: '25' },
        { uom: 'case', factor: 6 },
      ],
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      name: 'Renamed',
      units: [
        { uom: 'bag', factor: '25' },
        { uom: 'case', factor: '6' },
      ],
    });
    const retired = await patch(item.id, { active: false });
    expect(retired.body.active).toBe(false);
    const read = await t.get<Item>(`/api/v1/items/${item.id}`, ws.admin.token);
    expect(read.body).toMatchObject({ name: 'Renamed', active: false });
    const activeOnly = await t.get<Page<Item>>(`/api/v1/items?q=${item.sku}&active=true`, ws.admin.token);
    expect(activeOnly.body.data).toEqual([]);
  });

  it('lets the cost method, tracking and stock unit change while the item has no movements', async () => {
    const item = await newItem();
    const res = await patch(item.id, { costMethod: 'average', tracking: 'lot', uom: 'kg' });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ costMethod: 'average', tracking: 'lot', uom: 'kg' });
  });

  it.each([
    ['cost method', { costMethod: 'average' }],
    ['lot tracking', { tracking: 'lot' }],
    ['stock unit', { uom: 'kg' }],
  ])(
    'refuses to change the %s once the item has movements (409 item_has_movements)',
    async (_label, change) => {
      const item = await newItem();
      const moved = await t.post(
        '/api/v1/movements',
        { type: 'receive', sku: item.sku, qty: 1, to: 'STORE', unitCost: 1 },
        ws.admin.token,
      );
      expect(moved.status, moved.text).toBe(201);
      const res = await patch(item.id, change);
      expect(res.status).toBe(409);
      expect(codeOf(res)).toBe('item_has_movements');
      const read = await t.get<Item>(`/api/v1/items/${item.id}`, ws.admin.token);
      expect(read.body).toMatchObject({ costMethod: 'fifo', tracking: 'none', uom: 'pcs' });
    },
  );

  it('still renames an item that has movements', async () => {
    const item = await newItem();
    await t.post(
      '/api/v1/movements',
      { type: 'receive', sku: item.sku, qty: 1, to: 'STORE', unitCost: 1 },
      ws.admin.token,
    );
    const res = await patch(item.id, { name: 'New name', costMethod: 'fifo' });
    expect(res.status, res.text).toBe(200);
    expect(res.body.name).toBe('New name');
  });

  it('does not let an operator edit items', async () => {
    const item = await newItem();
    const res = await patch(item.id, { name: 'Operator was here' }, operator.token);
    expect(res.status).toBe(403);
    const read = await t.get<Item>(`/api/v1/items/${item.id}`, ws.admin.token);
    expect(read.body.name).toBe(item.name);
  });
});

describe('barcodes of an item', () => {
  it('adds a barcode with a pack quantity and removes it again', async () => {
    const item = await newItem({ barcodes: ['BC-KEEP'] });
    const added = await t.post<Item>(
      `/api/v1/items/${item.id}/barcodes`,
      { code: 'BC-CASE', packQty: 24 },
      ws.admin.token,
    );
    expect(added.status, added.text).toBe(201);
    expect(added.body.barcodes).toEqual([
      { code: 'BC-CASE', packQty: '24' },
      { code: 'BC-KEEP', packQty: '1' },
    ]);
    expect(await search('BC-CASE')).toEqual([item.sku]);

    const removed = await t.request<Item>('DELETE', `/api/v1/items/${item.id}/barcodes/BC-CASE`, undefined, {
      token: ws.admin.token,
    });
    expect(removed.status, removed.text).toBe(200);
    expect(removed.body.barcodes).toEqual([{ code: 'BC-KEEP', packQty: '1' }]);
    expect(await search('BC-CASE')).toEqual([]);
  });

  it('refuses to add a barcode another item carries (409 barcode_taken)', async () => {
    const owner = await newItem({ barcodes: ['BC-OWNED'] });
    const other = await newItem();
    const res = await t.post(`/api/v1/items/${other.id}/barcodes`, { code: 'BC-OWNED' }, ws.admin.token);
    expect(res.status).toBe(409);
    expect(codeOf(res)).toBe('barcode_taken');
    expect(await search('BC-OWNED')).toEqual([owner.sku]);
  });

  it('answers 404 when removing a barcode the item does not carry', async () => {
    const owner = await newItem({ barcodes: ['BC-NOT-YOURS'] });
    const other = await newItem();
    const res = await t.request('DELETE', `/api/v1/items/${other.id}/barcodes/BC-NOT-YOURS`, undefined, {
      token: ws.admin.token,
    });
    expect(res.status).toBe(404);
    expect(await search('BC-NOT-YOURS')).toEqual([owner.sku]);
  });
});

describe('standard cost', () => {
  it('shows standardCost to a manager and hides it from an operator', async () => {
    const item = await newItem({ standardCost: '4.25' });
    expect(item.standardCost).toBe('4.25');
    const asManager = await t.get<Item>(`/api/v1/items/${item.id}`, manager.token);
    expect(asManager.body.standardCost).toBe('4.25');

    const asOperator = await t.get<Item>(`/api/v1/items/${item.id}`, operator.token);
    expect(asOperator.status).toBe(200);
    expect(asOperator.body).not.toHaveProperty('standardCost');
    const listed = await t.get<Page<Item>>(`/api/v1/items?q=${item.sku}`, operator.token);
    expect(listed.body.data).toHaveLength(1);
    expect(listed.body.data[0]).not.toHaveProperty('standardCost');
  });
});

describe('workspace isolation', () => {
  it('answers 404 for another workspace’s item id, and its search does not see it', async () => {
    const item = await newItem({ barcodes: ['BC-ISOLATED'] });
    const other = await t.workspace();
    const read = await t.get(`/api/v1/items/${item.id}`, other.admin.token);
    expect(read.status).toBe(404);
    expect(codeOf(read)).toBe('item_not_found');
    const edit = await patch(item.id, { name: 'Hijacked' }, other.admin.token);
    expect(edit.status).toBe(404);
    const barcode = await t.post(
      `/api/v1/items/${item.id}/barcodes`,
      { code: 'BC-HIJACK' },
      other.admin.token,
    );
    expect(barcode.status).toBe(404);
    expect(await search('BC-ISOLATED', other.admin.token)).toEqual([]);
    expect(await search(item.sku, other.admin.token)).toEqual([]);
    const mine = await t.get<Item>(`/api/v1/items/${item.id}`, ws.admin.token);
    expect(mine.body.name).toBe(item.name);
    expect(mine.body.barcodes.map((b) => b.code)).toEqual(['BC-ISOLATED']);
  });

  it('lets another workspace use the same SKU and barcode', async () => {
    const item = await newItem({ barcodes: ['BC-BOTH'] });
    const other = await t.workspace();
    const res = await t.post<Item>(
      '/api/v1/items',
      { sku: item.sku, name: 'Theirs', uom: 'pcs', barcodes: ['BC-BOTH'] },
      other.admin.token,
    );
    expect(res.status, res.text).toBe(201);
    expect(res.body.id).not.toBe(item.id);
  });
});
