// The published privacy policy: admins publish versions (all kept), anyone reads the current one by
// workspace code without signing in, a material change notifies everyone and asks each person to
// acknowledge it, and one workspace's policy never shows in another.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestWorkspace } from '../../testing/harness.ts';

interface Policy {
  version: number;
  effectiveDate: string;
  text: string;
  material: boolean;
  upcoming?: { version: number; effectiveDate: string } | null;
}
interface Status {
  current: Policy | null;
  latestVersion: number | null;
  acknowledgedVersion: number | null;
  acknowledgeRequired: boolean;
}

let t: TestApp;
let ws: TestWorkspace;
let other: TestWorkspace;

function publish(body: Record<string, unknown>, token = ws.admin.token) {
  return t.post<Policy & { code?: string }>('/api/v1/privacy-policy', body, token);
}

function isoDay(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

beforeAll(async () => {
  t = await startTestApp();
  ws = await t.workspace();
  other = await t.workspace();
});
afterAll(() => t.close());

describe('publishing', () => {
  it('is for admins; bad input is a problem with a stable code', async () => {
    const operator = await t.user(ws, ['operator']);
    const refused = await publish({ text: 'x', effectiveDate: isoDay(0), material: false }, operator.token);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('forbidden');
    for (const body of [
      { text: '', effectiveDate: isoDay(0), material: false },
      { text: 'x', effectiveDate: 'soon', material: false },
      { text: 'x', effectiveDate: isoDay(0) },
      { text: 'x', effectiveDate: isoDay(0), material: false, extra: 1 },
    ]) {
      const res = await publish(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    }
    expect((await t.get(`/api/v1/workspaces/${ws.code}/privacy-policy`)).status).toBe(404);
  });

  it('keeps every version; the public endpoint serves the one in effect, and names the next', async () => {
    const first = await publish({ text: '# Policy v1', effectiveDate: isoDay(-30), material: false });
    expect(first.status, first.text).toBe(201);
    expect(first.body).toMatchObject({
      version: 1,
      effectiveDate: isoDay(-30),
      text: '# Policy v1',
      material: false,
    });

    // No sign-in: the phone app shows it before login.
    const current = await t.get<Policy>(`/api/v1/workspaces/${ws.code}/privacy-policy`);
    expect(current.status, current.text).toBe(200);
    expect(current.body).toMatchObject({
      version: 1,
      effectiveDate: isoDay(-30),
      text: '# Policy v1',
      upcoming: null,
    });

    const second = await publish({ text: '# Policy v2', effectiveDate: isoDay(14), material: false });
    expect(second.body.version).toBe(2);
    const still = await t.get<Policy>(`/api/v1/workspaces/${ws.code}/privacy-policy`);
    expect(still.body).toMatchObject({ version: 1, upcoming: { version: 2, effectiveDate: isoDay(14) } });

    const versions = await t.get<{ data: Policy[] }>('/api/v1/privacy-policy/versions', ws.admin.token);
    expect(versions.body.data.map((v) => v.version)).toEqual([2, 1]);

    // Another workspace has none; an unknown code is not found.
    expect((await t.get<{ code: string }>(`/api/v1/workspaces/${other.code}/privacy-policy`)).body.code).toBe(
      'privacy_policy_not_found',
    );
    expect((await t.get<{ code: string }>('/api/v1/workspaces/no-such-ws/privacy-policy')).body.code).toBe(
      'workspace_not_found',
    );
  });

  it('never changes a published version, even through SQL', async () => {
    await expect(
      sql`update privacy_policies set text = 'rewritten' where tenant_id = ${ws.id}`.execute(t.db.db),
    ).rejects.toThrow(/append-only/);
  });
});

describe('a material change', () => {
  it('notifies everyone and asks each person to acknowledge until they do', async () => {
    const alice = await t.user(ws, ['operator']);
    const bob = await t.user(ws, ['viewer']);
    const stranger = await t.user(other, ['operator']);
    const status = async (token: string) => (await t.get<Status>('/api/v1/me/privacy-policy', token)).body;

    expect((await status(alice.token)).acknowledgeRequired).toBe(false);
    const res = await publish({
      text: '# Policy v3: we now keep scans longer',
      effectiveDate: isoDay(7),
      material: true,
    });
    expect(res.status, res.text).toBe(201);
    const version = res.body.version;

    for (const person of [alice, bob]) {
      const notes = await t.get<{ data: { kind: string; category: string }[] }>(
        '/api/v1/notifications',
        person.token,
      );
      expect(notes.body.data).toContainEqual(
        expect.objectContaining({ kind: 'announcements.privacy_policy', category: 'announcements' }),
      );
      expect(await status(person.token)).toMatchObject({ latestVersion: version, acknowledgeRequired: true });
    }
    // Nobody in another workspace hears of it.
    const strangerNotes = await t.get<{ data: unknown[] }>('/api/v1/notifications', stranger.token);
    expect(strangerNotes.body.data).toEqual([]);
    expect(await status(stranger.token)).toMatchObject({ current: null, acknowledgeRequired: false });

    const ack = await t.post<Status>('/api/v1/me/privacy-policy/acknowledge', { version }, alice.token);
    expect(ack.status, ack.text).toBe(200);
    expect(ack.body).toMatchObject({ acknowledgedVersion: version, acknowledgeRequired: false });
    expect((await status(alice.token)).acknowledgeRequired).toBe(false);
    expect((await status(bob.token)).acknowledgeRequired).toBe(true);

    // Acknowledging twice is harmless; a version that does not exist (here or at all) is refused.
    expect((await t.post('/api/v1/me/privacy-policy/acknowledge', { version }, alice.token)).status).toBe(
      200,
    );
    const missing = await t.post<{ code: string }>(
      '/api/v1/me/privacy-policy/acknowledge',
      { version: 99 },
      bob.token,
    );
    expect(missing.status).toBe(422);
    expect(missing.body.code).toBe('privacy_policy_version_not_found');
    const foreign = await t.post<{ code: string }>(
      '/api/v1/me/privacy-policy/acknowledge',
      { version },
      stranger.token,
    );
    expect(foreign.body.code).toBe('privacy_policy_version_not_found');

    // A later non-material edit does not ask again.
    await publish({ text: '# Policy v4: typo fixed', effectiveDate: isoDay(7), material: false });
    expect((await status(alice.token)).acknowledgeRequired).toBe(false);

    // Publishing and acknowledging are audited.
    await t.get('/api/v1/audit/verify', ws.admin.token);
    const audit = await t.get<{ data: { action: string }[] }>('/api/v1/audit?limit=200', ws.admin.token);
    const actions = audit.body.data.map((e) => e.action);
    expect(actions).toContain('privacy_policy.publish');
    expect(actions).toContain('privacy_policy.acknowledge');
  });
});
