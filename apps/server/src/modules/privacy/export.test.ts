// Access and copy: a person downloads everything OpsLedger holds about them as a ZIP of JSON and
// CSV per category, through a job and a link that works once, for the person who asked, before it
// expires; an admin can do the same for anyone in their workspace and no one else's; both audited;
// a pending export survives a restart.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { type SignedIn, startTestApp, type TestApp, type TestWorkspace } from '../../testing/harness.ts';
import {
  type BusyPerson,
  busyPerson,
  DEVICE,
  downloadZip,
  setUpFloor,
  waitForExport,
} from './test-support.ts';

let t: TestApp;
let ws: TestWorkspace;
let other: TestWorkspace;
let person: BusyPerson;
let colleague: BusyPerson;
let outsider: SignedIn;

beforeAll(async () => {
  t = await startTestApp();
  ws = await t.workspace();
  other = await t.workspace();
  await setUpFloor(t, ws);
  person = await busyPerson(t, ws, 'Export');
  colleague = await busyPerson(t, ws, 'Colleague');
  outsider = await t.user(other, ['manager'], 'Outsider Person');
  const prefs = await sql<{
    t: string | null;
  }>`select to_regclass('notification_preferences')::text as t`.execute(t.db.db);
  if (prefs.rows[0]?.t) {
    await sql`insert into notification_preferences (tenant_id, user_id, category, in_app, email)
      values (${ws.id}, ${person.userId}, 'operations', true, false)`.execute(t.db.db);
  }
});
afterAll(() => t.close());

async function exportFor(url: string, token: string) {
  const res = await t.post<{ id: string; status: string }>(url, {}, token);
  expect(res.status, res.text).toBe(202);
  expect(res.body.status).toBe('pending');
  const done = await waitForExport(t, res.body.id, token);
  expect(done.status).toBe('ready');
  expect(done.downloadUrl).toBe(`/api/v1/exports/${res.body.id}/download`);
  return { id: res.body.id, url: done.downloadUrl! };
}

describe('a person exporting their own data', () => {
  let files: Record<string, string>;
  let exportId: string;

  beforeAll(async () => {
    const e = await exportFor('/api/v1/me/export', person.token);
    exportId = e.id;
    files = await downloadZip(t, e.url, person.token);
  });

  it('gets a ZIP with a manifest and a JSON and a CSV file per section, grouped by category', () => {
    const manifest = JSON.parse(files['manifest.json']!) as {
      subjectUserId: string;
      files: { category: string; name: string; json: string; csv: string; rows: number }[];
    };
    expect(manifest.subjectUserId).toBe(person.userId);
    for (const f of manifest.files) {
      expect(files[f.json], f.json).toBeDefined();
      expect(files[f.csv], f.csv).toBeDefined();
      expect(JSON.parse(files[f.json]!)).toHaveLength(f.rows);
      expect(['identity', 'contact', 'employment', 'device', 'usage']).toContain(f.category);
    }
    expect(manifest.files.map((f) => f.json)).toEqual(
      expect.arrayContaining([
        'identity/profile.json',
        'device/sessions_and_devices.json',
        'usage/audit_events_by_you.json',
        'usage/movements.json',
        'usage/scans.json',
        'usage/production_step_events.json',
      ]),
    );
  });

  it('holds their profile: name, email, phone and roles', () => {
    const [profile] = JSON.parse(files['identity/profile.json']!) as Record<string, unknown>[];
    expect(profile).toMatchObject({
      id: person.userId,
      email: person.email,
      name: person.name,
      phone: person.phone,
      roles: ['manager'],
    });
    expect(files['identity/profile.csv']).toContain(person.email);
  });

  it('holds their sessions with the devices they signed in from', () => {
    const sessions = JSON.parse(files['device/sessions_and_devices.json']!) as Record<string, unknown>[];
    expect(sessions).toHaveLength(2);
    expect(sessions).toEqual(
      expect.arrayContaining([expect.objectContaining({ deviceType: DEVICE.type, os: DEVICE.os })]),
    );
  });

  it('holds every movement, scan and production step they booked, and nothing of anyone else', () => {
    const movements = JSON.parse(files['usage/movements.json']!) as { id: string; sku: string }[];
    // Their four bookings plus the stock the completion consumed and produced on their behalf.
    expect(movements.map((m) => m.id)).toEqual(expect.arrayContaining(person.movementIds));
    expect(movements.every((m) => m.sku.startsWith(person.sku))).toBe(true);
    const scans = JSON.parse(files['usage/scans.json']!) as { scanText: string }[];
    expect(scans.map((s) => s.scanText)).toEqual([`]C1${person.sku}`]);
    const steps = JSON.parse(files['usage/production_step_events.json']!) as { action: string }[];
    expect(steps.map((s) => s.action)).toEqual(['start', 'complete']);
    const all = Object.values(files).join('\n');
    expect(all).not.toContain(colleague.email);
    expect(all).not.toContain(colleague.name);
    expect(all).not.toContain(colleague.userId);
    expect(all).not.toContain(colleague.sku);
  });

  it('holds the audit events they caused and their notification preferences', () => {
    const audit = JSON.parse(files['usage/audit_events_by_you.json']!) as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['user.profile_update', 'movement.receive', 'privacy.export_own']),
    );
    if (files['usage/notification_preferences.json']) {
      expect(JSON.parse(files['usage/notification_preferences.json'])).toEqual([
        expect.objectContaining({ category: 'operations', inApp: true, email: false }),
      ]);
    }
  });

  it('can download it only once; the file is gone from the database afterwards', async () => {
    const again = await t.get(`/api/v1/exports/${exportId}/download`, person.token);
    expect(again.status).toBe(410);
    expect(again.body.code).toBe('export_gone');
    expect((await t.get<{ status: string }>(`/api/v1/exports/${exportId}`, person.token)).body.status).toBe(
      'downloaded',
    );
    const row = await sql<{ file: unknown }>`select file from export_jobs where id = ${exportId}`.execute(
      t.db.db,
    );
    expect(row.rows[0]?.file).toBeNull();
  });

  it('records the request and the download in the audit trail', async () => {
    const res = await t.get<{ data: { action: string; actor: string; entityId: string }[] }>(
      `/api/v1/audit?entity=user&entityId=${person.userId}&limit=200`,
      ws.admin.token,
    );
    const mine = res.body.data.filter((e) => e.actor === person.userId).map((e) => e.action);
    expect(mine).toEqual(expect.arrayContaining(['privacy.export_own', 'privacy.export_download']));
  });
});

