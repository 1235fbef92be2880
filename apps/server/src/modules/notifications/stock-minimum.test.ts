// Stock below a minimum, as the people running a store meet it: an item carries an optional minimum
// stock (minStock); the posting that takes its on-hand over all internal locations from at-or-above
// the minimum to below it tells the workspace's item managers once, in the notification centre and
// by mail as each of them chose. A refused or rolled-back posting tells no one; neither does an item
// without a minimum; readers and other workspaces never see it.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SignedIn, startTestApp, type TestApp, type TestWorkspace } from '../../testing/harness.ts';
import { notificationsOfKind, outboxOfKind, setOperationsPreference } from './testing.ts';

interface Item {
  id: string;
  sku: string;
  minStock: string | null;
}
interface Problem {
  status: number;
  code: string;
  errors?: { path?: string; field?: string; message: string }[];
}
const KIND = 'operations.stock_below_minimum';

let t: TestApp;
let ws: TestWorkspace;
let other: TestWorkspace;
let manager: SignedIn;
let operator: SignedIn;
let viewer: SignedIn;

beforeAll(async () => {
  t = await startTestApp();
  ws = await t.workspace();
  other = await t.workspace();
  manager = await t.user(ws, ['manager']);
  operator = await t.user(ws, ['operator']);
  viewer = await t.user(ws, ['viewer']);
  for (const w of [ws, other]) {
    for (const [code, kind] of [
      ['STORE', 'store'],
      ['FLOOR', 'floor'],
    ] as const) {
      const res = await t.post('/api/v1/locations', { code, name: code, kind }, w.admin.token);
      expect(res.status, res.text).toBe(201);
    }
  }
});
afterAll(() => t?.close());

let counter = 0;
async function newItem(extra: Record<string, unknown> = {}, w: TestWorkspace = ws): Promise<Item> {
  counter += 1;
  const res = await t.post<Item>(
    '/api/v1/items',
    { sku: `MIN-${counter}`, name: `Widget ${counter}`, uom: 'pcs', ...extra },
    w.admin.token,
  );
  expect(res.status, res.text).toBe(201);
  return res.body;
}

function post(body: Record<string, unknown>, token = ws.admin.token) {
  return t.post<Record<string, unknown>>('/api/v1/movements', body, token, {
    'idempotency-key': randomUUID(),
  });
}

async function book(body: Record<string, unknown>, token = ws.admin.token) {
  const res = await post(body, token);
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string };
}

const receive = (sku: string, qty: number | string, to = 'STORE', token = ws.admin.token) =>
  book({ type: 'receive', sku, qty, to, unitCost: '2' }, token);
const waste = (sku: string, qty: number | string, from = 'STORE', token = operator.token) =>
  book({ type: 'waste', sku, qty, from, reason: 'damaged' }, token);

/** The stock-minimum notifications a person has about one item, newest first. */
async function lowStockNotes(person: SignedIn, sku: string) {
  return (await notificationsOfKind(t, person, KIND)).filter((n) => n.data.sku === sku);
}

const setPreference = (person: SignedIn, operations: { inApp?: boolean; email?: boolean }) =>
  setOperationsPreference(t, person, operations);

const outbox = (w: TestWorkspace = ws) => outboxOfKind(t, w, KIND);

async function onHand(sku: string): Promise<string> {
  const res = await t.get<{ data: { qty: string }[] }>(`/api/v1/stock?sku=${sku}`, ws.admin.token);
  expect(res.status, res.text).toBe(200);
  return res.body.data.reduce((s, r) => s + Number(r.qty), 0).toString();
}

