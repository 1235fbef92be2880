import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Response,
  type SignedIn,
  startTestApp,
  strongPassword,
  type TestApp,
  type TestWorkspace,
  uniqueCode,
} from '../../testing/harness.ts';
import type { GuardedRoute } from '../auth/guard.ts';
import { API_DOC_PATH, NOT_JSON_ANSWERS, type OpenApiDocument, renderApiDoc } from './api-docs.ts';

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: { path: string; message: string }[];
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

function contentType(res: Response<unknown>): string {
  return String(res.headers['content-type'] ?? '');
}

const PUBLIC_ROUTES = [
  'GET /api/v1/health',
  'GET /.well-known/jwks.json',
  'GET /api/openapi.json',
  'GET /api/v1/workspaces/:code',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/refresh',
  'POST /api/v1/auth/activate',
  // The current privacy policy (shown before sign-in) and one-click unsubscribe from mail (RFC 8058).
  'GET /api/v1/workspaces/:code/privacy-policy',
  'GET /api/v1/notifications/unsubscribe',
  'POST /api/v1/notifications/unsubscribe',
  // The web apps' static files (modules/web).
  'GET /',
  'GET /app',
  'GET /app/*',
];

/** The route's URL with every :param filled in, once with UUIDs and once with 'x'. */
function concreteUrls(route: GuardedRoute): string[] {
  if (!route.url.includes(':')) return [route.url];
  return [route.url.replace(/:[A-Za-z_]+/g, () => randomUUID()), route.url.replace(/:[A-Za-z_]+/g, 'x')];
}

function guardedRoutes(): GuardedRoute[] {
  return t.app.routeTable.filter((r) => !r.public);
}

/** Matches a stack frame ("at fn (file.ts:1:2)") or SQL text in a response. */
const STACK_OR_SQL = [
  /\bat .+\(.*:\d+:\d+\)/,
  /\.(ts|js):\d+/,
  /\bselect\b/i,
  /\binsert\b/i,
  /\bupdate\s+\w+\s+set\b/i,
];

