import { randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type OpsLedgerApp } from '../../app.ts';
import { type Database, openDatabase } from '../../db/engine.ts';
import { engine, startTestApp, type TestApp, type TestWorkspace } from '../../testing/harness.ts';
import { SessionStates } from './session-state.ts';

// The session check is kept per process only where the database signals changes (PostgreSQL).
describe.skipIf(engine !== 'pg')('kept session states', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  // A second server process on the same database, with its own pool, that keeps states for a
  // minute: anything it refuses sooner it learned from a signal, not from its states growing old.
  let otherDatabase: Database;
  let other: OpsLedgerApp;

  beforeAll(async () => {
    t = await startTestApp();
    ws = await t.workspace();
    otherDatabase = await openDatabase({ databaseUrl: t.db.url, poolSize: 4 });
    other = await buildApp({
      config: { ...t.config, sessionStateCacheMs: 60_000 },
      database: otherDatabase,
      logger: false,
    });
    await other.ready();
  });
  afterAll(async () => {
    await other.close();
    await otherDatabase.close();
    await t.close();
  });

  const meOn = async (app: OpsLedgerApp, token: string) =>
    (await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } }))
      .statusCode;

  /** Asks the other process until it refuses the token; gives up after five seconds. */
  async function refusedByOtherProcess(token: string): Promise<boolean> {
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline) {
      if ((await meOn(other, token)) === 401) return true;
      await new Promise((r) => setTimeout(r, 20));
    }
    return false;
  }

  it("reads a session's state once, not on every request", async () => {
    const user = await t.user(ws, ['operator']);
    const statements = async () => {
      const before = t.db.statementCounter.count;
      expect((await t.get('/api/v1/me', user.token)).status).toBe(200);
      return t.db.statementCounter.count - before;
    };
    const first = await statements();
    const second = await statements();
    expect(second).toBe(first - 1);
  });

  it('refuses the very next request after a logout in the same process', async () => {
    const user = await t.user(ws, ['operator']);
    expect((await t.get('/api/v1/me', user.token)).status).toBe(200);
    expect((await t.post('/api/v1/auth/logout', {}, user.token)).status).toBeLessThan(300);
    const after = await t.get('/api/v1/me', user.token);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('session_revoked');
  });

  it('applies a role taken away to the very next request', async () => {
    const user = await t.user(ws, ['manager']);
    const create = () =>
      t.post('/api/v1/items', { sku: `K-${randomUUID().slice(0, 8)}`, name: 'Kept', uom: 'pcs' }, user.token);
    expect((await create()).status).toBe(201);
    const patched = await t.request(
      'PATCH',
      `/api/v1/users/${user.userId}`,
      { roles: ['viewer'] },
      {
        token: ws.admin.token,
      },
    );
    expect(patched.status).toBe(200);
    const refused = await create();
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('forbidden');
  });

  it('another process refuses a session ended here as soon as it hears the signal', async () => {
    const user = await t.user(ws, ['operator']);
    expect(await meOn(other, user.token)).toBe(200);
    expect(await meOn(other, user.token)).toBe(200);
    expect((await t.post('/api/v1/auth/logout', {}, user.token)).status).toBeLessThan(300);
    expect(await refusedByOtherProcess(user.token)).toBe(true);
  });

  it('hears a change written straight into the database, outside any server', async () => {
    const user = await t.user(ws, ['operator']);
    expect(await meOn(other, user.token)).toBe(200);
    const client = new pg.Client({ connectionString: t.db.url });
    await client.connect();
    try {
      await client.query('update sessions set revoked_at = now() where id = $1', [
        decodeJwt(user.token).sid as string,
      ]);
    } finally {
      await client.end();
    }
    expect(await refusedByOtherProcess(user.token)).toBe(true);
  });

  it('keeps a state no longer than its age limit when no signal arrives', async () => {
    const user = await t.user(ws, ['operator']);
    const claims = { tenantId: ws.id, userId: user.userId, sessionId: decodeJwt(user.token).sid as string };
    // No watch wired, as if every signal were lost.
    const states = new SessionStates(t.db.db, { watchSessionState: () => () => {} }, 1_500);
    expect((await states.load(claims)).alive).toBe(true);
    await sql`update sessions set revoked_at = now() where id = ${claims.sessionId}`.execute(t.db.db);
    expect((await states.load(claims)).alive).toBe(true);
    await new Promise((r) => setTimeout(r, 1_600));
    expect((await states.load(claims)).alive).toBe(false);
  });
});
