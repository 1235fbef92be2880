// Production master data and work orders through the HTTP API: work centers, versioned BOMs and
// routings, work order numbering, release and its frozen snapshot, list filters, what each role may
// do, and that one workspace never sees or touches another's production records.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Response,
  type SignedIn,
  startTestApp,
  type TestApp,
  type TestWorkspace,
} from '../../testing/harness.ts';
import { downloadZip, waitForExport } from '../privacy/test-support.ts';

interface Problem {
  code: string;
}

interface WorkCenter {
  id: string;
  code: string;
  name: string;
  location: string | null;
  active: boolean;
}

interface Bom {
  id: string;
  sku: string;
  version: number;
  active: boolean;
  outputQty: string;
  components: { sku: string; qty: string; scrapAllowance: string }[];
}

interface Routing {
  id: string;
  sku: string;
  version: number;
  active: boolean;
  steps: { seq: number; name: string; workCenter: string; stdMinutesPerUnit: string | null }[];
}

interface Step {
  seq: number;
  name: string;
  workCenter: string;
  status: string;
  goodQty: string;
  scrapQty: string;
  wip: string;
  stdMinutesPerUnit: string | null;
}

interface WorkOrder {
  id: string;
  number: string;
  sku: string;
  qty: string;
  status: string;
  dueDate: string | null;
  componentsFrom: string;
  outputTo: string;
  producedQty: string;
  scrappedQty: string;
  wipQty: string;
  wipValue?: string;
  bom: { id: string; version: number } | null;
  routing: { id: string; version: number };
  steps: Step[];
  components: { sku: string; qtyPerUnit: string; requiredQty: string; consumedQty: string }[];
  cancelledAt: string | null;
  cancelReason: string | null;
}

interface AuditEvent {
  action: string;
  actor: string;
  summary: Record<string, unknown>;
}

interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

let t: TestApp;
let ws: TestWorkspace;
let manager: SignedIn;
let operator: SignedIn;
let viewer: SignedIn;

function codeOf(res: Response<unknown>): string | undefined {
  return (res.body as Problem | null)?.code;
}

async function created<T>(url: string, body: unknown, token = ws.admin.token): Promise<T> {
  const res = await t.post<T>(url, body, token);
  expect(res.status, res.text).toBe(201);
  return res.body;
}

async function ok<T>(url: string, token = ws.admin.token): Promise<T> {
  const res = await t.get<T>(url, token);
  expect(res.status, res.text).toBe(200);
  return res.body;
}

let counter = 0;
function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

async function item(prefix: string, w: TestWorkspace = ws): Promise<string> {
  const sku = unique(prefix);
  await created('/api/v1/items', { sku, name: `Item ${sku}`, uom: 'pcs', costMethod: 'fifo' }, w.admin.token);
  return sku;
}

async function workCenter(w: TestWorkspace = ws, location?: string): Promise<WorkCenter> {
  const code = unique('WC');
  return created<WorkCenter>(
    '/api/v1/work-centers',
    { code, name: `Center ${code}`, ...(location ? { location } : {}) },
    w.admin.token,
  );
}

/** A finished item with a one-component BOM and a two-step routing. */
async function product(
  w: TestWorkspace = ws,
): Promise<{ sku: string; component: string; centers: string[] }> {
  const sku = await item('FG', w);
  const component = await item('RM', w);
  const a = await workCenter(w);
  const b = await workCenter(w);
  await created(
    '/api/v1/boms',
    { sku, outputQty: 1, components: [{ sku: component, qty: 3 }] },
    w.admin.token,
  );
  await created(
    '/api/v1/routings',
    {
      sku,
      steps: [
        { seq: 10, name: 'Cut', workCenter: a.code, stdMinutesPerUnit: '1.5' },
        { seq: 20, name: 'Pack', workCenter: b.code },
      ],
    },
    w.admin.token,
  );
  return { sku, component, centers: [a.code, b.code] };
}

function newOrder(sku: string, extra: Record<string, unknown> = {}, w: TestWorkspace = ws) {
  return t.post<WorkOrder>(
    '/api/v1/work-orders',
    { sku, qty: 10, componentsFrom: 'FLOOR', outputTo: 'STORE', ...extra },
    w.admin.token,
  );
}

async function order(sku: string, extra: Record<string, unknown> = {}, w: TestWorkspace = ws) {
  const res = await newOrder(sku, extra, w);
  expect(res.status, res.text).toBe(201);
  return res.body;
}

async function release(id: string, w: TestWorkspace = ws): Promise<WorkOrder> {
  const res = await t.post<WorkOrder>(`/api/v1/work-orders/${id}/release`, {}, w.admin.token);
  expect(res.status, res.text).toBe(200);
  return res.body;
}

