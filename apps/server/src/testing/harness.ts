// The one test harness. Each test file gets its own database — a throwaway database on a real
// PostgreSQL server when TEST_DATABASE_URL is set (CI does), otherwise an in-memory PGlite — with
// migrations applied, and a real app driven through app.inject. Helpers create workspaces and
// sign people in through the public API, the way clients do.
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { Kysely, RawBuilder } from 'kysely';
import pg from 'pg';
import { buildApp, LOG_REDACT, type OpsLedgerApp } from '../app.ts';
import { type Config, loadConfig } from '../config.ts';
import { type Database, openDatabase } from '../db/engine.ts';
import { migrate } from '../db/migrate.ts';
import type { DB } from '../db/schema.ts';
import { createWorkspace } from '../modules/workspaces/service.ts';

export const engine: 'pg' | 'pglite' = process.env.TEST_DATABASE_URL ? 'pg' : 'pglite';

export interface TestDatabase {
  database: Database;
  url: string | undefined;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const database = await openDatabase({ dataDir: 'memory://' });
    return { database, url: undefined, drop: () => database.close() };
  }
  const name = `opsledger_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 40 });
  return {
    database,
    url: url.toString(),
    drop: async () => {
      await database.close();
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/** Collects the app's JSON log lines so tests can assert what is (and is not) logged. */
export class LogCapture extends Writable {
  lines: string[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void) {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }
  get text(): string {
    return this.lines.join('\n');
  }
  entries(): Record<string, unknown>[] {
    return this.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  }
}

export interface Response<T = Record<string, unknown>> {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: T;
  text: string;
}

export interface RequestOptions {
  token?: string | undefined;
  headers?: Record<string, string>;
  ip?: string;
}

export interface TestApp {
  app: OpsLedgerApp;
  db: Database;
  config: Config;
  logs: LogCapture;
  request<T = Record<string, unknown>>(
    method: string,
    url: string,
    body?: unknown,
    options?: RequestOptions,
  ): Promise<Response<T>>;
  get<T = Record<string, unknown>>(url: string, token?: string): Promise<Response<T>>;
  post<T = Record<string, unknown>>(
    url: string,
    body: unknown,
    token?: string,
    headers?: Record<string, string>,
  ): Promise<Response<T>>;
  /** A workspace with a signed-in admin. */
  workspace(code?: string): Promise<TestWorkspace>;
  /** Creates a user with the given roles (through the API, as the admin) and signs them in. */
  user(ws: TestWorkspace, roles: string[], name?: string): Promise<SignedIn>;
  login(workspace: string, email: string, password: string, ip?: string): Promise<Response<LoginBody>>;
  close(): Promise<void>;
}

export interface LoginBody {
  /** Set on a refused sign-in (problem+json). */
  code?: string;
  accessToken: string;
  refreshToken: string;
  user: {
    id: string;
    email: string;
    roles: string[];
    permissions: string[];
    passwordChangeRequired: boolean;
  };
}

export interface SignedIn {
  userId: string;
  email: string;
  password: string;
  token: string;
  refreshToken: string;
}

export interface TestWorkspace {
  id: string;
  code: string;
  admin: SignedIn;
}

/**
 * Runs a locking statement in a transaction of its own and keeps that transaction open, locks held,
 * until `release` (which waits for it to end): for tests of what waits on a lock. PostgreSQL only,
 * as the holder keeps one pooled connection busy while the code under test uses another.
 */
export async function holdLocks(
  db: Kysely<DB>,
  statement: RawBuilder<unknown>,
): Promise<{ release(): Promise<void> }> {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let held = () => {};
  const holding = new Promise<void>((resolve) => {
    held = resolve;
  });
  const holder = db.transaction().execute(async (tx) => {
    await statement.execute(tx);
    held();
    await released;
  });
  // A statement that fails ends the holder before it holds anything.
  await Promise.race([holding, holder]);
  return {
    release: async () => {
      release();
      await holder;
    },
  };
}

let counter = 0;
export function uniqueCode(prefix = 'ws'): string {
  counter += 1;
  return `${prefix}-${randomBytes(3).toString('hex')}-${counter}`;
}

export function strongPassword(): string {
  return `pw ${randomBytes(9).toString('base64url')} stays long`;
}

export async function startTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const testDb = await createTestDatabase();
  await migrate(testDb.database);
  const config = loadConfig(
    { OPSLEDGER_DEMO: '0', LOG_LEVEL: 'info' },
    {
      auditSealIntervalMs: 0,
      rateLimitPerMinute: 1_000_000,
      // Never a key file in the working tree; tests that need a fixed key pass one.
      masterKey: randomBytes(32).toString('base64'),
      ...overrides,
    },
  );
  const logs = new LogCapture();
  const app = await buildApp({
    config,
    database: testDb.database,
    logger: { level: 'info', stream: logs, redact: { paths: LOG_REDACT, censor: '[redacted]' } },
  });
  await app.ready();

  const request: TestApp['request'] = async (method, url, body, options = {}) => {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const response = await app.inject({
      method: method as 'GET',
      url,
      headers,
      ...(body !== undefined ? { payload: body as Record<string, unknown> } : {}),
      ...(options.ip ? { remoteAddress: options.ip } : {}),
    });
    let parsed: unknown = null;
    try {
      parsed = response.body ? JSON.parse(response.body) : null;
    } catch {
      parsed = null;
    }
    return {
      status: response.statusCode,
      headers: response.headers,
      body: parsed as never,
      text: response.body,
    };
  };

  const login: TestApp['login'] = (workspace, email, password, ip) =>
    request<LoginBody>('POST', '/api/v1/auth/login', { workspace, email, password }, ip ? { ip } : {});

  const harness: TestApp = {
    app,
    db: testDb.database,
    config,
    logs,
    request,
    get: (url, token) => request('GET', url, undefined, { token }),
    post: (url, body, token, headers) =>
      request('POST', url, body, { token, ...(headers ? { headers } : {}) }),
    login,
    async workspace(code = uniqueCode()) {
      const password = strongPassword();
      const email = `admin@${code}.test`;
      const created = await createWorkspace(testDb.database.db, {
        code,
        name: `Workspace ${code}`,
        adminEmail: email,
        adminPassword: password,
      });
      const res = await login(code, email, password);
      if (res.status !== 200) throw new Error(`admin login failed: ${res.text}`);
      return {
        id: created.workspaceId,
        code,
        admin: {
          userId: created.adminUserId,
          email,
          password,
          token: res.body.accessToken,
          refreshToken: res.body.refreshToken,
        },
      };
    },
    async user(ws, roles, name = 'Test Person') {
      const email = `${uniqueCode('user')}@${ws.code}.test`;
      const created = await request<{ id: string; activation: { code: string } }>(
        'POST',
        '/api/v1/users',
        { email, name, roles },
        { token: ws.admin.token },
      );
      if (created.status !== 201) throw new Error(`create user failed: ${created.text}`);
      const password = strongPassword();
      const activated = await request('POST', '/api/v1/auth/activate', {
        workspace: ws.code,
        code: created.body.activation.code,
        password,
      });
      if (activated.status !== 204) throw new Error(`activation failed: ${activated.text}`);
      const res = await login(ws.code, email, password);
      if (res.status !== 200) throw new Error(`login failed: ${res.text}`);
      return {
        userId: created.body.id,
        email,
        password,
        token: res.body.accessToken,
        refreshToken: res.body.refreshToken,
      };
    },
    async close() {
      await app.close();
      await testDb.drop();
    },
  };
  return harness;
}
