// Process-step events through the HTTP API, posted the way an operator scans a traveler: the rules
// for start/pause/resume/complete, how quantities flow from step to step, what each completion does
// to stock and valuation (components consumed at cost, scrap valued as waste, output received at the
// cost it carries), correcting events, cancelling with work in progress, and time per step.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Response,
  type SignedIn,
  startTestApp,
  type TestApp,
  type TestWorkspace,
} from '../../testing/harness.ts';

interface Problem {
  code: string;
}

interface StepEvent {
  id: string;
  action: string;
  step: number;
  goodQty: string | null;
  scrapQty: string | null;
  corrects: string | null;
  workCenter: string;
  movements: string[];
}

interface ListedEvent {
  id: string;
  step: number;
  action: string;
  goodQty: string | null;
  scrapQty: string | null;
  reason: string | null;
  scrapReason: string | null;
  corrects: string | null;
  correctedBy: string | null;
}

interface Step {
  seq: number;
  name: string;
  workCenter: string;
  status: string;
  goodQty: string;
  scrapQty: string;
  wip: string;
  actualMinutes: string;
  standardMinutes: string | null;
}

interface WorkOrder {
  id: string;
  number: string;
  qty: string;
  status: string;
  producedQty: string;
  scrappedQty: string;
  wipQty: string;
  wipValue?: string;
  outputValue?: string;
  scrapValue?: string;
  steps: Step[];
  components: {
    sku: string;
    qtyPerUnit: string;
    requiredQty: string;
    consumedQty: string;
    consumedValue?: string;
  }[];
}

interface Movement {
  id: string;
  type: string;
  sku: string;
  qty: string;
  from: string;
  to: string;
  value?: string;
  unitCost?: string | null;
  reason: string | null;
  reference: string | null;
  reversalOf: string | null;
  workOrderId: string | null;
}

interface Valuation {
  qty: string;
  value: string;
}

let t: TestApp;
let ws: TestWorkspace;
let manager: SignedIn;
let operator: SignedIn;

function codeOf(res: Response<unknown>): string | undefined {
  return (res.body as Problem | null)?.code;
}

async function created<T>(url: string, body: unknown, token = manager.token): Promise<T> {
  const res = await t.post<T>(url, body, token);
  expect(res.status, `${url}: ${res.text}`).toBe(201);
  return res.body;
}

async function ok<T>(url: string, token = manager.token): Promise<T> {
  const res = await t.get<T>(url, token);
  expect(res.status, `${url}: ${res.text}`).toBe(200);
  return res.body;
}

/** Decimal strings compared as numbers, so '19.2' and '19.20' are the same amount. */
const num = (v: string | null | undefined): number => Number(v);

let counter = 0;

interface Product {
  bag: string;
  fabric: string;
  thread: string;
}

/**
 * A bag made in three steps (Cut at CUT, Sew at SEW, Pack at PACK) from 2.4 m of fabric (FIFO) and
 * one thread (moving average) per bag; stock received on the FLOOR the components are drawn from.
 */
async function bagProduct(
  stock: { fabric?: [number, number][]; thread?: [number, number][] } = {},
): Promise<Product> {
  counter += 1;
  const bag = `BAG-${counter}`;
  const fabric = `FAB-${counter}`;
  const thread = `THR-${counter}`;
  await created('/api/v1/items', { sku: bag, name: 'Tote bag', uom: 'pcs', costMethod: 'fifo' });
  await created('/api/v1/items', { sku: fabric, name: 'Canvas', uom: 'm', costMethod: 'fifo' });
  await created('/api/v1/items', { sku: thread, name: 'Thread', uom: 'pcs', costMethod: 'average' });
  // 12 m of fabric and 5 threads make 5 bags → 2.4 m and 1 thread per bag.
  await created('/api/v1/boms', {
    sku: bag,
    outputQty: 5,
    components: [
      { sku: fabric, qty: 12 },
      { sku: thread, qty: 5 },
    ],
  });
  await created('/api/v1/routings', {
    sku: bag,
    steps: [
      { seq: 10, name: 'Cut', workCenter: 'CUT', stdMinutesPerUnit: '0.5' },
      { seq: 20, name: 'Sew', workCenter: 'SEW', stdMinutesPerUnit: 2 },
      { seq: 30, name: 'Pack', workCenter: 'PACK' },
    ],
  });
  for (const [qty, unitCost] of stock.fabric ?? [[1000, 2.5]]) await receive(fabric, qty, unitCost);
  for (const [qty, unitCost] of stock.thread ?? [[500, 0.4]]) await receive(thread, qty, unitCost);
  return { bag, fabric, thread };
}

async function receive(sku: string, qty: number, unitCost: number) {
  await created('/api/v1/movements', { type: 'receive', sku, qty, unitCost, to: 'FLOOR' });
}

async function releasedOrder(sku: string, qty: number): Promise<WorkOrder> {
  const wo = await created<WorkOrder>('/api/v1/work-orders', {
    sku,
    qty,
    componentsFrom: 'FLOOR',
    outputTo: 'FG',
  });
  const res = await t.post<WorkOrder>(`/api/v1/work-orders/${wo.id}/release`, {}, manager.token);
  expect(res.status, res.text).toBe(200);
  return res.body;
}

function postEvent(
  woId: string,
  body: Record<string, unknown>,
  token = operator.token,
  headers?: Record<string, string>,
) {
  return t.post<StepEvent>(`/api/v1/work-orders/${woId}/events`, body, token, headers);
}

async function event(
  woId: string,
  body: Record<string, unknown>,
  token = operator.token,
): Promise<StepEvent> {
  const res = await postEvent(woId, body, token);
  expect(res.status, `${JSON.stringify(body)}: ${res.text}`).toBe(201);
  return res.body;
}