async function setupLocations(w: TestWorkspace) {
  for (const [code, kind] of [
    ['STORE', 'store'],
    ['FLOOR', 'floor'],
  ] as const) {
    await created('/api/v1/locations', { code, name: `Location ${code}`, kind }, w.admin.token);
  }
}

beforeAll(async () => {
  t = await startTestApp();
  ws = await t.workspace();
  manager = await t.user(ws, ['manager']);
  operator = await t.user(ws, ['operator']);
  viewer = await t.user(ws, ['viewer']);
  await setupLocations(ws);
});
afterAll(() => t.close());

describe('work centers', () => {
  it('creates a work center fed from a floor location and reads it back', async () => {
    const wc = await workCenter(ws, 'FLOOR');
    expect(wc).toMatchObject({ location: 'FLOOR', active: true });
    expect(await ok<WorkCenter>(`/api/v1/work-centers/${wc.id}`)).toEqual(wc);
    const list = await ok<{ data: WorkCenter[] }>('/api/v1/work-centers');
    expect(list.data.map((w) => w.code)).toContain(wc.code);
  });

  it('refuses a second work center with the same code with 409 work_center_code_taken', async () => {
    const wc = await workCenter();
    const res = await t.post('/api/v1/work-centers', { code: wc.code, name: 'Again' }, ws.admin.token);
    expect(res.status).toBe(409);
    expect(codeOf(res)).toBe('work_center_code_taken');
  });

  it('refuses a work center fed from a location that does not exist', async () => {
    const res = await t.post(
      '/api/v1/work-centers',
      { code: unique('WC'), name: 'X', location: 'NOWHERE' },
      ws.admin.token,
    );
    expect(res.status).toBe(422);
    expect(codeOf(res)).toBe('unknown_location');
  });
});

describe('bills of materials', () => {
  it('gives each new BOM of an item the next version and makes it the only active one', async () => {
    const sku = await item('FG');
    const rm = await item('RM');
    const v1 = await created<Bom>('/api/v1/boms', { sku, outputQty: 1, components: [{ sku: rm, qty: 2 }] });
    expect(v1).toMatchObject({ sku, version: 1, active: true, outputQty: '1' });
    const v2 = await created<Bom>('/api/v1/boms', { sku, outputQty: 1, components: [{ sku: rm, qty: 3 }] });
    expect(v2).toMatchObject({ version: 2, active: true });
    expect((await ok<Bom>(`/api/v1/boms/${v1.id}`)).active).toBe(false);
    const list = await ok<{ data: Bom[] }>(`/api/v1/boms?sku=${sku}`);
    expect(list.data.map((b) => [b.version, b.active])).toEqual([
      [2, true],
      [1, false],
    ]);
  });

  it('re-activates an older version, deactivating the newer one', async () => {
    const sku = await item('FG');
    const rm = await item('RM');
    const v1 = await created<Bom>('/api/v1/boms', { sku, outputQty: 1, components: [{ sku: rm, qty: 2 }] });
    const v2 = await created<Bom>('/api/v1/boms', { sku, outputQty: 1, components: [{ sku: rm, qty: 3 }] });
    const res = await t.post<Bom>(`/api/v1/boms/${v1.id}/activate`, {}, ws.admin.token);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ id: v1.id, active: true });
    expect((await ok<Bom>(`/api/v1/boms/${v2.id}`)).active).toBe(false);
  });

  it('answers 422 unknown_sku for an unknown output item or component', async () => {
    const sku = await item('FG');
    const rm = await item('RM');
    const noOutput = await t.post(
      '/api/v1/boms',
      { sku: 'NOPE', outputQty: 1, components: [{ sku: rm, qty: 1 }] },
      ws.admin.token,
    );
    expect(noOutput.status).toBe(422);
    expect(codeOf(noOutput)).toBe('unknown_sku');
    const noComponent = await t.post(
      '/api/v1/boms',
      { sku, outputQty: 1, components: [{ sku: 'NOPE', qty: 1 }] },
      ws.admin.token,
    );
    expect(noComponent.status).toBe(422);
    expect(codeOf(noComponent)).toBe('unknown_sku');
  });

  it('answers 422 invalid_bom when the item is its own component', async () => {
    const sku = await item('FG');
    const res = await t.post(
      '/api/v1/boms',
      { sku, outputQty: 1, components: [{ sku, qty: 1 }] },
      ws.admin.token,
    );
    expect(res.status).toBe(422);
    expect(codeOf(res)).toBe('invalid_bom');
  });

  it('answers 422 invalid_bom for a BOM without components', async () => {
    const sku = await item('FG');
    const res = await t.post('/api/v1/boms', { sku, outputQty: 1, components: [] }, ws.admin.token);
    expect(res.status, res.text).toBe(422);
    expect(codeOf(res)).toBe('invalid_bom');
  });
});

