import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type SignedIn,
  startTestApp,
  strongPassword,
  type TestApp,
  type TestWorkspace,
  uniqueCode,
} from '../../testing/harness.ts';

interface UserBody {
  id: string;
  email: string;
  name: string;
  status: 'active' | 'deactivated';
  roles: string[];
  permissions: string[];
  passwordChangeRequired: boolean;
  deactivatedAt: string | null;
  activation?: { code: string; expiresAt: string };
}

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: { path: string; message: string }[];
}

interface PageBody<T> {
  data: T[];
  nextCursor: string | null;
}

let t: TestApp;
let ws: TestWorkspace;

beforeAll(async () => {
  t = await startTestApp();
  ws = await t.workspace();
});
afterAll(() => t.close());

// Each sign-in or activation attempt that may fail comes from its own address, so the per-address
// sign-in throttle never decides an outcome in this file.
let ipCounter = 0;
function freshIp(): string {
  ipCounter += 1;
  return `10.20.${Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 1}`;
}

function newEmail(w: TestWorkspace): string {
  return `${uniqueCode('person')}@${w.code}.test`;
}

function problemOf(res: { body: unknown }): ProblemBody {
  return res.body as ProblemBody;
}

function createUser(w: TestWorkspace, body: Record<string, unknown>, headers?: Record<string, string>) {
  return t.request<UserBody>('POST', '/api/v1/users', body, { token: w.admin.token, headers: headers ?? {} });
}

function activate(w: TestWorkspace, code: string, password: string) {
  return t.request('POST', '/api/v1/auth/activate', { workspace: w.code, code, password }, { ip: freshIp() });
}

function signIn(w: TestWorkspace, email: string, password: string) {
  return t.login(w.code, email, password, freshIp());
}

function asAdmin(w: TestWorkspace, method: string, url: string, body?: unknown) {
  return t.request<UserBody>(method, url, body, { token: w.admin.token });
}

async function countUsersMatching(w: TestWorkspace, q: string): Promise<number> {
  const res = await t.get<PageBody<UserBody>>(`/api/v1/users?q=${encodeURIComponent(q)}`, w.admin.token);
  expect(res.status).toBe(200);
  return res.body.data.length;
}

/** A second admin in the workspace, signed in. */
function secondAdmin(w: TestWorkspace): Promise<SignedIn> {
  return t.user(w, ['admin'], 'Second Admin');
}

