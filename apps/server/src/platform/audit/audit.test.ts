// The audit trail: every write leaves an attributable event, the hash chain exposes any change made
// behind the application's back (even by a database superuser who bypasses the append-only trigger),
// and signed checkpoints catch an attacker who rewrites the whole chain consistently.
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../db/schema.ts';
import {
  engine,
  holdLocks,
  startTestApp,
  type TestApp,
  type TestWorkspace,
  uniqueCode,
} from '../../testing/harness.ts';
import { eventHash, genesisHash, sealWorkspace, verifyChain } from './chain.ts';

interface AuditEventView {
  id: string;
  seq: number;
  at: string;
  actor: string | null;
  actorKind: string;
  action: string;
  entity: string;
  entityId: string | null;
  summary: Record<string, unknown>;
  requestId: string | null;
  device: unknown;
  ip: string | null;
  chainIndex: number | null;
  hash: string | null;
}
interface AuditPage {
  data: AuditEventView[];
  nextCursor: string | null;
}
interface VerifyBody {
  ok: boolean;
  events: number;
  head: { chainIndex: number; hash: string };
  broken?: { chainIndex: number; eventId: string | null; reason: string };
}
interface CheckpointBody {
  checkpoint: string;
  workspaceId: string;
  chainIndex: number;
  hash: string;
  at: string;
}
interface StoredEvent {
  seq: number;
  tenant_id: string;
  id: string;
  at: Date;
  actor_id: string | null;
  actor_kind: string;
  action: string;
  entity: string;
  entity_id: string | null;
  summary: unknown;
  request_id: string | null;
  chain_index: number;
  hash: string;
}

let t: TestApp;
let owner: Kysely<DB>;

beforeAll(async () => {
  t = await startTestApp();
  owner = t.db.db;
});
afterAll(() => t.close());

async function auditOf(token: string, query = ''): Promise<AuditEventView[]> {
  const res = await t.get<AuditPage>(`/api/v1/audit?limit=500${query}`, token);
  expect(res.status).toBe(200);
  return res.body.data;
}

async function verify(token: string, checkpoint?: string) {
  return checkpoint === undefined
    ? t.get<VerifyBody>('/api/v1/audit/verify', token)
    : t.request<VerifyBody>('POST', '/api/v1/audit/verify', { checkpoint }, { token });
}

async function createUsers(ws: TestWorkspace, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await t.post<{ id: string }>(
      '/api/v1/users',
      { email: `${uniqueCode('p')}@example.test`, name: `Person ${i}`, roles: ['operator'] },
      ws.admin.token,
    );
    expect(res.status).toBe(201);
    ids.push(res.body.id);
  }
  return ids;
}

/** The workspace's sealed events as the database holds them, in chain order (read as the owner). */
async function storedChain(tenantId: string): Promise<StoredEvent[]> {
  await sealWorkspace(owner, tenantId);
  const rows = await sql<StoredEvent>`
    select seq, tenant_id, id, at, actor_id, actor_kind, action, entity, entity_id, summary, request_id,
           chain_index, hash
    from audit_events where tenant_id = ${tenantId} and chain_index is not null
    order by chain_index`.execute(owner);
  return rows.rows.map((r) => ({ ...r, seq: Number(r.seq), chain_index: Number(r.chain_index) }));
}

/** Runs SQL as a superuser with the append-only trigger switched off: the realistic tamper scenario. */
async function tamper(work: (tx: Kysely<DB>) => Promise<void>): Promise<void> {
  await owner.transaction().execute(async (tx) => {
    await sql`set local session_replication_role = replica`.execute(tx);
    await work(tx);
  });
}

/** Recomputes every hash and the head after a change, as an attacker who knows the algorithm would. */
async function rewriteChainConsistently(tx: Kysely<DB>, tenantId: string): Promise<void> {
  const rows = await sql<StoredEvent>`
    select seq, tenant_id, id, at, actor_id, actor_kind, action, entity, entity_id, summary, request_id,
           chain_index, hash
    from audit_events where tenant_id = ${tenantId} and chain_index is not null
    order by chain_index`.execute(tx);
  let prev = genesisHash(tenantId);
  let last = 0;
  for (const row of rows.rows) {
    last = Number(row.chain_index);
    prev = eventHash(prev, last, row);
    await sql`update audit_events set hash = ${prev} where tenant_id = ${tenantId} and seq = ${row.seq}`.execute(
      tx,
    );
  }
  await sql`update audit_heads set chain_index = ${last}, hash = ${prev} where tenant_id = ${tenantId}`.execute(
    tx,
  );
}