function expectCleanProblem(res: Response<unknown>, label: string) {
  expect(contentType(res), label).toMatch(/^application\/problem\+json/);
  const body = problemOf(res);
  expect(typeof body.type, label).toBe('string');
  expect(body.type, label).toMatch(/^https:\/\//);
  expect(typeof body.title, label).toBe('string');
  expect(body.status, label).toBe(res.status);
  expect(typeof body.detail, label).toBe('string');
  expect(body.code, label).toMatch(/^[a-z_]+$/);
  expect(res.text, label).not.toContain('"stack"');
  for (const pattern of STACK_OR_SQL) expect(res.text, `${label}: ${pattern}`).not.toMatch(pattern);
}

describe('the route table', () => {
  it('has exactly the expected public routes (with their HEAD twins)', () => {
    const expected = [
      ...PUBLIC_ROUTES,
      ...PUBLIC_ROUTES.filter((r) => r.startsWith('GET ')).map((r) => r.replace(/^GET/, 'HEAD')),
    ].sort();
    const actual = t.app.routeTable
      .filter((r) => r.public)
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(actual).toEqual(expected);
  });

  it('gives every other route a permission', () => {
    const guarded = guardedRoutes();
    expect(guarded.length).toBeGreaterThan(30);
    for (const route of guarded) expect(route.permission, `${route.method} ${route.url}`).toMatch(/\S/);
  });

  it('answers 401 on every non-public route when no token is sent', async () => {
    const answers: string[] = [];
    for (const route of guardedRoutes()) {
      for (const url of concreteUrls(route)) {
        const res = await t.request(route.method, url);
        if (res.status !== 401)
          answers.push(`${route.method} ${url} → ${res.status} ${problemOf(res)?.code ?? ''}`);
      }
    }
    expect(answers).toEqual([]);
  });

  it('answers 401 on every non-public route for a malformed or forged bearer token', async () => {
    const forged = `${ws.admin.token.slice(0, -4)}AAAA`;
    const answers: string[] = [];
    for (const route of guardedRoutes().filter((r) => r.method === 'GET')) {
      for (const token of ['not a token', forged]) {
        const res = await t.request(route.method, concreteUrls(route)[0]!, undefined, { token });
        if (res.status !== 401) answers.push(`${route.method} ${route.url} → ${res.status}`);
      }
    }
    expect(answers).toEqual([]);
  });

  it('never lets a user without roles through a route that needs a permission', async () => {
    const nobody: SignedIn = await t.user(ws, []);
    const me = await t.get<{ roles: string[]; permissions: string[] }>('/api/v1/me', nobody.token);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ roles: [], permissions: [] });

    const wrong: string[] = [];
    // Signing out would end the session the walk uses, so logout goes last.
    const routes = guardedRoutes().sort(
      (a, b) => Number(a.url.endsWith('/logout')) - Number(b.url.endsWith('/logout')),
    );
    for (const route of routes) {
      for (const url of concreteUrls(route)) {
        const res = await t.request(route.method, url, undefined, { token: nobody.token });
        const label = `${route.method} ${url} (${route.permission}) → ${res.status} ${problemOf(res)?.code ?? ''}`;
        if (res.status >= 500) wrong.push(label);
        else if (route.permission !== 'authenticated' && ![401, 403, 404].includes(res.status))
          wrong.push(label);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('unknown routes', () => {
  it('answer 403 forbidden problem+json to a signed-in user', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/nope'],
      ['PUT', '/api/v1/users'],
      ['GET', '/api/v2/users'],
    ] as const) {
      const res = await t.request(method, url, undefined, { token: ws.admin.token });
      expect(res.status, `${method} ${url}`).toBe(403);
      expect(problemOf(res).code).toBe('forbidden');
      expectCleanProblem(res, `${method} ${url}`);
    }
  });

  it('answer 403 forbidden as “no such operation” with or without a token', async () => {
    for (const token of [undefined, ws.admin.token]) {
      const res = await t.request('GET', '/api/v1/nope', undefined, { token });
      expect({ signedIn: token !== undefined, status: res.status, code: problemOf(res).code }).toEqual({
        signedIn: token !== undefined,
        status: 403,
        code: 'forbidden',
      });
      expect(problemOf(res).detail).not.toContain('undefined');
    }
  });
});

describe('request validation', () => {
  it('answers malformed JSON with 400 malformed_json as problem+json', async () => {
    const res = await t.request('POST', '/api/v1/users', '{"email": "a@b.test", "name": ', {
      token: ws.admin.token,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(problemOf(res).code).toBe('malformed_json');
    expect(contentType(res)).toMatch(/^application\/problem\+json/);
  });

  it('answers wrong types with 400 validation_failed, naming each field', async () => {
    const res = await t.request(
      'POST',
      '/api/v1/users',
      { email: 123, name: 'Typed', roles: 'admin' },
      { token: ws.admin.token },
    );
    expect(res.status).toBe(400);
    expect(problemOf(res).code).toBe('validation_failed');
    const paths = (problemOf(res).errors ?? []).map((e) => e.path);
    expect(paths.some((p) => p.endsWith('/email'))).toBe(true);
    expect(paths.some((p) => p.endsWith('/roles'))).toBe(true);
    expect(paths.some((p) => p.endsWith('/name'))).toBe(false);
  });

  it('does not coerce types: "5" is not a number and 123 is not a string', async () => {
    const res = await t.request(
      'PATCH',
      '/api/v1/workspace',
      { settings: { requireMfaForAdmins: 'false' } },
      { token: ws.admin.token },
    );
    expect(res.status).toBe(400);
    expect(problemOf(res).code).toBe('validation_failed');
  });

  it('refuses an unknown extra property with 400 validation_failed naming it', async () => {
    const res = await t.request(
      'POST',
      '/api/v1/users',
      { email: `${uniqueCode('x')}@example.test`, name: 'Extra', roles: [], isAdmin: true },
      { token: ws.admin.token },
    );
    expect(res.status).toBe(400);
    expect(problemOf(res).code).toBe('validation_failed');
    expect((problemOf(res).errors ?? []).some((e) => e.path.endsWith('/isAdmin'))).toBe(true);
  });

  it('refuses an unknown query parameter and an out-of-range limit', async () => {
    for (const url of ['/api/v1/users?admin=1', '/api/v1/users?limit=0', '/api/v1/users?limit=501']) {
      const res = await t.get(url, ws.admin.token);
      expect(res.status, url).toBe(400);
      expect(problemOf(res).code).toBe('validation_failed');
    }
  });

  it('answers a body over 1 MiB with 413 payload_too_large', async () => {
    const res = await t.request(
      'POST',
      '/api/v1/users',
      { email: `${uniqueCode('x')}@example.test`, name: 'x'.repeat(1024 * 1024 + 10), roles: [] },
      { token: ws.admin.token },
    );
    expect(res.status).toBe(413);
    expect(problemOf(res).code).toBe('payload_too_large');
    expect(contentType(res)).toMatch(/^application\/problem\+json/);
  });

  it('answers a list cursor it did not write with 400 validation_failed, on every paged list', async () => {
    type Operation = { parameters?: { in: string; name: string }[] };
    const doc = await t.get<{ paths: Record<string, Record<string, Operation>> }>('/api/openapi.json');
    const paged = Object.entries(doc.body.paths)
      .filter(([route, ops]) => !route.includes('{') && ops.get?.parameters?.some((p) => p.name === 'cursor'))
      .map(([route]) => route);
    expect(paged).toEqual(
      expect.arrayContaining(['/api/v1/items', '/api/v1/movements', '/api/v1/work-orders']),
    );
    const foreign = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const route of paged) {
      for (const cursor of [foreign([1, 2]), foreign({}), foreign(null), 'not a cursor']) {
        const res = await t.get(`${route}?cursor=${encodeURIComponent(cursor)}`, ws.admin.token);
        expect(res.status, `${route} ${cursor}: ${res.text}`).toBe(400);
        expect(problemOf(res).code).toBe('validation_failed');
      }
      // A bare text: a position in a list ordered by text (SKU), refused by a list ordered by id;
      // a server error in neither, even with a NUL PostgreSQL would not take as text.
      for (const cursor of [foreign('x'), foreign('x\u0000')]) {
        const text = await t.get(`${route}?cursor=${cursor}`, ws.admin.token);
        expect([200, 400], `${route}: ${text.text}`).toContain(text.status);
      }
    }
  });

  it('answers a body that is not JSON with 415 unsupported_media_type', async () => {
    const res = await t.request('POST', '/api/v1/users', 'email=a@b.test', {
      token: ws.admin.token,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(415);
    expect(problemOf(res).code).toBe('unsupported_media_type');
  });
});

describe('problem bodies', () => {
  it('always carry type, title, status, detail and code, and never a stack trace or SQL', async () => {
    const viewer = await t.user(ws, ['viewer']);
    const email = `${uniqueCode('dup')}@example.test`;
    await t.post('/api/v1/users', { email, name: 'Original', roles: [] }, ws.admin.token);
    const admin = { token: ws.admin.token };
    const json = { ...admin, headers: { 'content-type': 'application/json' } };
    const probes: [string, Promise<Response<unknown>>][] = [
      ['no token', t.request('GET', '/api/v1/me')],
      ['bad token', t.request('GET', '/api/v1/me', undefined, { token: 'abc.def.ghi' })],
      [
        'forbidden',
        t.request(
          'POST',
          '/api/v1/roles',
          { key: 'nope', name: 'N', permissions: [] },
          { token: viewer.token },
        ),
      ],
      ['unknown route', t.request('GET', '/api/v1/nope', undefined, admin)],
      ['malformed json', t.request('POST', '/api/v1/users', '{', json)],
      ['validation', t.request('POST', '/api/v1/users', { email: 1 }, admin)],
      ['bad uuid', t.request('GET', "/api/v1/users/1'%20or%20'1'='1", undefined, admin)],
      ['not found', t.request('GET', `/api/v1/users/${randomUUID()}`, undefined, admin)],
      ['conflict', t.request('POST', '/api/v1/users', { email, name: 'Again', roles: [] }, admin)],
      [
        'weak password',
        t.request(
          'POST',
          '/api/v1/users',
          { email: 'w@x.test', name: 'W', roles: [], password: 'letmein' },
          admin,
        ),
      ],
      [
        'bad idempotency key',
        t.request(
          'POST',
          '/api/v1/users',
          { email: 'k@x.test', name: 'K', roles: [] },
          { ...admin, headers: { 'Idempotency-Key': 'x' } },
        ),
      ],
      ['bad cursor', t.request('GET', '/api/v1/users?cursor=%7B%7D', undefined, admin)],
      ['bad credentials', t.login(ws.code, ws.admin.email, 'definitely not it', '10.9.9.9')],
      ['bad refresh token', t.post('/api/v1/auth/refresh', { refreshToken: "x' or 1=1 --" })],
      ['unknown workspace', t.get('/api/v1/workspaces/no-such-workspace')],
      ['too large', t.request('POST', '/api/v1/users', { name: 'y'.repeat(1024 * 1024 + 1) }, admin)],
    ];
    for (const [label, pending] of probes) {
      const res = await pending;
      expect(res.status, label).toBeGreaterThanOrEqual(400);
      expectCleanProblem(res, label);
    }
  });

  it('hide the cause of a server fault behind a generic 500 internal_error', async () => {
    const broken = await startTestApp({ directoryFile: `/nonexistent/${randomUUID()}/directory.json` });
    try {
      const res = await broken.get('/api/v1/workspaces/not-here-at-all');
      expect(res.status).toBe(500);
      expect(problemOf(res).code).toBe('internal_error');
      expectCleanProblem(res, 'server fault');
      expect(res.text).not.toMatch(/ENOENT|nonexistent|directory\.json/);
    } finally {
      await broken.close();
    }
  });
});

describe('response headers', () => {
  it('carry the security headers on API answers, successful or not', async () => {
    const responses = [
      await t.get('/api/v1/me', ws.admin.token),
      await t.get('/api/v1/health'),
      await t.get('/api/v1/me'),
      await t.get('/api/v1/nope', ws.admin.token),
    ];
    for (const res of responses) {
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(String(res.headers['content-security-policy'])).toContain("default-src 'none'");
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('send no Strict-Transport-Security without TLS', async () => {
    const res = await t.get('/api/v1/health');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('allow no cross-origin caller by default', async () => {
    const res = await t.request('OPTIONS', '/api/v1/users', undefined, {
      headers: { origin: 'https://console.example', 'access-control-request-method': 'POST' },
    });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('CORS with a configured origin', () => {
  let c: TestApp;
  beforeAll(async () => {
    c = await startTestApp({ corsOrigins: ['https://console.example'] });
  });
  afterAll(() => c.close());

  function preflight(origin: string) {
    return c.request('OPTIONS', '/api/v1/users', undefined, {
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,idempotency-key',
      },
    });
  }

  it('allows a preflight from that origin', async () => {
    const res = await preflight('https://console.example');
    expect(res.status).toBeLessThan(300);
    expect(res.headers['access-control-allow-origin']).toBe('https://console.example');
    expect(String(res.headers['access-control-allow-methods'])).toContain('POST');
    expect(String(res.headers['access-control-allow-headers']).toLowerCase()).toContain('authorization');
  });

  it('gives a preflight from another origin no Access-Control-Allow-Origin', async () => {
    for (const origin of ['https://evil.example', 'https://console.example.evil.example', 'null']) {
      const res = await preflight(origin);
      expect(res.headers['access-control-allow-origin'], origin).toBeUndefined();
    }
  });

  it('names the allowed origin on ordinary answers, and not another one', async () => {
    const ok = await c.request('GET', '/api/v1/health', undefined, {
      headers: { origin: 'https://console.example' },
    });
    expect(ok.headers['access-control-allow-origin']).toBe('https://console.example');
    const evil = await c.request('GET', '/api/v1/health', undefined, {
      headers: { origin: 'https://evil.example' },
    });
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('rate limiting', () => {
  let r: TestApp;
  beforeAll(async () => {
    r = await startTestApp({ rateLimitPerMinute: 5 });
  });
  afterAll(() => r.close());

  it('answers the 6th request in a minute with 429 rate_limited problem+json and Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await r.get('/api/v1/health')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const res = await r.get('/api/v1/health');
    expect(res.status).toBe(429);
    expect(problemOf(res).code).toBe('rate_limited');
    expect(contentType(res)).toMatch(/^application\/problem\+json/);
    const retryAfter = Number(res.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expectCleanProblem(res, 'rate limited');
  });

  it('counts each client address separately', async () => {
    const from = (ip: string) => r.request('GET', '/api/v1/health', undefined, { ip });
    for (let i = 0; i < 5; i++) expect((await from('10.77.0.1')).status).toBe(200);
    expect((await from('10.77.0.1')).status).toBe(429);
    expect((await from('10.77.0.2')).status).toBe(200);
  });
});

describe('logs', () => {
  it('never contain passwords, tokens or the Authorization header, and record sign-ins and refusals', async () => {
    const password = strongPassword();
    const email = `${uniqueCode('logged')}@${ws.code}.test`;
    const created = await t.post<{ id: string; activation: { code: string } }>(
      '/api/v1/users',
      { email, name: 'Logged Person', roles: ['viewer'] },
      ws.admin.token,
    );
    const activationCode = created.body.activation.code;
    expect(
      (await t.post('/api/v1/auth/activate', { workspace: ws.code, code: activationCode, password })).status,
    ).toBe(204);
    const login = await t.login(ws.code, email, password);
    expect(login.status).toBe(200);
    const { accessToken, refreshToken } = login.body;
    expect((await t.get('/api/v1/me', accessToken)).status).toBe(200);
    const refused = await t.post(
      '/api/v1/roles',
      { key: 'nope', name: 'Nope', permissions: [] },
      accessToken,
    );
    expect(refused.status).toBe(403);
    const wrongPassword = `${password} but wrong`;
    expect((await t.login(ws.code, email, wrongPassword, '10.55.0.1')).status).toBe(401);
    const refreshed = await t.post<{ refreshToken: string }>('/api/v1/auth/refresh', { refreshToken });
    expect(refreshed.status).toBe(200);

    const text = t.logs.text;
    expect(text.length).toBeGreaterThan(0);
    for (const secret of [
      password,
      wrongPassword,
      accessToken,
      refreshToken,
      refreshed.body.refreshToken,
      activationCode,
      `Bearer ${accessToken}`,
      ws.admin.token,
    ]) {
      expect(text).not.toContain(secret);
    }
    // Not even a recognisable piece of a token.
    expect(text).not.toContain(accessToken.split('.')[2]!.slice(0, 20));

    const entries = t.logs.entries();
    const logins = entries.filter((e) => e.event === 'auth_login');
    expect(logins.some((e) => e.outcome === 'success' && e.userId === created.body.id)).toBe(true);
    expect(logins.some((e) => e.outcome === 'failure' && e.code === 'invalid_credentials')).toBe(true);
    expect(
      entries.some(
        (e) =>
          e.event === 'request_refused' &&
          e.status === 403 &&
          e.code === 'forbidden' &&
          e.userId === created.body.id,
      ),
    ).toBe(true);
  });

  it('write one JSON object per line with a time and a request id', () => {
    const entries = t.logs.entries();
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) expect(typeof e.time).toBe('number');
    expect(entries.some((e) => typeof e.reqId === 'string')).toBe(true);
  });
});

describe('documents', () => {
  it('serves an OpenAPI 3 document describing the users API', async () => {
    const res = await t.get<{ openapi: string; paths: Record<string, Record<string, unknown>> }>(
      '/api/openapi.json',
    );
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toContain('/api/v1/users');
    expect(Object.keys(res.body.paths['/api/v1/users']!)).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(res.body.paths)).toContain('/api/v1/users/{id}');
  });

  it('describes the success answer of every API route, so clients can rely on the document', async () => {
    type Operation = { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> };
    const res = await t.get<{ paths: Record<string, Record<string, Operation>> }>('/api/openapi.json');
    const undescribed: string[] = [];
    for (const [route, operations] of Object.entries(res.body.paths)) {
      if (!route.startsWith('/api/v1/')) continue;
      for (const [method, operation] of Object.entries(operations)) {
        const key = `${method.toUpperCase()} ${route}`;
        if (NOT_JSON_ANSWERS.has(key)) continue;
        const success = Object.entries(operation.responses ?? {}).filter(([status]) =>
          /^2\d\d$/.test(status),
        );
        const described = success.some(
          ([status, r]) => status === '204' || r.content?.['application/json']?.schema !== undefined,
        );
        if (!described) undescribed.push(key);
      }
    }
    expect(undescribed).toEqual([]);
  });

  it('lists every API route and what it needs in docs/api.md', async () => {
    const res = await t.get<OpenApiDocument>('/api/openapi.json');
    const committed = fs.readFileSync(API_DOC_PATH, 'utf8');
    expect(committed, 'docs/api.md is stale: run `npm run docs:api`').toBe(
      renderApiDoc(res.body, t.app.routeTable),
    );
  });

  it('publishes the Ed25519 verification keys in the JWKS, without private parts', async () => {
    const res = await t.get<{ keys: Record<string, unknown>[] }>('/.well-known/jwks.json');
    expect(res.status).toBe(200);
    expect(res.body.keys.length).toBeGreaterThanOrEqual(1);
    for (const key of res.body.keys) {
      expect(key).toMatchObject({ kty: 'OKP', crv: 'Ed25519' });
      expect(typeof key.kid).toBe('string');
      expect(typeof key.x).toBe('string');
      expect(key).not.toHaveProperty('d');
    }
    const header = JSON.parse(Buffer.from(ws.admin.token.split('.')[0]!, 'base64url').toString('utf8')) as {
      kid: string;
      alg: string;
    };
    expect(header.alg).toBe('EdDSA');
    expect(res.body.keys.map((k) => k.kid)).toContain(header.kid);
  });
});