describe('creating accounts', () => {
  it('creates a user without a password and answers a one-time activation code valid for 72 hours', async () => {
    const email = newEmail(ws);
    const before = Date.now();
    const res = await createUser(ws, { email, name: 'Ada Lovelace', roles: ['operator'] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      email,
      name: 'Ada Lovelace',
      status: 'active',
      roles: ['operator'],
      passwordChangeRequired: false,
    });
    const activation = res.body.activation;
    expect(activation).toBeDefined();
    expect(activation!.code.length).toBeGreaterThanOrEqual(32);
    const expires = Date.parse(activation!.expiresAt);
    const expected = before + 72 * 3600 * 1000;
    expect(Math.abs(expires - expected)).toBeLessThan(60_000);
    // Until the code is used there is no password to sign in with.
    const login = await signIn(ws, email, 'anything at all here');
    expect(login.status).toBe(401);
    expect(problemOf(login).code).toBe('invalid_credentials');
  });

  it('gives a fresh code to every user; codes are never repeated', async () => {
    const a = await createUser(ws, { email: newEmail(ws), name: 'A', roles: [] });
    const b = await createUser(ws, { email: newEmail(ws), name: 'B', roles: [] });
    expect(a.body.activation!.code).not.toBe(b.body.activation!.code);
  });

  it('activation sets the password once; a second use of the code answers 401 invalid_activation_code', async () => {
    const email = newEmail(ws);
    const created = await createUser(ws, { email, name: 'Once Only', roles: ['viewer'] });
    const code = created.body.activation!.code;
    const first = strongPassword();
    const ok = await activate(ws, code, first);
    expect(ok.status).toBe(204);

    const login = await signIn(ws, email, first);
    expect(login.status).toBe(200);
    expect(login.body.user.passwordChangeRequired).toBe(false);

    const second = strongPassword();
    const again = await activate(ws, code, second);
    expect(again.status).toBe(401);
    expect(problemOf(again).code).toBe('invalid_activation_code');
    // The spent code changed nothing: the first password still works, the second does not.
    expect((await signIn(ws, email, first)).status).toBe(200);
    expect((await signIn(ws, email, second)).status).toBe(401);
  });

  it('refuses an expired activation code', async () => {
    const email = newEmail(ws);
    const created = await createUser(ws, { email, name: 'Too Late', roles: ['viewer'] });
    await sql`update activation_codes set expires_at = now() - interval '1 minute'
      where user_id = ${created.body.id}`.execute(t.db.db);
    const password = strongPassword();
    const res = await activate(ws, created.body.activation!.code, password);
    expect(res.status).toBe(401);
    expect(problemOf(res).code).toBe('invalid_activation_code');
    expect((await signIn(ws, email, password)).status).toBe(401);
  });

  it('refuses an activation code in another workspace', async () => {
    const other = await t.workspace();
    const created = await createUser(ws, { email: newEmail(ws), name: 'Wrong Door', roles: [] });
    const res = await activate(other, created.body.activation!.code, strongPassword());
    expect(res.status).toBe(401);
    expect(problemOf(res).code).toBe('invalid_activation_code');
    // The code was not spent by the failed attempt.
    expect((await activate(ws, created.body.activation!.code, strongPassword())).status).toBe(204);
  });

  it('refuses a common password at activation and keeps the code usable', async () => {
    const created = await createUser(ws, { email: newEmail(ws), name: 'Careful', roles: [] });
    const weak = await activate(ws, created.body.activation!.code, 'Password1!');
    expect(weak.status).toBe(422);
    expect(problemOf(weak).code).toBe('weak_password');
    expect((await activate(ws, created.body.activation!.code, strongPassword())).status).toBe(204);
  });

  it('answers 409 email_taken for an email already in the workspace, whatever its case', async () => {
    const email = newEmail(ws);
    expect((await createUser(ws, { email, name: 'First', roles: [] })).status).toBe(201);
    const same = await createUser(ws, { email, name: 'Second', roles: [] });
    expect(same.status).toBe(409);
    expect(problemOf(same).code).toBe('email_taken');
    const shouted = await createUser(ws, { email: email.toUpperCase(), name: 'Third', roles: [] });
    expect(shouted.status).toBe(409);
    expect(problemOf(shouted).code).toBe('email_taken');
    expect(await countUsersMatching(ws, email)).toBe(1);
  });

  it('stores emails in lower case', async () => {
    const email = newEmail(ws);
    const res = await createUser(ws, { email: email.toUpperCase(), name: 'Caps Lock', roles: [] });
    expect(res.status).toBe(201);
    expect(res.body.email).toBe(email);
  });

  it('allows the same email in two different workspaces', async () => {
    const other = await t.workspace();
    const email = `shared-${uniqueCode('x')}@example.test`;
    expect((await createUser(ws, { email, name: 'Here', roles: [] })).status).toBe(201);
    expect((await createUser(other, { email, name: 'There', roles: [] })).status).toBe(201);
  });

  it('answers 422 unknown_role for a role the workspace does not have, and creates nobody', async () => {
    const email = newEmail(ws);
    const res = await createUser(ws, { email, name: 'Nobody', roles: ['viewer', 'wizard'] });
    expect(res.status).toBe(422);
    expect(problemOf(res)).toMatchObject({ code: 'unknown_role', errors: [{ path: '/roles/1' }] });
    expect(await countUsersMatching(ws, email)).toBe(0);
  });

  it('refuses a common password as 422 weak_password naming the field, and creates nobody', async () => {
    const email = newEmail(ws);
    const res = await createUser(ws, { email, name: 'Weak', roles: [], password: 'Password1!' });
    expect(res.status).toBe(422);
    expect(problemOf(res).code).toBe('weak_password');
    expect(problemOf(res).errors?.map((e) => e.path)).toEqual(['/password']);
    expect(await countUsersMatching(ws, email)).toBe(0);
  });

  it('refuses a password shorter than 8 characters', async () => {
    const res = await createUser(ws, { email: newEmail(ws), name: 'Short', roles: [], password: 'x7#Kq2' });
    expect(res.status).toBe(422);
    expect(problemOf(res).code).toBe('weak_password');
  });
});