function middleEvent(chain: StoredEvent[], action: string): StoredEvent {
  const candidates = chain.filter((e) => e.action === action && e.chain_index < chain.length);
  const event = candidates[Math.floor(candidates.length / 2)];
  if (!event) throw new Error(`no ${action} event in the middle of the chain`);
  return event;
}

describe('recording', () => {
  it('records a user creation with actor, entity, request id and client address', async () => {
    const ws = await t.workspace();
    const created = await t.request<{ id: string }>(
      'POST',
      '/api/v1/users',
      { email: `${uniqueCode('rec')}@example.test`, name: 'Rita Receiver', roles: ['operator'] },
      { token: ws.admin.token, ip: '203.0.113.9' },
    );
    expect(created.status).toBe(201);

    const events = await auditOf(ws.admin.token, `&action=user.create&entityId=${created.body.id}`);
    expect(events).toHaveLength(1);
    const event = events[0]!;
    expect(event).toMatchObject({
      action: 'user.create',
      actor: ws.admin.userId,
      actorKind: 'user',
      entity: 'user',
      entityId: created.body.id,
      ip: '203.0.113.9',
      summary: { roles: ['operator'] },
    });
    expect(event.chainIndex).toEqual(expect.any(Number));
    expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
    // The request id is the one the request was logged under, so the log line and the event join up.
    expect(event.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const logged = t.logs
      .entries()
      .find(
        (l) =>
          l.reqId === event.requestId && (l.req as { url?: string } | undefined)?.url === '/api/v1/users',
      );
    expect(logged).toBeDefined();
  });

  it('records a sign-in as auth.login for the session it opened', async () => {
    const ws = await t.workspace();
    const person = await t.user(ws, ['operator']);
    const sessions = await t.get<{ data: { id: string; current: boolean }[] }>(
      '/api/v1/sessions',
      person.token,
    );
    const current = sessions.body.data.find((s) => s.current);
    expect(current).toBeDefined();

    const logins = await auditOf(ws.admin.token, `&action=auth.login&actor=${person.userId}`);
    expect(logins.map((e) => e.entityId)).toContain(current!.id);
    expect(logins.find((e) => e.entityId === current!.id)).toMatchObject({
      entity: 'session',
      actorKind: 'user',
    });
  });

  it('records every account, role and session change made through the API', async () => {
    const ws = await t.workspace();
    const person = await t.user(ws, ['operator']);
    const token = ws.admin.token;
    const steps: { call: () => Promise<{ status: number }>; action: string; entityId: string }[] = [
      {
        call: () => t.request('PATCH', `/api/v1/users/${person.userId}`, { name: 'Renamed' }, { token }),
        action: 'user.update',
        entityId: person.userId,
      },
      {
        call: () => t.post(`/api/v1/users/${person.userId}/sessions/revoke`, {}, token),
        action: 'session.revoke_all',
        entityId: person.userId,
      },
      {
        call: () => t.post(`/api/v1/users/${person.userId}/deactivate`, {}, token),
        action: 'user.deactivate',
        entityId: person.userId,
      },
      {
        call: () => t.post(`/api/v1/users/${person.userId}/reactivate`, {}, token),
        action: 'user.reactivate',
        entityId: person.userId,
      },
      {
        call: () => t.post(`/api/v1/users/${person.userId}/reset-password`, {}, token),
        action: 'user.password_reset',
        entityId: person.userId,
      },
      {
        call: () =>
          t.post(
            '/api/v1/roles',
            { key: 'inspector', name: 'Inspector', permissions: ['users.read'] },
            token,
          ),
        action: 'role.create',
        entityId: 'inspector',
      },
      {
        call: () => t.request('PATCH', '/api/v1/roles/inspector', { permissions: ['audit.read'] }, { token }),
        action: 'role.update',
        entityId: 'inspector',
      },
      {
        call: () => t.request('DELETE', '/api/v1/roles/inspector', undefined, { token }),
        action: 'role.delete',
        entityId: 'inspector',
      },
    ];
    for (const step of steps) {
      const res = await step.call();
      expect(res.status, step.action).toBeLessThan(300);
      const events = await auditOf(token, `&action=${step.action}&entityId=${step.entityId}`);
      expect(events, step.action).toHaveLength(1);
      expect(events[0]!.actor, step.action).toBe(ws.admin.userId);
    }
  });

  it('records nothing for a write that was refused', async () => {
    const ws = await t.workspace();
    const email = `${uniqueCode('dup')}@example.test`;
    expect((await t.post('/api/v1/users', { email, name: 'First', roles: [] }, ws.admin.token)).status).toBe(
      201,
    );
    const before = await auditOf(ws.admin.token);
    const again = await t.post('/api/v1/users', { email, name: 'Second', roles: [] }, ws.admin.token);
    expect(again.status).toBe(409);
    expect(await auditOf(ws.admin.token)).toHaveLength(before.length);
  });

  it('keeps personal data out of the hashed summary', async () => {
    const ws = await t.workspace();
    const email = `${uniqueCode('pii')}@example.test`;
    const newEmail = `${uniqueCode('pii2')}@example.test`;
    const phone = '+44 20 7946 0958';
    const created = await t.post<{ id: string }>(
      '/api/v1/users',
      { email, name: 'Priya Private', roles: ['viewer'], phone },
      ws.admin.token,
    );
    expect(created.status).toBe(201);
    const patched = await t.request(
      'PATCH',
      `/api/v1/users/${created.body.id}`,
      { email: newEmail },
      { token: ws.admin.token },
    );
    expect(patched.status).toBe(200);

    const events = await auditOf(ws.admin.token, `&entityId=${created.body.id}`);
    expect(events.map((e) => e.action).sort()).toEqual(['user.create', 'user.update']);
    const stored = await sql<{ summary: string; action: string }>`
      select summary::text as summary, action from audit_events
      where tenant_id = ${ws.id} and entity_id = ${created.body.id}`.execute(owner);
    expect(stored.rows).toHaveLength(2);
    for (const text of [
      ...events.map((e) => JSON.stringify(e.summary)),
      ...stored.rows.map((r) => r.summary),
    ]) {
      expect(text).not.toContain(email);
      expect(text).not.toContain(newEmail);
      expect(text).not.toContain('7946');
      expect(text).not.toContain('Priya');
    }
    // The update still says which field changed.
    expect(events.find((e) => e.action === 'user.update')!.summary).toMatchObject({ fields: ['email'] });
  });
});

describe('who can read the trail', () => {
  it("hides one workspace's events from another workspace's admin", async () => {
    const a = await t.workspace();
    const b = await t.workspace();
    const [userOfA] = await createUsers(a, 1);
    const eventsOfA = await auditOf(a.admin.token);
    const eventsOfB = await auditOf(b.admin.token);
    expect(eventsOfA.length).toBeGreaterThan(0);
    expect(eventsOfB.length).toBeGreaterThan(0);
    const idsOfB = new Set(eventsOfB.map((e) => e.id));
    expect(eventsOfA.filter((e) => idsOfB.has(e.id))).toEqual([]);
    expect(JSON.stringify(eventsOfB)).not.toContain(a.id);
    expect(JSON.stringify(eventsOfB)).not.toContain(a.admin.userId);
    expect(await auditOf(b.admin.token, `&entityId=${userOfA}`)).toEqual([]);
    expect(await auditOf(b.admin.token, `&actor=${a.admin.userId}`)).toEqual([]);
    // B's chain covers exactly B's events.
    const verified = await verify(b.admin.token);
    expect(verified.body).toMatchObject({ ok: true, events: (await auditOf(b.admin.token)).length });
  });

  it('refuses a viewer (403) and lets a manager read and verify, but not sign checkpoints', async () => {
    const ws = await t.workspace();
    const viewer = await t.user(ws, ['viewer']);
    const manager = await t.user(ws, ['manager']);
    expect((await t.get('/api/v1/audit', viewer.token)).status).toBe(403);
    expect((await t.get('/api/v1/audit/verify', viewer.token)).status).toBe(403);
    expect((await t.post('/api/v1/audit/checkpoints', {}, viewer.token)).status).toBe(403);

    expect((await t.get('/api/v1/audit', manager.token)).status).toBe(200);
    expect((await t.get<VerifyBody>('/api/v1/audit/verify', manager.token)).body.ok).toBe(true);
    expect((await t.post('/api/v1/audit/checkpoints', {}, manager.token)).status).toBe(403);
  });
});

describe('chain verification', () => {
  it('answers ok with the event count and head on an intact chain', async () => {
    const ws = await t.workspace();
    await createUsers(ws, 3);
    const res = await verify(ws.admin.token);
    expect(res.status).toBe(200);
    const chain = await storedChain(ws.id);
    const last = chain[chain.length - 1]!;
    expect(res.body).toEqual({
      ok: true,
      events: chain.length,
      head: { chainIndex: last.chain_index, hash: last.hash },
    });
    expect(chain.map((e) => e.chain_index)).toEqual(chain.map((_, i) => i + 1));
  });

  it('reports an event whose summary was altered in SQL, at its chain index', async () => {
    const ws = await t.workspace();
    await createUsers(ws, 4);
    const victim = middleEvent(await storedChain(ws.id), 'user.create');
    expect((await verify(ws.admin.token)).body.ok).toBe(true);

    await tamper(async (tx) => {
      await sql`update audit_events set summary = '{"roles":["admin"],"via":"activation_code"}'
        where tenant_id = ${ws.id} and seq = ${victim.seq}`.execute(tx);
    });

    const res = await verify(ws.admin.token);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      ok: false,
      events: victim.chain_index - 1,
      broken: { chainIndex: victim.chain_index, eventId: victim.id, reason: 'altered' },
    });
  });

  it('reports an event whose action was altered in SQL, at its chain index', async () => {
    const ws = await t.workspace();
    await createUsers(ws, 4);
    const victim = middleEvent(await storedChain(ws.id), 'user.create');

    await tamper(async (tx) => {
      await sql`update audit_events set action = 'user.view' where tenant_id = ${ws.id} and seq = ${victim.seq}`.execute(
        tx,
      );
    });

    expect((await verify(ws.admin.token)).body).toMatchObject({
      ok: false,
      broken: { chainIndex: victim.chain_index, eventId: victim.id, reason: 'altered' },
    });
  });

  it('reports a deleted event as missing at its chain index', async () => {
    const ws = await t.workspace();
    await createUsers(ws, 4);
    const victim = middleEvent(await storedChain(ws.id), 'user.create');

    await tamper(async (tx) => {
      await sql`delete from audit_events where tenant_id = ${ws.id} and seq = ${victim.seq}`.execute(tx);
    });

    expect((await verify(ws.admin.token)).body).toMatchObject({
      ok: false,
      events: victim.chain_index - 1,
      broken: { chainIndex: victim.chain_index, reason: 'missing' },
    });
  });

  it('reports a deleted newest event as a head mismatch at its chain index', async () => {
    const ws = await t.workspace();
    await createUsers(ws, 2);
    const chain = await storedChain(ws.id);
    const newest = chain[chain.length - 1]!;

    await tamper(async (tx) => {
      await sql`delete from audit_events where tenant_id = ${ws.id} and seq = ${newest.seq}`.execute(tx);
    });

    expect((await verify(ws.admin.token)).body).toMatchObject({
      ok: false,
      broken: { chainIndex: newest.chain_index, reason: 'head_mismatch' },
    });
  });

  it('detects an event inserted into the middle of the chain, even with a correctly computed hash', async () => {
    const ws = await t.workspace();
    await createUsers(ws, 4);
    const chain = await storedChain(ws.id);
    const before = middleEvent(chain, 'user.create');
    const at = before.chain_index + 1;

    await tamper(async (tx) => {
      // Make room at `at` (in two steps so the unique chain index never collides), then slip in a
      // forged event hashed onto its predecessor.
      await sql`update audit_events set chain_index = chain_index + 1000000
        where tenant_id = ${ws.id} and chain_index >= ${at}`.execute(tx);
      await sql`update audit_events set chain_index = chain_index - 1000000 + 1
        where tenant_id = ${ws.id} and chain_index >= 1000000`.execute(tx);
      const forged = {
        tenant_id: ws.id,
        id: '01890000-0000-7000-8000-000000000001',
        at: new Date(before.at.getTime() + 1),
        actor_id: ws.admin.userId,
        actor_kind: 'user',
        action: 'user.create',
        entity: 'user',
        entity_id: '01890000-0000-7000-8000-000000000002',
        summary: { roles: ['admin'], via: 'temporary_password' },
        request_id: null,
      };
      const hash = eventHash(before.hash, at, forged);
      await sql`insert into audit_events
          (tenant_id, id, at, actor_id, actor_kind, action, entity, entity_id, summary, chain_index, hash)
        values (${ws.id}, ${forged.id}, ${forged.at}, ${forged.actor_id}, 'user', 'user.create', 'user',
                ${forged.entity_id}, ${JSON.stringify(forged.summary)}, ${at}, ${hash})`.execute(tx);
    });

    const res = await verify(ws.admin.token);
    expect(res.body).toMatchObject({
      ok: false,
      // The forged event itself fits its predecessor; the original that followed no longer does.
      broken: { chainIndex: at + 1, reason: 'altered' },
    });
  });
});