const complete = (woId: string, step: number, goodQty: number, scrapQty = 0, scrapReason = 'damaged') =>
  event(woId, { step, action: 'complete', goodQty, ...(scrapQty ? { scrapQty, scrapReason } : {}) });

const workOrder = (id: string, token = manager.token) => ok<WorkOrder>(`/api/v1/work-orders/${id}`, token);

async function valuation(sku: string): Promise<Valuation> {
  const v = await ok<Valuation>(`/api/v1/valuation?sku=${sku}`);
  return { qty: v.qty, value: v.value };
}

async function stockAt(sku: string, location: string): Promise<number> {
  const res = await ok<{ data: { qty: string }[] }>(`/api/v1/stock?sku=${sku}&location=${location}`);
  return res.data.reduce((sum, r) => sum + num(r.qty), 0);
}

const movement = (id: string) => ok<Movement>(`/api/v1/movements/${id}`);

async function movementsOf(sku: string, type: string): Promise<Movement[]> {
  return (await ok<{ data: Movement[] }>(`/api/v1/movements?sku=${sku}&type=${type}&limit=200`)).data;
}

async function events(woId: string): Promise<ListedEvent[]> {
  return (await ok<{ data: ListedEvent[] }>(`/api/v1/work-orders/${woId}/events`)).data;
}

function step(wo: WorkOrder, seq: number): Step {
  const s = wo.steps.find((x) => x.seq === seq);
  if (!s) throw new Error(`no step ${seq}`);
  return s;
}

function component(wo: WorkOrder, sku: string) {
  const c = wo.components.find((x) => x.sku === sku);
  if (!c) throw new Error(`no component ${sku}`);
  return c;
}

beforeAll(async () => {
  t = await startTestApp();
  ws = await t.workspace();
  manager = await t.user(ws, ['manager']);
  operator = await t.user(ws, ['operator']);
  for (const [code, kind] of [
    ['FLOOR', 'floor'],
    ['FG', 'store'],
  ] as const) {
    await created('/api/v1/locations', { code, name: `Location ${code}`, kind }, ws.admin.token);
  }
  for (const code of ['CUT', 'SEW', 'PACK']) {
    await created('/api/v1/work-centers', { code, name: `Center ${code}`, location: 'FLOOR' });
  }
});
afterAll(() => t.close());

