import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { base64url, generateKeyPair, SignJWT } from 'jose';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../platform/auth/keys.ts';
import { totpCodeAt } from '../../platform/auth/totp.ts';
import { startTestApp, type TestApp, type TestWorkspace } from '../../testing/harness.ts';

let t: TestApp;
let ws: TestWorkspace;

beforeAll(async () => {
  t = await startTestApp();
  ws = await t.workspace();
});
afterAll(() => t.close());

async function signIn(ip?: string) {
  const res = await t.login(ws.code, ws.admin.email, ws.admin.password, ip);
  expect(res.status).toBe(200);
  return res.body;
}

describe('sign-in', () => {
  it('returns a token pair and the user with roles and permissions', async () => {
    const res = await t.login(ws.code, ws.admin.email, ws.admin.password);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: 900,
      user: { email: ws.admin.email, roles: ['admin'] },
    });
    const me = await t.get('/api/v1/me', res.body.accessToken);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: ws.admin.email, workspace: { code: ws.code } });
  });

  it('records the device the client reports on the session', async () => {
    const res = await t.post('/api/v1/auth/login', {
      workspace: ws.code,
      email: ws.admin.email,
      password: ws.admin.password,
      device: { type: 'handheld', os: 'Android', osVersion: '14', appVersion: '1.2.0' },
    });
    const token = (res.body as { accessToken: string }).accessToken;
    const sessions = await t.get<{ data: { current: boolean; device: Record<string, string> }[] }>(
      '/api/v1/sessions',
      token,
    );
    const current = sessions.body.data.find((s) => s.current);
    expect(current?.device).toEqual({
      type: 'handheld',
      os: 'Android',
      osVersion: '14',
      appVersion: '1.2.0',
    });
  });

  it('answers the same 401 invalid_credentials for a wrong password, email or workspace', async () => {
    const attempts = [
      await t.login(ws.code, ws.admin.email, 'not the password at all', '10.1.0.1'),
      await t.login(ws.code, 'nobody@nowhere.test', ws.admin.password, '10.1.0.2'),
      await t.login('no-such-workspace', ws.admin.email, ws.admin.password, '10.1.0.3'),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).toMatchObject({ code: 'invalid_credentials', status: 401 });
    }
    expect(new Set(attempts.map((a) => a.text)).size).toBe(1);
  });

  it('treats the email case-insensitively', async () => {
    const res = await t.login(ws.code, ws.admin.email.toUpperCase(), ws.admin.password);
    expect(res.status).toBe(200);
  });
});

describe('refresh tokens', () => {
  it('rotate on every use: the new pair works and the old refresh token is spent', async () => {
    const first = await signIn();
    const second = await t.post<{ accessToken: string; refreshToken: string }>('/api/v1/auth/refresh', {
      refreshToken: first.refreshToken,
    });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expect((await t.get('/api/v1/me', second.body.accessToken)).status).toBe(200);
  });

  it('revoke the whole session when a spent refresh token is presented again', async () => {
    const first = await signIn();
    const second = await t.post<{ accessToken: string; refreshToken: string }>('/api/v1/auth/refresh', {
      refreshToken: first.refreshToken,
    });
    const replay = await t.post('/api/v1/auth/refresh', { refreshToken: first.refreshToken });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('refresh_token_reused');
    // The legitimate holder's newer tokens die with the session.
    expect((await t.post('/api/v1/auth/refresh', { refreshToken: second.body.refreshToken })).status).toBe(
      401,
    );
    const me = await t.get('/api/v1/me', second.body.accessToken);
    expect(me.status).toBe(401);
    expect(me.body.code).toBe('session_revoked');
  });

  it('are refused when malformed, unknown or from another workspace', async () => {
    for (const refreshToken of [
      'garbage',
      `${ws.id}.${'A'.repeat(43)}`,
      `00000000-0000-0000-0000-000000000000.${'B'.repeat(43)}`,
    ]) {
      const res = await t.post('/api/v1/auth/refresh', { refreshToken });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('invalid_refresh_token');
    }
  });

  it('stop working after the idle timeout and after the absolute session lifetime', async () => {
    const idle = await signIn();
    await sql`update sessions set last_refreshed_at = now() - make_interval(secs => ${t.config.sessionIdleSeconds + 60})
              where tenant_id = ${ws.id} and revoked_at is null and id = (
                select session_id from refresh_tokens where tenant_id = ${ws.id} and token_hash = ${sha256Hex(idle.refreshToken)})`.execute(
      t.db.db,
    );
    const idleRes = await t.post('/api/v1/auth/refresh', { refreshToken: idle.refreshToken });
    expect(idleRes.status).toBe(401);
    expect(idleRes.body.code).toBe('session_expired');

    const old = await signIn();
    await sql`update sessions set expires_at = now() - interval '1 second'
              where tenant_id = ${ws.id} and id = (
                select session_id from refresh_tokens where tenant_id = ${ws.id} and token_hash = ${sha256Hex(old.refreshToken)})`.execute(
      t.db.db,
    );
    expect((await t.post('/api/v1/auth/refresh', { refreshToken: old.refreshToken })).status).toBe(401);
    expect((await t.get('/api/v1/me', old.accessToken)).status).toBe(401);
  });

  it('issue a new session at each sign-in, leaving the earlier one independent', async () => {
    const a = await signIn();
    const b = await signIn();
    expect(a.refreshToken).not.toBe(b.refreshToken);
    const meA = await t.get<{ sessionId: string }>('/api/v1/me', a.accessToken);
    const meB = await t.get<{ sessionId: string }>('/api/v1/me', b.accessToken);
    expect(meA.body.sessionId).not.toBe(meB.body.sessionId);
  });
});

