// Job travelers and barcode labels, read back the way the floor reads them: the PDF's images are
// pulled out and decoded with our own ZXing reader, and every decoded text is resolved through
// GET /scan. Travelers carry one QR per process step naming the order and step; labels carry a GS1
// DataMatrix for items with a GTIN and Code 128 for other items and for locations, as PDF or ZPL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReadBarcode, readBarcodesFromPng } from '../../testing/barcode-reader.ts';
import {
  type Response,
  type SignedIn,
  startTestApp,
  type TestApp,
  type TestWorkspace,
} from '../../testing/harness.ts';
import { extractPdfImages } from '../../testing/pdf-images.ts';

interface Problem {
  code: string;
}

interface WorkOrder {
  id: string;
  number: string;
  steps: { seq: number; name: string }[];
}

interface ScanBody {
  kind: string;
  code: string;
  workOrder?: { id: string; number: string };
  step?: { seq: number; name: string; workCenter: string };
  item?: { sku: string };
  location?: { code: string };
}

interface Binary {
  status: number;
  contentType: string;
  body: Buffer;
}

const EAN13 = '4006381333931';
const GTIN14 = '04006381333931';

let t: TestApp;
let ws: TestWorkspace;
let operator: SignedIn;
let viewer: SignedIn;

function codeOf(res: Response<unknown>): string | undefined {
  return (res.body as Problem | null)?.code;
}

async function created<T>(url: string, body: unknown, w: TestWorkspace = ws): Promise<T> {
  const res = await t.post<T>(url, body, w.admin.token);
  expect(res.status, `${url}: ${res.text}`).toBe(201);
  return res.body;
}

async function binary(
  method: 'GET' | 'POST',
  url: string,
  token: string,
  payload?: unknown,
): Promise<Binary> {
  const res = await t.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
  });
  return { status: res.statusCode, contentType: String(res.headers['content-type']), body: res.rawPayload };
}

/** Every code a scanner reads off the PDF's pictures (alpha masks skipped). */
async function decodePdf(pdf: Buffer): Promise<ReadBarcode[]> {
  const found: ReadBarcode[] = [];
  for (const image of extractPdfImages(pdf)) {
    if (image.mask) continue;
    found.push(...(await readBarcodesFromPng(image.png)));
  }
  return found;
}

function scan(code: string, token = ws.admin.token) {
  return t.get<ScanBody>(`/api/v1/scan/${encodeURIComponent(code)}`, token);
}

let counter = 0;

/** An item routed through the given steps (all at one work center) with one component. */
async function routedItem(stepNames: string[], w: TestWorkspace = ws): Promise<string> {
  counter += 1;
  const sku = `JACKET-${counter}`;
  const component = `CLOTH-${counter}`;
  const wc = `LINE-${counter}`;
  await created('/api/v1/items', { sku, name: 'Rain jacket', uom: 'pcs' }, w);
  await created('/api/v1/items', { sku: component, name: 'Waxed cloth', uom: 'm' }, w);
  await created('/api/v1/work-centers', { code: wc, name: `Line ${counter}` }, w);
  await created('/api/v1/boms', { sku, outputQty: 1, components: [{ sku: component, qty: '1.75' }] }, w);
  await created(
    '/api/v1/routings',
    { sku, steps: stepNames.map((name, i) => ({ seq: (i + 1) * 10, name, workCenter: wc })) },
    w,
  );
  return sku;
}

async function order(sku: string, release: boolean, w: TestWorkspace = ws): Promise<WorkOrder> {
  const wo = await created<WorkOrder>(
    '/api/v1/work-orders',
    { sku, qty: 25, componentsFrom: 'FLOOR', outputTo: 'STORE', dueDate: '2030-01-15' },
    w,
  );
  if (!release) return wo;
  const res = await t.post<WorkOrder>(`/api/v1/work-orders/${wo.id}/release`, {}, w.admin.token);
  expect(res.status, res.text).toBe(200);
  return res.body;
}

async function setupLocations(w: TestWorkspace) {
  for (const [code, kind] of [
    ['STORE', 'store'],
    ['FLOOR', 'floor'],
  ] as const) {
    await created('/api/v1/locations', { code, name: `Location ${code}`, kind }, w);
  }
}

beforeAll(async () => {
  t = await startTestApp();
  ws = await t.workspace();
  operator = await t.user(ws, ['operator']);
  viewer = await t.user(ws, ['viewer']);
  await setupLocations(ws);
});
afterAll(() => t.close());