describe('the database itself refuses changes', () => {
  it('refuses UPDATE of an audit event even for the table owner', async () => {
    const ws = await t.workspace();
    const [event] = await storedChain(ws.id);
    await expect(
      sql`update audit_events set action = 'forged' where tenant_id = ${ws.id} and seq = ${event!.seq}`.execute(
        owner,
      ),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql`update audit_events set hash = ${'0'.repeat(64)} where tenant_id = ${ws.id}`.execute(owner),
    ).rejects.toThrow(/append-only/);
    const [after] = await storedChain(ws.id);
    expect(after).toEqual(event);
  });

  it('refuses DELETE of audit events even for the table owner', async () => {
    const ws = await t.workspace();
    const before = await storedChain(ws.id);
    await expect(sql`delete from audit_events where tenant_id = ${ws.id}`.execute(owner)).rejects.toThrow(
      /append-only/,
    );
    expect(await storedChain(ws.id)).toHaveLength(before.length);
  });

  it('refuses TRUNCATE of the audit trail', async () => {
    const ws = await t.workspace();
    const before = await storedChain(ws.id);
    await expect(sql`truncate audit_events`.execute(owner)).rejects.toThrow(/append-only/);
    expect(await storedChain(ws.id)).toHaveLength(before.length);
  });

  it('refuses changes from the application role, which may only seal', async () => {
    const ws = await t.workspace();
    const [event] = await storedChain(ws.id);
    await expect(
      owner.transaction().execute(async (tx) => {
        await sql`select set_config('role', 'opsledger_app', true), set_config('app.tenant_id', ${ws.id}, true)`.execute(
          tx,
        );
        await sql`update audit_events set summary = '{}' where tenant_id = ${ws.id} and seq = ${event!.seq}`.execute(
          tx,
        );
      }),
    ).rejects.toThrow(/permission denied|append-only/);
  });
});