describe('temporary passwords set by an admin', () => {
  async function withTemporaryPassword(roles: string[]) {
    const email = newEmail(ws);
    const temporary = strongPassword();
    const created = await createUser(ws, { email, name: 'Temp', roles, password: temporary });
    expect(created.status).toBe(201);
    expect(created.body.activation).toBeUndefined();
    expect(created.body.passwordChangeRequired).toBe(true);
    const login = await signIn(ws, email, temporary);
    expect(login.status).toBe(200);
    return { id: created.body.id, email, temporary, login };
  }

  it('signs in with passwordChangeRequired true', async () => {
    const { login } = await withTemporaryPassword(['manager']);
    expect(login.body.user.passwordChangeRequired).toBe(true);
  });

  it('answers 403 password_change_required to ordinary calls until the password is changed', async () => {
    const { login } = await withTemporaryPassword(['manager']);
    const token = login.body.accessToken;
    const calls: [string, string, unknown][] = [
      ['GET', '/api/v1/users', undefined],
      ['GET', '/api/v1/roles', undefined],
      ['GET', '/api/v1/workspace', undefined],
      ['GET', '/api/v1/audit', undefined],
      ['GET', '/api/v1/sessions', undefined],
      ['PATCH', '/api/v1/me', { name: 'Changed Early' }],
      ['POST', '/api/v1/users', { email: newEmail(ws), name: 'Sneaky', roles: [] }],
    ];
    for (const [method, url, body] of calls) {
      const res = await t.request(method, url, body, { token });
      expect({ call: `${method} ${url}`, status: res.status, code: problemOf(res).code }).toEqual({
        call: `${method} ${url}`,
        status: 403,
        code: 'password_change_required',
      });
    }
  });

  it('allows GET /me and logout while the password change is pending', async () => {
    const { login } = await withTemporaryPassword(['viewer']);
    const me = await t.get<UserBody>('/api/v1/me', login.body.accessToken);
    expect(me.status).toBe(200);
    expect(me.body.passwordChangeRequired).toBe(true);
    const out = await t.post('/api/v1/auth/logout', undefined, login.body.accessToken);
    expect(out.status).toBe(204);
    expect((await t.get('/api/v1/me', login.body.accessToken)).status).toBe(401);
  });

  it('does not let two-factor enrollment start while the password change is pending', async () => {
    // API.md: every call but POST /me/password, GET /me and logout answers 403 password_change_required.
    const { login } = await withTemporaryPassword(['viewer']);
    const res = await t.post('/api/v1/me/mfa/totp', undefined, login.body.accessToken);
    expect(res.status).toBe(403);
    expect(problemOf(res).code).toBe('password_change_required');
  });

  it('works normally after POST /me/password, and the temporary password stops working', async () => {
    const { email, temporary, login } = await withTemporaryPassword(['manager']);
    const token = login.body.accessToken;
    const chosen = strongPassword();
    const weak = await t.post(
      '/api/v1/me/password',
      { currentPassword: temporary, newPassword: 'qwerty123' },
      token,
    );
    expect(weak.status).toBe(422);
    expect(problemOf(weak).code).toBe('weak_password');

    const changed = await t.post(
      '/api/v1/me/password',
      { currentPassword: temporary, newPassword: chosen },
      token,
    );
    expect(changed.status).toBe(204);
    // The same session carries on, now unrestricted.
    expect((await t.get('/api/v1/users', token)).status).toBe(200);
    expect((await t.get<UserBody>('/api/v1/me', token)).body.passwordChangeRequired).toBe(false);

    const fresh = await signIn(ws, email, chosen);
    expect(fresh.status).toBe(200);
    expect(fresh.body.user.passwordChangeRequired).toBe(false);
    const old = await signIn(ws, email, temporary);
    expect(old.status).toBe(401);
    expect(problemOf(old).code).toBe('invalid_credentials');
  });

  it('ends the other sessions when the password is changed', async () => {
    const { email, temporary, login } = await withTemporaryPassword(['viewer']);
    const other = await signIn(ws, email, temporary);
    expect(other.status).toBe(200);
    const changed = await t.post(
      '/api/v1/me/password',
      { currentPassword: temporary, newPassword: strongPassword() },
      login.body.accessToken,
    );
    expect(changed.status).toBe(204);
    expect((await t.get('/api/v1/me', other.body.accessToken)).status).toBe(401);
    const refreshed = await t.post('/api/v1/auth/refresh', { refreshToken: other.body.refreshToken });
    expect(refreshed.status).toBe(401);
    expect((await t.get('/api/v1/me', login.body.accessToken)).status).toBe(200);
  });
});

