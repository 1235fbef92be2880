// Correction: people edit their own name and phone; anything else (their sign-in email, or a
// detail without its own field) goes to an admin as a request that is approved — and applied — or
// rejected, with a reason. Every step is audited without the personal values themselves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SignedIn, startTestApp, type TestApp, type TestWorkspace } from '../../testing/harness.ts';

interface Correction {
  id: string;
  userId: string;
  field: string;
  value: string | null;
  status: string;
  decidedBy: string | null;
  decisionReason: string | null;
}

let t: TestApp;
let ws: TestWorkspace;
let other: TestWorkspace;
let worker: SignedIn;

beforeAll(async () => {
  t = await startTestApp();
  ws = await t.workspace();
  other = await t.workspace();
  worker = await t.user(ws, ['operator'], 'Jon Smiht');
});
afterAll(() => t.close());

async function auditActions(entityId: string) {
  const res = await t.get<{ data: { action: string; summary: unknown }[] }>(
    `/api/v1/audit?entityId=${entityId}&limit=100`,
    ws.admin.token,
  );
  return res.body.data;
}

describe('correcting your own name and phone', () => {
  it('PATCH /me changes them and answers the corrected profile', async () => {
    const res = await t.request<{ name: string; phone: string }>(
      'PATCH',
      '/api/v1/me',
      { name: 'Jon Smith', phone: '+44 20 7946 0958' },
      { token: worker.token },
    );
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ name: 'Jon Smith', phone: '+44 20 7946 0958' });
    expect((await t.get<{ name: string }>('/api/v1/me', worker.token)).body.name).toBe('Jon Smith');
  });

  it('is audited with the fields that changed, never their values', async () => {
    const events = await auditActions(worker.userId);
    const update = events.find((e) => e.action === 'user.profile_update');
    expect(update?.summary).toMatchObject({ changed: ['name', 'phone'] });
    // What people and actions recorded, not the hashes: a 4-digit fragment of the phone number turns
    // up in a random SHA-256 hex string now and then.
    const recorded = JSON.stringify(events.map((e) => e.summary));
    expect(recorded).not.toContain('7946');
    expect(recorded).not.toContain('Jon Smith');
  });

  it('refuses other fields and bad values with problem+json', async () => {
    const email = await t.request('PATCH', '/api/v1/me', { email: 'me@else.test' }, { token: worker.token });
    expect(email.status).toBe(400);
    expect(email.body.code).toBe('validation_failed');
    const phone = await t.request('PATCH', '/api/v1/me', { phone: 'call me maybe' }, { token: worker.token });
    expect(phone.status).toBe(400);
    expect(phone.headers['content-type']).toContain('application/problem+json');
  });
});

describe('asking an admin to correct the rest', () => {
  let request: Correction;

  it('files a request for the sign-in email, visible to the person and to admins', async () => {
    const res = await t.post<Correction>(
      '/api/v1/correction-requests',
      { field: 'email', value: 'Jon.Smith@Example.test', note: 'Misspelt when my account was made' },
      worker.token,
    );
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ field: 'email', value: 'jon.smith@example.test', status: 'pending' });
    request = res.body;
    const mine = await t.get<{ data: Correction[] }>('/api/v1/correction-requests', worker.token);
    expect(mine.body.data.map((c) => c.id)).toEqual([request.id]);
    const all = await t.get<{ data: Correction[] }>(
      '/api/v1/correction-requests?status=pending',
      ws.admin.token,
    );
    expect(all.body.data.map((c) => c.id)).toContain(request.id);
  });

  it('cannot be decided by the person themselves (403) or by another workspace (404)', async () => {
    const self = await t.post(
      `/api/v1/correction-requests/${request.id}/decide`,
      { approve: true, reason: 'x' },
      worker.token,
    );
    expect(self.status).toBe(403);
    const foreign = await t.post(
      `/api/v1/correction-requests/${request.id}/decide`,
      { approve: true, reason: 'x' },
      other.admin.token,
    );
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('correction_not_found');
    const list = await t.get<{ data: Correction[] }>('/api/v1/correction-requests', other.admin.token);
    expect(list.body.data).toEqual([]);
  });

  it('once approved, applies the new email in the same step (the person signs in with it)', async () => {
    const res = await t.post<Correction>(
      `/api/v1/correction-requests/${request.id}/decide`,
      { approve: true, reason: 'Matches the HR record' },
      ws.admin.token,
    );
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      status: 'approved',
      decidedBy: ws.admin.userId,
      decisionReason: 'Matches the HR record',
    });
    expect((await t.login(ws.code, 'jon.smith@example.test', worker.password)).status).toBe(200);
    const again = await t.post(
      `/api/v1/correction-requests/${request.id}/decide`,
      { approve: false, reason: 'x' },
      ws.admin.token,
    );
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('already_decided');
  });

  it('a rejection keeps the data as it was and says why', async () => {
    const asked = await t.post<Correction>(
      '/api/v1/correction-requests',
      { field: 'other', value: 'Start date 2024-03-01', note: 'Employment start is wrong' },
      worker.token,
    );
    expect(asked.status).toBe(201);
    const res = await t.post<Correction>(
      `/api/v1/correction-requests/${asked.body.id}/decide`,
      { approve: false, reason: 'Contract says 2024-04-01' },
      ws.admin.token,
    );
    expect(res.body).toMatchObject({ status: 'rejected', decisionReason: 'Contract says 2024-04-01' });
    const mine = await t.get<{ data: Correction[] }>('/api/v1/correction-requests', worker.token);
    expect(mine.body.data.find((c) => c.id === asked.body.id)?.status).toBe('rejected');
  });

  it('an approval that would clash with another account is refused and changes nothing', async () => {
    const asked = await t.post<Correction>(
      '/api/v1/correction-requests',
      { field: 'email', value: ws.admin.email, note: 'mine' },
      worker.token,
    );
    const res = await t.post(
      `/api/v1/correction-requests/${asked.body.id}/decide`,
      { approve: true, reason: 'ok' },
      ws.admin.token,
    );
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('email_taken');
    const still = await t.get<{ data: Correction[] }>(
      '/api/v1/correction-requests?status=pending',
      ws.admin.token,
    );
    expect(still.body.data.map((c) => c.id)).toContain(asked.body.id);
  });

  it('is audited: request and decision, with the field but not the value', async () => {
    const events = await t.get<{ data: { action: string; summary: unknown }[] }>(
      '/api/v1/audit?entity=correction_request&limit=100',
      ws.admin.token,
    );
    const actions = events.body.data.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'privacy.correction_request',
        'privacy.correction_approve',
        'privacy.correction_reject',
      ]),
    );
    expect(JSON.stringify(events.body.data)).not.toContain('jon.smith@example.test');
  });

  it('validates the request: unknown field, bad email, missing note', async () => {
    const cases = [
      [{ field: 'salary', value: '1', note: '' }, 400, 'validation_failed'],
      [{ field: 'email', value: 'not an email', note: '' }, 422, 'invalid_correction_value'],
      [{ field: 'email', value: 'a@b.test' }, 400, 'validation_failed'],
    ] as const;
    for (const [body, status, code] of cases) {
      const res = await t.post('/api/v1/correction-requests', body, worker.token);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.code).toBe(code);
    }
  });
});
