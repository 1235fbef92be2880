// Scan resolution through the HTTP API: whatever a scanner read — an item barcode, a case barcode,
// a SKU, a location code, a lot code, or a GS1 element string in bracketed, raw (symbology prefix
// and GS separators) or Digital Link form — and what it means in this workspace.
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
  standardCost?: string | null;
}

interface StockRow {
  sku: string;
  location: string;
  lot: string | null;
  qty: string;
}

interface Gs1 {
  gtin?: string;
  lot?: string;
  expiry?: string;
}

interface ScanBody {
  kind: 'item' | 'location' | 'lot';
  code: string;
  item?: Item;
  packQty?: string;
  location?: { id: string; code: string; name: string; kind: string };
  lot?: { id: string | null; code: string; expiry: string | null };
  gs1?: Gs1;
  stock?: StockRow[];
}

interface Problem {
  code: string;
}

const EAN13 = '9506000134352';
const GTIN14 = '09506000134352';

let t: TestApp;
let ws: TestWorkspace;
let operator: SignedIn;
let cheese: Item;
let bolts: Item;

async function createItem(body: Record<string, unknown>, token = ws.admin.token): Promise<Item> {
  const res = await t.post<Item>('/api/v1/items', body, token);
  expect(res.status, res.text).toBe(201);
  return res.body;
}

async function book(body: Record<string, unknown>, token = ws.admin.token) {
  const res = await t.post('/api/v1/movements', body, token);
  expect(res.status, res.text).toBe(201);
}

beforeAll(async () => {
  t = await startTestApp();
  ws = await t.workspace();
  operator = await t.user(ws, ['operator']);
  for (const [code, kind] of [
    ['STORE', 'store'],
    ['LINE-1', 'floor'],
  ] as const) {
    const res = await t.post('/api/v1/locations', { code, name: `Location ${code}`, kind }, ws.admin.token);
    expect(res.status, res.text).toBe(201);
  }
  cheese = await createItem({
    sku: 'CHEESE',
    name: 'Cheese',
    uom: 'kg',
    tracking: 'lot',
    barcodes: [EAN13],
    standardCost: 7,
  });
  bolts = await createItem({
    sku: 'BOLT-M8',
    name: 'Bolt M8',
    uom: 'pcs',
    barcodes: ['4006381333931', { code: 'CASE-BOLT-M8', packQty: 12 }],
  });
  await book({
    type: 'receive',
    sku: 'CHEESE',
    qty: 5,
    to: 'STORE',
    unitCost: 7,
    lot: 'ABC',
    expiry: '2027-12-31',
  });
  await book({
    type: 'receive',
    sku: 'CHEESE',
    qty: 2,
    to: 'STORE',
    unitCost: 7,
    lot: 'OLD1',
    expiry: '2026-01-31',
  });
  await book({ type: 'receive', sku: 'BOLT-M8', qty: 100, to: 'STORE', unitCost: 1 });
  await book({ type: 'move', sku: 'BOLT-M8', qty: 40, from: 'STORE', to: 'LINE-1' });
});
afterAll(() => t.close());

function scan(code: string, token = ws.admin.token) {
  return t.get<ScanBody>(`/api/v1/scan/${encodeURIComponent(code)}`, token);
}

async function resolved(code: string, token = ws.admin.token): Promise<ScanBody> {
  const res = await scan(code, token);
  expect(res.status, res.text).toBe(200);
  return res.body;
}

function codeOf(res: Response<unknown>): string | undefined {
  return (res.body as Problem | null)?.code;
}

describe('items', () => {
  it('resolves an item barcode to the item with its stock per location', async () => {
    const body = await resolved('4006381333931');
    expect(body).toMatchObject({ kind: 'item', packQty: '1', item: { id: bolts.id, sku: 'BOLT-M8' } });
    expect(body.stock?.map((s) => [s.location, s.qty])).toEqual([
      ['LINE-1', '40'],
      ['STORE', '60'],
    ]);
  });

  it('resolves a case barcode with its pack quantity', async () => {
    const body = await resolved('CASE-BOLT-M8');
    expect(body).toMatchObject({ kind: 'item', packQty: '12', item: { id: bolts.id } });
  });

  it('resolves a SKU typed or scanned as the item itself', async () => {
    const body = await resolved('BOLT-M8');
    expect(body).toMatchObject({ kind: 'item', packQty: '1', item: { id: bolts.id } });
  });

  it('takes the code from ?code= as well', async () => {
    const res = await t.get<ScanBody>(
      `/api/v1/scan?code=${encodeURIComponent('CASE-BOLT-M8')}`,
      ws.admin.token,
    );
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ kind: 'item', packQty: '12', item: { id: bolts.id } });
  });

  it('ignores the line ending a keyboard-wedge scanner adds', async () => {
    const body = await resolved('4006381333931\r\n');
    expect(body.item?.id).toBe(bolts.id);
  });

  it('does not reveal the standard cost to an operator scanning an item', async () => {
    const asAdmin = await resolved(EAN13);
    expect(asAdmin.item?.standardCost).toBe('7');
    const asOperator = await resolved(EAN13, operator.token);
    expect(asOperator.item?.id).toBe(cheese.id);
    expect(asOperator.item).not.toHaveProperty('standardCost');
  });
});