describe('editing accounts', () => {
  it('changes name and roles, and the new roles apply to the next request of that user', async () => {
    const person = await t.user(ws, ['viewer'], 'Before Rename');
    expect((await t.get('/api/v1/users', person.token)).status).toBe(403);

    const promoted = await asAdmin(ws, 'PATCH', `/api/v1/users/${person.userId}`, {
      name: 'After Rename',
      roles: ['manager'],
    });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ name: 'After Rename', roles: ['manager'] });
    expect(promoted.body.permissions).toContain('users.read');

    // Same access token, no new sign-in: permissions are read per request.
    expect((await t.get('/api/v1/users', person.token)).status).toBe(200);
    const me = await t.get<UserBody>('/api/v1/me', person.token);
    expect(me.body).toMatchObject({ name: 'After Rename', roles: ['manager'] });

    const demoted = await asAdmin(ws, 'PATCH', `/api/v1/users/${person.userId}`, { roles: ['viewer'] });
    expect(demoted.status).toBe(200);
    const refused = await t.get('/api/v1/users', person.token);
    expect(refused.status).toBe(403);
    expect(problemOf(refused).code).toBe('forbidden');
  });

  it('answers 409 email_taken when an edit would give a user another user’s email', async () => {
    const a = await t.user(ws, ['viewer']);
    const b = await t.user(ws, ['viewer']);
    const res = await asAdmin(ws, 'PATCH', `/api/v1/users/${b.userId}`, { email: a.email.toUpperCase() });
    expect(res.status).toBe(409);
    expect(problemOf(res).code).toBe('email_taken');
  });

  it('answers 422 unknown_role when an edit names a role that does not exist, and changes nothing', async () => {
    const person = await t.user(ws, ['viewer']);
    const res = await asAdmin(ws, 'PATCH', `/api/v1/users/${person.userId}`, {
      name: 'Should Not Stick',
      roles: ['ghost'],
    });
    expect(res.status).toBe(422);
    expect(problemOf(res).code).toBe('unknown_role');
    const after = await asAdmin(ws, 'GET', `/api/v1/users/${person.userId}`);
    expect(after.body).toMatchObject({ name: 'Test Person', roles: ['viewer'] });
  });

  it('does not let someone who manages accounts hand out a role with permissions they lack', async () => {
    // DESIGN.md: nobody grants a permission they do not hold. Assigning the admin role grants them all.
    const w = await t.workspace();
    const role = await t.request(
      'POST',
      '/api/v1/roles',
      { key: 'accounts', name: 'Accounts', permissions: ['users.manage', 'users.read'] },
      { token: w.admin.token },
    );
    expect(role.status).toBe(201);
    const clerk = await t.user(w, ['accounts']);
    const created = await t.request(
      'POST',
      '/api/v1/users',
      { email: newEmail(w), name: 'Shadow Admin', roles: ['admin'] },
      { token: clerk.token },
    );
    expect(created.status).toBe(403);
    expect(problemOf(created).code).toBe('permission_not_held');
    const selfPromotion = await t.request(
      'PATCH',
      `/api/v1/users/${clerk.userId}`,
      { roles: ['accounts', 'admin'] },
      { token: clerk.token },
    );
    expect(selfPromotion.status).toBe(403);
    expect(problemOf(selfPromotion).code).toBe('permission_not_held');
    const me = await t.get<UserBody>('/api/v1/me', clerk.token);
    expect(me.body.roles).toEqual(['accounts']);
  });
});