describe('the download link', () => {
  it('works only for the person who asked', async () => {
    const res = await t.post<{ id: string }>('/api/v1/me/export', {}, colleague.token);
    const done = await waitForExport(t, res.body.id, colleague.token);
    for (const token of [person.token, ws.admin.token, outsider.token]) {
      expect((await t.get(`/api/v1/exports/${res.body.id}`, token)).status).toBe(404);
      const dl = await t.get(done.downloadUrl!, token);
      expect(dl.status).toBe(404);
      expect(dl.body.code).toBe('export_not_found');
    }
    // Nobody else's attempt spent it.
    expect(
      (await t.get<{ status: string }>(`/api/v1/exports/${res.body.id}`, colleague.token)).body.status,
    ).toBe('ready');
  });

  it('hands the file to exactly one of two simultaneous downloads', async () => {
    const res = await t.post<{ id: string }>('/api/v1/me/export', {}, colleague.token);
    const done = await waitForExport(t, res.body.id, colleague.token);
    const both = await Promise.all([
      t.get(done.downloadUrl!, colleague.token),
      t.get(done.downloadUrl!, colleague.token),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 410]);
  });

  it('expires: after its time it answers 410 and reports expired', async () => {
    const res = await t.post<{ id: string }>('/api/v1/me/export', {}, colleague.token);
    await waitForExport(t, res.body.id, colleague.token);
    await sql`update export_jobs set expires_at = now() - interval '1 second' where id = ${res.body.id}`.execute(
      t.db.db,
    );
    expect(
      (await t.get<{ status: string }>(`/api/v1/exports/${res.body.id}`, colleague.token)).body,
    ).toMatchObject({
      status: 'expired',
    });
    const dl = await t.get(`/api/v1/exports/${res.body.id}/download`, colleague.token);
    expect(dl.status).toBe(410);
    expect(dl.headers['content-type']).toContain('application/problem+json');
  });
});

describe("an admin's subject-access request", () => {
  it('exports any person of the workspace, for the admin to hand over, and is audited', async () => {
    const e = await exportFor(`/api/v1/users/${person.userId}/export`, ws.admin.token);
    const files = await downloadZip(t, e.url, ws.admin.token);
    const [profile] = JSON.parse(files['identity/profile.json']!) as { email: string }[];
    expect(profile?.email).toBe(person.email);
    expect(Object.values(files).join('\n')).not.toContain(ws.admin.email);
    const audit = await t.get<{ data: { action: string; actor: string }[] }>(
      `/api/v1/audit?entity=user&entityId=${person.userId}&action=privacy.export_user`,
      ws.admin.token,
    );
    expect(audit.body.data).toEqual([expect.objectContaining({ actor: ws.admin.userId })]);
  });

  it('is refused to people without privacy.export_any (403) and for another workspace (404)', async () => {
    const refused = await t.post(`/api/v1/users/${person.userId}/export`, {}, colleague.token);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('forbidden');
    const foreign = await t.post(`/api/v1/users/${person.userId}/export`, {}, other.admin.token);
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('user_not_found');
    const count = await sql<{
      n: number;
    }>`select count(*)::int as n from export_jobs where tenant_id = ${other.id}`.execute(t.db.db);
    expect(count.rows[0]?.n).toBe(0);
  });

  it('answers problem+json with a stable code for a malformed id', async () => {
    const res = await t.post('/api/v1/users/not-a-uuid/export', {}, ws.admin.token);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
  });
});

describe('limits', () => {
  it('refuses more than 10 exports an hour by the same person with 429', async () => {
    const someone = await t.user(ws, ['viewer'], 'Often Exports');
    let last = 0;
    for (let i = 0; i < 11; i++) last = (await t.post('/api/v1/me/export', {}, someone.token)).status;
    expect(last).toBe(429);
  });
});

describe('surviving a restart', () => {
  it('builds an export that was committed but never built, in the next server process', async () => {
    // A request that committed just before its process stopped: the row is there, pending.
    const res = await t.post<{ id: string }>('/api/v1/me/export', {}, colleague.token);
    await waitForExport(t, res.body.id, colleague.token);
    await sql`update export_jobs set status = 'pending', file = null, ready_at = null, expires_at = null
      where id = ${res.body.id}`.execute(t.db.db);

    const second = await buildApp({
      config: { ...t.config, auditSealIntervalMs: 50 },
      database: t.db,
      logger: false,
    });
    await second.ready();
    try {
      const until = Date.now() + 10_000;
      let status = 'pending';
      while (status === 'pending' && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 100));
        const row = await sql<{
          status: string;
        }>`select status from export_jobs where id = ${res.body.id}`.execute(t.db.db);
        status = row.rows[0]!.status;
      }
      expect(status).toBe('ready');
    } finally {
      await second.close();
    }
    const files = await downloadZip(t, `/api/v1/exports/${res.body.id}/download`, colleague.token);
    expect(files['manifest.json']).toContain(colleague.userId);
  });
});