describe('the minStock field of an item', () => {
  it('is set on create, shown on read and in the list, changed and cleared by PATCH, and imported from CSV', async () => {
    const item = await newItem({ minStock: '12.5' });
    expect(item.minStock).toBe('12.5');
    expect((await t.get<Item>(`/api/v1/items/${item.id}`, viewer.token)).body.minStock).toBe('12.5');
    const listed = await t.get<{ data: Item[] }>(`/api/v1/items?q=${item.sku}`, viewer.token);
    expect(listed.body.data.map((i) => [i.sku, i.minStock])).toEqual([[item.sku, '12.5']]);

    const patch = (body: unknown) =>
      t.request<Item>('PATCH', `/api/v1/items/${item.id}`, body, { token: manager.token });
    expect((await patch({ minStock: 4 })).body.minStock).toBe('4');
    expect((await patch({ name: 'Renamed' })).body.minStock).toBe('4');
    expect((await patch({ minStock: null })).body.minStock).toBeNull();
    expect((await newItem()).minStock).toBeNull();

    const imported = await t.post<{ ids: string[] }>(
      '/api/v1/items/import',
      { csv: `sku,name,uom,minStock\nMIN-CSV-1,From file,pcs,7\nMIN-CSV-2,No minimum,pcs,\n` },
      ws.admin.token,
    );
    expect(imported.status, imported.text).toBe(201);
    const [withMin, without] = await Promise.all(
      imported.body.ids.map(async (id) => (await t.get<Item>(`/api/v1/items/${id}`, ws.admin.token)).body),
    );
    expect([withMin!.minStock, without!.minStock]).toEqual(['7', null]);
  });

  it.each([
    ['a negative minimum', '-1'],
    ['a minimum that is not a number', 'plenty'],
    ['a minimum with more than six decimal places', '1.0000001'],
  ])('refuses %s with 400 validation_failed at /minStock, and changes nothing', async (_label, minStock) => {
    counter += 1;
    const sku = `MIN-BAD-${counter}`;
    const created = await t.post<Problem>(
      '/api/v1/items',
      { sku, name: 'Bad', uom: 'pcs', minStock },
      ws.admin.token,
    );
    expect(created.status, created.text).toBe(400);
    expect(created.headers['content-type']).toContain('application/problem+json');
    expect(created.body.code).toBe('validation_failed');
    expect(created.body.errors?.map((e) => e.path)).toContain('/minStock');
    const search = await t.get<{ data: Item[] }>(`/api/v1/items?q=${sku}`, ws.admin.token);
    expect(search.body.data).toEqual([]);

    const item = await newItem({ minStock: '3' });
    const patched = await t.request<Problem>(
      'PATCH',
      `/api/v1/items/${item.id}`,
      { name: 'Should not stick', minStock },
      { token: ws.admin.token },
    );
    expect(patched.status, patched.text).toBe(400);
    expect(patched.body.code).toBe('validation_failed');
    const after = await t.get<Item & { name: string }>(`/api/v1/items/${item.id}`, ws.admin.token);
    expect(after.body).toMatchObject({ minStock: '3', name: item.sku.replace('MIN-', 'Widget ') });

    const imported = await t.post<Problem>(
      '/api/v1/items/import',
      { csv: `sku,name,uom,minStock\n${sku},Bad,pcs,${minStock}\n` },
      ws.admin.token,
    );
    expect(imported.status, imported.text).toBe(422);
    expect(imported.body.code).toBe('import_rejected');
    expect(imported.body.errors?.map((e) => e.field)).toEqual(['minStock']);
  });

  it('may be set only by those who manage items', async () => {
    const item = await newItem();
    const res = await t.request<Problem>(
      'PATCH',
      `/api/v1/items/${item.id}`,
      { minStock: 1 },
      { token: operator.token },
    );
    expect(res.status).toBe(403);
    expect((await t.get<Item>(`/api/v1/items/${item.id}`, ws.admin.token)).body.minStock).toBeNull();
  });
});