describe('signed checkpoints', () => {
  it('verifies an intact chain against a checkpoint taken earlier', async () => {
    const ws = await t.workspace();
    await createUsers(ws, 2);
    const cp = await t.post<CheckpointBody>('/api/v1/audit/checkpoints', {}, ws.admin.token);
    expect(cp.status).toBe(201);
    expect(cp.body).toMatchObject({
      workspaceId: ws.id,
      chainIndex: expect.any(Number),
      hash: expect.any(String),
    });
    await createUsers(ws, 2);
    const res = await verify(ws.admin.token, cp.body.checkpoint);
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(true);
    expect(res.body.head.chainIndex).toBeGreaterThan(cp.body.chainIndex);
  });

  it('catches a consistently rewritten chain that plain verification accepts', async () => {
    const ws = await t.workspace();
    await createUsers(ws, 3);
    const cp = await t.post<CheckpointBody>('/api/v1/audit/checkpoints', {}, ws.admin.token);
    expect(cp.status).toBe(201);
    await createUsers(ws, 1);
    const victim = middleEvent(await storedChain(ws.id), 'user.create');
    expect(victim.chain_index).toBeLessThanOrEqual(cp.body.chainIndex);

    await tamper(async (tx) => {
      await sql`update audit_events set summary = '{"roles":["admin"],"via":"activation_code"}'
        where tenant_id = ${ws.id} and seq = ${victim.seq}`.execute(tx);
      await rewriteChainConsistently(tx, ws.id);
    });

    expect((await verify(ws.admin.token)).body.ok).toBe(true);
    const res = await verify(ws.admin.token, cp.body.checkpoint);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      ok: false,
      broken: { chainIndex: cp.body.chainIndex, reason: 'checkpoint_mismatch' },
    });
  });

  it('catches newest events dropped and the head rewound, which plain verification accepts', async () => {
    const ws = await t.workspace();
    await createUsers(ws, 2);
    const cp = await t.post<CheckpointBody>('/api/v1/audit/checkpoints', {}, ws.admin.token);
    const chain = await storedChain(ws.id);
    const keep = cp.body.chainIndex - 1;

    await tamper(async (tx) => {
      await sql`delete from audit_events where tenant_id = ${ws.id} and chain_index > ${keep}`.execute(tx);
      await rewriteChainConsistently(tx, ws.id);
    });

    expect(chain.length).toBeGreaterThan(keep);
    expect((await verify(ws.admin.token)).body).toMatchObject({ ok: true, events: keep });
    expect((await verify(ws.admin.token, cp.body.checkpoint)).body).toMatchObject({
      ok: false,
      broken: { chainIndex: cp.body.chainIndex, reason: 'checkpoint_mismatch' },
    });
  });

  it('answers 422 invalid_checkpoint for a checkpoint whose payload was changed', async () => {
    const ws = await t.workspace();
    const cp = await t.post<CheckpointBody>('/api/v1/audit/checkpoints', {}, ws.admin.token);
    const [header, payload, signature] = cp.body.checkpoint.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as CheckpointBody;
    const forged = Buffer.from(JSON.stringify({ ...claims, hash: 'f'.repeat(64) })).toString('base64url');
    const res = await verify(ws.admin.token, `${header}.${forged}.${signature}`);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'invalid_checkpoint' });

    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'opsledger-audit-checkpoint+jws' })).toString('base64url')}.${payload}.`;
    expect((await verify(ws.admin.token, unsigned)).body).toMatchObject({ code: 'invalid_checkpoint' });
    expect((await verify(ws.admin.token, 'definitely-not-a-checkpoint')).status).toBe(422);
  });

  it("answers 422 invalid_checkpoint for another workspace's checkpoint", async () => {
    const a = await t.workspace();
    const b = await t.workspace();
    const cpOfB = await t.post<CheckpointBody>('/api/v1/audit/checkpoints', {}, b.admin.token);
    expect(cpOfB.status).toBe(201);
    const res = await verify(a.admin.token, cpOfB.body.checkpoint);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'invalid_checkpoint' });
    // It is still valid where it belongs.
    expect((await verify(b.admin.token, cpOfB.body.checkpoint)).body.ok).toBe(true);
  });
});

describe('sealing', () => {
  it('assigns contiguous chain indexes to events written concurrently, and the chain verifies', async () => {
    const ws = await t.workspace();
    const before = await storedChain(ws.id);
    const creations = Array.from({ length: 20 }, (_, i) =>
      t.post<{ id: string }>(
        '/api/v1/users',
        { email: `${uniqueCode('conc')}@example.test`, name: `Concurrent ${i}`, roles: [] },
        ws.admin.token,
      ),
    );
    // Sealers run while the writes are still landing.
    const sealers = Array.from({ length: 5 }, () => sealWorkspace(owner, ws.id));
    const results = await Promise.all(creations);
    await Promise.all(sealers);
    expect(results.map((r) => r.status)).toEqual(results.map(() => 201));

    const res = await verify(ws.admin.token);
    expect(res.body.ok).toBe(true);
    const chain = await storedChain(ws.id);
    expect(chain).toHaveLength(before.length + 20);
    expect(chain.map((e) => e.chain_index)).toEqual(chain.map((_, i) => i + 1));
    expect(res.body).toMatchObject({ events: chain.length, head: { chainIndex: chain.length } });
    const unsealed = await sql<{ n: number }>`
      select count(*)::int as n from audit_events where tenant_id = ${ws.id} and hash is null`.execute(owner);
    expect(unsealed.rows[0]!.n).toBe(0);
    expect((await verifyChain(owner, ws.id)).ok).toBe(true);
  });

  it.skipIf(engine !== 'pg')(
    'lets writers go on while a seal is under way, and seals their events in the next round',
    async () => {
      const ws = await t.workspace();
      await createUsers(ws, 2);
      // A seal that takes long, stood in for by holding the chain head the way a sealer holds it
      // while it hashes; the sealer started next waits on it.
      const head = await holdLocks(
        owner,
        sql`select 1 from audit_heads where tenant_id = ${ws.id} for update`,
      );
      const sealing = sealWorkspace(owner, ws.id);
      for (;;) {
        const waiting = await sql<{ n: number }>`
          select count(*)::int as n from pg_locks l join pg_stat_activity a on a.pid = l.pid
           where not l.granted and a.datname = current_database()`.execute(owner);
        if (waiting.rows[0]!.n > 0) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      // Writers are not held up by the seal under way (they would wait for it to finish here).
      await createUsers(ws, 3);
      await head.release();
      await sealing;

      const chain = await storedChain(ws.id);
      expect(chain.map((e) => e.chain_index)).toEqual(chain.map((_, i) => i + 1));
      expect(chain.filter((e) => e.action === 'user.create')).toHaveLength(5);
      expect((await verifyChain(owner, ws.id)).ok).toBe(true);
    },
  );
});