describe('a three-step order of 100 in partial batches with scrap at two steps', () => {
  let p: Product;
  let wo: WorkOrder;
  let before: { fabric: Valuation; thread: Valuation };

  beforeAll(async () => {
    p = await bagProduct();
    before = { fabric: await valuation(p.fabric), thread: await valuation(p.thread) };
    wo = await releasedOrder(p.bag, 100);
  });

  it('consumes components for the first batch at cost and carries them in work in progress', async () => {
    const e = await event(wo.id, { step: 10, action: 'complete', goodQty: 40, workCenter: 'CUT' });
    expect(e).toMatchObject({ action: 'complete', goodQty: '40', scrapQty: '0' });
    expect(e.movements).toHaveLength(2);
    const moves = await Promise.all(e.movements.map(movement));
    const bySku = Object.fromEntries(moves.map((m) => [m.sku, m]));
    // 40 bags × 2.4 m = 96 m at 2.5 = 240; 40 threads at 0.4 = 16.
    expect(bySku[p.fabric]).toMatchObject({
      type: 'consume',
      from: 'FLOOR',
      to: 'PRODUCTION',
      workOrderId: wo.id,
    });
    expect([num(bySku[p.fabric]?.qty), num(bySku[p.fabric]?.value)]).toEqual([96, 240]);
    expect(bySku[p.thread]).toMatchObject({ type: 'consume', from: 'FLOOR', to: 'PRODUCTION' });
    expect([num(bySku[p.thread]?.qty), num(bySku[p.thread]?.value)]).toEqual([40, 16]);

    const now = await workOrder(wo.id);
    expect(now.status).toBe('in_progress');
    expect([num(now.wipQty), num(now.wipValue)]).toEqual([40, 256]);
    expect([step(now, 10).goodQty, step(now, 10).wip, step(now, 20).wip, step(now, 30).wip]).toEqual([
      '40',
      '60',
      '40',
      '0',
    ]);
    expect(num(component(now, p.fabric).consumedQty)).toBe(96);
  });

  it('refuses to complete more at the first step than the order quantity left (409 exceeds_available)', async () => {
    const res = await postEvent(wo.id, {
      step: 10,
      action: 'complete',
      goodQty: 58,
      scrapQty: 3,
      scrapReason: 'damaged',
    });
    expect(res.status).toBe(409);
    expect(codeOf(res)).toBe('exceeds_available');
    expect(step(await workOrder(wo.id), 10).goodQty).toBe('40');
  });

  it('values first-step scrap as waste at the work-in-progress unit cost', async () => {
    const e = await complete(wo.id, 10, 57, 3, 'damaged');
    expect(e.movements).toHaveLength(3);
    const moves = await Promise.all(e.movements.map(movement));
    const waste = moves.find((m) => m.type === 'waste');
    // 3 bags × 6.4 (2.4 m × 2.5 + 1 × 0.4) = 19.2
    expect(waste).toMatchObject({
      sku: p.bag,
      from: 'PRODUCTION',
      to: 'SCRAP',
      reason: 'damaged',
      workOrderId: wo.id,
    });
    expect([num(waste?.qty), num(waste?.value)]).toEqual([3, 19.2]);
    const now = await workOrder(wo.id);
    expect([num(now.wipQty), num(now.wipValue), num(now.scrappedQty), num(now.scrapValue)]).toEqual([
      97, 620.8, 3, 19.2,
    ]);
    expect([step(now, 10).goodQty, step(now, 10).scrapQty, step(now, 10).wip]).toEqual(['97', '3', '0']);
  });

  it('refuses a second step completing more than the first step passed as good, scrap included', async () => {
    const first = await complete(wo.id, 20, 50);
    expect(first.movements).toEqual([]);
    for (const body of [{ goodQty: 48 }, { goodQty: 40, scrapQty: 8, scrapReason: 'damaged' }]) {
      const res = await postEvent(wo.id, { step: 20, action: 'complete', ...body });
      expect(res.status, res.text).toBe(409);
      expect(codeOf(res)).toBe('exceeds_available');
    }
    await complete(wo.id, 20, 47);
    const over = await postEvent(wo.id, { step: 20, action: 'complete', goodQty: 1 });
    expect(over.status).toBe(409);
    expect(codeOf(over)).toBe('exceeds_available');
    const now = await workOrder(wo.id);
    expect([step(now, 20).goodQty, step(now, 20).wip, step(now, 30).wip]).toEqual(['97', '0', '97']);
  });

  it('receives the last step good output into the output location at the cost it carries', async () => {
    const e = await event(wo.id, { step: 30, action: 'complete', goodQty: 60, workCenter: 'PACK' });
    const [output] = await Promise.all(e.movements.map(movement));
    expect(e.movements).toHaveLength(1);
    expect(output).toMatchObject({
      type: 'output',
      sku: p.bag,
      from: 'PRODUCTION',
      to: 'FG',
      workOrderId: wo.id,
    });
    expect([num(output?.qty), num(output?.value)]).toEqual([60, 384]);
    expect(await stockAt(p.bag, 'FG')).toBe(60);
    const now = await workOrder(wo.id);
    expect([num(now.producedQty), num(now.wipQty), num(now.wipValue)]).toEqual([60, 37, 236.8]);
  });

  it('finishes the order when produced plus all scrap reaches its quantity', async () => {
    const e = await complete(wo.id, 30, 35, 2, 'quality-reject');
    expect(e.movements).toHaveLength(2);
    const now = await workOrder(wo.id);
    expect(now.status).toBe('done');
    expect([num(now.producedQty), num(now.scrappedQty), num(now.wipQty), num(now.wipValue)]).toEqual([
      95, 5, 0, 0,
    ]);
    expect(now.steps.map((s) => [s.seq, s.goodQty, s.scrapQty, s.status])).toEqual([
      [10, '97', '3', 'done'],
      [20, '97', '0', 'done'],
      [30, '95', '2', 'done'],
    ]);
  });

  it('ends with the good output in stock, valued at the consumed cost of the good units', async () => {
    expect(await stockAt(p.bag, 'FG')).toBe(95);
    const bag = await valuation(p.bag);
    expect([num(bag.qty), num(bag.value)]).toEqual([95, 608]);
  });

  it('takes exactly the consumed components out of stock and valuation', async () => {
    const fabric = await valuation(p.fabric);
    const thread = await valuation(p.thread);
    expect(num(before.fabric.qty) - num(fabric.qty)).toBe(240);
    expect(num(before.fabric.value) - num(fabric.value)).toBe(600);
    expect(num(before.thread.qty) - num(thread.qty)).toBe(100);
    expect(num(before.thread.value) - num(thread.value)).toBeCloseTo(40, 6);
    const now = await workOrder(wo.id);
    expect(now.components.map((c) => [c.sku, num(c.consumedQty), num(c.requiredQty)])).toEqual([
      [p.fabric, 240, 240],
      [p.thread, 100, 100],
    ]);
  });

  it('keeps consumed value equal to output value plus scrap value plus work in progress', async () => {
    const now = await workOrder(wo.id);
    const consumed = now.components.reduce((s, c) => s + num(c.consumedValue), 0);
    expect(consumed).toBeCloseTo(640, 6);
    expect(num(now.outputValue)).toBe(608);
    expect(num(now.scrapValue)).toBe(32);
    expect(consumed).toBeCloseTo(num(now.outputValue) + num(now.scrapValue) + num(now.wipValue), 6);
  });

  it('lists the scrap as waste of the output item with the scrap reasons', async () => {
    const wastes = (await movementsOf(p.bag, 'waste')).filter((m) => m.workOrderId === wo.id);
    expect(wastes.map((m) => [m.reason, num(m.qty), num(m.value), m.from, m.to]).sort()).toEqual(
      [
        ['damaged', 3, 19.2, 'PRODUCTION', 'SCRAP'],
        ['quality-reject', 2, 12.8, 'PRODUCTION', 'SCRAP'],
      ].sort(),
    );
  });

  it('keeps every scan as an event, oldest first, and refuses events on the finished order', async () => {
    const list = await events(wo.id);
    expect(list.map((e) => [e.step, e.action, e.goodQty, e.scrapQty])).toEqual([
      [10, 'complete', '40', '0'],
      [10, 'complete', '57', '3'],
      [20, 'complete', '50', '0'],
      [20, 'complete', '47', '0'],
      [30, 'complete', '60', '0'],
      [30, 'complete', '35', '2'],
    ]);
    expect(list.every((e) => e.correctedBy === null)).toBe(true);
    const res = await postEvent(wo.id, { step: 10, action: 'start' });
    expect(res.status).toBe(409);
    expect(codeOf(res)).toBe('work_order_not_active');
  });
});

