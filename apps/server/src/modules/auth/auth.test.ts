import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestWorkspace } from '../../testing/harness.ts';

let t: TestApp;
let ws: TestWorkspace;

beforeAll(async () => {
  t = await startTestApp();
  ws = await t.workspace();
});
afterAll(() => t.close());

describe('sign-in', () => {
  it('returns a token pair and the user with roles and permissions', async () => {
    const res = await t.login(ws.code, ws.admin.email, ws.admin.password);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, user: { email: ws.admin.email, roles: ['admin'] } });
    const me = await t.get('/api/v1/me', res.body.accessToken);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: ws.admin.email, workspace: { code: ws.code } });
  });
});
