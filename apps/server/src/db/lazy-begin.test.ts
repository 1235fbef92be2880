import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, startTestApp, type TestApp, type TestWorkspace } from '../testing/harness.ts';
import { executeAndCommit } from './lazy-begin.ts';
import { withTenant } from './tenant.ts';

// A transaction's opening (BEGIN and its workspace switch) travels with its first statement; on
// PostgreSQL a first statement with parameters is written together with it without waiting.
describe('the transaction opening sent with the first statement', () => {
  let t: TestApp;
  let ws: TestWorkspace;

  beforeAll(async () => {
    t = await startTestApp();
    ws = await t.workspace();
  });
  afterAll(() => t.close());

  const outside = () =>
    sql<{ tenant: string | null; same: boolean }>`
      select current_setting('app.tenant_id', true) as tenant, current_user = session_user as same`.execute(
      t.db.db,
    );

  it('runs a first statement with parameters inside the transaction, as the app role in the workspace', async () => {
    const r = await withTenant(t.db.db, ws.id, (tx) =>
      sql<{ tenant: string; role: string; n: number }>`
        select current_setting('app.tenant_id') as tenant, current_user as role, ${41}::int + 1 as n`.execute(
        tx,
      ),
    );
    expect(r.rows[0]).toMatchObject({ tenant: ws.id, role: 'opsledger_app', n: 42 });
    // Both statements of the transaction share one transaction id: BEGIN ran before the first.
    const ids = await withTenant(t.db.db, ws.id, async (tx) => {
      const first = await sql<{ id: string }>`select txid_current()::text as id, ${1}::int as p`.execute(tx);
      const second = await sql<{ id: string }>`select txid_current()::text as id`.execute(tx);
      return [first.rows[0]!.id, second.rows[0]!.id];
    });
    expect(ids[0]).toBe(ids[1]);
  });

  it('rolls back when the first statement fails, and the connection comes back clean', async () => {
    const failed = await withTenant(t.db.db, ws.id, (tx) =>
      sql`select 1 / ${0}::int as boom`.execute(tx),
    ).catch((e: { code?: string }) => e);
    expect((failed as { code?: string }).code).toBe('22012');
    const written = await withTenant(t.db.db, ws.id, async (tx) => {
      await sql`insert into locations (tenant_id, id, code, name, kind)
        values (${ws.id}, gen_random_uuid(), ${'LAZY-X'}, 'Lazy', 'store')`.execute(tx);
      await sql`select 1 / ${0}::int`.execute(tx);
    }).catch((e: { code?: string }) => e);
    expect((written as { code?: string }).code).toBe('22012');
    const left = await withTenant(t.db.db, ws.id, (tx) =>
      sql<{ n: number }>`select count(*)::int as n from locations where code = ${'LAZY-X'}`.execute(tx),
    );
    expect(left.rows[0]!.n).toBe(0);
    for (let i = 0; i < 5; i++) {
      const r = await outside();
      expect(r.rows[0]!.tenant ?? '').toBe('');
      expect(r.rows[0]!.same).toBe(true);
    }
  });

  it.skipIf(engine !== 'pg')(
    'sends the opening and a first statement with parameters in one round trip, and nothing for a transaction that ran none',
    async () => {
      const counter = t.db.roundTrips!;
      let before = counter.count;
      await withTenant(t.db.db, ws.id, (tx) => sql`select ${1}::int as one`.execute(tx));
      // The opening with the statement, then COMMIT.
      expect(counter.count - before).toBe(2);
      before = counter.count;
      await withTenant(t.db.db, ws.id, async () => {});
      expect(counter.count - before).toBe(0);
    },
  );

  const insertLocation = (code: string) =>
    sql`insert into locations (tenant_id, id, code, name, kind)
      values (${ws.id}, gen_random_uuid(), ${code}, 'Lazy', 'store')`;
  const countLocations = (code: string) =>
    withTenant(t.db.db, ws.id, (tx) =>
      sql<{ n: number }>`select count(*)::int as n from locations where code = ${code}`.execute(tx),
    ).then((r) => r.rows[0]!.n);

  it("commits with the transaction's last statement, which answers as usual", async () => {
    const r = await withTenant(t.db.db, ws.id, async (tx) => {
      await insertLocation('LAZY-C1').execute(tx);
      return executeAndCommit(
        tx,
        sql<{ n: number; tenant: string }>`
          select count(*)::int as n, current_setting('app.tenant_id') as tenant from locations
           where code = ${'LAZY-C1'}`,
      );
    });
    expect(r.rows[0]).toEqual({ n: 1, tenant: ws.id });
    expect(await countLocations('LAZY-C1')).toBe(1);
    // A one-statement transaction: opening, statement and COMMIT together.
    const alone = await withTenant(t.db.db, ws.id, (tx) => executeAndCommit(tx, insertLocation('LAZY-C2')));
    expect(alone.rows).toEqual([]);
    expect(await countLocations('LAZY-C2')).toBe(1);
  });

  it('commits nothing when the last statement fails, and the connection comes back clean', async () => {
    const failed = await withTenant(t.db.db, ws.id, async (tx) => {
      await insertLocation('LAZY-C3').execute(tx);
      await executeAndCommit(tx, sql`select 1 / ${0}::int`);
    }).catch((e: { code?: string }) => e);
    expect((failed as { code?: string }).code).toBe('22012');
    expect(await countLocations('LAZY-C3')).toBe(0);
    for (let i = 0; i < 5; i++) {
      const r = await outside();
      expect(r.rows[0]!.tenant ?? '').toBe('');
      expect(r.rows[0]!.same).toBe(true);
    }
  });

  it('refuses a statement after the commit, leaving what was committed', async () => {
    const refused = await withTenant(t.db.db, ws.id, async (tx) => {
      await executeAndCommit(tx, insertLocation('LAZY-C4'));
      await insertLocation('LAZY-C5').execute(tx);
    }).catch((e: Error) => e);
    expect((refused as Error).message).toMatch(/after its transaction was committed/);
    expect(await countLocations('LAZY-C4')).toBe(1);
    expect(await countLocations('LAZY-C5')).toBe(0);
  });

  it.skipIf(engine !== 'pg')('sends the last statement and COMMIT in one round trip', async () => {
    const counter = t.db.roundTrips!;
    let before = counter.count;
    await withTenant(t.db.db, ws.id, async (tx) => {
      await insertLocation('LAZY-C6').execute(tx);
      await executeAndCommit(tx, sql`select ${1}::int as one`);
    });
    expect(counter.count - before).toBe(2);
    before = counter.count;
    await withTenant(t.db.db, ws.id, (tx) => executeAndCommit(tx, sql`select ${1}::int as one`));
    expect(counter.count - before).toBe(1);
  });
});