describe('deactivation and reactivation', () => {
  it('ends the user’s sessions at once: the live token answers 401, login and refresh fail', async () => {
    const person = await t.user(ws, ['operator']);
    expect((await t.get('/api/v1/me', person.token)).status).toBe(200);

    const res = await asAdmin(ws, 'POST', `/api/v1/users/${person.userId}/deactivate`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('deactivated');
    expect(res.body.deactivatedAt).not.toBeNull();

    expect((await t.get('/api/v1/me', person.token)).status).toBe(401);
    const login = await signIn(ws, person.email, person.password);
    expect(login.status).toBe(401);
    expect(problemOf(login).code).toBe('invalid_credentials');
    const refreshed = await t.post('/api/v1/auth/refresh', { refreshToken: person.refreshToken });
    expect(refreshed.status).toBe(401);
  });

  it('lets a reactivated user sign in again, but does not revive old sessions', async () => {
    const person = await t.user(ws, ['operator']);
    expect((await asAdmin(ws, 'POST', `/api/v1/users/${person.userId}/deactivate`)).status).toBe(200);
    const res = await asAdmin(ws, 'POST', `/api/v1/users/${person.userId}/reactivate`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'active', deactivatedAt: null });

    const login = await signIn(ws, person.email, person.password);
    expect(login.status).toBe(200);
    expect((await t.get('/api/v1/me', login.body.accessToken)).status).toBe(200);
    expect((await t.get('/api/v1/me', person.token)).status).toBe(401);
    expect((await t.post('/api/v1/auth/refresh', { refreshToken: person.refreshToken })).status).toBe(401);
  });

  it('does not let a deactivated user activate with an unspent code', async () => {
    const created = await createUser(ws, { email: newEmail(ws), name: 'Pending', roles: [] });
    expect((await asAdmin(ws, 'POST', `/api/v1/users/${created.body.id}/deactivate`)).status).toBe(200);
    const res = await activate(ws, created.body.activation!.code, strongPassword());
    expect(res.status).toBe(401);
    expect(problemOf(res).code).toBe('invalid_activation_code');
  });
});

