// CSV imports of items and of opening stock: all rows or none, with every problem reported by line
// and field so a user can fix the file in one go.
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
  tracking: string;
  costMethod: string;
  standardCost?: string | null;
  barcodes: { code: string; packQty: string }[];
  units: { uom: string; factor: string }[];
}

interface Movement {
  id: string;
  type: string;
  sku: string;
  qty: string;
  from: string;
  to: string;
  lot: string | null;
  unitCost?: string | null;
  value?: string;
  reason: string | null;
}

interface StockRow {
  sku: string;
  location: string;
  lot: string | null;
  expiry: string | null;
  qty: string;
}

interface RowError {
  line: number;
  field: string;
  message: string;
}

interface Problem {
  code: string;
  errors?: RowError[];
}

let t: TestApp;
let ws: TestWorkspace;
let operator: SignedIn;

beforeAll(async () => {
  t = await startTestApp();
  ws = await t.workspace();
  operator = await t.user(ws, ['operator']);
  for (const [code, kind] of [
    ['STORE', 'store'],
    ['FLOOR', 'floor'],
  ] as const) {
    const res = await t.post('/api/v1/locations', { code, name: code, kind }, ws.admin.token);
    expect(res.status, res.text).toBe(201);
  }
});
afterAll(() => t.close());