describe('locations and lots', () => {
  it('resolves a location code to the location and what it holds', async () => {
    const body = await resolved('LINE-1');
    expect(body).toMatchObject({ kind: 'location', location: { code: 'LINE-1', kind: 'floor' } });
    expect(body.stock?.map((s) => [s.sku, s.qty])).toEqual([['BOLT-M8', '40']]);
  });

  it('resolves a lot code to the item and the lot with its expiry', async () => {
    const body = await resolved('OLD1');
    expect(body).toMatchObject({
      kind: 'lot',
      item: { id: cheese.id, sku: 'CHEESE' },
      lot: { code: 'OLD1', expiry: '2026-01-31' },
    });
    expect(body.stock?.map((s) => [s.location, s.lot, s.qty])).toEqual([['STORE', 'OLD1', '2']]);
  });

  it('lists an item’s lots oldest expiry first', async () => {
    const body = await resolved(EAN13);
    expect(body.stock?.map((s) => [s.lot, s.qty])).toEqual([
      ['OLD1', '2'],
      ['ABC', '5'],
    ]);
  });
});

describe('GS1', () => {
  const expected = { gtin: GTIN14, lot: 'ABC', expiry: '2027-12-31' };

  it.each([
    ['bracketed', '(01)09506000134352(10)ABC(17)271231'],
    ['raw (]d2 prefix, GS separator)', `]d2010950600013435210ABC\u001d17271231`],
    ['raw (]C1 prefix, expiry before lot)', `]C101${GTIN14}1727123110ABC`],
    ['Digital Link', 'https://id.gs1.org/01/09506000134352/10/ABC?17=271231'],
  ])(
    'resolves GS1 in %s form to the item whose barcode is the EAN-13, with lot and expiry',
    async (_form, code) => {
      const body = await resolved(code);
      expect(body.kind).toBe('item');
      expect(body.item?.id).toBe(cheese.id);
      expect(body.gs1).toMatchObject(expected);
      expect(body.lot).toMatchObject({ code: 'ABC', expiry: '2027-12-31' });
      expect(body.lot?.id).toEqual(expect.any(String));
    },
  );

  it('resolves through ?code= as well', async () => {
    const res = await t.get<ScanBody>(
      `/api/v1/scan?code=${encodeURIComponent(`]d2010950600013435210ABC\u001d17271231`)}`,
      ws.admin.token,
    );
    expect(res.status, res.text).toBe(200);
    expect(res.body.item?.id).toBe(cheese.id);
    expect(res.body.gs1).toMatchObject(expected);
  });

  it('resolves a GTIN registered in its 14-digit form', async () => {
    const item = await createItem({
      sku: 'CASE-ITEM',
      name: 'Case item',
      uom: 'pcs',
      barcodes: ['10614141000415'],
    });
    const body = await resolved('(01)10614141000415(10)Q7');
    expect(body).toMatchObject({
      kind: 'item',
      item: { id: item.id },
      gs1: { gtin: '10614141000415', lot: 'Q7' },
    });
    // A lot the workspace has not seen yet comes back without an id, ready to fill a receipt.
    expect(body.lot).toEqual({ id: null, code: 'Q7', expiry: null });
  });

  it('refuses a GS1 string with a bad check digit with 422 invalid_gs1', async () => {
    for (const code of ['(01)09506000134353(10)ABC', 'https://id.gs1.org/01/09506000134353']) {
      const res = await scan(code);
      expect(res.status, res.text).toBe(422);
      expect(codeOf(res)).toBe('invalid_gs1');
    }
  });

  it('refuses a truncated GS1 string with 422 invalid_gs1', async () => {
    const res = await scan('(01)0950600013');
    expect(res.status, res.text).toBe(422);
    expect(codeOf(res)).toBe('invalid_gs1');
  });

  it('answers 404 unknown_code for a valid GTIN no item carries', async () => {
    const res = await scan('(01)05901234123457');
    expect(res.status).toBe(404);
    expect(codeOf(res)).toBe('unknown_code');
  });
});

describe('unknown codes and isolation', () => {
  it('answers 404 unknown_code for a code nothing in the workspace has', async () => {
    const res = await scan('NOTHING-HERE-123');
    expect(res.status).toBe(404);
    expect(codeOf(res)).toBe('unknown_code');
  });

  it('answers 404 for another workspace’s barcode, location and lot', async () => {
    const other = await t.workspace();
    for (const code of [EAN13, 'CASE-BOLT-M8', 'LINE-1', 'OLD1', '(01)09506000134352(10)ABC']) {
      const res = await scan(code, other.admin.token);
      expect(res.status, code).toBe(404);
      expect(codeOf(res)).toBe('unknown_code');
    }
  });

  it('refuses a scan without a signed-in user (401)', async () => {
    const res = await t.get('/api/v1/scan/4006381333931');
    expect(res.status).toBe(401);
  });
});