describe('routings', () => {
  it('versions routings like BOMs: the newest is active until an older one is activated', async () => {
    const sku = await item('FG');
    const wc = await workCenter();
    const v1 = await created<Routing>('/api/v1/routings', {
      sku,
      steps: [{ seq: 1, name: 'Cut', workCenter: wc.code }],
    });
    expect(v1).toMatchObject({ version: 1, active: true });
    expect(v1.steps).toEqual([expect.objectContaining({ seq: 1, name: 'Cut', workCenter: wc.code })]);
    const v2 = await created<Routing>('/api/v1/routings', {
      sku,
      steps: [
        { seq: 2, name: 'Sew', workCenter: wc.code, stdMinutesPerUnit: 3 },
        { seq: 1, name: 'Cut', workCenter: wc.code },
      ],
    });
    expect(v2).toMatchObject({ version: 2, active: true });
    expect(v2.steps.map((s) => [s.seq, s.name, s.stdMinutesPerUnit])).toEqual([
      [1, 'Cut', null],
      [2, 'Sew', '3'],
    ]);
    expect((await ok<Routing>(`/api/v1/routings/${v1.id}`)).active).toBe(false);
    const res = await t.post<Routing>(`/api/v1/routings/${v1.id}/activate`, {}, ws.admin.token);
    expect(res.status, res.text).toBe(200);
    expect(res.body.active).toBe(true);
    expect((await ok<Routing>(`/api/v1/routings/${v2.id}`)).active).toBe(false);
  });

  it('answers 422 unknown_work_center for a step at a work center that does not exist', async () => {
    const sku = await item('FG');
    const res = await t.post(
      '/api/v1/routings',
      { sku, steps: [{ seq: 1, name: 'Cut', workCenter: 'NO-WC' }] },
      ws.admin.token,
    );
    expect(res.status).toBe(422);
    expect(codeOf(res)).toBe('unknown_work_center');
  });

  it('answers 422 invalid_routing for two steps with the same number', async () => {
    const sku = await item('FG');
    const wc = await workCenter();
    const res = await t.post(
      '/api/v1/routings',
      {
        sku,
        steps: [
          { seq: 1, name: 'Cut', workCenter: wc.code },
          { seq: 1, name: 'Sew', workCenter: wc.code },
        ],
      },
      ws.admin.token,
    );
    expect(res.status).toBe(422);
    expect(codeOf(res)).toBe('invalid_routing');
  });

  it('answers 422 unknown_sku for a routing of an unknown item', async () => {
    const wc = await workCenter();
    const res = await t.post(
      '/api/v1/routings',
      { sku: 'NOPE', steps: [{ seq: 1, name: 'Cut', workCenter: wc.code }] },
      ws.admin.token,
    );
    expect(res.status).toBe(422);
    expect(codeOf(res)).toBe('unknown_sku');
  });
});

describe('creating work orders', () => {
  it('numbers work orders WO-000001, WO-000002 … per workspace, starting again in another workspace', async () => {
    const other = await t.workspace();
    await setupLocations(other);
    const mine = await product();
    const theirs = await product(other);
    const first = await order(mine.sku);
    const second = await order(mine.sku);
    const firstNumber = Number(first.number.slice(3));
    expect(first.number).toMatch(/^WO-\d{6}$/);
    expect(second.number).toBe(`WO-${String(firstNumber + 1).padStart(6, '0')}`);
    const otherFirst = await order(theirs.sku, {}, other);
    expect(otherFirst.number).toBe('WO-000001');
    expect((await order(theirs.sku, {}, other)).number).toBe('WO-000002');
  });

  it('creates a draft with the item, quantity, locations, due date and the routing steps and BOM preview', async () => {
    const p = await product();
    const wo = await order(p.sku, { qty: 12, dueDate: '2031-05-06' });
    expect(wo).toMatchObject({
      sku: p.sku,
      qty: '12',
      status: 'draft',
      dueDate: '2031-05-06',
      componentsFrom: 'FLOOR',
      outputTo: 'STORE',
      producedQty: '0',
      scrappedQty: '0',
      wipQty: '0',
    });
    expect(wo.steps.map((s) => [s.seq, s.name, s.workCenter])).toEqual([
      [10, 'Cut', p.centers[0]],
      [20, 'Pack', p.centers[1]],
    ]);
    expect(wo.components).toEqual([
      expect.objectContaining({ sku: p.component, qtyPerUnit: '3', requiredQty: '36', consumedQty: '0' }),
    ]);
    expect(await ok<WorkOrder>(`/api/v1/work-orders/${wo.id}`)).toMatchObject({
      id: wo.id,
      number: wo.number,
    });
  });

  it('answers 422 no_active_routing for an item without a routing', async () => {
    const sku = await item('FG');
    const rm = await item('RM');
    await created('/api/v1/boms', { sku, outputQty: 1, components: [{ sku: rm, qty: 1 }] });
    const res = await newOrder(sku);
    expect(res.status).toBe(422);
    expect(codeOf(res)).toBe('no_active_routing');
  });

  it('answers 422 for an unknown item or an unknown location', async () => {
    const p = await product();
    const noItem = await newOrder('NOPE');
    expect(noItem.status).toBe(422);
    expect(codeOf(noItem)).toBe('unknown_sku');
    const noPlace = await newOrder(p.sku, { outputTo: 'NOWHERE' });
    expect(noPlace.status).toBe(422);
    expect(codeOf(noPlace)).toBe('unknown_location');
  });
});

