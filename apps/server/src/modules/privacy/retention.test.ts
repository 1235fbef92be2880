// Retention: per-workspace periods by category, a dry run that reports exactly what the run then
// removes, a run that removes exactly what has expired (and nothing of another workspace, nothing
// under a legal hold, nothing audit or ledger), and a lease so one process at a time runs it.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../platform/context.ts';
import { type SignedIn, startTestApp, type TestApp, type TestWorkspace } from '../../testing/harness.ts';
import {
  acquireRetentionLease,
  type RetentionReport,
  retentionDryRun,
  runDueRetention,
  runRetention,
} from './retention.ts';

let t: TestApp;
let ws: TestWorkspace;
let other: TestWorkspace;

beforeAll(async () => {
  t = await startTestApp();
  ws = await t.workspace();
  other = await t.workspace();
});
afterAll(() => t.close());

const DAY = 86_400_000;

interface Policy {
  category: string;
  days: number;
  defaultDays: number;
  enforced: boolean;
}

/** Expired and fresh data of every enforced kind in a workspace. */
async function seed(w: TestWorkspace) {
  const db = t.db.db;
  const oldSession: SignedIn = await t.user(w, ['viewer'], 'Old Session');
  await sql`update sessions set revoked_at = now() - interval '100 days', created_at = now() - interval '120 days'
    where user_id = ${oldSession.userId}`.execute(db);
  const freshSession = await t.user(w, ['viewer'], 'Fresh Session');

  const leaver = await t.user(w, ['viewer'], 'Long Gone');
  const heldLeaver = await t.user(w, ['viewer'], 'Gone But Held');
  const recentLeaver = await t.user(w, ['viewer'], 'Just Left');
  for (const u of [leaver, heldLeaver, recentLeaver]) {
    expect((await t.post(`/api/v1/users/${u.userId}/deactivate`, {}, w.admin.token)).status).toBe(200);
  }
  await sql`update users set deactivated_at = now() - interval '400 days' where id in (${leaver.userId}, ${heldLeaver.userId})`.execute(
    db,
  );
  await sql`update users set deactivated_at = now() - interval '10 days' where id = ${recentLeaver.userId}`.execute(
    db,
  );
  expect(
    (await t.post(`/api/v1/users/${heldLeaver.userId}/legal-hold`, { reason: 'Tribunal' }, w.admin.token))
      .status,
  ).toBe(201);

  await t.post('/api/v1/locations', { code: 'OLD-KEY', name: 'Old key', kind: 'store' }, w.admin.token, {
    'idempotency-key': `old-key-${w.code}`,
  });
  await t.post('/api/v1/locations', { code: 'NEW-KEY', name: 'New key', kind: 'store' }, w.admin.token, {
    'idempotency-key': `new-key-${w.code}`,
  });
  await sql`update idempotency_keys set created_at = now() - interval '45 days'
    where tenant_id = ${w.id} and key = ${`old-key-${w.code}`}`.execute(db);

  const exp = await t.post<{ id: string }>('/api/v1/me/export', {}, freshSession.token);
  expect(exp.status).toBe(202);
  return { oldSession, freshSession, leaver, heldLeaver, recentLeaver, oldExport: exp.body.id };
}