describe('password resets by an admin', () => {
  it('without a password issues a new activation code and ends the user’s sessions', async () => {
    const person = await t.user(ws, ['operator']);
    const res = await asAdmin(ws, 'POST', `/api/v1/users/${person.userId}/reset-password`, {});
    expect(res.status).toBe(200);
    const code = res.body.activation?.code;
    expect(code).toBeDefined();

    expect((await t.get('/api/v1/me', person.token)).status).toBe(401);
    expect((await t.post('/api/v1/auth/refresh', { refreshToken: person.refreshToken })).status).toBe(401);
    expect((await signIn(ws, person.email, person.password)).status).toBe(401);

    const chosen = strongPassword();
    expect((await activate(ws, code!, chosen)).status).toBe(204);
    const login = await signIn(ws, person.email, chosen);
    expect(login.status).toBe(200);
    expect(login.body.user.passwordChangeRequired).toBe(false);
  });

  it('accepts a reset with no request body at all', async () => {
    const person = await t.user(ws, ['operator']);
    const res = await t.request<UserBody>(
      'POST',
      `/api/v1/users/${person.userId}/reset-password`,
      undefined,
      {
        token: ws.admin.token,
      },
    );
    expect(res.status).toBe(200);
    expect(res.body.activation?.code).toBeDefined();
  });

  it('replaces an earlier unspent activation code', async () => {
    const created = await createUser(ws, { email: newEmail(ws), name: 'Twice', roles: [] });
    const first = created.body.activation!.code;
    const reset = await asAdmin(ws, 'POST', `/api/v1/users/${created.body.id}/reset-password`, {});
    const second = reset.body.activation!.code;
    expect(second).not.toBe(first);
    expect((await activate(ws, first, strongPassword())).status).toBe(401);
    expect((await activate(ws, second, strongPassword())).status).toBe(204);
  });

  it('with a password sets a temporary one the user must change', async () => {
    const person = await t.user(ws, ['operator']);
    const temporary = strongPassword();
    const res = await asAdmin(ws, 'POST', `/api/v1/users/${person.userId}/reset-password`, {
      password: temporary,
    });
    expect(res.status).toBe(200);
    expect(res.body.activation).toBeUndefined();
    expect((await t.get('/api/v1/me', person.token)).status).toBe(401);
    const login = await signIn(ws, person.email, temporary);
    expect(login.status).toBe(200);
    expect(login.body.user.passwordChangeRequired).toBe(true);
    const blocked = await t.get('/api/v1/workspace', login.body.accessToken);
    expect(problemOf(blocked).code).toBe('password_change_required');
  });
});

describe('the last admin', () => {
  it('cannot be demoted', async () => {
    const w = await t.workspace();
    for (const roles of [['manager'], []]) {
      const res = await asAdmin(w, 'PATCH', `/api/v1/users/${w.admin.userId}`, { roles });
      expect(res.status).toBe(409);
      expect(problemOf(res).code).toBe('last_admin');
    }
    const me = await t.get<UserBody>('/api/v1/me', w.admin.token);
    expect(me.body.roles).toEqual(['admin']);
  });

  it('cannot be deactivated, even by someone else who manages accounts', async () => {
    const w = await t.workspace();
    const role = await t.request(
      'POST',
      '/api/v1/roles',
      { key: 'accounts', name: 'Accounts', permissions: ['users.manage', 'users.read'] },
      { token: w.admin.token },
    );
    expect(role.status).toBe(201);
    const clerk = await t.user(w, ['accounts']);
    const res = await t.post(`/api/v1/users/${w.admin.userId}/deactivate`, undefined, clerk.token);
    expect(res.status).toBe(409);
    expect(problemOf(res).code).toBe('last_admin');
    expect((await t.get('/api/v1/me', w.admin.token)).status).toBe(200);
  });

  it('an admin cannot deactivate themself (409 cannot_deactivate_self)', async () => {
    const w = await t.workspace();
    await secondAdmin(w);
    const res = await asAdmin(w, 'POST', `/api/v1/users/${w.admin.userId}/deactivate`);
    expect(res.status).toBe(409);
    expect(problemOf(res).code).toBe('cannot_deactivate_self');
    expect((await t.get('/api/v1/me', w.admin.token)).status).toBe(200);
  });

  it('with two admins, one can demote the other, and then not the last one', async () => {
    const w = await t.workspace();
    const other = await secondAdmin(w);
    const demoted = await asAdmin(w, 'PATCH', `/api/v1/users/${other.userId}`, { roles: ['manager'] });
    expect(demoted.status).toBe(200);
    expect(demoted.body.roles).toEqual(['manager']);
    const refused = await t.post(
      '/api/v1/roles',
      { key: 'nope', name: 'Nope', permissions: [] },
      other.token,
    );
    expect(refused.status).toBe(403);

    const self = await asAdmin(w, 'PATCH', `/api/v1/users/${w.admin.userId}`, { roles: ['viewer'] });
    expect(self.status).toBe(409);
    expect(problemOf(self).code).toBe('last_admin');
  });

  it('with two admins, one can deactivate the other; a deactivated admin does not count', async () => {
    const w = await t.workspace();
    const other = await secondAdmin(w);
    const res = await asAdmin(w, 'POST', `/api/v1/users/${other.userId}/deactivate`);
    expect(res.status).toBe(200);
    const demoteSelf = await asAdmin(w, 'PATCH', `/api/v1/users/${w.admin.userId}`, { roles: [] });
    expect(demoteSelf.status).toBe(409);
    expect(problemOf(demoteSelf).code).toBe('last_admin');
  });
});

