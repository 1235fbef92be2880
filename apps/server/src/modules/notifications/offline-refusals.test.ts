// A scan made offline and refused when the device synced it tells the person who made it: the
// scanner marks replays from its queue with X-OpsLedger-Queued-At, and a final refusal of such a
// request becomes one 'operations' notification per idempotency key, in their own workspace, by
// their preferences — while live requests, successes, 401s and unusable headers tell no one and the
// answer the device gets is the same as without the header.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SignedIn, startTestApp, type TestApp, type TestWorkspace } from '../../testing/harness.ts';
import {
  isFinalRefusal,
  OFFLINE_REFUSAL_KIND,
  parseQueuedAt,
  QUEUED_AT_FUTURE_TOLERANCE_MS,
} from './offline-refusals.ts';
import { notificationsOfKind, outboxOfKind, setOperationsPreference } from './testing.ts';

let t: TestApp;
let ws: TestWorkspace;
let other: TestWorkspace;

const QUEUED_AT = '2026-03-02T06:15:00.000Z';

async function setUpStock(w: TestWorkspace, sku: string): Promise<void> {
  const location = await t.post(
    '/api/v1/locations',
    { code: 'FLOOR-1', name: 'Floor 1', kind: 'floor' },
    w.admin.token,
  );
  expect([201, 409], location.text).toContain(location.status);
  const item = await t.post('/api/v1/items', { sku, name: 'Wheat flour', uom: 'bag' }, w.admin.token);
  expect(item.status, item.text).toBe(201);
  const received = await t.post(
    '/api/v1/movements',
    { type: 'receive', sku, qty: '10', to: 'FLOOR-1', unitCost: '20' },
    w.admin.token,
    { 'idempotency-key': randomUUID() },
  );
  expect(received.status, received.text).toBe(201);
}

function waste(person: SignedIn | undefined, sku: string, qty: string, headers: Record<string, string>) {
  return t.request<{ code?: string; status?: number; detail?: string }>(
    'POST',
    '/api/v1/movements',
    { type: 'waste', sku, qty, from: 'FLOOR-1', reason: 'damaged' },
    { token: person?.token, headers },
  );
}

/** The headers the scanner sends when it replays a queued scan. */
function queued(key = randomUUID(), at = QUEUED_AT): Record<string, string> {
  return { 'idempotency-key': key, 'x-opsledger-queued-at': at };
}

const offlineNotices = (person: SignedIn) => notificationsOfKind(t, person, OFFLINE_REFUSAL_KIND);
const offlineMails = (w: TestWorkspace) => outboxOfKind(t, w, OFFLINE_REFUSAL_KIND);
const setPreferences = (person: SignedIn, operations: { inApp?: boolean; email?: boolean }) =>
  setOperationsPreference(t, person, operations);

beforeAll(async () => {
  t = await startTestApp();
  ws = await t.workspace();
  other = await t.workspace();
  await setUpStock(ws, 'FLOUR');
  await setUpStock(other, 'FLOUR');
});
afterAll(() => t?.close());