describe('component costs that change between batches', () => {
  it('consumes FIFO layers and moving averages as they stand at each batch and outputs at that cost', async () => {
    const p = await bagProduct({ fabric: [[60, 2]], thread: [[100, 0.4]] });
    const wo = await releasedOrder(p.bag, 40);
    // Batch 1: 20 bags → 48 m of the 60 m layer at 2 (96) and 20 threads at 0.4 (8).
    const b1 = await Promise.all((await complete(wo.id, 10, 20)).movements.map(movement));
    expect(b1.map((m) => [m.sku, num(m.value)]).sort()).toEqual(
      [
        [p.fabric, 96],
        [p.thread, 8],
      ].sort(),
    );
    await receive(p.fabric, 100, 3);
    await receive(p.thread, 100, 0.6);
    // Batch 2: 20 bags → 12 m at 2 + 36 m at 3 = 132; threads now average (80 × 0.4 + 100 × 0.6) / 180.
    const b2 = await Promise.all((await complete(wo.id, 10, 20)).movements.map(movement));
    const threadAverage = (80 * 0.4 + 100 * 0.6) / 180;
    const b2Fabric = b2.find((m) => m.sku === p.fabric);
    const b2Thread = b2.find((m) => m.sku === p.thread);
    expect(num(b2Fabric?.value)).toBe(132);
    expect(num(b2Thread?.value)).toBeCloseTo(20 * threadAverage, 3);
    const consumed = 96 + 8 + 132 + num(b2Thread?.value);

    await complete(wo.id, 20, 40);
    await complete(wo.id, 30, 40);
    const done = await workOrder(wo.id);
    expect(done.status).toBe('done');
    const bag = await valuation(p.bag);
    expect(num(bag.qty)).toBe(40);
    expect(num(bag.value)).toBeCloseTo(consumed, 4);
    expect(num(done.outputValue)).toBeCloseTo(consumed, 4);
    // What is left of the components: 100 - 36 m at 3, and the threads at their average.
    const fabric = await valuation(p.fabric);
    expect([num(fabric.qty), num(fabric.value)]).toEqual([64, 192]);
  });
});

describe('not enough component stock', () => {
  it('refuses the whole completion with 409 insufficient_stock and books nothing', async () => {
    const p = await bagProduct({ fabric: [[100, 2]], thread: [[5, 0.4]] });
    const wo = await releasedOrder(p.bag, 20);
    const fabricBefore = await valuation(p.fabric);
    const threadBefore = await valuation(p.thread);
    const res = await postEvent(wo.id, { step: 10, action: 'complete', goodQty: 10 });
    expect(res.status, res.text).toBe(409);
    expect(codeOf(res)).toBe('insufficient_stock');
    expect(await valuation(p.fabric)).toEqual(fabricBefore);
    expect(await valuation(p.thread)).toEqual(threadBefore);
    expect(await stockAt(p.fabric, 'FLOOR')).toBe(100);
    expect(await events(wo.id)).toEqual([]);
    const after = await workOrder(wo.id);
    expect([after.status, step(after, 10).goodQty, after.wipQty]).toEqual(['released', '0', '0']);
    expect(after.components.map((c) => num(c.consumedQty))).toEqual([0, 0]);
    // What the stock allows still goes through.
    await complete(wo.id, 10, 5);
    expect(await stockAt(p.thread, 'FLOOR')).toBe(0);
  });
});