describe('stock below the minimum', () => {
  it('tells the item managers once when a waste takes on-hand below the minimum, not again while it stays below, and again after it recovers and drops', async () => {
    const item = await newItem({ minStock: '5', name: 'Hex bolt M8' });
    await receive(item.sku, 6, 'STORE');
    await receive(item.sku, 2, 'FLOOR');

    // 8 → 6 → 5: still at the minimum, which is not below it.
    await waste(item.sku, 2, 'STORE');
    await waste(item.sku, 1, 'FLOOR');
    expect(await lowStockNotes(manager, item.sku)).toEqual([]);

    // 5 → 4.5: on-hand over both locations drops below 5.
    await waste(item.sku, '0.5', 'FLOOR');
    const [note] = await lowStockNotes(manager, item.sku);
    expect(note).toMatchObject({
      category: 'operations',
      title: `Stock of ${item.sku} below minimum`,
      data: { itemId: item.id, sku: item.sku, onHand: '4.5', minStock: '5' },
    });
    expect(note!.body).toContain(item.sku);
    expect(note!.body).toContain('Hex bolt M8');
    expect(note!.body).toContain('4.5 pcs');
    expect(note!.body).toContain('5 pcs');
    expect(await lowStockNotes(ws.admin, item.sku)).toHaveLength(1);

    // Further waste while below: no news.
    await waste(item.sku, 1, 'STORE');
    expect(await lowStockNotes(manager, item.sku)).toHaveLength(1);

    // Back above (a receipt tells nothing), then below again: told again.
    await receive(item.sku, 10, 'STORE');
    expect(await lowStockNotes(manager, item.sku)).toHaveLength(1);
    await waste(item.sku, 10, 'STORE');
    const notes = await lowStockNotes(manager, item.sku);
    expect(notes).toHaveLength(2);
    expect(notes[0]!.data).toMatchObject({ onHand: '3.5', minStock: '5' });
  });

  it('is told for every posting that takes stock out: a count, a reversed receipt and production consumption; a move between locations is not', async () => {
    const counted = await newItem({ minStock: '10' });
    await receive(counted.sku, 12, 'STORE');
    await book({ type: 'move', sku: counted.sku, qty: 12, from: 'STORE', to: 'FLOOR' });
    expect(await lowStockNotes(manager, counted.sku)).toEqual([]);
    await book({ type: 'adjust', sku: counted.sku, location: 'FLOOR', countedQty: 9, reason: 'count' });
    expect((await lowStockNotes(manager, counted.sku)).map((n) => n.data.onHand)).toEqual(['9']);

    const reversed = await newItem({ minStock: '1' });
    const receipt = await receive(reversed.sku, 3);
    const undone = await t.post(`/api/v1/movements/${receipt.id}/reverse`, {}, ws.admin.token);
    expect(undone.status, undone.text).toBe(201);
    expect((await lowStockNotes(manager, reversed.sku)).map((n) => n.data.onHand)).toEqual(['0']);

    const component = await newItem({ minStock: '4' });
    const product = await newItem();
    await receive(component.sku, 5, 'FLOOR');
    const wo = await startWorkOrder(product.sku, [{ sku: component.sku, qty: 2 }], 1);
    const done = await completeFirstStep(wo, 1);
    expect(done.status, done.text).toBe(201);
    expect((await lowStockNotes(manager, component.sku)).map((n) => n.data.onHand)).toEqual(['3']);
  });

  it('tells no one when the posting that would cross is refused or rolled back', async () => {
    const item = await newItem({ minStock: '5' });
    await receive(item.sku, 8, 'FLOOR');

    // Refused outright: more than there is.
    const refused = await post({ type: 'waste', sku: item.sku, qty: 9, from: 'FLOOR', reason: 'damaged' });
    expect(refused.status, JSON.stringify(refused.body)).toBe(409);
    expect(refused.body.code).toBe('insufficient_stock');

    // Rolled back after the crossing was booked: the work order consumes this item first (8 → 2,
    // below 5), then finds the second component short, and the whole completion is undone.
    const short = await newItem({ sku: `${item.sku}-Z` });
    const product = await newItem();
    const wo = await startWorkOrder(
      product.sku,
      [
        { sku: item.sku, qty: 6 },
        { sku: short.sku, qty: 1 },
      ],
      1,
    );
    const failed = await completeFirstStep(wo, 1);
    expect(failed.status, failed.text).toBe(409);
    expect((failed.body as unknown as Problem).code).toBe('insufficient_stock');

    expect(await onHand(item.sku)).toBe('8');
    expect(await lowStockNotes(manager, item.sku)).toEqual([]);
    expect(await lowStockNotes(ws.admin, item.sku)).toEqual([]);
  });

  it('says nothing about an item without a minimum, or once its minimum is cleared', async () => {
    const none = await newItem();
    await receive(none.sku, 3);
    await waste(none.sku, 3);
    expect(await lowStockNotes(manager, none.sku)).toEqual([]);
    expect(await lowStockNotes(ws.admin, none.sku)).toEqual([]);

    const cleared = await newItem({ minStock: '2' });
    const res = await t.request(
      'PATCH',
      `/api/v1/items/${cleared.id}`,
      { minStock: null },
      { token: manager.token },
    );
    expect(res.status, res.text).toBe(200);
    await receive(cleared.sku, 3);
    await waste(cleared.sku, 3);
    expect(await lowStockNotes(manager, cleared.sku)).toEqual([]);
  });

  it('tells only people whose roles manage items: not a viewer, not the operator who posted, not a deactivated manager; a custom role with items.manage is told', async () => {
    const role = await t.post(
      '/api/v1/roles',
      { key: `buyer-${counter}`, name: 'Buyer', permissions: ['items.read', 'items.manage'] },
      ws.admin.token,
    );
    expect(role.status, role.text).toBe(201);
    const buyer = await t.user(ws, [`buyer-${counter}`]);
    const gone = await t.user(ws, ['manager']);
    const off = await t.post(`/api/v1/users/${gone.userId}/deactivate`, {}, ws.admin.token);
    expect(off.status, off.text).toBe(200);

    const item = await newItem({ minStock: '1' });
    await receive(item.sku, 1);
    await waste(item.sku, 1, 'STORE', operator.token);

    expect(await lowStockNotes(buyer, item.sku)).toHaveLength(1);
    expect(await lowStockNotes(manager, item.sku)).toHaveLength(1);
    expect(await lowStockNotes(viewer, item.sku)).toEqual([]);
    expect(await lowStockNotes(operator, item.sku)).toEqual([]);
    // A deactivated person cannot sign in to look: count their rows in the database, beside a
    // manager's (so the count is known to see rows at all).
    const told = async (userId: string) => {
      const r = await t.db.db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('tenant_id', '=', ws.id)
        .where('user_id', '=', userId)
        .where('kind', '=', KIND)
        .where(sql<boolean>`data->>'sku' = ${item.sku}`)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    };
    expect(await told(manager.userId)).toBe(1);
    expect(await told(gone.userId)).toBe(0);
  });

  it('stays inside its workspace: another workspace with the same SKU hears nothing', async () => {
    const item = await newItem({ minStock: '2' });
    const twin = await newItem({ sku: item.sku, minStock: '2' }, other);
    await receive(twin.sku, 5, 'STORE', other.admin.token);
    await receive(item.sku, 5);
    await waste(item.sku, 4);
    expect(await lowStockNotes(ws.admin, item.sku)).toHaveLength(1);
    expect(await lowStockNotes(other.admin, item.sku)).toEqual([]);
    expect(await outbox(other)).toEqual([]);
  });

  it("follows each person's operations preference: switched off, nothing; email on, a mail in the outbox", async () => {
    const quiet = await t.user(ws, ['manager']);
    const mailed = await t.user(ws, ['manager']);
    await setPreference(quiet, { inApp: false, email: false });
    await setPreference(mailed, { inApp: true, email: true });

    const item = await newItem({ minStock: '3' });
    await receive(item.sku, 3);
    await waste(item.sku, 1);

    expect(await lowStockNotes(quiet, item.sku)).toEqual([]);
    expect(await lowStockNotes(mailed, item.sku)).toHaveLength(1);
    const mails = (await outbox()).filter((m) => m.subject === `Stock of ${item.sku} below minimum`);
    // Operations mail is off by default: only the person who asked for it gets one.
    expect(mails.map((m) => m.userId)).toEqual([mailed.userId]);
    expect(mails[0]!.category).toBe('operations');
  });
});