describe('releasing work orders', () => {
  it('releases a draft and snapshots per-unit component quantities including the scrap allowance', async () => {
    const sku = await item('FG');
    const fabric = await item('RM');
    const thread = await item('RM');
    const wc = await workCenter();
    // 10 m per 4 bags with 10 % allowance → 10 × 1.1 / 4 = 2.75 m per bag; 6 thread per 4 bags → 1.5.
    await created('/api/v1/boms', {
      sku,
      outputQty: 4,
      components: [
        { sku: fabric, qty: 10, scrapAllowance: 10 },
        { sku: thread, qty: 6 },
      ],
    });
    await created('/api/v1/routings', { sku, steps: [{ seq: 1, name: 'Make', workCenter: wc.code }] });
    const wo = await order(sku, { qty: 8 });
    const released = await release(wo.id);
    expect(released.status).toBe('released');
    const bySku = Object.fromEntries(released.components.map((c) => [c.sku, c]));
    expect(bySku[fabric]).toMatchObject({ qtyPerUnit: '2.75', requiredQty: '22', consumedQty: '0' });
    expect(bySku[thread]).toMatchObject({ qtyPerUnit: '1.5', requiredQty: '12', consumedQty: '0' });
    expect(released.steps).toEqual([
      expect.objectContaining({ seq: 1, name: 'Make', status: 'waiting', wip: '8' }),
    ]);
  });

  it('adds up a component that appears on several BOM lines into one per-unit quantity', async () => {
    const sku = await item('FG');
    const rm = await item('RM');
    const wc = await workCenter();
    await created('/api/v1/boms', {
      sku,
      outputQty: 2,
      components: [
        { sku: rm, qty: 3 },
        { sku: rm, qty: 1, scrapAllowance: 50 },
      ],
    });
    await created('/api/v1/routings', { sku, steps: [{ seq: 1, name: 'Make', workCenter: wc.code }] });
    const released = await release((await order(sku, { qty: 4 })).id);
    // (3 + 1 × 1.5) / 2 = 2.25 per unit
    expect(released.components.map((c) => [c.sku, c.qtyPerUnit, c.requiredQty])).toEqual([[rm, '2.25', '9']]);
  });

  it('keeps a released order on its snapshot when a new BOM and routing version are created', async () => {
    const p = await product();
    const wo = await order(p.sku, { qty: 5 });
    await release(wo.id);
    const other = await item('RM');
    const wc = await workCenter();
    await created('/api/v1/boms', { sku: p.sku, outputQty: 1, components: [{ sku: other, qty: 9 }] });
    await created('/api/v1/routings', {
      sku: p.sku,
      steps: [{ seq: 1, name: 'Everything', workCenter: wc.code }],
    });
    const after = await ok<WorkOrder>(`/api/v1/work-orders/${wo.id}`);
    expect(after.components.map((c) => [c.sku, c.qtyPerUnit])).toEqual([[p.component, '3']]);
    expect(after.steps.map((s) => [s.seq, s.name, s.workCenter])).toEqual([
      [10, 'Cut', p.centers[0]],
      [20, 'Pack', p.centers[1]],
    ]);
    // A new order picks up the new versions.
    const next = await order(p.sku);
    expect(next.components.map((c) => c.sku)).toEqual([other]);
    expect(next.steps.map((s) => s.name)).toEqual(['Everything']);
  });

  it('answers 409 invalid_status_change when releasing twice', async () => {
    const p = await product();
    const wo = await order(p.sku);
    await release(wo.id);
    const res = await t.post(`/api/v1/work-orders/${wo.id}/release`, {}, ws.admin.token);
    expect(res.status).toBe(409);
    expect(codeOf(res)).toBe('invalid_status_change');
  });
});

describe('cancelling without production', () => {
  it('cancels a draft, then refuses to release or cancel it again', async () => {
    const p = await product();
    const wo = await order(p.sku);
    const res = await t.post<WorkOrder>(
      `/api/v1/work-orders/${wo.id}/cancel`,
      { reason: 'not needed' },
      ws.admin.token,
    );
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ status: 'cancelled', wipQty: '0' });
    const again = await t.post(`/api/v1/work-orders/${wo.id}/cancel`, {}, ws.admin.token);
    expect(again.status).toBe(409);
    expect(codeOf(again)).toBe('invalid_status_change');
    const releaseIt = await t.post(`/api/v1/work-orders/${wo.id}/release`, {}, ws.admin.token);
    expect(releaseIt.status).toBe(409);
    expect(codeOf(releaseIt)).toBe('invalid_status_change');
  });
});

