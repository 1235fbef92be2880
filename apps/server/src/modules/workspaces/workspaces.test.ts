import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCodeAt } from '../../platform/auth/totp.ts';
import { Problem } from '../../platform/errors.ts';
import {
  startTestApp,
  strongPassword,
  type TestApp,
  type TestWorkspace,
  uniqueCode,
} from '../../testing/harness.ts';
import { createWorkspace } from './service.ts';

interface WorkspaceBody {
  id: string;
  code: string;
  name: string;
  settings: { timeZone: string; requireMfaForAdmins: boolean; allowNegativeStock: boolean };
}

interface ProblemBody {
  status: number;
  code: string;
  errors?: { path: string; message: string }[];
}

interface Discovery {
  code: string;
  name: string;
  apiBaseUrl: string;
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

function patchWorkspace(token: string, body: unknown) {
  return t.request<WorkspaceBody>('PATCH', '/api/v1/workspace', body, { token });
}

async function creationError(code: string, adminPassword = strongPassword()): Promise<unknown> {
  try {
    await createWorkspace(t.db.db, {
      code,
      name: 'Attempt',
      adminEmail: `admin@${uniqueCode('c')}.test`,
      adminPassword,
    });
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('workspace discovery', () => {
  it('resolves a code without authentication to its name and API base URL', async () => {
    const res = await t.get<Discovery>(`/api/v1/workspaces/${ws.code}`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['apiBaseUrl', 'code', 'name']);
    expect(res.body).toMatchObject({ code: ws.code, name: `Workspace ${ws.code}` });
    expect(res.body.apiBaseUrl).toMatch(/^https?:\/\/.+\/api\/v1$/);
  });

  it('ignores the case of the code', async () => {
    const res = await t.get<Discovery>(`/api/v1/workspaces/${ws.code.toUpperCase()}`);
    expect(res.status).toBe(200);
    expect(res.body.code).toBe(ws.code);
  });

  it('answers 404 workspace_not_found for an unknown or malformed code', async () => {
    for (const code of ['no-such-workspace', 'x', '--', '%27%20or%201%3D1--']) {
      const res = await t.get(`/api/v1/workspaces/${code}`);
      expect(res.status, code).toBe(404);
      expect(problemOf(res).code).toBe('workspace_not_found');
    }
  });

  it('reveals nothing but code, name and API base URL', async () => {
    const res = await t.get(`/api/v1/workspaces/${ws.code}`);
    expect(res.text).not.toContain(ws.id);
    expect(res.text).not.toContain('settings');
  });
});

describe('workspace discovery with a directory and a public URL', () => {
  let d: TestApp;
  let dir: string;
  let file: string;
  let local: TestWorkspace;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsledger-directory-'));
    file = path.join(dir, 'directory.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        'remote-co': 'https://other.example/api/v1',
        'Named-Co': { apiBaseUrl: 'https://named.example/api/v1', name: 'Named Company' },
      }),
    );
    d = await startTestApp({ directoryFile: file, publicUrl: 'https://ops.example/' });
    local = await d.workspace();
  });
  afterAll(async () => {
    await d.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers a code listed in the directory with that backend’s API base URL', async () => {
    const res = await d.get<Discovery>('/api/v1/workspaces/remote-co');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ code: 'remote-co', apiBaseUrl: 'https://other.example/api/v1' });
  });

  it('takes a directory entry’s name when it gives one, matching codes without regard to case', async () => {
    const res = await d.get<Discovery>('/api/v1/workspaces/named-co');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      code: 'named-co',
      name: 'Named Company',
      apiBaseUrl: 'https://named.example/api/v1',
    });
  });

  it('builds local workspaces’ API base URL from the configured public URL', async () => {
    const res = await d.get<Discovery>(`/api/v1/workspaces/${local.code}`);
    expect(res.status).toBe(200);
    expect(res.body.apiBaseUrl).toBe('https://ops.example/api/v1');
  });

  it('does not take the API base URL from the Host header when a public URL is configured', async () => {
    const res = await d.request<Discovery>('GET', `/api/v1/workspaces/${local.code}`, undefined, {
      headers: { host: 'attacker.example' },
    });
    expect(res.body.apiBaseUrl).toBe('https://ops.example/api/v1');
  });

  it('reads directory edits on the next lookup', async () => {
    fs.writeFileSync(file, JSON.stringify({ 'late-co': 'https://late.example/api/v1' }));
    const added = await d.get<Discovery>('/api/v1/workspaces/late-co');
    expect(added.status).toBe(200);
    expect(added.body.apiBaseUrl).toBe('https://late.example/api/v1');
    const removed = await d.get('/api/v1/workspaces/remote-co');
    expect(removed.status).toBe(404);
    expect(problemOf(removed).code).toBe('workspace_not_found');
  });

  it('treats an unreadable directory file as a server fault (500), not as the client’s bad JSON', async () => {
    fs.writeFileSync(file, '{ "half-written": ');
    try {
      const res = await d.get('/api/v1/workspaces/someone-else');
      expect(res.status).toBe(500);
      expect(problemOf(res).code).toBe('internal_error');
    } finally {
      fs.writeFileSync(file, JSON.stringify({ 'remote-co': 'https://other.example/api/v1' }));
    }
  });
});

