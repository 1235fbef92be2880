import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type SignedIn,
  startTestApp,
  type TestApp,
  type TestWorkspace,
  uniqueCode,
} from '../../testing/harness.ts';

interface RoleBody {
  key: string;
  name: string;
  builtin: boolean;
  permissions: string[];
}

interface ProblemBody {
  status: number;
  code: string;
  detail: string;
  errors?: { path: string; message: string }[];
}

interface MeBody {
  roles: string[];
  permissions: string[];
}

let t: TestApp;
let ws: TestWorkspace;

beforeAll(async () => {
  t = await startTestApp();
  ws = await t.workspace();
});
afterAll(() => t.close());

function problemOf(res: { body: unknown }): ProblemBody {
  return res.body as ProblemBody;
}

function roleKey(): string {
  return uniqueCode('role').replace(/[^a-z0-9-]/g, '');
}

function createRole(token: string, body: { key: string; name: string; permissions: string[] }) {
  return t.request<RoleBody>('POST', '/api/v1/roles', body, { token });
}

async function listRoles(token: string): Promise<RoleBody[]> {
  const res = await t.get<{ data: RoleBody[] }>('/api/v1/roles', token);
  expect(res.status).toBe(200);
  return res.body.data;
}

async function catalogue(): Promise<string[]> {
  const res = await t.get<{ data: { key: string }[] }>('/api/v1/permissions', ws.admin.token);
  expect(res.status).toBe(200);
  return res.body.data.map((p) => p.key).sort();
}

describe('built-in roles', () => {
  it('lists admin, manager, operator and viewer as built-in, with their permissions', async () => {
    const roles = await listRoles(ws.admin.token);
    const builtins = roles.filter((r) => r.builtin).map((r) => r.key);
    expect(builtins.sort()).toEqual(['admin', 'manager', 'operator', 'viewer']);
    const byKey = new Map(roles.map((r) => [r.key, r]));
    const all = await catalogue();

    expect(byKey.get('admin')!.permissions).toEqual(all);
    const manager = byKey.get('manager')!.permissions;
    expect(manager).toEqual(expect.arrayContaining(['users.read', 'audit.read', 'workspace.read']));
    for (const key of ['manager', 'operator', 'viewer']) {
      const permissions = byKey.get(key)!.permissions;
      expect(permissions.every((p) => all.includes(p))).toBe(true);
      for (const reserved of ['users.manage', 'roles.manage', 'workspace.manage', 'sessions.manage']) {
        expect(permissions, `${key} must not hold ${reserved}`).not.toContain(reserved);
      }
    }
    for (const key of ['operator', 'viewer']) {
      const permissions = byKey.get(key)!.permissions;
      expect(permissions).toContain('workspace.read');
      expect(permissions).not.toContain('users.read');
      expect(permissions).not.toContain('audit.read');
    }
  });

  it('gives the viewer role only read permissions', async () => {
    const viewer = (await listRoles(ws.admin.token)).find((r) => r.key === 'viewer')!;
    expect(viewer.permissions.length).toBeGreaterThan(0);
    for (const p of viewer.permissions) expect(p).toMatch(/\.read$/);
  });

  it('refuses to change or delete a built-in role (409 builtin_role_readonly)', async () => {
    for (const key of ['admin', 'manager', 'operator', 'viewer']) {
      const patched = await t.request(
        'PATCH',
        `/api/v1/roles/${key}`,
        { name: 'Renamed' },
        { token: ws.admin.token },
      );
      expect(patched.status).toBe(409);
      expect(problemOf(patched).code).toBe('builtin_role_readonly');
    }
    const grant = await t.request(
      'PATCH',
      '/api/v1/roles/viewer',
      { permissions: ['users.manage'] },
      { token: ws.admin.token },
    );
    expect(grant.status).toBe(409);
    expect(problemOf(grant).code).toBe('builtin_role_readonly');
    const deleted = await t.request('DELETE', '/api/v1/roles/admin', undefined, { token: ws.admin.token });
    expect(deleted.status).toBe(409);
    expect(problemOf(deleted).code).toBe('builtin_role_readonly');

    const viewer = (await listRoles(ws.admin.token)).find((r) => r.key === 'viewer')!;
    expect(viewer.name).toBe('Viewer');
    expect(viewer.permissions).not.toContain('users.manage');
  });
});

