// Browser sessions: the refresh token as an HttpOnly cookie instead of a JSON field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestWorkspace } from '../../testing/harness.ts';
import { REFRESH_COOKIE } from './refresh-cookie.ts';

let t: TestApp;
let ws: TestWorkspace;
const BROWSER = { 'x-opsledger-client': 'web' };

beforeAll(async () => {
  t = await startTestApp();
  ws = await t.workspace();
});
afterAll(() => t.close());

function setCookieOf(headers: Record<string, unknown>): string {
  const value = headers['set-cookie'];
  return Array.isArray(value) ? value.join('\n') : String(value ?? '');
}

function cookieValue(headers: Record<string, unknown>): string {
  const match = new RegExp(`${REFRESH_COOKIE}=([^;]*)`).exec(setCookieOf(headers));
  return match?.[1] ?? '';
}

async function browserLogin() {
  const res = await t.request(
    'POST',
    '/api/v1/auth/login',
    { workspace: ws.code, email: ws.admin.email, password: ws.admin.password },
    { headers: BROWSER },
  );
  expect(res.status).toBe(200);
  return res;
}

describe('refresh token as a cookie for browser clients', () => {
  it('sets it HttpOnly, Secure, SameSite=Strict on the auth path and leaves it out of the body', async () => {
    const res = await browserLogin();
    expect(res.body.accessToken).toEqual(expect.any(String));
    expect(res.body).not.toHaveProperty('refreshToken');
    const cookie = setCookieOf(res.headers);
    expect(cookie).toContain(`${REFRESH_COOKIE}=`);
    for (const attribute of ['HttpOnly', 'Secure', 'SameSite=Strict', 'Path=/api/v1/auth']) {
      expect(cookie).toContain(attribute);
    }
  });

  it('keeps the JSON-body contract for native clients', async () => {
    const res = await t.login(ws.code, ws.admin.email, ws.admin.password);
    expect(res.body.refreshToken).toEqual(expect.any(String));
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('refreshes from the cookie, rotating it, only with the browser-client header', async () => {
    const first = cookieValue((await browserLogin()).headers);
    const cookie = { cookie: `${REFRESH_COOKIE}=${first}` };

    const withoutHeader = await t.request('POST', '/api/v1/auth/refresh', {}, { headers: cookie });
    expect(withoutHeader.status).toBe(401);

    const refreshed = await t.request(
      'POST',
      '/api/v1/auth/refresh',
      {},
      { headers: { ...cookie, ...BROWSER } },
    );
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).not.toHaveProperty('refreshToken');
    const second = cookieValue(refreshed.headers);
    expect(second).not.toBe('');
    expect(second).not.toBe(first);
    const me = await t.get('/api/v1/me', refreshed.body.accessToken as string);
    expect(me.status).toBe(200);
  });

  it('treats a spent cookie presented again as theft: the session ends and the cookie is dropped', async () => {
    const first = cookieValue((await browserLogin()).headers);
    const headers = { cookie: `${REFRESH_COOKIE}=${first}`, ...BROWSER };
    const ok = await t.request('POST', '/api/v1/auth/refresh', {}, { headers });
    expect(ok.status).toBe(200);
    const replay = await t.request('POST', '/api/v1/auth/refresh', {}, { headers });
    expect(replay.status).toBe(401);
    expect(setCookieOf(replay.headers)).toMatch(new RegExp(`${REFRESH_COOKIE}=;.*Max-Age=0`));
    const me = await t.get('/api/v1/me', ok.body.accessToken as string);
    expect(me.status).toBe(401);
  });

  it('signs out: the session is revoked and the cookie cleared', async () => {
    const login = await browserLogin();
    const value = cookieValue(login.headers);
    const out = await t.request('POST', '/api/v1/auth/logout', undefined, {
      token: login.body.accessToken as string,
      headers: { cookie: `${REFRESH_COOKIE}=${value}`, ...BROWSER },
    });
    expect(out.status).toBe(204);
    expect(setCookieOf(out.headers)).toMatch(new RegExp(`${REFRESH_COOKIE}=;.*Max-Age=0`));
    const again = await t.request(
      'POST',
      '/api/v1/auth/refresh',
      {},
      {
        headers: { cookie: `${REFRESH_COOKIE}=${value}`, ...BROWSER },
      },
    );
    expect(again.status).toBe(401);
  });
});