describe('the cancel reason', () => {
  function cancel(id: string, body: Record<string, unknown> | undefined, token = ws.admin.token) {
    return t.post<WorkOrder>(`/api/v1/work-orders/${id}/cancel`, body, token);
  }
  async function cancelEvents(id: string): Promise<AuditEvent[]> {
    const res = await t.get<{ data: AuditEvent[] }>(
      `/api/v1/audit?entity=work_order&entityId=${id}&action=work_order.cancel`,
      ws.admin.token,
    );
    expect(res.status, res.text).toBe(200);
    return res.body.data;
  }

  it('keeps the cancel reason on the order and only whether one was given in the audit trail', async () => {
    const p = await product();
    const wo = await order(p.sku);
    const res = await cancel(wo.id, { reason: '  Anna off sick, line 2 stopped \n' }, manager.token);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ status: 'cancelled', cancelReason: 'Anna off sick, line 2 stopped' });
    expect(Date.parse(res.body.cancelledAt ?? '')).toBeGreaterThan(Date.now() - 60_000);

    // Everyone who can read the order sees why, audit.read or not.
    for (const who of [ws.admin, operator, viewer]) {
      const got = await ok<WorkOrder>(`/api/v1/work-orders/${wo.id}`, who.token);
      expect(got).toMatchObject({
        cancelReason: 'Anna off sick, line 2 stopped',
        cancelledAt: res.body.cancelledAt,
      });
    }
    const listed = await ok<Page<WorkOrder>>(`/api/v1/work-orders?status=cancelled&sku=${p.sku}`);
    expect(listed.data.map((o) => [o.id, o.cancelReason])).toEqual([
      [wo.id, 'Anna off sick, line 2 stopped'],
    ]);

    const events = await cancelEvents(wo.id);
    expect(events).toEqual([expect.objectContaining({ actor: manager.userId })]);
    expect(events[0]!.summary).toEqual({ number: wo.number, reasonGiven: true, returned: [] });
    expect(JSON.stringify(events)).not.toMatch(/Anna|sick/);
  });

  it('stores a blank reason, or none, or no body at all, as null and records that no reason was given', async () => {
    const p = await product();
    // No body at all, as a client cancelling without a reason sends it.
    for (const body of [{ reason: ' \t ' }, { reason: '' }, {}, undefined]) {
      const wo = await order(p.sku);
      const res = await cancel(wo.id, body);
      expect(res.status, res.text).toBe(200);
      expect(res.body).toMatchObject({ status: 'cancelled', cancelReason: null });
      expect(res.body.cancelledAt).not.toBeNull();
      expect((await ok<WorkOrder>(`/api/v1/work-orders/${wo.id}`)).cancelReason).toBeNull();
      const [event] = await cancelEvents(wo.id);
      expect(event?.summary).toEqual({ number: wo.number, reasonGiven: false, returned: [] });
    }
  });

  it('takes a reason of 200 characters and refuses a longer one with a problem+json 400, changing nothing', async () => {
    const p = await product();
    const wo = await order(p.sku);
    const tooLong = await cancel(wo.id, { reason: 'ł'.repeat(201) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.headers['content-type']).toContain('application/problem+json');
    expect(await ok<WorkOrder>(`/api/v1/work-orders/${wo.id}`)).toMatchObject({
      status: 'draft',
      cancelledAt: null,
      cancelReason: null,
    });
    expect(await cancelEvents(wo.id)).toEqual([]);

    const longest = await cancel(wo.id, { reason: 'ł'.repeat(200) });
    expect(longest.status, longest.text).toBe(200);
    expect(longest.body.cancelReason).toBe('ł'.repeat(200));
  });

  describe('as personal data', () => {
    const name = `Anna Cancel Nowak-${Date.now().toString(36)}`;
    let canceller: SignedIn;
    let theirs: WorkOrder;
    let others: WorkOrder;

    beforeAll(async () => {
      canceller = await t.user(ws, ['manager'], name);
      const p = await product();
      theirs = await order(p.sku);
      others = await order(p.sku);
      const a = await cancel(theirs.id, { reason: 'Drawing rev C was wrong' }, canceller.token);
      expect(a.status, a.text).toBe(200);
      const b = await cancel(others.id, { reason: `${name} off sick, nobody to run it` });
      expect(b.status, b.text).toBe(200);
    });

    it('exports the orders a person cancelled, with the reasons they gave, and no one else’s', async () => {
      const res = await t.post<{ id: string }>('/api/v1/me/export', {}, canceller.token);
      expect(res.status, res.text).toBe(202);
      const done = await waitForExport(t, res.body.id, canceller.token);
      expect(done.status).toBe('ready');
      const files = await downloadZip(t, done.downloadUrl!, canceller.token);
      const rows = JSON.parse(files['usage/work_orders_cancelled.json']!) as Record<string, unknown>[];
      expect(rows).toEqual([
        {
          id: theirs.id,
          number: theirs.number,
          cancelledAt: expect.any(String),
          cancelReason: 'Drawing rev C was wrong',
        },
      ]);
      expect(files['usage/work_orders_cancelled.csv']).toContain('Drawing rev C was wrong');
      expect(Object.values(files).join('\n')).not.toContain('nobody to run it');
    });

    it('on erasure, removes the reasons they gave and puts the pseudonym for their name in reasons others gave', async () => {
      const before = await ok<WorkOrder>(`/api/v1/work-orders/${theirs.id}`);
      const erased = await t.post<{ name: string; removed: Record<string, number> }>(
        `/api/v1/users/${canceller.userId}/erase`,
        { reason: 'Left the company' },
        ws.admin.token,
      );
      expect(erased.status, erased.text).toBe(200);
      expect(erased.body.removed).toMatchObject({ work_orders: 1, work_orders_mentions: 1 });

      const after = await ok<WorkOrder>(`/api/v1/work-orders/${theirs.id}`);
      expect(after).toMatchObject({
        status: 'cancelled',
        cancelledAt: before.cancelledAt,
        cancelReason: null,
      });
      expect((await ok<WorkOrder>(`/api/v1/work-orders/${others.id}`)).cancelReason).toBe(
        `${erased.body.name} off sick, nobody to run it`,
      );
      // The cancellation itself stays attributed to the pseudonymous id, and the chain still verifies.
      expect(await cancelEvents(theirs.id)).toEqual([
        expect.objectContaining({
          actor: canceller.userId,
          summary: expect.objectContaining({ reasonGiven: true }),
        }),
      ]);
      const verify = await t.get<{ ok: boolean }>('/api/v1/audit/verify', ws.admin.token);
      expect(verify.body.ok).toBe(true);
    });
  });
});

