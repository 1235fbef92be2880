// Workspace isolation, proved three ways: the catalog obeys the tenant-table rules (RLS forced,
// tenant_id leading every key, no security-definer escape hatches), row-level security confines
// even a query that forgets its workspace filter, and the API answers 404 to every id of another
// workspace without changing anything.
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestWorkspace } from '../testing/harness.ts';
import type { DB } from './schema.ts';
import { withTenant } from './tenant.ts';

// Tables that are deliberately not per-workspace, and why.
const UNTENANTED = new Set([
  'workspaces', // the tenants themselves; RLS limits the app role to its own row
  'signing_keys', // deployment-wide issuer keys, only for opsledger_system
  'login_failures', // the throttle, keyed by hashes, only for opsledger_system
  'schema_migrations', // written by the migrator as the owner, never by a request
]);
const RLS_EXEMPT = new Set(['schema_migrations']);

/** Every breach of the tenant-table rules the catalog shows, as readable sentences. */
async function catalogViolations(db: Kysely<DB>): Promise<string[]> {
  const problems: string[] = [];
  const tables = await sql<{
    name: string;
    rls: boolean;
    forced: boolean;
    tenant_attnum: number | null;
    tenant_not_null: boolean | null;
  }>`
    select c.relname as name, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
           a.attnum as tenant_attnum, a.attnotnull as tenant_not_null
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    left join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
    where n.nspname = 'public' and c.relkind in ('r', 'p')
    order by c.relname`.execute(db);
  const tenantCol = new Map<string, number>();
  for (const t of tables.rows) {
    if (t.tenant_attnum === null) {
      if (!UNTENANTED.has(t.name)) problems.push(`${t.name}: has no tenant_id and is not allow-listed`);
      if (RLS_EXEMPT.has(t.name)) continue;
    } else {
      tenantCol.set(t.name, Number(t.tenant_attnum));
      if (!t.tenant_not_null) problems.push(`${t.name}: tenant_id is nullable`);
    }
    if (!t.rls) problems.push(`${t.name}: row-level security not enabled`);
    if (!t.forced) problems.push(`${t.name}: row-level security not forced`);
  }

  const constraints = await sql<{ tbl: string; name: string; kind: string; first: number }>`
    select c.relname as tbl, con.conname as name, con.contype as kind, con.conkey[1] as first
    from pg_constraint con
    join pg_class c on c.oid = con.conrelid
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and con.contype in ('p', 'u', 'f')
    order by c.relname, con.conname`.execute(db);
  const kindName: Record<string, string> = { p: 'primary key', u: 'unique constraint', f: 'foreign key' };
  for (const con of constraints.rows) {
    const col = tenantCol.get(con.tbl);
    if (col !== undefined && Number(con.first) !== col) {
      problems.push(`${con.tbl}: ${kindName[con.kind]} ${con.name} does not start with tenant_id`);
    }
  }

  const uniqueIndexes = await sql<{ tbl: string; name: string; first: number }>`
    select c.relname as tbl, i.relname as name, x.indkey[0] as first
    from pg_index x
    join pg_class i on i.oid = x.indexrelid
    join pg_class c on c.oid = x.indrelid
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and x.indisunique
    order by c.relname, i.relname`.execute(db);
  for (const idx of uniqueIndexes.rows) {
    const col = tenantCol.get(idx.tbl);
    if (col !== undefined && Number(idx.first) !== col) {
      problems.push(`${idx.tbl}: unique index ${idx.name} does not start with tenant_id`);
    }
  }

  // A view runs with its owner's rights (bypassing RLS) unless it is security_invoker; a
  // materialized view stores rows computed with the owner's rights and cannot be made safe.
  const views = await sql<{ name: string; kind: string; options: string[] | null }>`
    select c.relname as name, c.relkind as kind, c.reloptions as options
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('v', 'm')
    order by c.relname`.execute(db);
  for (const v of views.rows) {
    if (v.kind === 'm') problems.push(`${v.name}: materialized view`);
    else if (!(v.options ?? []).includes('security_invoker=true')) {
      problems.push(`${v.name}: view without security_invoker`);
    }
  }

  const definers = await sql<{ name: string }>`
    select p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'public' and p.prosecdef order by p.proname`.execute(db);
  for (const f of definers.rows) problems.push(`${f.name}: SECURITY DEFINER function`);

  for (const role of ['opsledger_app', 'opsledger_system']) {
    const r = await sql<{ super: boolean; bypass: boolean; owned: number }>`
      select r.rolsuper as super, r.rolbypassrls as bypass,
             (select count(*)::int from pg_class c where c.relowner = r.oid) as owned
      from pg_roles r where r.rolname = ${role}`.execute(db);
    const row = r.rows[0];
    if (!row) {
      problems.push(`${role}: role missing`);
      continue;
    }
    if (row.super) problems.push(`${role}: is superuser`);
    if (row.bypass) problems.push(`${role}: has BYPASSRLS`);
    if (row.owned > 0) problems.push(`${role}: owns ${row.owned} relations`);
  }
  return problems;
}