describe('logout and revocation', () => {
  it('logout ends the session at once: the live access token and the refresh token are refused', async () => {
    const s = await signIn();
    expect((await t.request('POST', '/api/v1/auth/logout', undefined, { token: s.accessToken })).status).toBe(
      204,
    );
    expect((await t.get('/api/v1/me', s.accessToken)).status).toBe(401);
    expect((await t.post('/api/v1/auth/refresh', { refreshToken: s.refreshToken })).status).toBe(401);
  });

  it('lets a user list and end their own sessions, and not see anyone else’s', async () => {
    const mine = await signIn();
    const other = await signIn();
    const otherMe = await t.get<{ sessionId: string }>('/api/v1/me', other.accessToken);
    const list = await t.get<{ data: { id: string }[] }>('/api/v1/sessions', mine.accessToken);
    expect(list.body.data.map((s) => s.id)).toContain(otherMe.body.sessionId);
    expect(
      (await t.post(`/api/v1/sessions/${otherMe.body.sessionId}/revoke`, undefined, mine.accessToken)).status,
    ).toBe(204);
    expect((await t.get('/api/v1/me', other.accessToken)).status).toBe(401);

    const operator = await t.user(ws, ['operator']);
    const probe = await t.post(
      `/api/v1/sessions/${(await t.get<{ sessionId: string }>('/api/v1/me', mine.accessToken)).body.sessionId}/revoke`,
      undefined,
      operator.token,
    );
    expect(probe.status).toBe(404);
    expect((await t.get('/api/v1/me', mine.accessToken)).status).toBe(200);
    const operatorList = await t.get<{ data: { userId: string }[] }>('/api/v1/sessions', operator.token);
    expect(operatorList.body.data.map((s) => s.userId)).toEqual([operator.userId]);
  });

  it('lets an admin see and end all of one user’s sessions', async () => {
    const operator = await t.user(ws, ['operator']);
    const sessions = await t.get<{ data: unknown[] }>(
      `/api/v1/users/${operator.userId}/sessions`,
      ws.admin.token,
    );
    expect(sessions.status).toBe(200);
    expect(sessions.body.data.length).toBeGreaterThan(0);
    // Only that user's: not the admin's own sessions, nor anyone else's.
    expect(new Set(sessions.body.data.map((s) => (s as { userId: string }).userId))).toEqual(
      new Set([operator.userId]),
    );
    const res = await t.post<{ revoked: number }>(
      `/api/v1/users/${operator.userId}/sessions/revoke`,
      undefined,
      ws.admin.token,
    );
    expect(res.body.revoked).toBeGreaterThan(0);
    expect((await t.get('/api/v1/me', operator.token)).status).toBe(401);
    expect((await t.post('/api/v1/auth/refresh', { refreshToken: operator.refreshToken })).status).toBe(401);
  });

  it('changing one’s password ends one’s other sessions but keeps this one', async () => {
    const person = await t.user(ws, ['viewer']);
    const second = await t.login(ws.code, person.email, person.password);
    const newPassword = 'a brand new passphrase for the floor';
    const change = await t.request(
      'POST',
      '/api/v1/me/password',
      { currentPassword: person.password, newPassword },
      { token: person.token },
    );
    expect(change.status).toBe(204);
    expect((await t.get('/api/v1/me', person.token)).status).toBe(200);
    expect((await t.get('/api/v1/me', second.body.accessToken)).status).toBe(401);
    expect((await t.login(ws.code, person.email, person.password)).status).toBe(401);
    expect((await t.login(ws.code, person.email, newPassword)).status).toBe(200);
  });

  it('refuses a password change with the wrong current password', async () => {
    const person = await t.user(ws, ['viewer']);
    const res = await t.request(
      'POST',
      '/api/v1/me/password',
      { currentPassword: 'wrong wrong wrong', newPassword: 'another long passphrase' },
      { token: person.token },
    );
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('wrong_current_password');
  });
});