describe('listing work orders', () => {
  let filterSku: string;
  let otherSku: string;
  let filterCenter: string;
  let draft: WorkOrder;
  let released: WorkOrder;
  let early: WorkOrder;

  beforeAll(async () => {
    const a = await product();
    const b = await product();
    filterSku = a.sku;
    otherSku = b.sku;
    filterCenter = a.centers[1]!;
    draft = await order(a.sku, { dueDate: '2030-03-10' });
    released = await order(a.sku, { dueDate: '2030-03-20' });
    await release(released.id);
    early = await order(b.sku, { dueDate: '2030-02-01' });
  });

  async function numbers(query: string): Promise<string[]> {
    const page = await ok<Page<WorkOrder>>(`/api/v1/work-orders?${query}&limit=200`);
    return page.data.map((w) => w.number);
  }

  it('filters by status', async () => {
    const drafts = await numbers('status=draft');
    expect(drafts).toContain(draft.number);
    expect(drafts).not.toContain(released.number);
    const rel = await numbers('status=released');
    expect(rel).toContain(released.number);
    expect(rel).not.toContain(draft.number);
  });

  it('filters by item', async () => {
    expect((await numbers(`sku=${filterSku}`)).sort()).toEqual([draft.number, released.number].sort());
    expect(await numbers(`sku=${otherSku}`)).toEqual([early.number]);
  });

  it('filters by work center', async () => {
    expect((await numbers(`workCenter=${filterCenter}`)).sort()).toEqual(
      [draft.number, released.number].sort(),
    );
  });

  it('filters by due date range, inclusive at both ends', async () => {
    expect(await numbers('dueFrom=2030-03-10&dueTo=2030-03-19')).toEqual([draft.number]);
    expect((await numbers('dueFrom=2030-03-10&dueTo=2030-03-20')).sort()).toEqual(
      [draft.number, released.number].sort(),
    );
    expect(await numbers('dueTo=2030-02-28')).toEqual([early.number]);
  });
});

