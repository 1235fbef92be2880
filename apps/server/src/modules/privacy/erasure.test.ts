// Erasure: an admin erases a person who did a lot. Afterwards no text or JSON column of any table
// holds their email, name or phone; their sessions and device records are gone; stock, valuation,
// statistics and the audit chain are exactly as before. A legal hold blocks erasure until lifted,
// and records who set it. Another workspace cannot touch them. A failure half-way leaves nothing.
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../db/schema.ts';
import { startTestApp, type TestApp, type TestWorkspace } from '../../testing/harness.ts';
import { definePersonalData, forgetPersonalData } from './registry.ts';
import { type BusyPerson, busyPerson, DEVICE, setUpFloor } from './test-support.ts';

let t: TestApp;
let ws: TestWorkspace;
let other: TestWorkspace;
let person: BusyPerson;

beforeAll(async () => {
  t = await startTestApp();
  ws = await t.workspace();
  other = await t.workspace();
  await setUpFloor(t, ws);
  person = await busyPerson(t, ws, 'Erase');
});
afterAll(() => t.close());

/** Every text-like (table, column) in the schema holding `needle` somewhere (case-insensitive). */
async function findEverywhere(db: Kysely<DB>, needle: string): Promise<string[]> {
  const columns = await sql<{ table_name: string; column_name: string; data_type: string }>`
    select c.table_name, c.column_name, c.data_type from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
      and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea', 'ARRAY')
    order by 1, 2`.execute(db);
  expect(columns.rows.length).toBeGreaterThan(50);
  const found: string[] = [];
  for (const c of columns.rows) {
    const col = sql.ref(c.column_name);
    const match =
      c.data_type === 'bytea'
        ? sql`position(convert_to(${needle}, 'UTF8') in ${col}) > 0`
        : sql`strpos(lower(${col}::text), ${needle.toLowerCase()}) > 0`;
    const hits = await sql<{
      n: number;
    }>`select count(*)::int as n from ${sql.table(c.table_name)} where ${match}`.execute(db);
    if ((hits.rows[0]?.n ?? 0) > 0) found.push(`${c.table_name}.${c.column_name}`);
  }
  return found;
}

async function snapshot(token: string, sku: string) {
  const stock = await t.get(`/api/v1/stock?sku=${sku}`, token);
  const valuation = await t.get(`/api/v1/valuation?sku=${sku}`, token);
  const movements = await t.get<{ data: Record<string, unknown>[] }>(
    `/api/v1/movements?sku=${sku}&limit=200`,
    token,
  );
  const summary = await t.get(
    '/api/v1/stats/summary?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z',
    token,
  );
  const wo = await t.get(`/api/v1/work-orders/${person.workOrderId}`, token);
  for (const r of [stock, valuation, movements, summary, wo]) expect(r.status, r.text).toBe(200);
  // Two things may differ and should: the busiest-operators list shows the current display name
  // (the pseudonym after erasure), and a running step's minutes grow with the clock.
  const names = JSON.stringify(summary.body).match(/"name":"[^"]*"/g) ?? [];
  const summaryWithoutNames = JSON.parse(
    JSON.stringify(summary.body).replace(/"name":"[^"]*"/g, '"name":""'),
  );
  const workOrder = JSON.parse(
    JSON.stringify(wo.body).replace(/"actualMinutes":"[^"]*"/g, '"actualMinutes":""'),
  );
  return {
    stock: stock.body,
    valuation: valuation.body,
    movements: movements.body.data,
    summary: summaryWithoutNames,
    workOrder,
    operatorNames: names,
  };
}