describe('access tokens', () => {
  async function realClaims() {
    const s = await signIn();
    const [, payload] = s.accessToken.split('.');
    return JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
  }

  async function signWithServerKey(header: Record<string, unknown>, claims: Record<string, unknown>) {
    const { kid, key } = await t.app.deps.keys.signingKey();
    return new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', kid, typ: 'at+jwt', ...header }).sign(key);
  }

  it('refuses alg:none', async () => {
    const claims = await realClaims();
    const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'at+jwt' }));
    const token = `${header}.${base64url.encode(JSON.stringify(claims))}.`;
    expect((await t.get('/api/v1/me', token)).status).toBe(401);
  });

  it('refuses HS256 signed with the public key (algorithm confusion)', async () => {
    const claims = await realClaims();
    const jwks = await t.get<{ keys: { x: string; kid: string }[] }>('/.well-known/jwks.json');
    const publicKey = jwks.body.keys[0]!;
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', kid: publicKey.kid, typ: 'at+jwt' })
      .sign(new TextEncoder().encode(JSON.stringify(publicKey)));
    expect((await t.get('/api/v1/me', token)).status).toBe(401);
    const raw = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', kid: publicKey.kid, typ: 'at+jwt' })
      .sign(base64url.decode(publicKey.x));
    expect((await t.get('/api/v1/me', raw)).status).toBe(401);
  });

  it('refuses a token signed by another key under our kid', async () => {
    const claims = await realClaims();
    const { kid } = await t.app.deps.keys.signingKey();
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'at+jwt' })
      .sign(privateKey);
    expect((await t.get('/api/v1/me', token)).status).toBe(401);
  });

  it('ignores a jku header and makes no outbound request', async () => {
    let hits = 0;
    const server = http.createServer((_req, res) => {
      hits += 1;
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const claims = await realClaims();
      const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
      void publicKey;
      const token = await new SignJWT(claims)
        .setProtectedHeader({
          alg: 'EdDSA',
          kid: 'attacker',
          typ: 'at+jwt',
          jku: `http://127.0.0.1:${port}/jwks.json`,
        })
        .sign(privateKey);
      expect((await t.get('/api/v1/me', token)).status).toBe(401);
      expect(hits).toBe(0);
    } finally {
      server.close();
    }
  });

  it('refuses expired, not-yet-valid, wrong-type, wrong-audience and wrong-issuer tokens even when signed by us', async () => {
    const claims = await realClaims();
    const now = Math.floor(Date.now() / 1000);
    const cases: [Record<string, unknown>, Record<string, unknown>][] = [
      [{}, { ...claims, exp: now - 60, iat: now - 1000 }],
      [{}, { ...claims, nbf: now + 600 }],
      [{ typ: 'JWT' }, claims],
      [{ typ: 'refresh+jwt' }, claims],
      [{}, { ...claims, aud: 'some-other-api' }],
      [{}, { ...claims, iss: 'someone-else' }],
    ];
    // The control: the same claims, properly typed, are accepted — so each refusal is about its one change.
    expect((await t.get('/api/v1/me', await signWithServerKey({}, claims))).status).toBe(200);
    for (const [header, body] of cases) {
      const res = await t.get('/api/v1/me', await signWithServerKey(header, body));
      expect(res.status, JSON.stringify({ header, body })).toBe(401);
    }
  });

  it('refuses a refresh token presented as an access token', async () => {
    const s = await signIn();
    expect((await t.get('/api/v1/me', s.refreshToken)).status).toBe(401);
  });

  it('keeps everyone signed in when signing keys rotate', async () => {
    const before = await signIn();
    const oldKid = (await t.app.deps.keys.signingKey()).kid;
    await t.app.deps.keys.rotate(1800);
    const after = await signIn();
    const newKid = JSON.parse(Buffer.from(after.accessToken.split('.')[0]!, 'base64url').toString()).kid;
    expect(newKid).not.toBe(oldKid);
    expect((await t.get('/api/v1/me', before.accessToken)).status).toBe(200);
    expect((await t.get('/api/v1/me', after.accessToken)).status).toBe(200);
    const jwks = await t.get<{ keys: { kid: string }[] }>('/.well-known/jwks.json');
    expect(jwks.body.keys.map((k) => k.kid)).toEqual(expect.arrayContaining([oldKid, newKid]));
  });

  it('stops accepting a token it has already accepted once its signing key retires', async () => {
    const s = await signIn();
    expect((await t.get('/api/v1/me', s.accessToken)).status).toBe(200);
    const kid = JSON.parse(Buffer.from(s.accessToken.split('.')[0]!, 'base64url').toString()).kid;
    await t.app.deps.keys.rotate(1800);
    await sql`update signing_keys set retire_at = now() - interval '1 second' where kid = ${kid}`.execute(
      t.db.db,
    );
    await t.app.deps.keys.load();
    expect((await t.get('/api/v1/me', s.accessToken)).status).toBe(401);
  });
});