describe('policies', () => {
  it('start at the defaults: sessions 90 days, request logs and idempotency keys 30, audit and ledger 10 years', async () => {
    const res = await t.get<{ data: Policy[] }>('/api/v1/retention-policies', ws.admin.token);
    expect(res.status, res.text).toBe(200);
    const days = Object.fromEntries(res.body.data.map((p) => [p.category, p.days]));
    expect(days).toEqual({
      sessions: 90,
      request_logs: 30,
      idempotency_keys: 30,
      deactivated_people: 365,
      exports: 30,
      audit: 3650,
      ledger: 3650,
    });
    expect(res.body.data.filter((p) => !p.enforced).map((p) => p.category)).toEqual(['audit', 'ledger']);
  });

  it('change per workspace, audited, and another workspace keeps its own', async () => {
    const res = await t.request<{ data: Policy[] }>(
      'PUT',
      '/api/v1/retention-policies',
      { policies: { deactivated_people: 180, audit: 4000 } },
      { token: ws.admin.token },
    );
    expect(res.status, res.text).toBe(200);
    expect(res.body.data.find((p) => p.category === 'deactivated_people')?.days).toBe(180);
    const theirs = await t.get<{ data: Policy[] }>('/api/v1/retention-policies', other.admin.token);
    expect(theirs.body.data.find((p) => p.category === 'deactivated_people')?.days).toBe(365);
    const audit = await t.get<{ data: { action: string }[] }>(
      '/api/v1/audit?action=privacy.retention_update',
      ws.admin.token,
    );
    expect(audit.body.data).toHaveLength(1);
  });

  it('refuse periods outside what a category allows, unknown categories, and non-admins', async () => {
    const short = await t.request(
      'PUT',
      '/api/v1/retention-policies',
      { policies: { audit: 30 } },
      { token: ws.admin.token },
    );
    expect(short.status).toBe(422);
    expect(short.body).toMatchObject({
      code: 'retention_out_of_range',
      errors: [{ path: '/policies/audit' }],
    });
    const unknown = await t.request(
      'PUT',
      '/api/v1/retention-policies',
      { policies: { photos: 3 } },
      { token: ws.admin.token },
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('validation_failed');
    const manager = await t.user(ws, ['manager']);
    expect((await t.get('/api/v1/retention-policies', manager.token)).status).toBe(403);
    expect((await t.get('/api/v1/retention-policies/dry-run', manager.token)).status).toBe(403);
  });
});

describe('a run', () => {
  let mine: Awaited<ReturnType<typeof seed>>;
  let theirs: Awaited<ReturnType<typeof seed>>;
  let dry: RetentionReport;
  let real: RetentionReport;

  beforeAll(async () => {
    mine = await seed(ws);
    theirs = await seed(other);
    // Let the export job finish so its row is settled before planning.
    await new Promise((r) => setTimeout(r, 200));
    await sql`update export_jobs set created_at = now() - interval '40 days' where id = ${mine.oldExport}`.execute(
      t.db.db,
    );
    const d = await t.get<RetentionReport>('/api/v1/retention-policies/dry-run', ws.admin.token);
    expect(d.status, d.text).toBe(200);
    dry = d.body;
    const r = await t.post<RetentionReport>('/api/v1/retention-policies/run', {}, ws.admin.token);
    expect(r.status, r.text).toBe(200);
    real = r.body;
  });

  const strip = (r: RetentionReport) => r.categories.map(({ cutoff: _c, ...rest }) => rest);

  it('removes exactly what the dry run reported', () => {
    expect(dry.dryRun).toBe(true);
    expect(real.dryRun).toBe(false);
    expect(strip(real)).toEqual(strip(dry));
    const counts = Object.fromEntries(real.categories.map((c) => [c.category, c.count]));
    expect(counts).toEqual({
      sessions: 1,
      request_logs: 0,
      idempotency_keys: 1,
      deactivated_people: 1,
      exports: 1,
      audit: 0,
      ledger: 0,
    });
    expect(real.categories.find((c) => c.category === 'deactivated_people')).toMatchObject({
      ids: [mine.leaver.userId],
      held: 1,
    });
  });

  it('deleted the ended session, the old key and the old export, and kept the fresh ones', async () => {
    const db = t.db.db;
    const n = async (q: ReturnType<typeof sql<{ n: number }>>) => (await q.execute(db)).rows[0]?.n;
    expect(
      await n(sql`select count(*)::int as n from sessions where user_id = ${mine.oldSession.userId}`),
    ).toBe(0);
    expect(
      await n(sql`select count(*)::int as n from sessions where user_id = ${mine.freshSession.userId}`),
    ).toBe(1);
    expect(
      await n(
        sql`select count(*)::int as n from idempotency_keys where tenant_id = ${ws.id} and key like 'old-key-%'`,
      ),
    ).toBe(0);
    expect(
      await n(
        sql`select count(*)::int as n from idempotency_keys where tenant_id = ${ws.id} and key like 'new-key-%'`,
      ),
    ).toBe(1);
    expect(await n(sql`select count(*)::int as n from export_jobs where id = ${mine.oldExport}`)).toBe(0);
  });

  it('anonymised the long-gone person, but not the one under a legal hold or the one who just left', async () => {
    const name = async (id: string) =>
      (await t.get<{ name: string }>(`/api/v1/users/${id}`, ws.admin.token)).body.name;
    expect(await name(mine.leaver.userId)).toMatch(/^Former user [0-9a-f]{4}$/);
    expect(await name(mine.heldLeaver.userId)).toBe('Gone But Held');
    expect(await name(mine.recentLeaver.userId)).toBe('Just Left');
    const erase = await t.get<{ data: { actorKind: string }[] }>(
      `/api/v1/audit?entity=user&entityId=${mine.leaver.userId}&action=user.erase`,
      ws.admin.token,
    );
    expect(erase.body.data).toHaveLength(1);
  });

  it('left the other workspace alone', async () => {
    const name = async (id: string) =>
      (await t.get<{ name: string }>(`/api/v1/users/${id}`, other.admin.token)).body.name;
    expect(await name(theirs.leaver.userId)).toBe('Long Gone');
    const sessions = await sql<{
      n: number;
    }>`select count(*)::int as n from sessions where user_id = ${theirs.oldSession.userId}`.execute(t.db.db);
    expect(sessions.rows[0]?.n).toBe(1);
    const theirSession = await sql<{
      id: string;
    }>`select id from sessions where user_id = ${theirs.oldSession.userId}`.execute(t.db.db);
    const dryOther = await t.get<RetentionReport>('/api/v1/retention-policies/dry-run', other.admin.token);
    expect(dryOther.body.categories.find((c) => c.category === 'sessions')?.ids).toEqual([
      theirSession.rows[0]?.id,
    ]);
  });

  it('leaves nothing for an immediate second run, and the audit chain verifies', async () => {
    const again = await t.get<RetentionReport>('/api/v1/retention-policies/dry-run', ws.admin.token);
    expect(again.body.categories.every((c) => c.count === 0)).toBe(true);
    expect((await t.get<{ ok: boolean }>('/api/v1/audit/verify', ws.admin.token)).body.ok).toBe(true);
  });
});

describe('request logs', () => {
  it('lose their address and device after the period; the events stay and the chain verifies', async () => {
    const ctx = systemContext(ws.id);
    const later = new Date(Date.now() + 31 * DAY);
    const dry = await retentionDryRun(t.db.db, ctx, later);
    const planned = dry.categories.find((c) => c.category === 'request_logs')!;
    expect(planned.count).toBeGreaterThan(5);
    const before = await sql<{
      n: number;
    }>`select count(*)::int as n from audit_events where tenant_id = ${ws.id}`.execute(t.db.db);
    const real = await runRetention(t.db.db, ctx, { asOf: later, force: true });
    expect(real?.categories.find((c) => c.category === 'request_logs')).toEqual(planned);
    const left = await sql<{
      n: number;
      total: number;
    }>`select count(*) filter (where ip is not null or device is not null)::int as n,
        count(*)::int as total
      from audit_events where tenant_id = ${ws.id} and at < ${new Date(later.getTime() - 30 * DAY)}`.execute(
      t.db.db,
    );
    expect(left.rows[0]?.n).toBe(0);
    // Every event is still there, plus the run's own record of what it did.
    expect(left.rows[0]?.total).toBe((before.rows[0]?.n ?? 0) + 1);
    expect((await t.get<{ ok: boolean }>('/api/v1/audit/verify', ws.admin.token)).body.ok).toBe(true);
  });
});

describe('the lease', () => {
  it('lets exactly one of two processes take a workspace at a time, and the other once it is released', async () => {
    const w = await t.workspace();
    const results = await Promise.all([
      acquireRetentionLease(t.db.db, w.id, 'process-a', { force: true }),
      acquireRetentionLease(t.db.db, w.id, 'process-b', { force: true }),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = results[0] ? 'process-a' : 'process-b';
    const loser = results[0] ? 'process-b' : 'process-a';
    // The holder may renew; the other may not while the lease lasts.
    expect(await acquireRetentionLease(t.db.db, w.id, winner, { force: true })).toBe(true);
    expect(await acquireRetentionLease(t.db.db, w.id, loser, { force: true })).toBe(false);
    // A crashed holder's lease expires and another process takes over.
    await sql`update retention_schedule set lease_expires_at = now() - interval '1 second' where tenant_id = ${w.id}`.execute(
      t.db.db,
    );
    expect(await acquireRetentionLease(t.db.db, w.id, loser, { force: true })).toBe(true);
  });

  it('a run refuses to start while another process holds the lease (409 retention_running)', async () => {
    expect(await acquireRetentionLease(t.db.db, other.id, 'some-other-process', { force: true })).toBe(true);
    const res = await t.post('/api/v1/retention-policies/run', {}, other.admin.token);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('retention_running');
    await sql`update retention_schedule set lease_expires_at = null where tenant_id = ${other.id}`.execute(
      t.db.db,
    );
  });

  it('the scheduled job runs each workspace once per interval, concurrently from two processes', async () => {
    await sql`delete from retention_schedule`.execute(t.db.db);
    const [a, b] = await Promise.all([
      runDueRetention(t.db.db, { holder: 'process-a', intervalMs: 3_600_000 }),
      runDueRetention(t.db.db, { holder: 'process-b', intervalMs: 3_600_000 }),
    ]);
    const workspaces = await sql<{ n: number }>`select count(*)::int as n from workspaces`.execute(t.db.db);
    expect(a + b).toBe(workspaces.rows[0]?.n);
    expect(await runDueRetention(t.db.db, { holder: 'process-c', intervalMs: 3_600_000 })).toBe(0);
  });
});