describe('permissions', () => {
  it('lets a manager define master data and run work orders', async () => {
    const sku = await item('FG');
    const rm = await item('RM');
    const wc = await created<WorkCenter>(
      '/api/v1/work-centers',
      { code: unique('WC'), name: 'M' },
      manager.token,
    );
    await created('/api/v1/boms', { sku, outputQty: 1, components: [{ sku: rm, qty: 1 }] }, manager.token);
    await created(
      '/api/v1/routings',
      { sku, steps: [{ seq: 1, name: 'Do', workCenter: wc.code }] },
      manager.token,
    );
    const wo = await created<WorkOrder>(
      '/api/v1/work-orders',
      { sku, qty: 1, componentsFrom: 'FLOOR', outputTo: 'STORE' },
      manager.token,
    );
    const res = await t.post(`/api/v1/work-orders/${wo.id}/release`, {}, manager.token);
    expect(res.status, res.text).toBe(200);
  });

  it('forbids operators and viewers to create work centers, BOMs, routings and work orders', async () => {
    const p = await product();
    const bodies: [string, unknown][] = [
      ['/api/v1/work-centers', { code: unique('WC'), name: 'X' }],
      ['/api/v1/boms', { sku: p.sku, outputQty: 1, components: [{ sku: p.component, qty: 1 }] }],
      ['/api/v1/routings', { sku: p.sku, steps: [{ seq: 1, name: 'X', workCenter: p.centers[0] }] }],
      ['/api/v1/work-orders', { sku: p.sku, qty: 1, componentsFrom: 'FLOOR', outputTo: 'STORE' }],
    ];
    for (const who of [operator, viewer]) {
      for (const [url, body] of bodies) {
        const res = await t.post(url, body, who.token);
        expect(res.status, `${url}: ${res.text}`).toBe(403);
        expect(codeOf(res)).toBe('forbidden');
      }
    }
    const boms = await ok<{ data: Bom[] }>(`/api/v1/boms?sku=${p.sku}`);
    expect(boms.data).toHaveLength(1);
  });

  it('forbids operators and viewers to release, cancel or re-activate versions', async () => {
    const p = await product();
    const wo = await order(p.sku);
    const [bom] = (await ok<{ data: Bom[] }>(`/api/v1/boms?sku=${p.sku}`)).data;
    const [routing] = (await ok<{ data: Routing[] }>(`/api/v1/routings?sku=${p.sku}`)).data;
    for (const who of [operator, viewer]) {
      for (const url of [
        `/api/v1/work-orders/${wo.id}/release`,
        `/api/v1/work-orders/${wo.id}/cancel`,
        `/api/v1/boms/${bom!.id}/activate`,
        `/api/v1/routings/${routing!.id}/activate`,
      ]) {
        const res = await t.post(url, {}, who.token);
        expect(res.status, url).toBe(403);
      }
    }
    expect((await ok<WorkOrder>(`/api/v1/work-orders/${wo.id}`)).status).toBe('draft');
  });

  it('lets viewers and operators read work orders, BOMs, routings, work centers and downtime reasons', async () => {
    const p = await product();
    const wo = await order(p.sku);
    await release(wo.id);
    for (const who of [operator, viewer]) {
      const one = await ok<WorkOrder>(`/api/v1/work-orders/${wo.id}`, who.token);
      expect(one.number).toBe(wo.number);
      await ok(`/api/v1/work-orders?sku=${p.sku}`, who.token);
      await ok(`/api/v1/work-orders/${wo.id}/events`, who.token);
      await ok(`/api/v1/boms?sku=${p.sku}`, who.token);
      await ok(`/api/v1/routings?sku=${p.sku}`, who.token);
      await ok('/api/v1/work-centers', who.token);
      const reasons = await ok<{ data: { code: string }[] }>('/api/v1/downtime-reasons', who.token);
      expect(reasons.data.map((r) => r.code).sort()).toEqual(
        ['break', 'breakdown', 'changeover', 'no-material', 'other', 'quality-check'].sort(),
      );
    }
  });

  it('lets an operator post step events but not a viewer', async () => {
    const p = await product();
    const wo = await order(p.sku);
    await release(wo.id);
    const byViewer = await t.post(
      `/api/v1/work-orders/${wo.id}/events`,
      { step: 10, action: 'start' },
      viewer.token,
    );
    expect(byViewer.status).toBe(403);
    const byOperator = await t.post(
      `/api/v1/work-orders/${wo.id}/events`,
      { step: 10, action: 'start' },
      operator.token,
    );
    expect(byOperator.status, byOperator.text).toBe(201);
    const events = await ok<{ data: { action: string }[] }>(`/api/v1/work-orders/${wo.id}/events`);
    expect(events.data.map((e) => e.action)).toEqual(['start']);
  });

  it('shows work-in-progress values to managers but not to operators or viewers', async () => {
    const p = await product();
    const wo = await order(p.sku);
    await release(wo.id);
    const asManager = await ok<WorkOrder>(`/api/v1/work-orders/${wo.id}`, manager.token);
    expect(asManager).toHaveProperty('wipValue', '0');
    expect(asManager).toHaveProperty('outputValue');
    expect(asManager).toHaveProperty('scrapValue');
    for (const who of [operator, viewer]) {
      const body = await ok<WorkOrder>(`/api/v1/work-orders/${wo.id}`, who.token);
      expect(body).not.toHaveProperty('wipValue');
      expect(body).not.toHaveProperty('outputValue');
      expect(body).not.toHaveProperty('scrapValue');
      expect(body.components[0]).not.toHaveProperty('consumedValue');
      const list = await ok<Page<WorkOrder>>(`/api/v1/work-orders?sku=${p.sku}`, who.token);
      expect(list.data[0]).not.toHaveProperty('wipValue');
    }
  });

  it('refuses anonymous requests', async () => {
    const res = await t.get('/api/v1/work-orders');
    expect(res.status).toBe(401);
  });
});