describe('job traveler', () => {
  const steps = ['Cut', 'Sew', 'Seal seams'];
  let wo: WorkOrder;
  let pdf: Binary;

  beforeAll(async () => {
    wo = await order(await routedItem(steps), true);
    pdf = await binary('GET', `/api/v1/work-orders/${wo.id}/traveler.pdf`, operator.token);
  });

  it('is a PDF', () => {
    expect(pdf.status).toBe(200);
    expect(pdf.contentType).toMatch(/^application\/pdf/);
    expect(pdf.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('carries exactly one decodable QR code per process step', async () => {
    const codes = await decodePdf(pdf.body);
    const qrs = codes.filter((c) => c.format === 'QRCode');
    expect(qrs).toHaveLength(steps.length);
    expect(codes).toHaveLength(steps.length);
    expect(new Set(qrs.map((c) => c.text)).size).toBe(steps.length);
  });

  it("resolves each step's QR through the scan endpoint to this order and that step", async () => {
    const qrs = (await decodePdf(pdf.body)).filter((c) => c.format === 'QRCode');
    const resolved: [number, string][] = [];
    for (const qr of qrs) {
      const res = await scan(qr.text, operator.token);
      expect(res.status, res.text).toBe(200);
      expect(res.body).toMatchObject({ kind: 'work_order', workOrder: { id: wo.id, number: wo.number } });
      resolved.push([res.body.step!.seq, res.body.step!.name]);
    }
    expect(resolved.sort((a, b) => a[0] - b[0])).toEqual(wo.steps.map((s) => [s.seq, s.name]));
  });

  it('puts one QR per step on every page when the steps fill more than one page', async () => {
    const many = ['Cut', 'Sew', 'Seal', 'Press', 'Zip', 'Hood', 'Label', 'Inspect', 'Fold', 'Pack'];
    const long = await order(await routedItem(many), true);
    const res = await binary('GET', `/api/v1/work-orders/${long.id}/traveler.pdf`, ws.admin.token);
    expect(res.status).toBe(200);
    expect((res.body.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length).toBeGreaterThan(1);
    const qrs = (await decodePdf(res.body)).filter((c) => c.format === 'QRCode');
    expect(qrs).toHaveLength(many.length);
    const seqs: number[] = [];
    for (const qr of qrs) {
      const found = await scan(qr.text);
      expect(found.status, found.text).toBe(200);
      expect(found.body.workOrder?.id).toBe(long.id);
      seqs.push(found.body.step!.seq);
    }
    expect(seqs.sort((a, b) => a - b)).toEqual(many.map((_, i) => (i + 1) * 10));
  });

  it('prints a traveler for a draft from the steps its routing will freeze', async () => {
    const draft = await order(await routedItem(['Weld', 'Paint']), false);
    const res = await binary('GET', `/api/v1/work-orders/${draft.id}/traveler.pdf`, ws.admin.token);
    expect(res.status).toBe(200);
    const qrs = (await decodePdf(res.body)).filter((c) => c.format === 'QRCode');
    expect(qrs).toHaveLength(2);
    for (const qr of qrs) {
      const found = await scan(qr.text);
      expect(found.body).toMatchObject({ kind: 'work_order', workOrder: { id: draft.id } });
    }
  });

  it('is refused without a token', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/v1/work-orders/${wo.id}/traveler.pdf` });
    expect(anonymous.statusCode).toBe(401);
  });

  it("answers 404 for another workspace's order", async () => {
    const other = await t.workspace();
    await setupLocations(other);
    const theirs = await order(await routedItem(['Glue'], other), true, other);
    const res = await t.get(`/api/v1/work-orders/${theirs.id}/traveler.pdf`, ws.admin.token);
    expect(res.status).toBe(404);
    expect(codeOf(res)).toBe('work_order_not_found');
    const own = await binary('GET', `/api/v1/work-orders/${theirs.id}/traveler.pdf`, other.admin.token);
    expect(own.status).toBe(200);
  });

  it('does not resolve a step code for a step the order does not have', async () => {
    const res = await scan(`${wo.number}/999`);
    expect(res.status).toBe(404);
    expect(codeOf(res)).toBe('unknown_code');
  });
});

describe('labels', () => {
  let gtinSku: string;
  let plainSku: string;

  beforeAll(async () => {
    gtinSku = 'SOAP-BAR';
    plainSku = 'HOSE_CLAMP-20';
    await created('/api/v1/items', { sku: gtinSku, name: 'Soap bar', uom: 'pcs', barcodes: [EAN13] });
    await created('/api/v1/items', { sku: plainSku, name: 'Hose clamp 20 mm', uom: 'pcs' });
  });

  it('prints a GS1 DataMatrix for an item with a GTIN, Code 128 for other items and for locations', async () => {
    const res = await binary('POST', '/api/v1/labels', ws.admin.token, {
      items: [gtinSku, plainSku],
      locations: ['FLOOR'],
    });
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^application\/pdf/);
    const codes = await decodePdf(res.body);
    expect(codes).toHaveLength(3);
    const dm = codes.find((c) => c.format === 'DataMatrix');
    expect(dm).toMatchObject({ text: `(01)${GTIN14}`, symbologyIdentifier: ']d2' });
    const code128 = codes.filter((c) => c.format === 'Code128').map((c) => c.text);
    expect(code128.sort()).toEqual(['FLOOR', plainSku].sort());
  });

  it('prints codes that resolve through the scan endpoint to the item or location', async () => {
    const res = await binary('POST', '/api/v1/labels', operator.token, {
      items: [gtinSku, plainSku],
      locations: ['STORE'],
    });
    expect(res.status).toBe(200);
    const meaning: string[] = [];
    for (const code of await decodePdf(res.body)) {
      const found = await scan(code.text, operator.token);
      expect(found.status, `${code.text}: ${found.text}`).toBe(200);
      meaning.push(
        found.body.kind === 'location'
          ? `location:${found.body.location?.code}`
          : `item:${found.body.item?.sku}`,
      );
    }
    expect(meaning.sort()).toEqual([`item:${gtinSku}`, `item:${plainSku}`, 'location:STORE'].sort());
  });

  it('prints the requested number of copies of each label', async () => {
    const res = await binary('POST', '/api/v1/labels', ws.admin.token, {
      items: [plainSku],
      locations: ['FLOOR'],
      copies: 3,
    });
    expect(res.status).toBe(200);
    const texts = (await decodePdf(res.body)).map((c) => c.text);
    expect(texts.filter((x) => x === plainSku)).toHaveLength(3);
    expect(texts.filter((x) => x === 'FLOOR')).toHaveLength(3);
  });

  it('writes ZPL with one ^XA…^XZ block per label, ^BX for the GS1 DataMatrix and ^BC for Code 128', async () => {
    const res = await t.post(
      '/api/v1/labels',
      { items: [gtinSku, plainSku], locations: ['FLOOR'], format: 'zpl' },
      ws.admin.token,
    );
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toMatch(/^text\/plain/);
    const blocks = res.text.match(/\^XA[\s\S]*?\^XZ/g) ?? [];
    expect(blocks).toHaveLength(3);
    expect((res.text.match(/\^XA/g) ?? []).length).toBe(3);
    const [gs1, plain, location] = blocks as [string, string, string];
    expect(gs1).toContain('^BX');
    expect(gs1).not.toContain('^BC');
    expect(gs1).toContain(GTIN14);
    expect(plain).toContain('^BC');
    expect(plain).not.toContain('^BX');
    // The underscore is ZPL's hex-escape character here, so the SKU travels as HOSE_5fCLAMP-20.
    expect(plain).toContain('^FDHOSE_5fCLAMP-20^FS');
    expect(location).toContain('^BC');
    expect(location).toContain('^FDFLOOR^FS');
  });

  it('repeats ZPL blocks for copies', async () => {
    const res = await t.post(
      '/api/v1/labels',
      { items: [gtinSku], format: 'zpl', copies: 2 },
      ws.admin.token,
    );
    expect(res.status).toBe(200);
    expect((res.text.match(/\^XA[\s\S]*?\^XZ/g) ?? []).length).toBe(2);
  });

  it('answers 422 for an unknown item or location and 400 when nothing is named', async () => {
    const noItem = await t.post('/api/v1/labels', { items: [plainSku, 'NO-SUCH-SKU'] }, ws.admin.token);
    expect(noItem.status).toBe(422);
    expect(codeOf(noItem)).toBe('unknown_sku');
    const noPlace = await t.post('/api/v1/labels', { locations: ['NOWHERE'] }, ws.admin.token);
    expect(noPlace.status).toBe(422);
    expect(codeOf(noPlace)).toBe('unknown_location');
    const nothing = await t.post('/api/v1/labels', {}, ws.admin.token);
    expect(nothing.status).toBe(400);
  });

  it('finds an item by its exact SKU even when many other items mention that SKU', async () => {
    // 55 items whose SKU or name contains "tap", created before the item whose SKU is exactly TAP.
    for (let i = 0; i < 55; i++) {
      await created('/api/v1/items', { sku: `TAP-WRENCH-${i}`, name: `Tap wrench ${i}`, uom: 'pcs' });
    }
    await created('/api/v1/items', { sku: 'TAP', name: 'Water tap', uom: 'pcs' });
    const res = await binary('POST', '/api/v1/labels', ws.admin.token, { items: ['TAP'] });
    expect(res.status, res.body.toString('utf8')).toBe(200);
    expect((await decodePdf(res.body)).map((c) => c.text)).toEqual(['TAP']);
  });

  it('lets operators print labels but not viewers', async () => {
    const byOperator = await binary('POST', '/api/v1/labels', operator.token, { locations: ['FLOOR'] });
    expect(byOperator.status).toBe(200);
    const byViewer = await t.post('/api/v1/labels', { locations: ['FLOOR'] }, viewer.token);
    expect(byViewer.status).toBe(403);
    expect(codeOf(byViewer)).toBe('forbidden');
  });

  it("does not print labels for another workspace's items or locations", async () => {
    const other = await t.workspace();
    await created('/api/v1/items', { sku: 'THEIR-ONLY', name: 'Theirs', uom: 'pcs' }, other);
    await created('/api/v1/locations', { code: 'THEIR-BIN', name: 'Theirs', kind: 'store' }, other);
    const item = await t.post('/api/v1/labels', { items: ['THEIR-ONLY'] }, ws.admin.token);
    expect(item.status).toBe(422);
    expect(codeOf(item)).toBe('unknown_sku');
    const location = await t.post('/api/v1/labels', { locations: ['THEIR-BIN'] }, ws.admin.token);
    expect(location.status).toBe(422);
    expect(codeOf(location)).toBe('unknown_location');
  });
});