describe('listing accounts', () => {
  it('walks every user with limit=2 via nextCursor, without duplicates', async () => {
    const w = await t.workspace();
    for (let i = 0; i < 4; i++) {
      expect((await createUser(w, { email: newEmail(w), name: `Walker ${i}`, roles: [] })).status).toBe(201);
    }
    const all = await t.get<PageBody<UserBody>>('/api/v1/users', w.admin.token);
    expect(all.body.data).toHaveLength(5);
    expect(all.body.nextCursor).toBeNull();

    const seen: string[] = [];
    const pageSizes: number[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page = await t.get<PageBody<UserBody>>(`/api/v1/users?limit=2${query}`, w.admin.token);
      expect(page.status).toBe(200);
      pageSizes.push(page.body.data.length);
      seen.push(...page.body.data.map((u) => u.id));
      cursor = page.body.nextCursor;
    } while (cursor && pageSizes.length < 10);
    expect(pageSizes).toEqual([2, 2, 1]);
    expect(new Set(seen).size).toBe(seen.length);
    expect(new Set(seen)).toEqual(new Set(all.body.data.map((u) => u.id)));
  });

  it('refuses a cursor it did not issue with 400 validation_failed', async () => {
    const res = await t.get('/api/v1/users?limit=2&cursor=not-a-cursor', ws.admin.token);
    expect(res.status).toBe(400);
    expect(problemOf(res).code).toBe('validation_failed');
  });

  it('searches email and name with q, case-insensitively', async () => {
    const w = await t.workspace();
    const marker = uniqueCode('zq');
    const byEmail = await createUser(w, { email: `${marker}@${w.code}.test`, name: 'Plain Name', roles: [] });
    const byName = await createUser(w, { email: newEmail(w), name: 'Quintessa Marbleworth', roles: [] });
    await createUser(w, { email: newEmail(w), name: 'Someone Else', roles: [] });

    const emailHits = await t.get<PageBody<UserBody>>(
      `/api/v1/users?q=${encodeURIComponent(marker.toUpperCase())}`,
      w.admin.token,
    );
    expect(emailHits.body.data.map((u) => u.id)).toEqual([byEmail.body.id]);
    const nameHits = await t.get<PageBody<UserBody>>('/api/v1/users?q=marblewor', w.admin.token);
    expect(nameHits.body.data.map((u) => u.id)).toEqual([byName.body.id]);
  });

  it('treats % and _ in q as plain characters, not wildcards', async () => {
    const w = await t.workspace();
    await createUser(w, { email: newEmail(w), name: 'Wild Card', roles: [] });
    expect(await countUsersMatching(w, '%')).toBe(0);
    expect(await countUsersMatching(w, '_')).toBe(0);
  });

  it('lists only the caller’s workspace', async () => {
    const other = await t.workspace();
    const stranger = await createUser(other, { email: newEmail(other), name: 'Stranger', roles: [] });
    const list = await t.get<PageBody<UserBody>>('/api/v1/users?limit=500', ws.admin.token);
    expect(list.body.data.map((u) => u.id)).not.toContain(stranger.body.id);
    expect(list.body.data.map((u) => u.id)).not.toContain(other.admin.userId);
  });
});

