// Test helpers for the data-rights suites: a person who has done a bit of everything (signed in from
// two devices, booked and scanned stock, created and scanned a work order, corrected their phone),
// all through the public API.
import { randomBytes } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { expect } from 'vitest';
import type { SignedIn, TestApp, TestWorkspace } from '../../testing/harness.ts';

export const DEVICE = { type: 'handheld', os: 'Android', osVersion: '13', appVersion: '2.4.1' };

export interface BusyPerson extends SignedIn {
  name: string;
  phone: string;
  /** Signed in from the handheld; every booking below went through this session. */
  deviceToken: string;
  sku: string;
  movementIds: string[];
  workOrderId: string;
}

async function created<T>(
  t: TestApp,
  url: string,
  body: unknown,
  token: string,
  headers?: Record<string, string>,
) {
  const res = await t.post<T>(url, body, token, headers);
  const serverError = res.status >= 500 ? t.logs.lines.filter((l) => l.includes('"level":50')).slice(-1) : [];
  expect(res.status, `${url}: ${res.text} ${serverError.join('')}`).toBe(201);
  return res.body;
}

/** The shared locations and work center every busy person books against (created once per workspace). */
export async function setUpFloor(t: TestApp, ws: TestWorkspace) {
  for (const [code, kind] of [
    ['STORE', 'store'],
    ['FLOOR', 'floor'],
  ] as const) {
    await created(t, '/api/v1/locations', { code, name: `Location ${code}`, kind }, ws.admin.token);
  }
  await created(
    t,
    '/api/v1/work-centers',
    { code: 'CUT', name: 'Cutting', location: 'FLOOR' },
    ws.admin.token,
  );
}

export async function busyPerson(t: TestApp, ws: TestWorkspace, label: string): Promise<BusyPerson> {
  const tag = randomBytes(3).toString('hex');
  const name = `Zofia ${label} Kowalczyk-${tag}`;
  const person = await t.user(ws, ['manager'], name);
  const login = await t.post<{ accessToken: string }>('/api/v1/auth/login', {
    workspace: ws.code,
    email: person.email,
    password: person.password,
    device: DEVICE,
  });
  expect(login.status, login.text).toBe(200);
  const token = login.body.accessToken;
  const phone = `+48 600 ${tag.slice(0, 3).replace(/\D/g, '1')} 123`;
  const patched = await t.request('PATCH', '/api/v1/me', { phone }, { token });
  expect(patched.status, patched.text).toBe(200);

  const sku = `SKU-${label}-${tag}`;
  const ids: string[] = [];
  await created(t, '/api/v1/items', { sku, name: 'Canvas', uom: 'm', costMethod: 'fifo' }, token);
  const comp = `${sku}-C`;
  await created(t, '/api/v1/items', { sku: comp, name: 'Thread', uom: 'pcs', costMethod: 'average' }, token);
  const book = async (body: Record<string, unknown>, key?: string) => {
    const m = await created<{ id: string }>(
      t,
      '/api/v1/movements',
      body,
      token,
      key ? { 'idempotency-key': key } : undefined,
    );
    ids.push(m.id);
  };
  await book(
    { type: 'receive', sku, qty: 40, unitCost: 2.5, to: 'STORE', scan: `]C1${sku}` },
    `scan-${tag}-0001`,
  );
  await book({ type: 'receive', sku: comp, qty: 100, unitCost: 0.4, to: 'FLOOR' });
  await book({ type: 'move', sku, qty: 15, from: 'STORE', to: 'FLOOR' }, `scan-${tag}-0002`);
  await book({ type: 'waste', sku, qty: 2, from: 'FLOOR', reason: 'damaged' });

  await created(t, '/api/v1/boms', { sku, outputQty: 1, components: [{ sku: comp, qty: 2 }] }, token);
  await created(t, '/api/v1/routings', { sku, steps: [{ seq: 10, name: 'Cut', workCenter: 'CUT' }] }, token);
  const wo = await created<{ id: string }>(
    t,
    '/api/v1/work-orders',
    { sku, qty: 5, componentsFrom: 'FLOOR', outputTo: 'STORE' },
    token,
  );
  const released = await t.post(`/api/v1/work-orders/${wo.id}/release`, {}, token);
  expect(released.status, released.text).toBe(200);
  await created(t, `/api/v1/work-orders/${wo.id}/events`, { step: 10, action: 'start' }, token, {
    'idempotency-key': `step-${tag}-0001`,
  });
  await created(
    t,
    `/api/v1/work-orders/${wo.id}/events`,
    { step: 10, action: 'complete', goodQty: 3 },
    token,
    {
      'idempotency-key': `step-${tag}-0002`,
    },
  );
  return { ...person, name, phone, deviceToken: token, sku, movementIds: ids, workOrderId: wo.id };
}

export interface ExportView {
  id: string;
  status: string;
  downloadUrl?: string;
}

export async function waitForExport(
  t: TestApp,
  id: string,
  token: string,
  timeoutMs = 15_000,
): Promise<ExportView> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await t.get<ExportView>(`/api/v1/exports/${id}`, token);
    expect(res.status, res.text).toBe(200);
    if (res.body.status !== 'pending' || Date.now() > until) return res.body;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Downloads and unzips an export: file name → text. */
export async function downloadZip(t: TestApp, url: string, token: string): Promise<Record<string, string>> {
  const res = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toBe('application/zip');
  const files = unzipSync(new Uint8Array(res.rawPayload));
  return Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, strFromU8(bytes)]));
}