/** Tables with tenant_id that the app role may read. */
async function tenantTables(db: Kysely<DB>): Promise<string[]> {
  const rows = await sql<{ name: string }>`
    select c.relname as name
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
    where n.nspname = 'public' and c.relkind in ('r', 'p')
      and has_table_privilege('opsledger_app', c.oid, 'SELECT')
    order by c.relname`.execute(db);
  return rows.rows.map((r) => r.name);
}

class Rollback extends Error {}

let t: TestApp;
let owner: Kysely<DB>;
let a: TestWorkspace;
let b: TestWorkspace;

beforeAll(async () => {
  t = await startTestApp();
  owner = t.db.db;
  a = await t.workspace();
  b = await t.workspace();
  // Some rows of every kind in both workspaces: users, roles, sessions, audit events.
  await t.user(a, ['operator']);
  await t.user(b, ['operator']);
});
afterAll(() => t.close());

describe('catalog rules', () => {
  it('holds every table, view, function and role in the schema to the tenant-table rules', async () => {
    expect(await catalogViolations(owner)).toEqual([]);
  });

  it('reports each kind of breach (the check is not vacuous)', async () => {
    let found: string[] = [];
    await expect(
      owner.transaction().execute(async (tx) => {
        await sql`create table probe_no_rls (tenant_id uuid not null, id uuid not null, primary key (id, tenant_id))`.execute(
          tx,
        );
        await sql`create table probe_nullable (tenant_id uuid)`.execute(tx);
        await sql`create table probe_keys (tenant_id uuid not null, id uuid not null, code text,
          primary key (tenant_id, id), unique (code),
          foreign key (id, tenant_id) references probe_no_rls (id, tenant_id))`.execute(tx);
        await sql`alter table probe_keys enable row level security`.execute(tx);
        await sql`alter table probe_keys force row level security`.execute(tx);
        await sql`create unique index probe_keys_by_code on probe_keys (code, tenant_id)`.execute(tx);
        await sql`create table probe_untenanted (id int primary key)`.execute(tx);
        await sql`create view probe_view as select id from users`.execute(tx);
        await sql`create function probe_definer() returns int language sql security definer as 'select 1'`.execute(
          tx,
        );
        found = await catalogViolations(tx);
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);
    expect(found).toEqual(
      expect.arrayContaining([
        'probe_no_rls: row-level security not enabled',
        'probe_no_rls: row-level security not forced',
        'probe_no_rls: primary key probe_no_rls_pkey does not start with tenant_id',
        'probe_nullable: tenant_id is nullable',
        'probe_keys: unique constraint probe_keys_code_key does not start with tenant_id',
        'probe_keys: unique index probe_keys_by_code does not start with tenant_id',
        'probe_keys: foreign key probe_keys_id_tenant_id_fkey does not start with tenant_id',
        'probe_untenanted: has no tenant_id and is not allow-listed',
        'probe_view: view without security_invoker',
        'probe_definer: SECURITY DEFINER function',
      ]),
    );
    // Rolled back: the real schema is untouched.
    expect(await catalogViolations(owner)).toEqual([]);
  });
});

describe('row-level security', () => {
  it('confines a query that forgets its workspace filter to the workspace of the transaction', async () => {
    for (const table of ['users', 'audit_events', 'sessions']) {
      const rows = await withTenant(owner, a.id, (tx) =>
        sql<{ tenant_id: string }>`select * from ${sql.table(table)}`.execute(tx),
      );
      const all = await sql<{ tenant: string; n: number }>`
        select tenant_id as tenant, count(*)::int as n from ${sql.table(table)} group by tenant_id`.execute(
        owner,
      );
      const countOf = (id: string) => all.rows.find((r) => r.tenant === id)?.n ?? 0;
      expect(countOf(b.id), `${table} has rows of B`).toBeGreaterThan(0);
      expect(rows.rows.length, table).toBe(countOf(a.id));
      expect(rows.rows.length, table).toBeGreaterThan(0);
      expect(new Set(rows.rows.map((r) => r.tenant_id)), table).toEqual(new Set([a.id]));
    }
  });

  it('shows no other workspace in any tenant table, nor in workspaces', async () => {
    const tables = await tenantTables(owner);
    expect(tables).toEqual(expect.arrayContaining(['users', 'roles', 'sessions', 'audit_events']));
    await withTenant(owner, a.id, async (tx) => {
      for (const table of tables) {
        const r = await sql<{ foreign: number }>`
          select count(*)::int as foreign from ${sql.table(table)} where tenant_id <> ${a.id}`.execute(tx);
        expect(r.rows[0]!.foreign, table).toBe(0);
      }
      const ws = await sql<{ id: string }>`select id from workspaces`.execute(tx);
      expect(ws.rows.map((r) => r.id)).toEqual([a.id]);
    });
  });

  it('shows nothing to the app role when no workspace is set', async () => {
    const tables = await tenantTables(owner);
    for (const tenant of [null, '']) {
      await expect(
        owner.transaction().execute(async (tx) => {
          await sql`select set_config('role', 'opsledger_app', true)`.execute(tx);
          if (tenant !== null) await sql`select set_config('app.tenant_id', ${tenant}, true)`.execute(tx);
          for (const table of [...tables, 'workspaces']) {
            const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(
              tx,
            );
            expect(r.rows[0]!.n, `${table} with tenant ${JSON.stringify(tenant)}`).toBe(0);
          }
          throw new Rollback();
        }),
      ).rejects.toBeInstanceOf(Rollback);
    }
  });

  it('fails closed on a malformed workspace id', async () => {
    await expect(
      withTenant(owner, 'not-a-uuid', (tx) => sql`select * from users`.execute(tx)),
    ).rejects.toThrow(/uuid/i);
  });

  it("refuses to write a row into another workspace, or to touch another workspace's rows", async () => {
    await expect(
      withTenant(owner, a.id, (tx) =>
        tx
          .insertInto('roles')
          .values({ tenant_id: b.id, key: 'smuggled', name: 'Smuggled', permissions: [] })
          .execute(),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      withTenant(owner, a.id, (tx) =>
        tx.updateTable('users').set({ tenant_id: b.id }).where('id', '=', a.admin.userId).execute(),
      ),
    ).rejects.toThrow(/row-level security/);
    const touched = await withTenant(owner, a.id, async (tx) => {
      const updated = await tx
        .updateTable('users')
        .set({ name: 'Owned' })
        .where('tenant_id', '=', b.id)
        .execute();
      const deleted = await tx.deleteFrom('idempotency_keys').where('tenant_id', '=', b.id).execute();
      return [Number(updated[0]!.numUpdatedRows), Number(deleted[0]!.numDeletedRows)];
    });
    expect(touched).toEqual([0, 0]);
    const smuggled = await sql`select 1 from roles where key = 'smuggled'`.execute(owner);
    expect(smuggled.rows).toEqual([]);
    const names = await sql<{ name: string }>`select name from users where tenant_id = ${b.id}`.execute(
      owner,
    );
    expect(names.rows.map((r) => r.name)).not.toContain('Owned');
  });

  it('keeps the workspace and role transaction-local, so pooled connections come back clean', async () => {
    // Many overlapping transactions for alternating workspaces spread over the pool's connections.
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        withTenant(owner, i % 2 ? a.id : b.id, async (tx) => {
          await sql`select pg_sleep(0.01)`.execute(tx);
          const r = await sql<{
            tenant: string;
          }>`select current_setting('app.tenant_id', true) as tenant`.execute(tx);
          expect(r.rows[0]!.tenant).toBe(i % 2 ? a.id : b.id);
        }),
      ),
    );
    for (const id of [a.id, b.id, a.id]) await withTenant(owner, id, (tx) => sql`select 1`.execute(tx));

    const outside = await Promise.all(
      Array.from({ length: 30 }, () =>
        sql<{ tenant: string | null; role: string; same: boolean; pid: number }>`
          select current_setting('app.tenant_id', true) as tenant, current_user as role,
                 current_user = session_user as same, pg_backend_pid() as pid, pg_sleep(0.01)`.execute(owner),
      ),
    );
    for (const r of outside) {
      expect(r.rows[0]!.tenant ?? '').toBe('');
      expect(r.rows[0]!.same).toBe(true);
      expect(r.rows[0]!.role).not.toBe('opsledger_app');
    }
    if (t.db.engine === 'pg') {
      // The check touched more than one pooled connection, or it would prove little.
      expect(new Set(outside.map((r) => r.rows[0]!.pid)).size).toBeGreaterThan(1);
    }
  });
});

describe('cross-workspace probes through the API', () => {
  it('answers 404 to every id of another workspace, and changes nothing there', async () => {
    const userOfA = await t.user(a, ['operator'], 'Alice of A');
    const sessionsOfA = await t.get<{ data: { id: string; current: boolean }[] }>(
      '/api/v1/sessions',
      userOfA.token,
    );
    const sessionOfA = sessionsOfA.body.data.find((s) => s.current)!.id;
    const role = await t.post(
      '/api/v1/roles',
      { key: 'qa-lead', name: 'QA lead', permissions: ['users.read'] },
      a.admin.token,
    );
    expect(role.status).toBe(201);
    const before = await t.get<Record<string, unknown>>(`/api/v1/users/${userOfA.userId}`, a.admin.token);
    expect(before.status).toBe(200);

    const token = b.admin.token;
    const probes: [string, string, unknown][] = [
      ['GET', `/api/v1/users/${userOfA.userId}`, undefined],
      ['PATCH', `/api/v1/users/${userOfA.userId}`, { name: 'Taken over', roles: ['admin'] }],
      ['POST', `/api/v1/users/${userOfA.userId}/deactivate`, {}],
      ['POST', `/api/v1/users/${userOfA.userId}/reactivate`, {}],
      ['POST', `/api/v1/users/${userOfA.userId}/reset-password`, {}],
      ['GET', `/api/v1/users/${userOfA.userId}/sessions`, undefined],
      ['POST', `/api/v1/users/${userOfA.userId}/sessions/revoke`, {}],
      ['POST', `/api/v1/sessions/${sessionOfA}/revoke`, {}],
      ['GET', `/api/v1/users/${a.admin.userId}`, undefined],
      ['POST', `/api/v1/users/${a.admin.userId}/deactivate`, {}],
      ['PATCH', '/api/v1/roles/qa-lead', { permissions: ['users.manage'] }],
      ['DELETE', '/api/v1/roles/qa-lead', undefined],
    ];
    for (const [method, url, body] of probes) {
      const res = await t.request(method, url, body, { token });
      expect(res.status, `${method} ${url}`).toBe(404);
    }

    // B's lists hold nothing of A.
    const users = await t.get<{ data: { id: string; email: string }[] }>('/api/v1/users?limit=500', token);
    expect(users.status).toBe(200);
    expect(users.body.data.map((u) => u.id)).not.toContain(userOfA.userId);
    expect(users.body.data.map((u) => u.id)).not.toContain(a.admin.userId);
    expect(users.text).not.toContain(`@${a.code}.test`);
    const roles = await t.get<{ data: { key: string }[] }>('/api/v1/roles', token);
    expect(roles.body.data.map((r) => r.key)).not.toContain('qa-lead');
    const audit = await t.get('/api/v1/audit?limit=500', token);
    expect(audit.status).toBe(200);
    for (const id of [a.id, a.admin.userId, userOfA.userId, sessionOfA, 'qa-lead']) {
      expect(audit.text).not.toContain(id);
    }

    // A is exactly as it was: the user, their live session, the role; and A's trail shows no visitor.
    const after = await t.get<Record<string, unknown>>(`/api/v1/users/${userOfA.userId}`, a.admin.token);
    expect(after.body).toEqual(before.body);
    expect((await t.get('/api/v1/me', userOfA.token)).status).toBe(200);
    const rolesOfA = await t.get<{ data: { key: string; permissions: string[] }[] }>(
      '/api/v1/roles',
      a.admin.token,
    );
    expect(rolesOfA.body.data.find((r) => r.key === 'qa-lead')?.permissions).toEqual(['users.read']);
    const trailOfA = await t.get<{ data: { actor: string | null }[] }>(
      '/api/v1/audit?limit=500',
      a.admin.token,
    );
    expect(trailOfA.body.data.map((e) => e.actor)).not.toContain(b.admin.userId);
    const sessionRow = await sql<{ revoked_at: Date | null }>`
      select revoked_at from sessions where tenant_id = ${a.id} and id = ${sessionOfA}`.execute(owner);
    expect(sessionRow.rows).toEqual([{ revoked_at: null }]);
  });
});