describe('workspace settings', () => {
  it('shows the workspace and its default settings', async () => {
    const w = await t.workspace();
    const res = await t.get<WorkspaceBody>('/api/v1/workspace', w.admin.token);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: w.id,
      code: w.code,
      name: `Workspace ${w.code}`,
      settings: { timeZone: 'UTC', requireMfaForAdmins: false, allowNegativeStock: false },
    });
  });

  it('lets an admin rename the workspace and set its time zone, keeping other settings', async () => {
    const w = await t.workspace();
    const res = await patchWorkspace(w.admin.token, {
      name: 'Berlin Plant',
      settings: { timeZone: 'Europe/Berlin' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'Berlin Plant',
      settings: { timeZone: 'Europe/Berlin', requireMfaForAdmins: false, allowNegativeStock: false },
    });
    const read = await t.get<WorkspaceBody>('/api/v1/workspace', w.admin.token);
    expect(read.body).toMatchObject({ name: 'Berlin Plant', settings: { timeZone: 'Europe/Berlin' } });
    const discovered = await t.get<Discovery>(`/api/v1/workspaces/${w.code}`);
    expect(discovered.body.name).toBe('Berlin Plant');

    const second = await patchWorkspace(w.admin.token, { settings: { allowNegativeStock: true } });
    expect(second.body.settings).toEqual({
      timeZone: 'Europe/Berlin',
      requireMfaForAdmins: false,
      allowNegativeStock: true,
    });
  });

  it('records a settings change in the audit trail', async () => {
    const w = await t.workspace();
    expect((await patchWorkspace(w.admin.token, { settings: { timeZone: 'Asia/Tokyo' } })).status).toBe(200);
    const audit = await t.get<{ data: { action: string; actor: string | null }[] }>(
      '/api/v1/audit?action=workspace.update',
      w.admin.token,
    );
    expect(audit.status).toBe(200);
    expect(audit.body.data).toHaveLength(1);
    expect(audit.body.data[0]!.actor).toBe(w.admin.userId);
  });

  it('refuses an unknown time zone with 400 validation_failed at /settings/timeZone', async () => {
    const w = await t.workspace();
    for (const zone of ['Mars/Olympus_Mons', 'Europe/Berlin; drop table users']) {
      const res = await patchWorkspace(w.admin.token, { settings: { timeZone: zone } });
      expect(res.status, zone).toBe(400);
      expect(problemOf(res).code).toBe('validation_failed');
      expect(problemOf(res).errors?.map((e) => e.path)).toEqual(['/settings/timeZone']);
    }
    const read = await t.get<WorkspaceBody>('/api/v1/workspace', w.admin.token);
    expect(read.body.settings.timeZone).toBe('UTC');
  });

  it('refuses unknown settings', async () => {
    const res = await patchWorkspace(ws.admin.token, { settings: { currency: 'EUR' } });
    expect(res.status).toBe(400);
    expect(problemOf(res).code).toBe('validation_failed');
  });

  it('lets an operator read the workspace but not change it (403)', async () => {
    const operator = await t.user(ws, ['operator']);
    expect((await t.get('/api/v1/workspace', operator.token)).status).toBe(200);
    const res = await patchWorkspace(operator.token, { name: 'Operator Was Here' });
    expect(res.status).toBe(403);
    expect(problemOf(res).code).toBe('forbidden');
    const read = await t.get<WorkspaceBody>('/api/v1/workspace', ws.admin.token);
    expect(read.body.name).not.toBe('Operator Was Here');
  });

  it('shows each caller only their own workspace', async () => {
    const other = await t.workspace();
    const mine = await t.get<WorkspaceBody>('/api/v1/workspace', ws.admin.token);
    const theirs = await t.get<WorkspaceBody>('/api/v1/workspace', other.admin.token);
    expect(mine.body.id).toBe(ws.id);
    expect(theirs.body.id).toBe(other.id);
  });
});