describe('event rules', () => {
  let p: Product;
  beforeAll(async () => {
    p = await bagProduct();
  });

  it('refuses events on a draft order with 409 work_order_not_active', async () => {
    const wo = await created<WorkOrder>('/api/v1/work-orders', {
      sku: p.bag,
      qty: 5,
      componentsFrom: 'FLOOR',
      outputTo: 'FG',
    });
    const res = await postEvent(wo.id, { step: 10, action: 'start' });
    expect(res.status).toBe(409);
    expect(codeOf(res)).toBe('work_order_not_active');
  });

  it('moves a released order to in progress with its first event', async () => {
    const wo = await releasedOrder(p.bag, 5);
    expect(wo.status).toBe('released');
    const e = await event(wo.id, { step: 10, action: 'start' });
    expect(e).toMatchObject({ action: 'start', step: 10, workCenter: 'CUT', movements: [] });
    // Every field of the answer survives its response schema.
    expect(Object.keys(e).sort()).toEqual(
      [
        'id',
        'workOrderId',
        'workOrder',
        'step',
        'action',
        'goodQty',
        'scrapQty',
        'scrapReason',
        'reason',
        'corrects',
        'workCenter',
        'note',
        'scan',
        'createdAt',
        'createdBy',
        'movements',
      ].sort(),
    );
    const now = await workOrder(wo.id);
    expect(now.status).toBe('in_progress');
    expect(step(now, 10).status).toBe('running');
  });

  it('enforces start, pause and resume in order, with a downtime reason for every pause', async () => {
    const wo = await releasedOrder(p.bag, 5);
    const notRunning = await postEvent(wo.id, { step: 10, action: 'pause', reason: 'breakdown' });
    expect(notRunning.status).toBe(409);
    expect(codeOf(notRunning)).toBe('step_not_running');
    const notPaused = await postEvent(wo.id, { step: 10, action: 'resume' });
    expect(notPaused.status).toBe(409);
    expect(codeOf(notPaused)).toBe('step_not_paused');

    await event(wo.id, { step: 10, action: 'start' });
    const twice = await postEvent(wo.id, { step: 10, action: 'start' });
    expect(twice.status).toBe(409);
    expect(codeOf(twice)).toBe('step_already_running');

    const noReason = await postEvent(wo.id, { step: 10, action: 'pause' });
    expect(noReason.status).toBe(400);
    expect(codeOf(noReason)).toBe('validation_failed');
    const badReason = await postEvent(wo.id, { step: 10, action: 'pause', reason: 'lunch-with-boss' });
    expect(badReason.status).toBe(422);
    expect(codeOf(badReason)).toBe('unknown_downtime_reason');
    expect(step(await workOrder(wo.id), 10).status).toBe('running');

    const paused = await event(wo.id, { step: 10, action: 'pause', reason: 'no-material' });
    expect(paused.action).toBe('pause');
    expect(step(await workOrder(wo.id), 10).status).toBe('paused');
    const stillPaused = await postEvent(wo.id, { step: 10, action: 'pause', reason: 'breakdown' });
    expect(codeOf(stillPaused)).toBe('step_not_running');
    await event(wo.id, { step: 10, action: 'resume' });
    expect(step(await workOrder(wo.id), 10).status).toBe('running');

    const list = await events(wo.id);
    expect(list.map((e) => [e.action, e.reason])).toEqual([
      ['start', null],
      ['pause', 'no-material'],
      ['resume', null],
    ]);
  });

  it('answers 422 unknown_step for a step the order does not have', async () => {
    const wo = await releasedOrder(p.bag, 5);
    const res = await postEvent(wo.id, { step: 15, action: 'start' });
    expect(res.status).toBe(422);
    expect(codeOf(res)).toBe('unknown_step');
  });

  it('answers 422 wrong_work_center when scanned at another work center than the step’s', async () => {
    const wo = await releasedOrder(p.bag, 5);
    const res = await postEvent(wo.id, { step: 10, action: 'start', workCenter: 'SEW' });
    expect(res.status).toBe(422);
    expect(codeOf(res)).toBe('wrong_work_center');
    expect(await events(wo.id)).toEqual([]);
    await event(wo.id, { step: 10, action: 'start', workCenter: 'CUT' });
  });

  it('needs a positive good or scrap quantity and a known scrap reason for scrap', async () => {
    const wo = await releasedOrder(p.bag, 5);
    const nothing = await postEvent(wo.id, { step: 10, action: 'complete', goodQty: 0, scrapQty: 0 });
    expect(nothing.status).toBe(400);
    expect(codeOf(nothing)).toBe('validation_failed');
    const noReason = await postEvent(wo.id, { step: 10, action: 'complete', goodQty: 1, scrapQty: 1 });
    expect(noReason.status).toBe(400);
    expect(codeOf(noReason)).toBe('validation_failed');
    const badReason = await postEvent(wo.id, {
      step: 10,
      action: 'complete',
      scrapQty: 1,
      scrapReason: 'gremlins',
    });
    expect(badReason.status).toBe(422);
    expect(codeOf(badReason)).toBe('unknown_reason');
    const negative = await postEvent(wo.id, { step: 10, action: 'complete', goodQty: -1 });
    expect(negative.status).toBe(400);
    expect(await events(wo.id)).toEqual([]);
    expect((await workOrder(wo.id)).components.map((c) => num(c.consumedQty))).toEqual([0, 0]);
  });

  it('records a scrap-only completion', async () => {
    const wo = await releasedOrder(p.bag, 5);
    const e = await event(wo.id, { step: 10, action: 'complete', scrapQty: 2, scrapReason: 'setup' });
    expect(e).toMatchObject({ goodQty: '0', scrapQty: '2' });
    const now = await workOrder(wo.id);
    expect([step(now, 10).scrapQty, now.scrappedQty, now.wipQty, step(now, 10).wip]).toEqual([
      '2',
      '2',
      '0',
      '3',
    ]);
  });

  it('books a completion once when the same Idempotency-Key is sent twice', async () => {
    const wo = await releasedOrder(p.bag, 10);
    const key = `wo-${wo.id}-batch-1`;
    const body = { step: 10, action: 'complete', goodQty: 4 };
    const first = await postEvent(wo.id, body, operator.token, { 'Idempotency-Key': key });
    const second = await postEvent(wo.id, body, operator.token, { 'Idempotency-Key': key });
    expect(first.status, first.text).toBe(201);
    expect(second.status, second.text).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect(second.body.movements).toEqual(first.body.movements);
    const reused = await postEvent(wo.id, { ...body, goodQty: 5 }, operator.token, {
      'Idempotency-Key': key,
    });
    expect(reused.status).toBe(422);
    expect(codeOf(reused)).toBe('idempotency_key_reused');
    expect(await events(wo.id)).toHaveLength(1);
    const now = await workOrder(wo.id);
    expect([step(now, 10).goodQty, component(now, p.fabric).consumedQty]).toEqual(['4', '9.6']);
  });

  it('serialises simultaneous completions so together they never exceed what is available', async () => {
    const wo = await releasedOrder(p.bag, 10);
    const results = await Promise.all([
      postEvent(wo.id, { step: 10, action: 'complete', goodQty: 6 }),
      postEvent(wo.id, { step: 10, action: 'complete', goodQty: 6 }),
      postEvent(wo.id, { step: 10, action: 'complete', goodQty: 6 }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    const now = await workOrder(wo.id);
    expect([step(now, 10).goodQty, now.wipQty, component(now, p.fabric).consumedQty]).toEqual([
      '6',
      '6',
      '14.4',
    ]);
  });

  it('lets an operator run steps but not see values; forbids a viewer to post events', async () => {
    const viewer = await t.user(ws, ['viewer']);
    const wo = await releasedOrder(p.bag, 5);
    const denied = await postEvent(wo.id, { step: 10, action: 'start' }, viewer.token);
    expect(denied.status).toBe(403);
    const e = await event(wo.id, { step: 10, action: 'complete', goodQty: 5 }, operator.token);
    expect(e.movements).toHaveLength(2);
    const seen = await workOrder(wo.id, operator.token);
    expect(seen.wipQty).toBe('5');
    expect(seen).not.toHaveProperty('wipValue');
  });
});

describe('corrections', () => {
  let p: Product;
  beforeAll(async () => {
    p = await bagProduct({
      fabric: [
        [30, 2],
        [500, 3],
      ],
      thread: [[500, 0.4]],
    });
  });

  it('undoes a first-step completion: quantities off the step, every movement reversed, stock and value restored', async () => {
    const wo = await releasedOrder(p.bag, 20);
    const before = {
      fabric: await valuation(p.fabric),
      thread: await valuation(p.thread),
      bag: await valuation(p.bag),
      floor: await stockAt(p.fabric, 'FLOOR'),
      order: await workOrder(wo.id),
    };
    const mistake = await complete(wo.id, 10, 8, 2, 'damaged');
    expect(mistake.movements).toHaveLength(3);
    expect(num((await valuation(p.fabric)).qty)).toBe(num(before.fabric.qty) - 24);

    const correction = await event(wo.id, { step: 10, action: 'correct', corrects: mistake.id });
    expect(correction).toMatchObject({
      action: 'correct',
      corrects: mistake.id,
      goodQty: '8',
      scrapQty: '2',
    });
    expect(correction.movements).toHaveLength(3);
    const reversals = await Promise.all(correction.movements.map(movement));
    expect(reversals.map((m) => m.reversalOf).sort()).toEqual([...mistake.movements].sort());
    for (const r of reversals) {
      const original = await movement(r.reversalOf!);
      expect([r.type, r.sku, r.qty, r.from, r.to, num(r.value)]).toEqual([
        original.type,
        original.sku,
        original.qty,
        original.to,
        original.from,
        num(original.value),
      ]);
    }

    expect(await valuation(p.fabric)).toEqual(before.fabric);
    expect(await valuation(p.thread)).toEqual(before.thread);
    expect(await valuation(p.bag)).toEqual(before.bag);
    expect(await stockAt(p.fabric, 'FLOOR')).toBe(before.floor);
    const after = await workOrder(wo.id);
    expect([step(after, 10).goodQty, step(after, 10).scrapQty, step(after, 10).wip]).toEqual([
      '0',
      '0',
      '20',
    ]);
    expect([num(after.wipQty), num(after.wipValue), num(after.scrappedQty), num(after.scrapValue)]).toEqual([
      0, 0, 0, 0,
    ]);
    expect(after.components.map((c) => [num(c.consumedQty), num(c.consumedValue)])).toEqual([
      [0, 0],
      [0, 0],
    ]);
    const list = await events(wo.id);
    expect(list.map((e) => [e.id, e.action, e.corrects, e.correctedBy])).toEqual([
      [mistake.id, 'complete', null, correction.id],
      [correction.id, 'correct', mistake.id, null],
    ]);
  });

  it('puts FIFO layers back so the next completion costs what the corrected one did', async () => {
    const wo = await releasedOrder(p.bag, 20);
    const first = await complete(wo.id, 10, 10);
    const firstFabric = (await Promise.all(first.movements.map(movement))).find((m) => m.sku === p.fabric);
    await event(wo.id, { step: 10, action: 'correct', corrects: first.id });
    const again = await complete(wo.id, 10, 10);
    const againFabric = (await Promise.all(again.movements.map(movement))).find((m) => m.sku === p.fabric);
    expect(num(againFabric?.value)).toBe(num(firstFabric?.value));
    expect(num((await workOrder(wo.id)).wipValue)).toBeCloseTo(num(againFabric?.value) + 10 * 0.4, 4);
  });

  it('undoes a last-step completion: the output leaves stock and returns to work in progress', async () => {
    const wo = await releasedOrder(p.bag, 10);
    await complete(wo.id, 10, 10);
    await complete(wo.id, 20, 10);
    const bagBefore = await valuation(p.bag);
    const inProgress = await workOrder(wo.id);
    const out = await complete(wo.id, 30, 6);
    expect(await stockAt(p.bag, 'FG')).toBeGreaterThanOrEqual(6);
    const correction = await event(wo.id, { step: 30, action: 'correct', corrects: out.id });
    const [reversal] = await Promise.all(correction.movements.map(movement));
    expect(reversal).toMatchObject({
      type: 'output',
      from: 'FG',
      to: 'PRODUCTION',
      reversalOf: out.movements[0],
    });
    expect(await valuation(p.bag)).toEqual(bagBefore);
    const after = await workOrder(wo.id);
    expect([after.producedQty, after.wipQty, after.wipValue, after.outputValue]).toEqual([
      inProgress.producedQty,
      inProgress.wipQty,
      inProgress.wipValue,
      inProgress.outputValue,
    ]);
    expect(step(after, 30).wip).toBe('10');
  });

  it('undoes a middle-step completion with scrap: the waste is reversed and its value returns to work in progress', async () => {
    const wo = await releasedOrder(p.bag, 10);
    await complete(wo.id, 10, 10);
    const inProgress = await workOrder(wo.id);
    const wasteBefore = (await movementsOf(p.bag, 'waste')).length;
    const e = await complete(wo.id, 20, 5, 3, 'quality-reject');
    expect(num((await workOrder(wo.id)).scrapValue)).toBeGreaterThan(0);
    const correction = await event(wo.id, { step: 20, action: 'correct', corrects: e.id });
    const [reversal] = await Promise.all(correction.movements.map(movement));
    expect(reversal).toMatchObject({
      type: 'waste',
      from: 'SCRAP',
      to: 'PRODUCTION',
      reversalOf: e.movements[0],
    });
    expect((await movementsOf(p.bag, 'waste')).length).toBe(wasteBefore + 2);
    const after = await workOrder(wo.id);
    expect([after.scrappedQty, after.scrapValue, after.wipQty, after.wipValue]).toEqual([
      inProgress.scrappedQty,
      inProgress.scrapValue,
      inProgress.wipQty,
      inProgress.wipValue,
    ]);
    expect([step(after, 20).goodQty, step(after, 20).scrapQty, step(after, 30).wip]).toEqual(['0', '0', '0']);
  });

  it('reopens a finished order when the completion that finished it is corrected', async () => {
    const wo = await releasedOrder(p.bag, 4);
    await complete(wo.id, 10, 4);
    await complete(wo.id, 20, 4);
    const last = await complete(wo.id, 30, 3, 1, 'damaged');
    expect((await workOrder(wo.id)).status).toBe('done');
    const bagBefore = num((await valuation(p.bag)).qty);
    const res = await postEvent(wo.id, { step: 30, action: 'correct', corrects: last.id });
    expect(res.status, res.text).toBe(201);
    const after = await workOrder(wo.id);
    expect([after.status, after.producedQty, after.scrappedQty, after.wipQty]).toEqual([
      'in_progress',
      '0',
      '0',
      '4',
    ]);
    expect(num((await valuation(p.bag)).qty)).toBe(bagBefore - 3);
  });

  it('answers 409 already_corrected when correcting the same completion twice', async () => {
    const wo = await releasedOrder(p.bag, 10);
    const e = await complete(wo.id, 10, 3);
    await event(wo.id, { step: 10, action: 'correct', corrects: e.id });
    const fabric = await valuation(p.fabric);
    const res = await postEvent(wo.id, { step: 10, action: 'correct', corrects: e.id });
    expect(res.status).toBe(409);
    expect(codeOf(res)).toBe('already_corrected');
    expect(await valuation(p.fabric)).toEqual(fabric);
    expect(await events(wo.id)).toHaveLength(2);
  });

  it('answers 422 event_not_correctable for a non-completion, a correction, another step or another order', async () => {
    const wo = await releasedOrder(p.bag, 10);
    const other = await releasedOrder(p.bag, 10);
    const start = await event(wo.id, { step: 10, action: 'start' });
    const done = await complete(wo.id, 10, 2);
    const fix = await event(wo.id, { step: 10, action: 'correct', corrects: done.id });
    const elsewhere = await complete(other.id, 10, 2);
    for (const [seq, corrects] of [
      [10, start.id],
      [10, fix.id],
      [20, (await complete(wo.id, 10, 2)).id],
      [10, elsewhere.id],
    ] as const) {
      const res = await postEvent(wo.id, { step: seq, action: 'correct', corrects });
      expect(res.status, res.text).toBe(422);
      expect(codeOf(res)).toBe('event_not_correctable');
    }
    expect(step(await workOrder(other.id), 10).goodQty).toBe('2');
  });

  it('answers 409 correction_blocked while the next step has handled units the completion passed on', async () => {
    const wo = await releasedOrder(p.bag, 20);
    const first = await complete(wo.id, 10, 10);
    await complete(wo.id, 10, 10);
    const sewn = await complete(wo.id, 20, 15);
    const fabric = await valuation(p.fabric);
    const blocked = await postEvent(wo.id, { step: 10, action: 'correct', corrects: first.id });
    expect(blocked.status).toBe(409);
    expect(codeOf(blocked)).toBe('correction_blocked');
    expect(await valuation(p.fabric)).toEqual(fabric);
    expect(step(await workOrder(wo.id), 10).goodQty).toBe('20');
    // Once the later step's units are corrected too, the first completion can be undone.
    await event(wo.id, { step: 20, action: 'correct', corrects: sewn.id });
    await complete(wo.id, 20, 10);
    await event(wo.id, { step: 10, action: 'correct', corrects: first.id });
    const after = await workOrder(wo.id);
    expect([step(after, 10).goodQty, step(after, 20).goodQty, after.wipQty]).toEqual(['10', '10', '10']);
  });

  it('refuses to reverse a production movement directly (409 production_movement)', async () => {
    const wo = await releasedOrder(p.bag, 2);
    const consumed = await complete(wo.id, 10, 2);
    await complete(wo.id, 20, 2);
    const output = await complete(wo.id, 30, 2);
    for (const id of [consumed.movements[0]!, output.movements[0]!]) {
      const res = await t.post(`/api/v1/movements/${id}/reverse`, {}, manager.token);
      expect(res.status, res.text).toBe(409);
      expect(codeOf(res)).toBe('production_movement');
    }
    expect(await stockAt(p.bag, 'FG')).toBeGreaterThanOrEqual(2);
  });
});

describe('cancelling', () => {
  it('returns the components of the units still in work in progress at their value', async () => {
    const p = await bagProduct({ fabric: [[200, 2.5]], thread: [[100, 0.4]] });
    const wo = await releasedOrder(p.bag, 30);
    await complete(wo.id, 10, 20); // 48 m (120) + 20 threads (8) → 20 bags at 6.4
    await complete(wo.id, 20, 12, 2, 'damaged'); // 2 scrapped (12.8)
    await complete(wo.id, 30, 8); // 8 output (51.2) → 10 left in progress (64)
    const inProgress = await workOrder(wo.id);
    expect([num(inProgress.wipQty), num(inProgress.wipValue)]).toEqual([10, 64]);

    const res = await t.post<WorkOrder>(
      `/api/v1/work-orders/${wo.id}/cancel`,
      { reason: 'customer cancelled' },
      manager.token,
    );
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ status: 'cancelled', wipQty: '0' });
    expect(num(res.body.wipValue)).toBe(0);
    expect(res.body.steps.every((s) => s.status === 'cancelled' && s.wip === '0')).toBe(true);

    const returned = [
      ...(await movementsOf(p.fabric, 'consume')),
      ...(await movementsOf(p.thread, 'consume')),
    ].filter((m) => m.workOrderId === wo.id && m.from === 'PRODUCTION');
    expect(returned.map((m) => [m.sku, m.to, num(m.qty), num(m.value)]).sort()).toEqual(
      [
        [p.fabric, 'FLOOR', 24, 60],
        [p.thread, 'FLOOR', 10, 4],
      ].sort(),
    );
    expect(await stockAt(p.fabric, 'FLOOR')).toBe(200 - 24);
    expect(await stockAt(p.thread, 'FLOOR')).toBe(100 - 10);
    expect(num((await valuation(p.fabric)).value)).toBe(200 * 2.5 - 60);
    expect(num((await valuation(p.thread)).value)).toBeCloseTo(100 * 0.4 - 4, 6);
    expect(await stockAt(p.bag, 'FG')).toBe(8);

    const after = await workOrder(wo.id);
    expect(after.components.map((c) => [c.sku, num(c.consumedQty)])).toEqual([
      [p.fabric, 24],
      [p.thread, 10],
    ]);
    const consumed = after.components.reduce((s, c) => s + num(c.consumedValue), 0);
    expect(consumed).toBeCloseTo(num(after.outputValue) + num(after.scrapValue), 6);
  });

  it('refuses further events and a second cancel on a cancelled order', async () => {
    const p = await bagProduct();
    const wo = await releasedOrder(p.bag, 5);
    await complete(wo.id, 10, 2);
    const cancel = await t.post(`/api/v1/work-orders/${wo.id}/cancel`, {}, manager.token);
    expect(cancel.status, cancel.text).toBe(200);
    for (const body of [
      { step: 10, action: 'start' },
      { step: 20, action: 'complete', goodQty: 1 },
    ]) {
      const res = await postEvent(wo.id, body);
      expect(res.status).toBe(409);
      expect(codeOf(res)).toBe('work_order_not_active');
    }
    const again = await t.post(`/api/v1/work-orders/${wo.id}/cancel`, {}, manager.token);
    expect(again.status).toBe(409);
    expect(codeOf(again)).toBe('invalid_status_change');
  });

  it('cancels a released order with nothing in progress without moving stock', async () => {
    const p = await bagProduct();
    const wo = await releasedOrder(p.bag, 5);
    const fabric = await valuation(p.fabric);
    const res = await t.post<WorkOrder>(`/api/v1/work-orders/${wo.id}/cancel`, {}, manager.token);
    expect(res.status, res.text).toBe(200);
    expect(res.body.status).toBe('cancelled');
    expect(await valuation(p.fabric)).toEqual(fabric);
    expect((await movementsOf(p.fabric, 'consume')).filter((m) => m.workOrderId === wo.id)).toEqual([]);
  });

  it('answers 409 invalid_status_change when cancelling a done order, and leaves its output', async () => {
    const p = await bagProduct();
    const wo = await releasedOrder(p.bag, 2);
    await complete(wo.id, 10, 2);
    await complete(wo.id, 20, 2);
    await complete(wo.id, 30, 2);
    const res = await t.post(`/api/v1/work-orders/${wo.id}/cancel`, {}, manager.token);
    expect(res.status).toBe(409);
    expect(codeOf(res)).toBe('invalid_status_change');
    expect((await workOrder(wo.id)).status).toBe('done');
    expect(await stockAt(p.bag, 'FG')).toBe(2);
  });
});

describe('time per step', () => {
  async function backdate(woId: string, seq: number, minutes: number) {
    await sql`update work_order_steps set running_since = running_since - make_interval(mins => ${minutes})
      where work_order_id = ${woId} and seq = ${seq}`.execute(t.db.db);
  }

  it('accumulates running time across start, pause, resume and complete; a pause stops the clock', async () => {
    const p = await bagProduct();
    const wo = await releasedOrder(p.bag, 10);
    expect(step(wo, 10).actualMinutes).toBe('0');

    await event(wo.id, { step: 10, action: 'start' });
    await backdate(wo.id, 10, 10);
    const running = num(step(await workOrder(wo.id), 10).actualMinutes);
    expect(running).toBeGreaterThanOrEqual(10);

    await event(wo.id, { step: 10, action: 'pause', reason: 'changeover' });
    const paused = num(step(await workOrder(wo.id), 10).actualMinutes);
    expect(paused).toBeGreaterThanOrEqual(running);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(num(step(await workOrder(wo.id), 10).actualMinutes)).toBe(paused);

    await event(wo.id, { step: 10, action: 'resume' });
    await backdate(wo.id, 10, 5);
    const resumed = num(step(await workOrder(wo.id), 10).actualMinutes);
    expect(resumed).toBeGreaterThanOrEqual(paused + 5);

    await complete(wo.id, 10, 4, 2, 'setup');
    const after = await workOrder(wo.id);
    expect(num(step(after, 10).actualMinutes)).toBeGreaterThanOrEqual(resumed);
    expect(step(after, 10).status).toBe('running');
    // 0.5 standard minutes per unit × (4 good + 2 scrap)
    expect(num(step(after, 10).standardMinutes)).toBe(3);
    expect(step(after, 20).actualMinutes).toBe('0');
    expect(num(step(after, 20).standardMinutes)).toBe(0);
    expect(step(after, 30).standardMinutes).toBeNull();
  });

  it('keeps counting a running step after a completion', async () => {
    const p = await bagProduct();
    const wo = await releasedOrder(p.bag, 10);
    await event(wo.id, { step: 10, action: 'start' });
    await complete(wo.id, 10, 2);
    const atCompletion = num(step(await workOrder(wo.id), 10).actualMinutes);
    await backdate(wo.id, 10, 7);
    expect(num(step(await workOrder(wo.id), 10).actualMinutes)).toBeGreaterThanOrEqual(atCompletion + 7);
  });
});
