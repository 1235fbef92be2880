// Paging of the production lists through the HTTP API: work centers, BOMs, routings and a work
// order's step events are paged with an opaque cursor (`?limit=&cursor=` → `{ data, nextCursor }`)
// on each list's own order, so a factory with thousands of them can read every one. Following the
// cursors with a small page reads exactly the whole list in order, filters keep working while paging,
// a cursor that this server did not write is a 400 problem, and another workspace's rows never appear.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Response, startTestApp, type TestApp, type TestWorkspace } from '../../testing/harness.ts';

interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

interface Problem {
  code: string;
  errors?: { path: string }[];
}

interface WorkCenter {
  id: string;
  code: string;
  name: string;
}

interface Versioned {
  id: string;
  sku: string;
  version: number;
  active: boolean;
}

interface StepEvent {
  id: string;
  step: number;
  action: string;
  createdAt: string;
  correctedBy: string | null;
}

let t: TestApp;
let ws: TestWorkspace;
let other: TestWorkspace;

async function created<T>(url: string, body: unknown, w: TestWorkspace = ws): Promise<T> {
  const res = await t.post<T>(url, body, w.admin.token);
  expect(res.status, res.text).toBe(201);
  return res.body;
}

async function ok<T>(url: string, w: TestWorkspace = ws): Promise<T> {
  const res = await t.get<T>(url, w.admin.token);
  expect(res.status, `${url}: ${res.text}`).toBe(200);
  return res.body;
}