describe('creating workspaces', () => {
  it.each([
    ['AB', 'upper case'],
    ['x', 'too short'],
    ['ab', 'two characters'],
    ['-bad-', 'leading and trailing hyphen'],
    ['bad-', 'trailing hyphen'],
    ['a'.repeat(41), '41 characters'],
    ['has space', 'a space'],
    ['ünï', 'non-ASCII letters'],
  ])('refuses the code %j (%s) with invalid_workspace_code', async (code) => {
    const error = await creationError(code);
    expect(error).toBeInstanceOf(Problem);
    expect(error).toMatchObject({ code: 'invalid_workspace_code', status: 422 });
  });

  it('accepts codes of 3 and of 40 characters', async () => {
    const short = `${String.fromCharCode(97 + Math.floor(Math.random() * 26))}${Math.floor(Math.random() * 90 + 10)}`;
    const long = `${uniqueCode('long')}-${'z'.repeat(40)}`.slice(0, 40);
    for (const code of [short, long]) {
      const created = await createWorkspace(t.db.db, {
        code,
        name: `Edge ${code.length}`,
        adminEmail: `admin@${code}.test`,
        adminPassword: strongPassword(),
      });
      expect(created.code).toBe(code);
      expect((await t.get<Discovery>(`/api/v1/workspaces/${code}`)).body.code).toBe(code);
    }
  });

  it('refuses a code already taken with workspace_code_taken', async () => {
    const error = await creationError(ws.code);
    expect(error).toBeInstanceOf(Problem);
    expect(error).toMatchObject({ code: 'workspace_code_taken', status: 409 });
  });

  it('refuses a common admin password with weak_password', async () => {
    const error = await creationError(uniqueCode(), 'Password1!');
    expect(error).toMatchObject({ code: 'weak_password' });
  });

  it('gives the new workspace one admin who can sign in, and the four built-in roles', async () => {
    const w = await t.workspace();
    const users = await t.get<{ data: { id: string; roles: string[] }[] }>('/api/v1/users', w.admin.token);
    expect(users.body.data).toEqual([expect.objectContaining({ id: w.admin.userId, roles: ['admin'] })]);
    const roles = await t.get<{ data: { key: string }[] }>('/api/v1/roles', w.admin.token);
    expect(roles.body.data.map((r) => r.key).sort()).toEqual(['admin', 'manager', 'operator', 'viewer']);
  });
});

describe('requiring two-factor sign-in for admins', () => {
  it('blocks an admin without TOTP from ordinary calls but lets them enroll', async () => {
    const w = await t.workspace();
    const manager = await t.user(w, ['manager']);
    const on = await patchWorkspace(w.admin.token, { settings: { requireMfaForAdmins: true } });
    expect(on.status).toBe(200);
    expect(on.body.settings.requireMfaForAdmins).toBe(true);

    for (const url of ['/api/v1/users', '/api/v1/workspace', '/api/v1/roles']) {
      const res = await t.get(url, w.admin.token);
      expect({ url, status: res.status, code: problemOf(res).code }).toEqual({
        url,
        status: 403,
        code: 'mfa_enrollment_required',
      });
    }
    expect((await t.get('/api/v1/me', w.admin.token)).status).toBe(200);
    // Other roles are not affected.
    expect((await t.get('/api/v1/users', manager.token)).status).toBe(200);

    const setup = await t.post<{ secret: string; otpauthUrl: string }>(
      '/api/v1/me/mfa/totp',
      undefined,
      w.admin.token,
    );
    expect(setup.status).toBe(200);
    expect(setup.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    const confirm = await t.post<{ recoveryCodes: string[] }>(
      '/api/v1/me/mfa/totp/confirm',
      { code: totpCodeAt(setup.body.secret, Date.now()) },
      w.admin.token,
    );
    expect(confirm.status).toBe(200);
    expect(confirm.body.recoveryCodes.length).toBeGreaterThan(0);
    expect((await t.get('/api/v1/users', w.admin.token)).status).toBe(200);
  });

  it('applies to an admin signing in afterwards', async () => {
    const w = await t.workspace();
    const second = await t.user(w, ['admin']);
    expect((await patchWorkspace(w.admin.token, { settings: { requireMfaForAdmins: true } })).status).toBe(
      200,
    );
    const login = await t.login(w.code, second.email, second.password);
    expect(login.status).toBe(200);
    const res = await t.get('/api/v1/audit', login.body.accessToken);
    expect(res.status).toBe(403);
    expect(problemOf(res).code).toBe('mfa_enrollment_required');
  });
});