describe('Idempotency-Key on POST /users', () => {
  it('replays the same 201 response for the same key and body, creating one user', async () => {
    const key = `create-${uniqueCode('k')}`;
    const body = { email: newEmail(ws), name: 'Retried Scan', roles: ['viewer'] };
    const first = await createUser(ws, body, { 'Idempotency-Key': key });
    const second = await createUser(ws, body, { 'Idempotency-Key': key });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect(second.body).toEqual(first.body);
    expect(await countUsersMatching(ws, body.email)).toBe(1);
  });

  it('answers 422 idempotency_key_reused for the same key with a different body', async () => {
    const key = `create-${uniqueCode('k')}`;
    const email = newEmail(ws);
    expect((await createUser(ws, { email, name: 'One', roles: [] }, { 'Idempotency-Key': key })).status).toBe(
      201,
    );
    const other = newEmail(ws);
    const res = await createUser(ws, { email: other, name: 'Two', roles: [] }, { 'Idempotency-Key': key });
    expect(res.status).toBe(422);
    expect(problemOf(res).code).toBe('idempotency_key_reused');
    expect(await countUsersMatching(ws, other)).toBe(0);
  });

  it('does not replay another user’s response for the same key', async () => {
    const w = await t.workspace();
    const colleague = await t.user(w, ['admin']);
    const key = `create-${uniqueCode('k')}`;
    const body = { email: newEmail(w), name: 'Mine', roles: [] };
    expect((await createUser(w, body, { 'Idempotency-Key': key })).status).toBe(201);
    const res = await t.request('POST', '/api/v1/users', body, {
      token: colleague.token,
      headers: { 'Idempotency-Key': key },
    });
    expect(res.status).toBe(422);
    expect(problemOf(res).code).toBe('idempotency_key_reused');
  });

  it('keeps keys per workspace: the same key in another workspace creates a new user', async () => {
    const other = await t.workspace();
    const key = `create-${uniqueCode('k')}`;
    const here = await createUser(
      ws,
      { email: newEmail(ws), name: 'Here', roles: [] },
      { 'Idempotency-Key': key },
    );
    const there = await createUser(
      other,
      { email: newEmail(other), name: 'There', roles: [] },
      { 'Idempotency-Key': key },
    );
    expect(here.status).toBe(201);
    expect(there.status).toBe(201);
    expect(there.body.id).not.toBe(here.body.id);
  });

  it('creates exactly one user from 10 concurrent requests with one key, all answering 201 with its id', async () => {
    const key = `create-${uniqueCode('k')}`;
    const body = { email: newEmail(ws), name: 'Stampede', roles: ['operator'] };
    const results = await Promise.all(
      Array.from({ length: 10 }, () => createUser(ws, body, { 'Idempotency-Key': key })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
    const ids = new Set(results.map((r) => r.body.id));
    expect(ids.size).toBe(1);
    expect(await countUsersMatching(ws, body.email)).toBe(1);
  });

  it('refuses an invalid key with 400 invalid_idempotency_key and creates nobody', async () => {
    const email = newEmail(ws);
    const res = await createUser(ws, { email, name: 'Bad Key', roles: [] }, { 'Idempotency-Key': 'short' });
    expect(res.status).toBe(400);
    expect(problemOf(res).code).toBe('invalid_idempotency_key');
    expect(await countUsersMatching(ws, email)).toBe(0);
  });
});

describe('another workspace’s users', () => {
  it('answer 404 user_not_found to every account call, and stay untouched', async () => {
    const other = await t.workspace();
    const stranger = await t.user(other, ['operator']);
    const id = stranger.userId;
    const calls: [string, string, unknown][] = [
      ['GET', `/api/v1/users/${id}`, undefined],
      ['PATCH', `/api/v1/users/${id}`, { name: 'Hijacked', roles: ['admin'] }],
      ['POST', `/api/v1/users/${id}/deactivate`, undefined],
      ['POST', `/api/v1/users/${id}/reactivate`, undefined],
      ['POST', `/api/v1/users/${id}/reset-password`, {}],
    ];
    for (const [method, url, body] of calls) {
      const res = await asAdmin(ws, method, url, body);
      expect({ call: `${method} ${url}`, status: res.status, code: problemOf(res).code }).toEqual({
        call: `${method} ${url}`,
        status: 404,
        code: 'user_not_found',
      });
    }
    const me = await t.get<UserBody>('/api/v1/me', stranger.token);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ name: 'Test Person', roles: ['operator'], status: 'active' });
  });
});