describe('custom roles', () => {
  it('are created from permissions and listed with the built-in ones', async () => {
    const key = roleKey();
    const res = await createRole(ws.admin.token, {
      key,
      name: 'Auditor',
      permissions: ['users.read', 'audit.read', 'audit.read'],
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      key,
      name: 'Auditor',
      builtin: false,
      permissions: ['audit.read', 'users.read'],
    });
    const listed = (await listRoles(ws.admin.token)).find((r) => r.key === key);
    expect(listed).toEqual(res.body);
  });

  it('answers 409 role_key_taken for a key already used, including a built-in key', async () => {
    const key = roleKey();
    expect((await createRole(ws.admin.token, { key, name: 'First', permissions: [] })).status).toBe(201);
    for (const taken of [key, 'admin']) {
      const res = await createRole(ws.admin.token, {
        key: taken,
        name: 'Again',
        permissions: ['users.read'],
      });
      expect(res.status).toBe(409);
      expect(problemOf(res).code).toBe('role_key_taken');
    }
    const admin = (await listRoles(ws.admin.token)).find((r) => r.key === 'admin')!;
    expect(admin.builtin).toBe(true);
  });

  it('answers 422 unknown_permission for a permission that does not exist, naming it', async () => {
    const key = roleKey();
    const res = await createRole(ws.admin.token, {
      key,
      name: 'Wishful',
      permissions: ['users.read', 'stock.teleport'],
    });
    expect(res.status).toBe(422);
    expect(problemOf(res)).toMatchObject({
      code: 'unknown_permission',
      errors: [{ path: '/permissions/1' }],
    });
    expect(problemOf(res).detail).toContain('stock.teleport');
    expect((await listRoles(ws.admin.token)).map((r) => r.key)).not.toContain(key);
  });

  it('cannot include a permission its creator does not hold (403 permission_not_held)', async () => {
    const smithRole = roleKey();
    expect(
      (
        await createRole(ws.admin.token, {
          key: smithRole,
          name: 'Role smith',
          permissions: ['users.read', 'roles.manage'],
        })
      ).status,
    ).toBe(201);
    const smith = await t.user(ws, [smithRole]);

    const escalate = roleKey();
    const refused = await createRole(smith.token, {
      key: escalate,
      name: 'Escalate',
      permissions: ['users.read', 'users.manage'],
    });
    expect(refused.status).toBe(403);
    expect(problemOf(refused).code).toBe('permission_not_held');
    expect(problemOf(refused).detail).toContain('users.manage');
    expect((await listRoles(ws.admin.token)).map((r) => r.key)).not.toContain(escalate);

    // Within what they hold, they may compose roles.
    const modest = await createRole(smith.token, {
      key: roleKey(),
      name: 'Reader',
      permissions: ['users.read'],
    });
    expect(modest.status).toBe(201);
  });

  it('cannot be edited to include a permission the editor does not hold', async () => {
    const smithRole = roleKey();
    await createRole(ws.admin.token, {
      key: smithRole,
      name: 'Role smith',
      permissions: ['users.read', 'roles.manage'],
    });
    const smith = await t.user(ws, [smithRole]);
    const res = await t.request(
      'PATCH',
      `/api/v1/roles/${smithRole}`,
      { permissions: ['users.read', 'roles.manage', 'users.manage'] },
      { token: smith.token },
    );
    expect(res.status).toBe(403);
    expect(problemOf(res).code).toBe('permission_not_held');
    const me = await t.get<MeBody>('/api/v1/me', smith.token);
    expect(me.body.permissions).toEqual(['roles.manage', 'users.read']);
  });

  it('give a user exactly the role’s permissions', async () => {
    const key = roleKey();
    await createRole(ws.admin.token, { key, name: 'Auditor', permissions: ['audit.read', 'users.read'] });
    const auditor = await t.user(ws, [key]);
    const me = await t.get<MeBody>('/api/v1/me', auditor.token);
    expect(me.status).toBe(200);
    expect(me.body.roles).toEqual([key]);
    expect(me.body.permissions).toEqual(['audit.read', 'users.read']);

    expect((await t.get('/api/v1/audit', auditor.token)).status).toBe(200);
    expect((await t.get('/api/v1/users', auditor.token)).status).toBe(200);
    for (const [method, url, body] of [
      ['GET', '/api/v1/workspace', undefined],
      ['POST', '/api/v1/users', { email: `${uniqueCode('x')}@example.test`, name: 'No', roles: [] }],
      ['POST', '/api/v1/roles', { key: roleKey(), name: 'No', permissions: [] }],
    ] as const) {
      const res = await t.request(method, url, body, { token: auditor.token });
      expect({ call: `${method} ${url}`, status: res.status, code: problemOf(res).code }).toEqual({
        call: `${method} ${url}`,
        status: 403,
        code: 'forbidden',
      });
    }
  });

  it('apply a change of their permissions to the holders’ next request', async () => {
    const key = roleKey();
    await createRole(ws.admin.token, { key, name: 'Auditor', permissions: ['audit.read', 'users.read'] });
    const auditor = await t.user(ws, [key]);
    expect((await t.get('/api/v1/audit', auditor.token)).status).toBe(200);

    const patched = await t.request<RoleBody>(
      'PATCH',
      `/api/v1/roles/${key}`,
      { permissions: ['users.read'] },
      { token: ws.admin.token },
    );
    expect(patched.status).toBe(200);
    expect(patched.body.permissions).toEqual(['users.read']);
    const refused = await t.get('/api/v1/audit', auditor.token);
    expect(refused.status).toBe(403);
    expect(problemOf(refused).code).toBe('forbidden');
  });

  it('cannot be deleted while assigned (409 role_in_use), and can once nobody holds it', async () => {
    const key = roleKey();
    await createRole(ws.admin.token, { key, name: 'Temporary', permissions: ['users.read'] });
    const holder = await t.user(ws, [key]);

    const inUse = await t.request('DELETE', `/api/v1/roles/${key}`, undefined, { token: ws.admin.token });
    expect(inUse.status).toBe(409);
    expect(problemOf(inUse).code).toBe('role_in_use');
    expect((await listRoles(ws.admin.token)).map((r) => r.key)).toContain(key);

    const unassigned = await t.request(
      'PATCH',
      `/api/v1/users/${holder.userId}`,
      { roles: ['viewer'] },
      { token: ws.admin.token },
    );
    expect(unassigned.status).toBe(200);
    const deleted = await t.request('DELETE', `/api/v1/roles/${key}`, undefined, { token: ws.admin.token });
    expect(deleted.status).toBe(204);
    expect((await listRoles(ws.admin.token)).map((r) => r.key)).not.toContain(key);
    const again = await t.request('DELETE', `/api/v1/roles/${key}`, undefined, { token: ws.admin.token });
    expect(again.status).toBe(404);
    expect(problemOf(again).code).toBe('role_not_found');
  });

  it('belong to their workspace: another workspace neither sees nor can assign them', async () => {
    const key = roleKey();
    await createRole(ws.admin.token, { key, name: 'Local', permissions: ['users.read'] });
    const other = await t.workspace();
    expect((await listRoles(other.admin.token)).map((r) => r.key)).not.toContain(key);
    const assign = await t.request(
      'POST',
      '/api/v1/users',
      { email: `${uniqueCode('x')}@${other.code}.test`, name: 'Borrower', roles: [key] },
      { token: other.admin.token },
    );
    expect(assign.status).toBe(422);
    expect(problemOf(assign).code).toBe('unknown_role');
    const patch = await t.request(
      'PATCH',
      `/api/v1/roles/${key}`,
      { name: 'Stolen' },
      { token: other.admin.token },
    );
    expect(patch.status).toBe(404);
    expect(problemOf(patch).code).toBe('role_not_found');
  });
});

