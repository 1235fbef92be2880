import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestWorkspace } from '../../testing/harness.ts';

let t: TestApp;
let ws: TestWorkspace;

beforeAll(async () => {
  t = await startTestApp();
  ws = await t.workspace();
  await t.post(
    '/api/v1/items',
    { sku: 'GLUE', name: 'Glue', uom: 'pcs', barcodes: ['4006381333931'] },
    ws.admin.token,
  );
  await t.post('/api/v1/locations', { code: 'DOCK', name: 'Dock', kind: 'store' }, ws.admin.token);
});
afterAll(() => t.close());

describe('tracing a booking back to its scan', () => {
  it('records who, from which device, with which key and the raw scanned text on the ledger row', async () => {
    const login = await t.post<{ accessToken: string }>('/api/v1/auth/login', {
      workspace: ws.code,
      email: ws.admin.email,
      password: ws.admin.password,
      device: { type: 'handheld', os: 'Android', osVersion: '13', appVersion: '2.4.1' },
    });
    const res = await t.post<{ id: string; scan: string }>(
      '/api/v1/movements',
      { type: 'receive', sku: 'GLUE', qty: 3, to: 'DOCK', scan: ']E04006381333931' },
      login.body.accessToken,
      { 'idempotency-key': 'scan-0001-abcdef' },
    );
    expect(res.status).toBe(201);
    expect(res.body.scan).toBe(']E04006381333931');
    const row = await sql<{
      device: Record<string, string>;
      idempotency_key: string;
      scan_text: string;
      created_by: string;
    }>`
      select device, idempotency_key, scan_text, created_by from movements where tenant_id = ${ws.id} and id = ${res.body.id}`.execute(
      t.db.db,
    );
    expect(row.rows[0]).toEqual({
      device: { type: 'handheld', os: 'Android', osVersion: '13', appVersion: '2.4.1' },
      idempotency_key: 'scan-0001-abcdef',
      scan_text: ']E04006381333931',
      created_by: ws.admin.userId,
    });
    const audit = await t.get<{
      data: { action: string; entityId: string; device: Record<string, string> }[];
    }>('/api/v1/audit?entity=movement', ws.admin.token);
    expect(audit.body.data.find((e) => e.entityId === res.body.id)?.device).toMatchObject({
      type: 'handheld',
      appVersion: '2.4.1',
    });
  });
});