describe('a queued scan refused on sync', () => {
  it('tells the operator once, even when the device resends it under the same key', async () => {
    const olga = await t.user(ws, ['operator'], 'Olga Operator');
    const key = randomUUID();
    const first = await waste(olga, 'FLOUR', '50', queued(key));
    expect({ status: first.status, code: first.body.code }, first.text).toEqual({
      status: 409,
      code: 'insufficient_stock',
    });

    const notices = await offlineNotices(olga);
    expect(notices).toHaveLength(1);
    const [notice] = notices;
    expect(notice).toMatchObject({
      category: 'operations',
      kind: OFFLINE_REFUSAL_KIND,
      title: 'A scan made offline was refused',
      data: {
        queuedAt: QUEUED_AT,
        code: 'insufficient_stock',
        status: 409,
        path: '/api/v1/movements',
        idempotencyKey: key,
      },
    });
    expect(notice!.body).toContain('2026-03-02 06:15 UTC');
    expect(notice!.body).toContain('waste of 50 bag Wheat flour (FLOUR) at FLOOR-1');
    expect(notice!.body).toContain('Not enough stock at the location');
    expect(notice!.body).toContain('(insufficient_stock)');
    expect(notice!.body).toContain(`Scan reference: ${key}`);

    // Retry on the device: the same request, the same key, refused again — no second notice.
    const again = await waste(olga, 'FLOUR', '50', queued(key));
    expect(again.status, again.text).toBe(409);
    expect(await offlineNotices(olga)).toHaveLength(1);

    // A corrected scan is a new request with a new key; refused again, it is news again.
    const corrected = await waste(olga, 'FLOUR', '40', queued());
    expect(corrected.status, corrected.text).toBe(409);
    expect(await offlineNotices(olga)).toHaveLength(2);
    // Nobody else hears about Olga's scans.
    expect(await offlineNotices(ws.admin)).toEqual([]);
  });

  it('tells once when the same queued scan arrives twice at the same moment (two tabs, a retry racing a sync)', async () => {
    const person = await t.user(ws, ['operator']);
    const key = randomUUID();
    const answers = await Promise.all([1, 2, 3].map(() => waste(person, 'FLOUR', '50', queued(key))));
    expect(answers.map((a) => a.status)).toEqual([409, 409, 409]);
    expect(await offlineNotices(person)).toHaveLength(1);
    // Refused by the guard, before any idempotency key is claimed: nothing else serialises these.
    const viewer = await t.user(ws, ['viewer']);
    const viewerKey = randomUUID();
    const refused = await Promise.all([1, 2, 3, 4].map(() => waste(viewer, 'FLOUR', '1', queued(viewerKey))));
    expect(refused.map((a) => a.status)).toEqual([403, 403, 403, 403]);
    expect(await offlineNotices(viewer)).toHaveLength(1);
  });

  it('answers exactly as without the header; a live refusal tells no one', async () => {
    const live = await t.user(ws, ['operator']);
    const withHeader = await waste(live, 'FLOUR', '50', queued());
    const without = await waste(live, 'FLOUR', '50', { 'idempotency-key': randomUUID() });
    expect(without.status).toBe(withHeader.status);
    expect(without.body).toEqual(withHeader.body);
    expect(without.headers['content-type']).toBe(withHeader.headers['content-type']);

    const other = await t.user(ws, ['operator']);
    const refused = await waste(other, 'FLOUR', '50', { 'idempotency-key': randomUUID() });
    expect(refused.status).toBe(409);
    expect(await offlineNotices(other)).toEqual([]);
  });

  it('tells no one when a queued scan is booked', async () => {
    const person = await t.user(ws, ['operator']);
    const key = randomUUID();
    const booked = await waste(person, 'FLOUR', '1', queued(key));
    expect(booked.status, booked.text).toBe(201);
    // Its retry is a replay of the booking, not a refusal.
    const replayed = await waste(person, 'FLOUR', '1', queued(key));
    expect(replayed.status, replayed.text).toBe(201);
    expect(await offlineNotices(person)).toEqual([]);
  });

  it('tells no one on a 401 (the device refreshes its session and resends)', async () => {
    const person = await t.user(ws, ['operator']);
    const anonymous = await waste(undefined, 'FLOUR', '50', queued());
    expect(anonymous.status).toBe(401);
    const forged = await t.request(
      'POST',
      '/api/v1/movements',
      { type: 'waste' },
      {
        token: 'not.a.token',
        headers: queued(),
      },
    );
    expect(forged.status).toBe(401);
    expect(await offlineNotices(person)).toEqual([]);
    expect(await offlineNotices(ws.admin)).toEqual([]);
  });

  it('tells about other final refusals too: a permission the sender no longer holds, an unknown work order', async () => {
    const viewer = await t.user(ws, ['viewer']);
    const forbidden = await waste(viewer, 'FLOUR', '1', queued());
    expect(forbidden.status, forbidden.text).toBe(403);
    const [notice] = await offlineNotices(viewer);
    expect(notice?.data).toMatchObject({ code: 'forbidden', status: 403 });

    const operator = await t.user(ws, ['operator']);
    const workOrderId = randomUUID();
    const step = await t.request(
      'POST',
      `/api/v1/work-orders/${workOrderId}/events`,
      { step: 2, action: 'complete', goodQty: '5', scrapQty: '1' },
      { token: operator.token, headers: queued() },
    );
    expect(step.status, step.text).toBe(404);
    const [stepNotice] = await offlineNotices(operator);
    expect(stepNotice?.body).toContain('a work order step 2: complete (5 good, 1 scrap)');
    expect(stepNotice?.data).toMatchObject({
      path: `/api/v1/work-orders/${workOrderId}/events`,
      status: 404,
    });
  });

  it('ignores a header that is not an ISO time, or lies in the future, and still answers the same', async () => {
    const person = await t.user(ws, ['operator']);
    const future = new Date(Date.now() + QUEUED_AT_FUTURE_TOLERANCE_MS + 60_000).toISOString();
    for (const at of ['yesterday', '2026-03-02', '1714000000', future]) {
      const res = await waste(person, 'FLOUR', '50', queued(randomUUID(), at));
      expect({ status: res.status, code: res.body.code }, at).toEqual({
        status: 409,
        code: 'insufficient_stock',
      });
    }
    expect(await offlineNotices(person)).toEqual([]);
    expect(t.logs.text).toContain('queued_at_ignored');
  });
});