let woCounter = 0;
/** A released one-step work order making `qty` of `sku` from components taken from FLOOR. */
async function startWorkOrder(sku: string, components: { sku: string; qty: number }[], qty: number) {
  woCounter += 1;
  const expect201 = async (p: Promise<{ status: number; text: string; body: unknown }>) => {
    const res = await p;
    expect(res.status, res.text).toBe(201);
    return res.body as { id: string };
  };
  const center = `MWC-${woCounter}`;
  await expect201(t.post('/api/v1/work-centers', { code: center, name: center }, ws.admin.token));
  await expect201(t.post('/api/v1/boms', { sku, outputQty: 1, components }, ws.admin.token));
  await expect201(
    t.post(
      '/api/v1/routings',
      { sku, steps: [{ seq: 10, name: 'Make', workCenter: center }] },
      ws.admin.token,
    ),
  );
  const wo = await expect201(
    t.post('/api/v1/work-orders', { sku, qty, componentsFrom: 'FLOOR', outputTo: 'STORE' }, ws.admin.token),
  );
  const released = await t.post(`/api/v1/work-orders/${wo.id}/release`, {}, ws.admin.token);
  expect(released.status, released.text).toBe(200);
  return wo.id;
}

function completeFirstStep(workOrderId: string, goodQty: number) {
  return t.post(
    `/api/v1/work-orders/${workOrderId}/events`,
    { step: 10, action: 'complete', goodQty },
    ws.admin.token,
    { 'idempotency-key': randomUUID() },
  );
}