describe('erasing a person who did a lot', () => {
  let before: Awaited<ReturnType<typeof snapshot>>;
  let checkpoint: string;
  let erased: { status: number; body: Record<string, unknown> };

  beforeAll(async () => {
    // A message to someone else that names the person (as "work order done by …" would).
    const notifications = await sql<{
      t: string | null;
    }>`select to_regclass('notifications')::text as t`.execute(t.db.db);
    const mentions = notifications.rows[0]?.t ? ['notifications.body'] : [];
    if (mentions.length) {
      await sql`insert into notifications (tenant_id, id, user_id, category, kind, title, body)
        values (${ws.id}, gen_random_uuid(), ${ws.admin.userId}, 'operations', 'work_order_done',
                'Work order done', ${`Completed by ${person.name}`})`.execute(t.db.db);
    }
    // The person's data is there to begin with (the search is not vacuous).
    expect(await findEverywhere(t.db.db, person.email)).toContain('users.email');
    expect(await findEverywhere(t.db.db, person.name)).toEqual(
      expect.arrayContaining(['users.name', ...mentions]),
    );
    before = await snapshot(ws.admin.token, person.sku);
    const cp = await t.post<{ checkpoint: string }>('/api/v1/audit/checkpoints', {}, ws.admin.token);
    expect(cp.status, cp.text).toBe(201);
    checkpoint = cp.body.checkpoint;
    erased = await t.post(
      `/api/v1/users/${person.userId}/erase`,
      { reason: `Asked by ${person.name} in writing` },
      ws.admin.token,
    );
  });

  it('answers 200 with the pseudonym that replaces the name', () => {
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    expect(erased.body.name).toMatch(/^Former user [0-9a-f]{4}$/);
    expect(erased.body.removed).toMatchObject({ users: 1, sessions: 2 });
  });

  it('leaves their email, name and phone in no text or JSON column of any table', async () => {
    // Even the reason the admin typed, which named them, is stored with the pseudonym instead.
    expect(await findEverywhere(t.db.db, person.email)).toEqual([]);
    expect(await findEverywhere(t.db.db, person.name)).toEqual([]);
    expect(await findEverywhere(t.db.db, person.phone)).toEqual([]);
  });

  it('deletes their sessions and device records, and blanks the device on their ledger rows', async () => {
    const db = t.db.db;
    const q = async (query: ReturnType<typeof sql<{ n: number }>>) => (await query.execute(db)).rows[0]?.n;
    expect(await q(sql`select count(*)::int as n from sessions where user_id = ${person.userId}`)).toBe(0);
    expect(
      await q(
        sql`select count(*)::int as n from movements where created_by = ${person.userId} and device is not null`,
      ),
    ).toBe(0);
    expect(
      await q(
        sql`select count(*)::int as n from work_order_events where created_by = ${person.userId} and device is not null`,
      ),
    ).toBe(0);
    expect(
      await q(
        sql`select count(*)::int as n from audit_events where actor_id = ${person.userId} and (device is not null or ip is not null)`,
      ),
    ).toBe(0);
    expect(await findEverywhere(db, JSON.stringify(DEVICE.appVersion))).toEqual([]);
  });

  it('keeps their pseudonymous id on the ledger, so stock, valuation, movements, statistics and the work order are identical', async () => {
    const { operatorNames, ...after } = await snapshot(ws.admin.token, person.sku);
    const { operatorNames: namesBefore, ...expected } = before;
    expect(after).toEqual(expected);
    expect(namesBefore).toContain(`"name":"${person.name}"`);
    expect(operatorNames).toContain(`"name":"${erased.body.name}"`);
    expect(after.movements.every((m) => m.createdBy === person.userId)).toBe(true);
  });

  it('keeps the audit chain verifiable, against a checkpoint taken before the erasure too', async () => {
    const verify = await t.get<{ ok: boolean }>('/api/v1/audit/verify', ws.admin.token);
    expect(verify.body.ok).toBe(true);
    const against = await t.post<{ ok: boolean }>('/api/v1/audit/verify', { checkpoint }, ws.admin.token);
    expect(against.status, against.text).toBe(200);
    expect(against.body.ok).toBe(true);
  });

  it('shows the account as the pseudonym, and the person can no longer sign in', async () => {
    const user = await t.get<{ name: string; email: string; phone: string | null; status: string }>(
      `/api/v1/users/${person.userId}`,
      ws.admin.token,
    );
    expect(user.body).toMatchObject({ name: erased.body.name, phone: null, status: 'deactivated' });
    expect(user.body.email).toMatch(/@erased\.invalid$/);
    expect((await t.login(ws.code, person.email, person.password)).status).toBe(401);
    expect((await t.get('/api/v1/me', person.token)).status).toBe(401);
  });

  it('is audited without the reason, and refuses a second erasure with 409 already_erased', async () => {
    const audit = await t.get<{
      data: { action: string; actor: string; summary: Record<string, unknown> }[];
    }>(`/api/v1/audit?entity=user&entityId=${person.userId}&action=user.erase`, ws.admin.token);
    expect(audit.body.data).toEqual([expect.objectContaining({ actor: ws.admin.userId })]);
    expect(JSON.stringify(audit.body.data[0]?.summary)).not.toContain('writing');
    const again = await t.post(`/api/v1/users/${person.userId}/erase`, { reason: 'again' }, ws.admin.token);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('already_erased');
  });
});

