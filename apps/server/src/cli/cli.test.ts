import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engine, strongPassword, type TestDatabase } from '../testing/harness.ts';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const bin = path.join(root, 'apps/server/bin/opsledger.js');

let dataDir: string;
let testDb: TestDatabase | undefined;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsledger-cli-'));
  env = { ...process.env, OPSLEDGER_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  if (engine === 'pg') {
    testDb = await createTestDatabase();
    env.DATABASE_URL = testDb.url;
  }
});
afterAll(async () => {
  await testDb?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function cli(...args: string[]) {
  try {
    const { stdout } = await run(process.execPath, [bin, ...args], { env, cwd: root });
    return { code: 0, json: JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, unknown> };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return {
      code: e.code,
      json: JSON.parse((e.stderr || e.stdout).trim().split('\n').pop() || '{}') as Record<string, unknown>,
    };
  }
}

async function startServer(extraEnv: Record<string, string>) {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    env: { ...env, PORT: String(port), HOST: '127.0.0.1', ...extraEnv },
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) break;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    base,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function login(base: string, workspace: string, email: string, password: string) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ workspace, email, password }),
  });
  return res.status;
}

describe('the opsledger command', () => {
  it('creates a workspace and its first admin, printing one JSON object', async () => {
    const result = await cli(
      'workspace',
      'create',
      '--code',
      'cli-one',
      '--name',
      'CLI One',
      '--admin-email',
      'boss@cli-one.test',
      '--admin-password',
      strongPassword(),
    );
    expect(result.code).toBe(0);
    expect(result.json).toEqual({
      workspaceId: expect.any(String),
      code: 'cli-one',
      adminUserId: expect.any(String),
    });
  });

  it('refuses a duplicate code and a weak password with an error and a non-zero exit', async () => {
    const dup = await cli(
      'workspace',
      'create',
      '--code',
      'cli-one',
      '--name',
      'X',
      '--admin-email',
      'x@x.test',
      '--admin-password',
      strongPassword(),
    );
    expect(dup.code).toBe(1);
    expect(dup.json).toMatchObject({ error: { code: 'workspace_code_taken' } });
    const weak = await cli(
      'workspace',
      'create',
      '--code',
      'cli-two',
      '--name',
      'X',
      '--admin-email',
      'x@x.test',
      '--admin-password',
      'password',
    );
    expect(weak.json).toMatchObject({ error: { code: 'weak_password' } });
  });

  it('works while the server is running, which makes no demo workspace when one exists', async () => {
    const server = await startServer({});
    try {
      // This database already holds a workspace (cli-one), so no demo workspace is made.
      expect(server.output()).not.toMatch(/password:/);
      const password = strongPassword();
      const created = await cli(
        'workspace',
        'create',
        '--code',
        'cli-live',
        '--name',
        'Live',
        '--admin-email',
        'live@cli.test',
        '--admin-password',
        password,
      );
      expect(created.code).toBe(0);
      expect(await login(server.base, 'cli-live', 'live@cli.test', password)).toBe(200);
      const user = await cli(
        'user',
        'create',
        '--workspace',
        'cli-live',
        '--email',
        'op@cli.test',
        '--name',
        'Op',
        '--roles',
        'operator',
      );
      expect(user.code).toBe(0);
      expect(user.json).toMatchObject({
        email: 'op@cli.test',
        roles: ['operator'],
        activation: { code: expect.any(String) },
      });
      const verified = await cli('audit', 'verify', '--workspace', 'cli-live');
      expect(verified.json).toMatchObject({ ok: true });
      expect(Number(verified.json.events)).toBeGreaterThanOrEqual(3);
      const checkpoint = await cli('audit', 'checkpoint', '--workspace', 'cli-live');
      const againstCheckpoint = await cli(
        'audit',
        'verify',
        '--workspace',
        'cli-live',
        '--checkpoint',
        String(checkpoint.json.checkpoint),
      );
      expect(againstCheckpoint.json).toMatchObject({ ok: true });
    } finally {
      await server.stop();
    }
  });

  it('prints the demo admin password once on a first start with an empty database', async () => {
    const freshDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsledger-demo-'));
    const saved = env;
    env = { ...env, OPSLEDGER_DATA_DIR: freshDir };
    let fresh: TestDatabase | undefined;
    if (engine === 'pg') {
      fresh = await createTestDatabase();
      env.DATABASE_URL = fresh.url;
    }
    try {
      const server = await startServer({});
      try {
        const printed = /password:\s+(\S+)/.exec(server.output());
        expect(printed).not.toBeNull();
        expect(await login(server.base, 'demo', 'admin@demo.local', printed![1]!)).toBe(200);
      } finally {
        await server.stop();
      }
      const second = await startServer({});
      try {
        expect(second.output()).not.toMatch(/password:/);
      } finally {
        await second.stop();
      }
    } finally {
      env = saved;
      await fresh?.drop();
      fs.rmSync(freshDir, { recursive: true, force: true });
    }
  });
});