describe('isolation between workspaces', () => {
  let other: TestWorkspace;
  let wo: WorkOrder;
  let bom: Bom;
  let routing: Routing;
  let center: WorkCenter;

  beforeAll(async () => {
    other = await t.workspace();
    await setupLocations(other);
    const p = await product(other);
    wo = await order(p.sku, {}, other);
    await release(wo.id, other);
    [bom] = (await ok<{ data: Bom[] }>(`/api/v1/boms?sku=${p.sku}`, other.admin.token)).data as [Bom];
    [routing] = (await ok<{ data: Routing[] }>(`/api/v1/routings?sku=${p.sku}`, other.admin.token)).data as [
      Routing,
    ];
    center = (await ok<{ data: WorkCenter[] }>('/api/v1/work-centers', other.admin.token)).data[0]!;
  });

  it("answers 404 for every work order route on another workspace's order", async () => {
    const calls: [string, string, unknown][] = [
      ['GET', `/api/v1/work-orders/${wo.id}`, undefined],
      ['GET', `/api/v1/work-orders/${wo.id}/events`, undefined],
      ['GET', `/api/v1/work-orders/${wo.id}/traveler.pdf`, undefined],
      ['POST', `/api/v1/work-orders/${wo.id}/events`, { step: 10, action: 'start' }],
      ['POST', `/api/v1/work-orders/${wo.id}/release`, {}],
      ['POST', `/api/v1/work-orders/${wo.id}/cancel`, {}],
    ];
    for (const [method, url, body] of calls) {
      const res = await t.request(method, url, body, { token: ws.admin.token });
      expect(res.status, `${method} ${url}: ${res.text}`).toBe(404);
      expect(codeOf(res)).toBe('work_order_not_found');
    }
    const theirs = await ok<WorkOrder>(`/api/v1/work-orders/${wo.id}`, other.admin.token);
    expect(theirs.status).toBe('released');
    const events = await ok<{ data: unknown[] }>(`/api/v1/work-orders/${wo.id}/events`, other.admin.token);
    expect(events.data).toEqual([]);
  });

  it("answers 404 for another workspace's BOMs, routings and work centers", async () => {
    const calls: [string, string, unknown][] = [
      ['GET', `/api/v1/boms/${bom.id}`, undefined],
      ['POST', `/api/v1/boms/${bom.id}/activate`, {}],
      ['GET', `/api/v1/routings/${routing.id}`, undefined],
      ['POST', `/api/v1/routings/${routing.id}/activate`, {}],
      ['GET', `/api/v1/work-centers/${center.id}`, undefined],
      ['PATCH', `/api/v1/work-centers/${center.id}`, { name: 'Taken over' }],
    ];
    for (const [method, url, body] of calls) {
      const res = await t.request(method, url, body, { token: ws.admin.token });
      expect(res.status, `${method} ${url}: ${res.text}`).toBe(404);
    }
    expect((await ok<WorkCenter>(`/api/v1/work-centers/${center.id}`, other.admin.token)).name).not.toBe(
      'Taken over',
    );
  });

  it("never lists another workspace's work orders, BOMs, routings or work centers", async () => {
    const orders = await ok<Page<WorkOrder>>('/api/v1/work-orders?limit=200');
    expect(orders.data.map((w) => w.id)).not.toContain(wo.id);
    const boms = await ok<{ data: Bom[] }>('/api/v1/boms');
    expect(boms.data.map((b) => b.id)).not.toContain(bom.id);
    const routings = await ok<{ data: Routing[] }>('/api/v1/routings');
    expect(routings.data.map((r) => r.id)).not.toContain(routing.id);
    const centers = await ok<{ data: WorkCenter[] }>('/api/v1/work-centers');
    expect(centers.data.map((c) => c.id)).not.toContain(center.id);
  });

  it("refuses to build on another workspace's items, work centers or BOMs", async () => {
    const sku = await item('FG');
    const viaRouting = await t.post(
      '/api/v1/routings',
      { sku, steps: [{ seq: 1, name: 'X', workCenter: center.code }] },
      ws.admin.token,
    );
    expect(viaRouting.status).toBe(422);
    expect(codeOf(viaRouting)).toBe('unknown_work_center');
    const viaBom = await t.post(
      '/api/v1/boms',
      { sku: bom.sku, outputQty: 1, components: [{ sku, qty: 1 }] },
      ws.admin.token,
    );
    expect(viaBom.status).toBe(422);
    expect(codeOf(viaBom)).toBe('unknown_sku');
    const viaOrder = await newOrder(bom.sku);
    expect(viaOrder.status).toBe(422);
    expect(codeOf(viaOrder)).toBe('unknown_sku');
  });
});