/** Follows nextCursor from the first page to the last, `limit` rows a page; returns every page. */
async function allPages<T>(url: string, limit: number, w: TestWorkspace = ws): Promise<T[][]> {
  const pages: T[][] = [];
  let cursor: string | null = null;
  do {
    const sep = url.includes('?') ? '&' : '?';
    const page: Page<T> = await ok<Page<T>>(
      `${url}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      w,
    );
    expect(page.data.length).toBeLessThanOrEqual(limit);
    if (page.nextCursor !== null) expect(page.data).toHaveLength(limit);
    pages.push(page.data);
    cursor = page.nextCursor;
    if (pages.length > 100) throw new Error(`${url}: no last page after 100 pages`);
  } while (cursor !== null);
  return pages;
}

/** Every row of a list read with a small page equals the list read at once: none skipped or repeated. */
async function expectPagesToCoverTheList<T extends { id: string }>(
  url: string,
  limit: number,
  expectedCount: number,
  w: TestWorkspace = ws,
) {
  const whole = await ok<Page<T>>(url, w);
  expect(whole.nextCursor).toBeNull();
  expect(whole.data).toHaveLength(expectedCount);
  const pages = await allPages<T>(url, limit, w);
  expect(pages.length).toBe(Math.ceil(expectedCount / limit));
  const paged = pages.flat();
  expect(new Set(paged.map((r) => r.id)).size).toBe(paged.length);
  expect(paged.map((r) => r.id)).toEqual(whole.data.map((r) => r.id));
  return paged;
}

function expectBadCursor(res: Response<unknown>) {
  expect(res.status, res.text).toBe(400);
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  const body = res.body as Problem;
  expect(body.code).toBe('validation_failed');
  expect(body.errors?.map((e) => e.path)).toEqual(['/cursor']);
}

const ANY_ID = '0190a000-0000-7000-8000-000000000000';
const cursorOf = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');

/** Cursors no list of this server writes, or not this list: all must be refused before any SQL runs. */
const FOREIGN_CURSORS = [
  'not-a-cursor',
  cursorOf(ANY_ID),
  cursorOf(['SKU-1', 1, 'not-a-uuid']),
  cursorOf(['SKU-1', 0, ANY_ID]),
  cursorOf(['WC-1', 'not-a-uuid']),
  cursorOf({ sku: 'SKU-1' }),
];

async function expectCursorsRefused(url: string, ...more: string[]) {
  const sep = url.includes('?') ? '&' : '?';
  for (const cursor of [...FOREIGN_CURSORS, ...more]) {
    expectBadCursor(await t.get(`${url}${sep}cursor=${encodeURIComponent(cursor)}`, ws.admin.token));
  }
}

async function setupLocations(w: TestWorkspace) {
  for (const [code, kind] of [
    ['STORE', 'store'],
    ['FLOOR', 'floor'],
  ] as const) {
    await created('/api/v1/locations', { code, name: `Location ${code}`, kind }, w);
  }
}

const SKUS = ['PG-A', 'PG-B', 'PG-C', 'PG-D'];
/** Versions of BOM and routing per SKU: several per SKU, so pages also break inside one SKU. */
const VERSIONS: Record<string, number> = { 'PG-A': 3, 'PG-B': 1, 'PG-C': 2, 'PG-D': 3 };
const DOCUMENTS = Object.values(VERSIONS).reduce((a, b) => a + b, 0);
const CENTERS = ['WC-07', 'WC-01', 'WC-05', 'WC-03', 'WC-02', 'WC-06', 'WC-04'];

let centers: WorkCenter[];
let orderId: string;
let otherCenter: WorkCenter;
let otherBom: Versioned;
let otherRouting: Versioned;
let otherOrderId: string;

/** Items, work centers, and several BOM and routing versions per item, in a workspace. */
async function masterData(w: TestWorkspace, skus: string[], versions: (sku: string) => number) {
  for (const sku of ['PG-PART', ...skus]) {
    await created('/api/v1/items', { sku, name: `Item ${sku}`, uom: 'pcs' }, w);
  }
  for (const sku of skus) {
    for (let v = 0; v < versions(sku); v++) {
      await created('/api/v1/boms', { sku, outputQty: 1, components: [{ sku: 'PG-PART', qty: v + 1 }] }, w);
      await created(
        '/api/v1/routings',
        { sku, steps: [{ seq: 10, name: `Make v${v + 1}`, workCenter: 'WC-01' }] },
        w,
      );
    }
  }
}

/** A released one-step work order of the item with events: a start, then pauses and resumes. */
async function orderWithEvents(w: TestWorkspace, sku: string, pauses: number): Promise<string> {
  const wo = await created<{ id: string }>(
    '/api/v1/work-orders',
    { sku, qty: 5, componentsFrom: 'FLOOR', outputTo: 'STORE' },
    w,
  );
  const released = await t.post(`/api/v1/work-orders/${wo.id}/release`, {}, w.admin.token);
  expect(released.status, released.text).toBe(200);
  const post = (body: Record<string, unknown>) => created(`/api/v1/work-orders/${wo.id}/events`, body, w);
  await post({ step: 10, action: 'start' });
  for (let i = 0; i < pauses; i++) {
    await post({ step: 10, action: 'pause', reason: i % 2 ? 'breakdown' : 'changeover' });
    await post({ step: 10, action: 'resume' });
  }
  return wo.id;
}

beforeAll(async () => {
  t = await startTestApp();
  ws = await t.workspace();
  other = await t.workspace();

  await setupLocations(ws);
  centers = [];
  for (const code of CENTERS) {
    centers.push(await created<WorkCenter>('/api/v1/work-centers', { code, name: `Center ${code}` }));
  }
  await masterData(ws, SKUS, (sku) => VERSIONS[sku]!);
  orderId = await orderWithEvents(ws, 'PG-A', 4); // 9 events

  // Another workspace with the same codes and SKUs, so its rows would sort right among ours.
  await setupLocations(other);
  otherCenter = await created<WorkCenter>('/api/v1/work-centers', { code: 'WC-01', name: 'Theirs' }, other);
  await created('/api/v1/work-centers', { code: 'WC-045', name: 'Theirs too' }, other);
  await masterData(other, ['PG-B', 'PG-BB'], () => 2);
  otherBom = (await ok<Page<Versioned>>('/api/v1/boms?sku=PG-B', other)).data[0]!;
  otherRouting = (await ok<Page<Versioned>>('/api/v1/routings?sku=PG-B', other)).data[0]!;
  otherOrderId = await orderWithEvents(other, 'PG-B', 1);
}, 120_000);
afterAll(() => t.close());

describe('work centers', () => {
  it('pages through every work center by code without skipping or repeating one', async () => {
    const sorted = [...CENTERS].sort();
    for (const limit of [1, 2, 3, 7]) {
      const paged = await expectPagesToCoverTheList<WorkCenter>(
        '/api/v1/work-centers',
        limit,
        CENTERS.length,
      );
      expect(paged.map((c) => c.code)).toEqual(sorted);
    }
  });

  it('answers every work center on one page by default, with nextCursor null', async () => {
    const page = await ok<Page<WorkCenter>>('/api/v1/work-centers');
    expect(page.data.map((c) => c.id).sort()).toEqual(centers.map((c) => c.id).sort());
    expect(page.nextCursor).toBeNull();
  });

  it('takes up to 500 a page and refuses more with 400', async () => {
    expect((await t.get('/api/v1/work-centers?limit=500', ws.admin.token)).status).toBe(200);
    for (const limit of ['501', '0', 'x']) {
      const res = await t.get<Problem>(`/api/v1/work-centers?limit=${limit}`, ws.admin.token);
      expect(res.status, res.text).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    }
  });

  it('refuses a cursor it did not write with 400 validation_failed', async () => {
    await expectCursorsRefused('/api/v1/work-centers', cursorOf(['W'.repeat(65), ANY_ID]));
  });

  it('reads, updates and gives the shifts of one work center by id, and 404s for an unknown one or another workspace’s', async () => {
    const wc = centers[3]!;
    expect(await ok<WorkCenter>(`/api/v1/work-centers/${wc.id}`)).toMatchObject({ id: wc.id, code: wc.code });
    const patched = await t.request<WorkCenter>(
      'PATCH',
      `/api/v1/work-centers/${wc.id}`,
      { name: 'Renamed' },
      { token: ws.admin.token },
    );
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body).toMatchObject({ id: wc.id, code: wc.code, name: 'Renamed' });
    expect((await ok<Page<unknown>>(`/api/v1/work-centers/${wc.id}/shifts`)).data).toEqual([]);

    for (const id of [ANY_ID, otherCenter.id]) {
      const calls: [string, string, unknown][] = [
        ['GET', `/api/v1/work-centers/${id}`, undefined],
        ['PATCH', `/api/v1/work-centers/${id}`, { name: 'Taken over' }],
        ['GET', `/api/v1/work-centers/${id}/shifts`, undefined],
        ['PUT', `/api/v1/work-centers/${id}/shifts`, { shifts: [] }],
      ];
      for (const [method, url, body] of calls) {
        const res = await t.request<Problem>(method, url, body, { token: ws.admin.token });
        expect(res.status, `${method} ${url}: ${res.text}`).toBe(404);
        expect(res.body.code).toBe('work_center_not_found');
      }
    }
    expect((await ok<WorkCenter>(`/api/v1/work-centers/${otherCenter.id}`, other)).name).toBe('Theirs');
  });
});

describe.each([
  ['BOMs', 'boms'],
  ['routings', 'routings'],
])('%s', (_name, resource) => {
  const url = `/api/v1/${resource}`;

  it(`pages through every ${resource === 'boms' ? 'BOM' : 'routing'} by SKU, newest version first, without skipping or repeating one`, async () => {
    const expected = SKUS.flatMap((sku) =>
      Array.from({ length: VERSIONS[sku]! }, (_, i) => `${sku} v${VERSIONS[sku]! - i}`),
    );
    for (const limit of [1, 2, 4, DOCUMENTS]) {
      const paged = await expectPagesToCoverTheList<Versioned>(url, limit, DOCUMENTS);
      expect(paged.map((d) => `${d.sku} v${d.version}`)).toEqual(expected);
    }
  });

  it('keeps the SKU filter while paging', async () => {
    const paged = await expectPagesToCoverTheList<Versioned>(`${url}?sku=PG-D`, 1, 3);
    expect(paged.map((d) => [d.sku, d.version, d.active])).toEqual([
      ['PG-D', 3, true],
      ['PG-D', 2, false],
      ['PG-D', 1, false],
    ]);
    expect((await ok<Page<Versioned>>(`${url}?sku=PG-B&limit=1`)).nextCursor).toBeNull();
    expect(await ok<Page<Versioned>>(`${url}?sku=NONE`)).toEqual({ data: [], nextCursor: null });
  });

  it('takes up to 500 a page and refuses more with 400', async () => {
    expect((await t.get(`${url}?limit=500`, ws.admin.token)).status).toBe(200);
    const res = await t.get<Problem>(`${url}?limit=501`, ws.admin.token);
    expect(res.status, res.text).toBe(400);
    expect(res.body.code).toBe('validation_failed');
  });

  it('refuses a cursor it did not write with 400 validation_failed', async () => {
    await expectCursorsRefused(url, cursorOf(['PG-A', 2 ** 31, ANY_ID]), cursorOf(['PG-A', 1.5, ANY_ID]));
    await expectCursorsRefused(`${url}?sku=PG-A`);
  });
});

describe('step events', () => {
  const url = () => `/api/v1/work-orders/${orderId}/events`;

  it('pages through every event of a work order, oldest first, without skipping or repeating one', async () => {
    for (const limit of [1, 2, 4, 9]) {
      const paged = await expectPagesToCoverTheList<StepEvent>(url(), limit, 9);
      expect(paged.map((e) => e.action)).toEqual([
        'start',
        ...Array.from({ length: 4 }, () => ['pause', 'resume']).flat(),
      ]);
      const times = paged.map((e) => Date.parse(e.createdAt));
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
  });

  it('takes up to 5000 a page and refuses more with 400', async () => {
    expect((await t.get(`${url()}?limit=5000`, ws.admin.token)).status).toBe(200);
    const res = await t.get<Problem>(`${url()}?limit=5001`, ws.admin.token);
    expect(res.status, res.text).toBe(400);
    expect(res.body.code).toBe('validation_failed');
  });

  it('refuses a cursor it did not write with 400 validation_failed', async () => {
    await expectCursorsRefused(
      url(),
      cursorOf(['2026-13-40T25:00:00.000000Z', ANY_ID]),
      cursorOf(['2026-11-30T10:00:00.123Z', ANY_ID]),
      cursorOf(['WC-01', ANY_ID]),
    );
  });

  it('answers 404 for an unknown work order or another workspace’s, with or without a cursor', async () => {
    const first = await ok<Page<StepEvent>>(`${url()}?limit=1`);
    for (const id of [ANY_ID, otherOrderId]) {
      for (const query of ['', `?limit=1&cursor=${first.nextCursor}`]) {
        const res = await t.get<Problem>(`/api/v1/work-orders/${id}/events${query}`, ws.admin.token);
        expect(res.status, res.text).toBe(404);
        expect(res.body.code).toBe('work_order_not_found');
      }
    }
  });
});

describe('work orders', () => {
  it('refuses a cursor it did not write with 400 validation_failed, not a server error', async () => {
    // Its cursor is an order id; anything else must not reach SQL (a bad uuid cast was a 500).
    for (const cursor of ['not-a-cursor', cursorOf('not-a-uuid'), cursorOf([ANY_ID]), cursorOf(7)]) {
      expectBadCursor(await t.get(`/api/v1/work-orders?cursor=${cursor}`, ws.admin.token));
    }
    expect((await ok<Page<unknown>>(`/api/v1/work-orders?cursor=${cursorOf(ANY_ID)}`)).data).toEqual([]);
  });
});

describe('isolation between workspaces', () => {
  it("never pages onto another workspace's work centers, BOMs, routings or events", async () => {
    const lists: [string, number, string][] = [
      ['/api/v1/work-centers', CENTERS.length, otherCenter.id],
      ['/api/v1/boms', DOCUMENTS, otherBom.id],
      ['/api/v1/boms?sku=PG-B', 1, otherBom.id],
      ['/api/v1/routings', DOCUMENTS, otherRouting.id],
      ['/api/v1/routings?sku=PG-B', 1, otherRouting.id],
    ];
    for (const [url, count, theirs] of lists) {
      const ids = (await expectPagesToCoverTheList<{ id: string }>(url, 2, count)).map((r) => r.id);
      expect(ids).not.toContain(theirs);
    }
    // And their lists, paged the same way, hold only their own.
    const theirCenters = (await allPages<WorkCenter>('/api/v1/work-centers', 1, other)).flat();
    expect(theirCenters.map((c) => c.name)).toEqual(['Theirs', 'Theirs too']);
    const theirBoms = (await allPages<Versioned>('/api/v1/boms', 1, other)).flat();
    expect(theirBoms.map((b) => `${b.sku} v${b.version}`)).toEqual([
      'PG-B v2',
      'PG-B v1',
      'PG-BB v2',
      'PG-BB v1',
    ]);
    const theirEvents = (
      await allPages<StepEvent>(`/api/v1/work-orders/${otherOrderId}/events`, 1, other)
    ).flat();
    expect(theirEvents.map((e) => e.action)).toEqual(['start', 'pause', 'resume']);
  });

  it("does not let a cursor from one workspace's list reveal another's rows", async () => {
    // A cursor taken from their list, used on ours, continues our list after that key: ours only.
    const theirs = await ok<Page<Versioned>>('/api/v1/boms?limit=1', other);
    expect(theirs.nextCursor).not.toBeNull();
    const ours = await ok<Page<Versioned>>(`/api/v1/boms?cursor=${theirs.nextCursor}`);
    expect(ours.data.map((b) => b.id)).not.toContain(otherBom.id);
    expect(ours.data.every((b) => b.sku >= 'PG-B')).toBe(true);
    expect(ours.data.map((b) => b.sku)).not.toContain('PG-BB');
  });
});