describe('what each built-in role may do', () => {
  type Call = { method: string; url: string; body?: () => unknown };
  const calls: Record<string, Call> = {
    'GET /users': { method: 'GET', url: '/api/v1/users' },
    'POST /users': {
      method: 'POST',
      url: '/api/v1/users',
      body: () => ({ email: `${uniqueCode('x')}@example.test`, name: 'Table Row', roles: [] }),
    },
    'GET /roles': { method: 'GET', url: '/api/v1/roles' },
    'POST /roles': {
      method: 'POST',
      url: '/api/v1/roles',
      body: () => ({ key: roleKey(), name: 'Table Role', permissions: [] }),
    },
    'GET /permissions': { method: 'GET', url: '/api/v1/permissions' },
    'GET /audit': { method: 'GET', url: '/api/v1/audit' },
    'GET /audit/verify': { method: 'GET', url: '/api/v1/audit/verify' },
    'POST /audit/checkpoints': { method: 'POST', url: '/api/v1/audit/checkpoints' },
    'GET /workspace': { method: 'GET', url: '/api/v1/workspace' },
    'PATCH /workspace': {
      method: 'PATCH',
      url: '/api/v1/workspace',
      body: () => ({ settings: { timeZone: 'UTC' } }),
    },
    'GET /me': { method: 'GET', url: '/api/v1/me' },
    'GET /sessions': { method: 'GET', url: '/api/v1/sessions' },
  };
  const everything = Object.keys(calls);
  const table: { role: string; allowed: string[]; forbidden: string[] }[] = [
    { role: 'admin', allowed: everything, forbidden: [] },
    {
      role: 'manager',
      allowed: [
        'GET /users',
        'GET /roles',
        'GET /permissions',
        'GET /audit',
        'GET /audit/verify',
        'GET /workspace',
        'GET /me',
        'GET /sessions',
      ],
      forbidden: ['POST /users', 'POST /roles', 'PATCH /workspace', 'POST /audit/checkpoints'],
    },
    ...['operator', 'viewer'].map((role) => ({
      role,
      allowed: ['GET /workspace', 'GET /me', 'GET /sessions'],
      forbidden: [
        'GET /users',
        'POST /users',
        'GET /roles',
        'POST /roles',
        'GET /permissions',
        'GET /audit',
        'GET /audit/verify',
        'POST /audit/checkpoints',
        'PATCH /workspace',
      ],
    })),
  ];

  it('covers every call in the table for every role', () => {
    for (const row of table)
      expect([...row.allowed, ...row.forbidden].sort()).toEqual([...everything].sort());
  });

  it.each(table)(
    '$role is allowed and forbidden exactly the calls in its row',
    async ({ role, allowed, forbidden }) => {
      const person: SignedIn = await t.user(ws, [role]);
      const outcomes: Record<string, string> = {};
      const expected: Record<string, string> = {};
      for (const name of [...allowed, ...forbidden]) {
        const call = calls[name]!;
        const res = await t.request(call.method, call.url, call.body?.(), { token: person.token });
        outcomes[name] =
          res.status >= 200 && res.status < 300 ? 'allowed' : `${res.status} ${problemOf(res).code ?? ''}`;
        expected[name] = allowed.includes(name) ? 'allowed' : '403 forbidden';
      }
      expect(outcomes).toEqual(expected);
    },
  );

  it('admin is refused nothing: no registered route answers 403 forbidden to an admin', async () => {
    const w = await t.workspace();
    const session = await t.login(w.code, w.admin.email, w.admin.password);
    const token = session.body.accessToken;
    const routes = t.app.routeTable
      .filter((r) => !r.public)
      // A live stream never ends on its own; its permission is covered by the stats tests.
      .filter((r) => !r.url.endsWith('/stats/stream'))
      // Signing out would end the session the walk uses; it is checked last.
      .sort((a, b) => Number(a.url.endsWith('/logout')) - Number(b.url.endsWith('/logout')));
    const refused: string[] = [];
    const signedOut: string[] = [];
    for (const route of routes) {
      const url = route.url.replace(/:id\b/g, crypto.randomUUID()).replace(/:key\b/g, 'no-such-role');
      const res = await t.request(route.method, url, undefined, { token });
      // HEAD answers carry no body, so any 403 counts there.
      const forbidden =
        res.status === 403 && (route.method === 'HEAD' || problemOf(res).code === 'forbidden');
      if (forbidden) refused.push(`${route.method} ${route.url}`);
      if (res.status === 401) signedOut.push(`${route.method} ${route.url}`);
    }
    expect(refused).toEqual([]);
    // The walk really ran signed in (a dead token would pass the check above vacuously).
    expect(signedOut).toEqual([]);
    expect(routes.length).toBeGreaterThan(30);
  });
});