function csv(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

function importItems(text: string, token = ws.admin.token) {
  return t.post<{ imported: number }>('/api/v1/items/import', { csv: text }, token);
}

function importStock(text: string, token = ws.admin.token) {
  return t.post<{ imported: number }>('/api/v1/stock/import', { csv: text }, token);
}

async function findItem(sku: string): Promise<Item | undefined> {
  const res = await t.get<{ data: Item[] }>(
    `/api/v1/items?q=${encodeURIComponent(sku)}&limit=500`,
    ws.admin.token,
  );
  expect(res.status).toBe(200);
  return res.body.data.find((i) => i.sku === sku);
}

async function stockOf(sku: string): Promise<StockRow[]> {
  const res = await t.get<{ data: StockRow[] }>(
    `/api/v1/stock?sku=${encodeURIComponent(sku)}`,
    ws.admin.token,
  );
  expect(res.status).toBe(200);
  return res.body.data;
}

async function movementsOf(sku: string): Promise<Movement[]> {
  const res = await t.get<{ data: Movement[] }>(
    `/api/v1/movements?sku=${encodeURIComponent(sku)}`,
    ws.admin.token,
  );
  expect(res.status).toBe(200);
  return res.body.data;
}

function rejection(res: Response<unknown>): { status: number; code: string | undefined; errors: RowError[] } {
  const body = res.body as Problem;
  return { status: res.status, code: body.code, errors: body.errors ?? [] };
}

function where(errors: RowError[]): [number, string][] {
  return errors.map((e) => [e.line, e.field]);
}

describe('item import', () => {
  it('imports every row with tracking, cost method, barcodes with pack quantities, units and standard cost', async () => {
    const res = await importItems(
      csv(
        'sku,name,uom,tracking,costMethod,barcodes,units,standardCost',
        'IMP-A,Bolt,pcs,none,fifo,4006381333931;14006381333938*12,box=12,0.15',
        'IMP-B,Flour,kg,lot,average,,bag=25;sack=50,',
        '"IMP-C","Nut, hex",pcs,,,,,',
      ),
    );
    expect(res.status, res.text).toBe(201);
    expect(res.body.imported).toBe(3);

    expect(await findItem('IMP-A')).toMatchObject({
      name: 'Bolt',
      uom: 'pcs',
      tracking: 'none',
      costMethod: 'fifo',
      standardCost: '0.15',
      barcodes: [
        { code: '14006381333938', packQty: '12' },
        { code: '4006381333931', packQty: '1' },
      ],
      units: [{ uom: 'box', factor: '12' }],
    });
    expect(await findItem('IMP-B')).toMatchObject({
      uom: 'kg',
      tracking: 'lot',
      costMethod: 'average',
      standardCost: null,
      barcodes: [],
      units: [
        { uom: 'bag', factor: '25' },
        { uom: 'sack', factor: '50' },
      ],
    });
    expect(await findItem('IMP-C')).toMatchObject({ name: 'Nut, hex', tracking: 'none', costMethod: 'fifo' });
  });

  it('rejects the whole file when line 3 has an unknown cost method, naming line and field', async () => {
    const res = await importItems(
      csv(
        'sku,name,uom,costMethod',
        'IMP-GOOD-1,Good,pcs,fifo',
        'IMP-BAD-1,Bad,pcs,lifo',
        'IMP-GOOD-2,Good,pcs,average',
      ),
    );
    const r = rejection(res);
    expect({ status: r.status, code: r.code }).toEqual({ status: 422, code: 'import_rejected' });
    expect(where(r.errors)).toEqual([[3, 'costMethod']]);
    expect(r.errors[0]?.message).toMatch(/fifo or average/);
    expect(await findItem('IMP-GOOD-1')).toBeUndefined();
    expect(await findItem('IMP-GOOD-2')).toBeUndefined();
  });

  it('rejects a SKU that already exists in the workspace', async () => {
    const existing = await t.post(
      '/api/v1/items',
      { sku: 'IMP-EXISTS', name: 'Old', uom: 'pcs' },
      ws.admin.token,
    );
    expect(existing.status).toBe(201);
    const res = await importItems(csv('sku,name,uom', 'IMP-NEW-1,New,pcs', 'IMP-EXISTS,Dup,pcs'));
    const r = rejection(res);
    expect({ status: r.status, code: r.code }).toEqual({ status: 422, code: 'import_rejected' });
    expect(where(r.errors)).toEqual([[3, 'sku']]);
    expect(await findItem('IMP-NEW-1')).toBeUndefined();
    expect((await findItem('IMP-EXISTS'))?.name).toBe('Old');
  });

  it('rejects a SKU repeated within the file, naming the repeat', async () => {
    const res = await importItems(
      csv('sku,name,uom', 'IMP-TWICE,First,pcs', 'IMP-OTHER,Other,pcs', 'IMP-TWICE,Second,pcs'),
    );
    const r = rejection(res);
    expect({ status: r.status, code: r.code }).toEqual({ status: 422, code: 'import_rejected' });
    expect(where(r.errors)).toEqual([[4, 'sku']]);
    expect(r.errors[0]?.message).toMatch(/line 2/);
    expect(await findItem('IMP-TWICE')).toBeUndefined();
    expect(await findItem('IMP-OTHER')).toBeUndefined();
  });

  it('rejects a barcode another item already carries', async () => {
    const owner = await t.post(
      '/api/v1/items',
      { sku: 'IMP-OWNER', name: 'Owner', uom: 'pcs', barcodes: ['IMP-BC-1'] },
      ws.admin.token,
    );
    expect(owner.status).toBe(201);
    const res = await importItems(
      csv('sku,name,uom,barcodes', 'IMP-BC-A,A,pcs,IMP-BC-2', 'IMP-BC-B,B,pcs,IMP-BC-1'),
    );
    const r = rejection(res);
    expect({ status: r.status, code: r.code }).toEqual({ status: 422, code: 'import_rejected' });
    expect(where(r.errors)).toEqual([[3, 'barcodes']]);
    expect(await findItem('IMP-BC-A')).toBeUndefined();
  });

  it('reports every problem in the file at once, in line order', async () => {
    const res = await importItems(
      csv(
        'sku,name,uom,tracking,units,standardCost',
        'IMP-M1,,pcs,none,,',
        'IMP-M2,Ok,pcs,serial,,',
        'IMP-M3,Ok,pcs,none,box,',
        'IMP-M4,Ok,pcs,none,,cheap',
      ),
    );
    const r = rejection(res);
    expect(r.status).toBe(422);
    expect(where(r.errors)).toEqual([
      [2, 'name'],
      [3, 'tracking'],
      [4, 'units'],
      [5, 'standardCost'],
    ]);
    for (const sku of ['IMP-M1', 'IMP-M2', 'IMP-M3', 'IMP-M4']) expect(await findItem(sku)).toBeUndefined();
  });

  it('rejects a header without a required column or with an unknown one, on line 1', async () => {
    const missing = rejection(await importItems(csv('sku,name', 'IMP-H1,No unit')));
    expect({ status: missing.status, code: missing.code }).toEqual({ status: 422, code: 'import_rejected' });
    expect(where(missing.errors)).toEqual([[1, 'uom']]);
    const unknown = rejection(await importItems(csv('sku,name,uom,colour', 'IMP-H2,Red,pcs,red')));
    expect(where(unknown.errors)).toEqual([[1, 'colour']]);
    expect(await findItem('IMP-H1')).toBeUndefined();
    expect(await findItem('IMP-H2')).toBeUndefined();
  });

  it('does not let an operator import items', async () => {
    const res = await importItems(csv('sku,name,uom', 'IMP-OP,Op,pcs'), operator.token);
    expect(res.status).toBe(403);
    expect(await findItem('IMP-OP')).toBeUndefined();
  });
});

describe('opening stock import', () => {
  beforeAll(async () => {
    const res = await importItems(
      csv(
        'sku,name,uom,tracking,costMethod,standardCost',
        'OPEN-PLAIN,Plain,pcs,none,fifo,',
        'OPEN-LOT,Lotted,kg,lot,average,',
        'OPEN-STD,Standard,pcs,none,average,2.5',
      ),
    );
    expect(res.status, res.text).toBe(201);
  });

  it('books each row as an adjustment in from ADJUSTMENT with reason opening-stock, valued qty × unit cost', async () => {
    const res = await importStock(
      csv(
        'sku,location,qty,unitCost,lot,expiry',
        'OPEN-PLAIN,STORE,10,1.25,,',
        'OPEN-PLAIN,FLOOR,2.5,1.25,,',
        'OPEN-LOT,STORE,4,3,L-OLD,2027-01-31',
        'OPEN-LOT,STORE,6,3.5,L-NEW,2028-06-30',
        'OPEN-STD,FLOOR,4,,,',
      ),
    );
    expect(res.status, res.text).toBe(201);
    expect(res.body.imported).toBe(5);
    expect((res.body as { movementIds?: string[] }).movementIds).toHaveLength(5);

    const plain = await movementsOf('OPEN-PLAIN');
    expect(plain.map((m) => [m.type, m.from, m.to, m.qty, m.reason, m.unitCost, m.value])).toEqual([
      ['adjust', 'ADJUSTMENT', 'FLOOR', '2.5', 'opening-stock', '1.25', '3.125'],
      ['adjust', 'ADJUSTMENT', 'STORE', '10', 'opening-stock', '1.25', '12.5'],
    ]);
    expect((await stockOf('OPEN-PLAIN')).map((r) => [r.location, r.qty])).toEqual([
      ['FLOOR', '2.5'],
      ['STORE', '10'],
    ]);
    expect((await stockOf('OPEN-LOT')).map((r) => [r.location, r.lot, r.expiry, r.qty])).toEqual([
      ['STORE', 'L-OLD', '2027-01-31', '4'],
      ['STORE', 'L-NEW', '2028-06-30', '6'],
    ]);
    const lotValue = await t.get<{ qty: string; value: string }>(
      '/api/v1/valuation?sku=OPEN-LOT',
      ws.admin.token,
    );
    expect(lotValue.body).toMatchObject({ qty: '10', value: '33' });
    // Without a unit cost the row enters at the item's standard cost.
    const std = await movementsOf('OPEN-STD');
    expect(std.map((m) => [m.qty, m.unitCost, m.value])).toEqual([['4', '2.5', '10']]);
  });

  it.each([
    ['an unknown location', 'OPEN-PLAIN,NOWHERE,1,1,,', 'location'],
    ['a virtual location', 'OPEN-PLAIN,SCRAP,1,1,,', 'location'],
    ['a negative quantity', 'OPEN-PLAIN,STORE,-1,1,,', 'qty'],
    ['a zero quantity', 'OPEN-PLAIN,STORE,0,1,,', 'qty'],
    ['a quantity that is not a number', 'OPEN-PLAIN,STORE,lots,1,,', 'qty'],
    ['a lot-tracked item without a lot', 'OPEN-LOT,STORE,1,1,,', 'lot'],
    ['a lot on an item without lots', 'OPEN-PLAIN,STORE,1,1,L1,', 'lot'],
    ['an unknown SKU', 'OPEN-NOPE,STORE,1,1,,', 'sku'],
    ['a bad unit cost', 'OPEN-PLAIN,STORE,1,free,,', 'unitCost'],
    ['a bad expiry', 'OPEN-LOT,STORE,1,1,L9,31/12/2027', 'expiry'],
  ])(
    'rejects the whole file when line 3 has %s, naming line and field, and books no stock',
    async (_label, bad, field) => {
      const before = {
        plain: await stockOf('OPEN-PLAIN'),
        lot: await stockOf('OPEN-LOT'),
        plainMoves: (await movementsOf('OPEN-PLAIN')).length,
      };
      const res = await importStock(
        csv('sku,location,qty,unitCost,lot,expiry', 'OPEN-PLAIN,STORE,7,1,,', bad, 'OPEN-LOT,FLOOR,2,1,L-X,'),
      );
      const r = rejection(res);
      expect({ status: r.status, code: r.code }).toEqual({ status: 422, code: 'import_rejected' });
      expect(where(r.errors)).toEqual([[3, field]]);
      expect({
        plain: await stockOf('OPEN-PLAIN'),
        lot: await stockOf('OPEN-LOT'),
        plainMoves: (await movementsOf('OPEN-PLAIN')).length,
      }).toEqual(before);
    },
  );

  it('does not let an operator import opening stock', async () => {
    const before = await stockOf('OPEN-PLAIN');
    const res = await importStock(csv('sku,location,qty,unitCost', 'OPEN-PLAIN,STORE,1,1'), operator.token);
    expect(res.status).toBe(403);
    expect(await stockOf('OPEN-PLAIN')).toEqual(before);
  });
});