describe('two-factor sign-in (TOTP)', () => {
  it('enrols, then requires a code at sign-in, accepts a recovery code once, and refuses replays', async () => {
    const person = await t.user(ws, ['viewer']);
    const setup = await t.post<{ secret: string; otpauthUrl: string }>(
      '/api/v1/me/mfa/totp',
      undefined,
      person.token,
    );
    expect(setup.status).toBe(200);
    expect(setup.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    const wrong = await t.post('/api/v1/me/mfa/totp/confirm', { code: '000000' }, person.token);
    expect(wrong.status).toBe(401);
    const now = Date.now();
    const confirm = await t.post<{ recoveryCodes: string[] }>(
      '/api/v1/me/mfa/totp/confirm',
      { code: totpCodeAt(setup.body.secret, now) },
      person.token,
    );
    expect(confirm.status).toBe(200);
    expect(confirm.body.recoveryCodes).toHaveLength(10);

    const noCode = await t.login(ws.code, person.email, person.password);
    expect(noCode.status).toBe(401);
    expect(noCode.body).toMatchObject({ code: 'mfa_required' });

    // The enrolment code's step is spent; the next step's code signs in once.
    const next = totpCodeAt(setup.body.secret, now + 30_000);
    const withCode = await t.post('/api/v1/auth/login', {
      workspace: ws.code,
      email: person.email,
      password: person.password,
      otp: next,
    });
    expect(withCode.status).toBe(200);
    const replay = await t.post('/api/v1/auth/login', {
      workspace: ws.code,
      email: person.email,
      password: person.password,
      otp: next,
    });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('invalid_mfa_code');

    const recovery = confirm.body.recoveryCodes[0]!;
    const viaRecovery = await t.post('/api/v1/auth/login', {
      workspace: ws.code,
      email: person.email,
      password: person.password,
      otp: recovery,
    });
    expect(viaRecovery.status).toBe(200);
    const again = await t.post('/api/v1/auth/login', {
      workspace: ws.code,
      email: person.email,
      password: person.password,
      otp: recovery,
    });
    expect(again.status).toBe(401);
  });
});

describe('sign-in throttling', () => {
  let tt: TestApp;
  let w: TestWorkspace;
  beforeAll(async () => {
    tt = await startTestApp({ loginThrottle: { windowSeconds: 2, perAccount: 3, perAddress: 5 } });
    w = await tt.workspace();
  });
  afterAll(() => tt.close());

  it('answers 429 with Retry-After after repeated failures for one account, and lets it in from a clean address after the window', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await tt.login(w.code, w.admin.email, 'wrong password here', `10.2.0.${i + 1}`)).status).toBe(
        401,
      );
    }
    const blocked = await tt.login(w.code, w.admin.email, w.admin.password, '10.2.0.50');
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('login_throttled');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 2100));
    expect((await tt.login(w.code, w.admin.email, w.admin.password, '10.2.0.51')).status).toBe(200);
  });

  it('cannot be used to lock a person out from an address they already signed in from', async () => {
    const person = await tt.user(w, ['viewer']);
    const home = '10.3.0.1';
    expect((await tt.login(w.code, person.email, person.password, home)).status).toBe(200);
    for (let i = 0; i < 4; i++)
      await tt.login(w.code, person.email, 'attacker guess number', `10.3.1.${i + 1}`);
    expect((await tt.login(w.code, person.email, person.password, '10.3.2.1')).status).toBe(429);
    expect((await tt.login(w.code, person.email, person.password, home)).status).toBe(200);
  });

  it('throttles one address trying many accounts', async () => {
    const ip = '10.4.0.1';
    for (let i = 0; i < 5; i++) await tt.login(w.code, `guess${i}@example.test`, 'wrong password here', ip);
    const res = await tt.login(w.code, w.admin.email, w.admin.password, ip);
    expect(res.status).toBe(429);
    expect((await tt.login(w.code, w.admin.email, w.admin.password, '10.4.0.2')).status).toBe(200);
  });
});