describe('legal hold', () => {
  let held: BusyPerson;
  beforeAll(async () => {
    held = await busyPerson(t, ws, 'Held');
  });

  it('blocks erasure with 409 legal_hold while set, and records who set it and why', async () => {
    const set = await t.post<{ setBy: string; reason: string }>(
      `/api/v1/users/${held.userId}/legal-hold`,
      { reason: 'Litigation 2026-114' },
      ws.admin.token,
    );
    expect(set.status, set.text).toBe(201);
    expect(set.body).toMatchObject({ setBy: ws.admin.userId, reason: 'Litigation 2026-114' });
    const twice = await t.post(
      `/api/v1/users/${held.userId}/legal-hold`,
      { reason: 'again' },
      ws.admin.token,
    );
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('legal_hold_exists');

    const refused = await t.post(`/api/v1/users/${held.userId}/erase`, { reason: 'asked' }, ws.admin.token);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('legal_hold');
    const user = await t.get<{ email: string }>(`/api/v1/users/${held.userId}`, ws.admin.token);
    expect(user.body.email).toBe(held.email);
  });

  it('once lifted (recorded with who and why), lets the erasure through', async () => {
    const lifted = await t.request<{ liftedBy: string; liftReason: string }>(
      'DELETE',
      `/api/v1/users/${held.userId}/legal-hold`,
      { reason: 'Case closed' },
      { token: ws.admin.token },
    );
    expect(lifted.status, lifted.text).toBe(200);
    expect(lifted.body).toMatchObject({ liftedBy: ws.admin.userId, liftReason: 'Case closed' });
    const history = await t.get<{ active: unknown; history: unknown[] }>(
      `/api/v1/users/${held.userId}/legal-hold`,
      ws.admin.token,
    );
    expect(history.body.active).toBeNull();
    expect(history.body.history).toHaveLength(1);
    const none = await t.request('DELETE', `/api/v1/users/${held.userId}/legal-hold`, undefined, {
      token: ws.admin.token,
    });
    expect(none.status).toBe(404);
    expect(none.body.code).toBe('no_legal_hold');
    const erased = await t.post(`/api/v1/users/${held.userId}/erase`, { reason: 'asked' }, ws.admin.token);
    expect(erased.status, erased.text).toBe(200);
    const actions = await t.get<{ data: { action: string }[] }>(
      `/api/v1/audit?entity=user&entityId=${held.userId}&limit=100`,
      ws.admin.token,
    );
    expect(actions.body.data.map((e) => e.action)).toEqual(
      expect.arrayContaining(['user.legal_hold_set', 'user.legal_hold_lift', 'user.erase']),
    );
  });
});

describe('boundaries', () => {
  it('another workspace gets 404 for erasure and legal hold, and nothing changes', async () => {
    const target = await t.user(ws, ['operator'], 'Stays Untouched');
    for (const [method, url, body] of [
      ['POST', `/api/v1/users/${target.userId}/erase`, { reason: 'x' }],
      ['POST', `/api/v1/users/${target.userId}/legal-hold`, { reason: 'x' }],
      ['DELETE', `/api/v1/users/${target.userId}/legal-hold`, {}],
      ['GET', `/api/v1/users/${target.userId}/legal-hold`, undefined],
    ] as const) {
      const res = await t.request(method, url, body, { token: other.admin.token });
      expect(res.status, `${method} ${url}`).toBe(404);
      expect(res.body.code).toBe('user_not_found');
    }
    const user = await t.get<{ name: string }>(`/api/v1/users/${target.userId}`, ws.admin.token);
    expect(user.body.name).toBe('Stays Untouched');
  });

  it('needs privacy.erase, refuses erasing yourself and the last admin, and validates the body', async () => {
    const manager = await t.user(ws, ['manager'], 'Just Manager');
    expect(
      (await t.post(`/api/v1/users/${manager.userId}/erase`, { reason: 'x' }, manager.token)).status,
    ).toBe(403);
    const self = await t.post(`/api/v1/users/${ws.admin.userId}/erase`, { reason: 'x' }, ws.admin.token);
    expect(self.body.code).toBe('cannot_erase_self');
    const missing = await t.post(`/api/v1/users/${manager.userId}/erase`, {}, ws.admin.token);
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('validation_failed');
  });

  it('the ledger still refuses every change but blanking a device', async () => {
    const db = t.db.db;
    const [movementId] = person.movementIds;
    for (const change of [
      sql`update movements set qty = 0 where id = ${movementId}`,
      sql`update movements set device = '{"type":"forged"}' where id = ${movementId}`,
      sql`update movements set device = null, reference = 'x' where id = ${movementId}`,
      sql`delete from movements where id = ${movementId}`,
      sql`update work_order_events set note = 'x' where created_by = ${person.userId}`,
    ]) {
      await expect(change.execute(db)).rejects.toThrow(/append-only/);
    }
  });

  it('rolls everything back when one module fails half-way through', async () => {
    const victim = await busyPerson(t, ws, 'Rollback');
    definePersonalData({
      module: 'zz-probe-failing',
      tables: [],
      async erase() {
        throw new Error('disk on fire');
      },
    });
    try {
      const res = await t.post(`/api/v1/users/${victim.userId}/erase`, { reason: 'x' }, ws.admin.token);
      expect(res.status).toBe(500);
      expect(res.body.code).toBe('internal_error');
    } finally {
      forgetPersonalData('zz-probe-failing');
    }
    const user = await t.get<{ email: string; name: string; phone: string }>(
      `/api/v1/users/${victim.userId}`,
      ws.admin.token,
    );
    expect(user.body).toMatchObject({ email: victim.email, name: victim.name, phone: victim.phone });
    const sessions = await sql<{
      n: number;
    }>`select count(*)::int as n from sessions where user_id = ${victim.userId}`.execute(t.db.db);
    expect(sessions.rows[0]?.n).toBe(2);
    const erasures = await sql<{
      n: number;
    }>`select count(*)::int as n from erasures where user_id = ${victim.userId}`.execute(t.db.db);
    expect(erasures.rows[0]?.n).toBe(0);
  });
});