describe('preferences', () => {
  it('with operations in-app switched off there is no in-app entry; mail, when chosen, goes once per key', async () => {
    const person = await t.user(ws, ['operator']);
    await setPreferences(person, { inApp: false, email: true });
    const key = randomUUID();
    expect((await waste(person, 'FLOUR', '50', queued(key))).status).toBe(409);
    expect((await waste(person, 'FLOUR', '50', queued(key))).status).toBe(409);
    expect(await offlineNotices(person)).toEqual([]);
    const mails = (await offlineMails(ws)).filter((m) => m.userId === person.userId);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ category: 'operations', subject: 'A scan made offline was refused' });
    expect(mails[0]!.body).toContain('waste of 50 bag Wheat flour (FLOUR) at FLOOR-1');

    const silent = await t.user(ws, ['operator']);
    await setPreferences(silent, { inApp: false, email: false });
    expect((await waste(silent, 'FLOUR', '50', queued())).status).toBe(409);
    expect(await offlineNotices(silent)).toEqual([]);
    expect((await offlineMails(ws)).filter((m) => m.userId === silent.userId)).toEqual([]);
  });
});

describe('workspaces', () => {
  it('keeps each notice in its own workspace, even under the same idempotency key', async () => {
    const mine = await t.user(ws, ['operator']);
    const theirs = await t.user(other, ['operator']);
    const key = randomUUID();
    expect((await waste(mine, 'FLOUR', '50', queued(key))).status).toBe(409);
    expect(await offlineNotices(theirs)).toEqual([]);
    expect(await offlineNotices(other.admin)).toEqual([]);
    expect(await offlineMails(other)).toEqual([]);
    // The same key in another workspace is another scan: its sender is told about it.
    expect((await waste(theirs, 'FLOUR', '50', queued(key))).status).toBe(409);
    expect(await offlineNotices(theirs)).toHaveLength(1);
    expect(await offlineNotices(mine)).toHaveLength(1);
  });
});

describe('rules', () => {
  it('a final refusal is a 4xx the device would not retry', () => {
    expect([400, 403, 404, 409, 422].every(isFinalRefusal)).toBe(true);
    expect([200, 201, 401, 408, 429, 500, 503].some(isFinalRefusal)).toBe(false);
  });

  it('the queued-at time is an ISO 8601 date-time with a zone, not in the future', () => {
    const now = Date.parse('2026-03-02T12:00:00Z');
    expect(parseQueuedAt('2026-03-02T06:15:00.000Z', now)?.toISOString()).toBe('2026-03-02T06:15:00.000Z');
    expect(parseQueuedAt('2026-03-02T08:15:00+02:00', now)?.toISOString()).toBe('2026-03-02T06:15:00.000Z');
    expect(parseQueuedAt('2026-03-02T12:04:00Z', now)).toBeDefined();
    expect(parseQueuedAt('2026-03-02T12:06:00Z', now)).toBeUndefined();
    expect(parseQueuedAt('2026-03-02T06:15:00', now)).toBeUndefined();
    expect(parseQueuedAt('2026-02-30T06:15:00Z', now)).toBeUndefined();
    expect(parseQueuedAt('1999-12-31T23:59:59Z', now)).toBeUndefined();
    expect(parseQueuedAt(undefined, now)).toBeUndefined();
    expect(parseQueuedAt(['2026-03-02T06:15:00Z'], now)).toBeDefined();
  });
});

describe('CORS', () => {
  it('lets a scanner served from an allowed origin send the header', async () => {
    const c = await startTestApp({ corsOrigins: ['https://scanner.example'] });
    try {
      const res = await c.request('OPTIONS', '/api/v1/movements', undefined, {
        headers: {
          origin: 'https://scanner.example',
          'access-control-request-method': 'POST',
          'access-control-request-headers':
            'authorization,content-type,idempotency-key,x-opsledger-queued-at',
        },
      });
      expect(res.status).toBeLessThan(300);
      expect(String(res.headers['access-control-allow-headers']).toLowerCase()).toContain(
        'x-opsledger-queued-at',
      );
    } finally {
      await c.close();
    }
  });
});
