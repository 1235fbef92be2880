// Encryption at rest: sensitive columns (phone numbers, TOTP secrets) and signing keys are
// ciphertext to anyone reading the database, plaintext through the API; master-key rotation
// re-wraps the data keys without changing what the API returns; a server holding only the new key
// reads everything, one holding only the old key cannot start; a copied ciphertext does not open in
// another workspace; the database connection honours sslmode=verify-full.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import selfsigned from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { COMMANDS } from '../../cli/commands.ts';
import { openDatabase } from '../../db/engine.ts';
import { withTenant } from '../../db/tenant.ts';
import { startTestApp, type TestApp, type TestWorkspace } from '../../testing/harness.ts';
import { totpCodeAt } from '../auth/totp.ts';
import { decryptField, keyring } from './keyring.ts';
import { loadMasterKeys, masterKeyId } from './master-key.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'opsledger-crypto-'));
const keyFile = path.join(tmp, 'master.key');
const firstKey = randomBytes(32);
fs.writeFileSync(keyFile, `${firstKey.toString('base64')}\n`, { mode: 0o600 });

let t: TestApp;
let ws: TestWorkspace;
let other: TestWorkspace;
const PHONE = '+44 20 7946 0958';

async function rawPhone(userId: string): Promise<string | null> {
  const r = await sql<{ phone: string | null }>`select phone from users where id = ${userId}`.execute(
    t.db.db,
  );
  return r.rows[0]?.phone ?? null;
}

async function apiPhone(userId: string, token = ws.admin.token): Promise<string | null> {
  const res = await t.get<{ phone: string | null }>(`/api/v1/users/${userId}`, token);
  expect(res.status, res.text).toBe(200);
  return res.body.phone;
}

function rotateMaster() {
  return COMMANDS['keys rotate-master']!.run(
    { database: t.db, keys: t.app.deps.keys, activationTtlSeconds: 3600, accessTokenTtlSeconds: 900 },
    {},
  ) as Promise<{
    masterKeyId: string;
    newKeyGenerated: boolean;
    rewrapped: { dataKeys: number; signingKeys: number };
  }>;
}

beforeAll(async () => {
  // Keys from a file, as a deployment without OPSLEDGER_MASTER_KEY has them.
  t = await startTestApp({ masterKey: undefined, masterKeyFile: keyFile });
  ws = await t.workspace();
  other = await t.workspace();
});
afterAll(async () => {
  await t.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('sensitive columns', () => {
  it('hold a phone number as ciphertext; the API answers it in clear, also after a change', async () => {
    const created = await t.post<{ id: string; phone: string }>(
      '/api/v1/users',
      { email: 'phone@example.test', name: 'Phone Person', roles: ['operator'], phone: PHONE },
      ws.admin.token,
    );
    expect(created.status, created.text).toBe(201);
    expect(created.body.phone).toBe(PHONE);
    const stored = await rawPhone(created.body.id);
    expect(stored).toMatch(/^enc:v1:1:/);
    expect(stored).not.toContain('7946');
    expect(await apiPhone(created.body.id)).toBe(PHONE);

    const patched = await t.request<{ phone: string }>(
      'PATCH',
      `/api/v1/users/${created.body.id}`,
      { phone: '+1 555 0100' },
      { token: ws.admin.token },
    );
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body.phone).toBe('+1 555 0100');
    expect(await rawPhone(created.body.id)).not.toContain('555');
    const list = await t.get<{ data: { id: string; phone: string | null }[] }>(
      '/api/v1/users',
      ws.admin.token,
    );
    expect(list.body.data.find((u) => u.id === created.body.id)?.phone).toBe('+1 555 0100');
  });

  it('bind ciphertext to its workspace: a value copied into another workspace does not open', async () => {
    const created = await t.post<{ id: string }>(
      '/api/v1/users',
      { email: 'bound@example.test', name: 'Bound', roles: ['viewer'], phone: PHONE },
      ws.admin.token,
    );
    const stored = (await rawPhone(created.body.id))!;
    await expect(withTenant(t.db.db, other.id, (tx) => decryptField(tx, other.id, stored))).rejects.toThrow();
    expect(await withTenant(t.db.db, ws.id, (tx) => decryptField(tx, ws.id, stored))).toBe(PHONE);
  });

  it('hold TOTP secrets as ciphertext, and two-factor sign-in still works', async () => {
    const person = await t.user(ws, ['operator']);
    const setup = await t.post<{ secret: string }>('/api/v1/me/mfa/totp', {}, person.token);
    expect(setup.status, setup.text).toBe(200);
    const pending = await sql<{ totp_pending_secret: string }>`
      select totp_pending_secret from users where id = ${person.userId}`.execute(t.db.db);
    expect(pending.rows[0]!.totp_pending_secret).toMatch(/^enc:v1:/);
    expect(pending.rows[0]!.totp_pending_secret).not.toContain(setup.body.secret);

    const confirm = await t.post(
      '/api/v1/me/mfa/totp/confirm',
      { code: totpCodeAt(setup.body.secret, Date.now()) },
      person.token,
    );
    expect(confirm.status, confirm.text).toBe(200);
    const enabled = await sql<{
      totp_secret: string;
    }>`select totp_secret from users where id = ${person.userId}`.execute(t.db.db);
    expect(enabled.rows[0]!.totp_secret).toMatch(/^enc:v1:/);

    const login = await t.post('/api/v1/auth/login', {
      workspace: ws.code,
      email: person.email,
      password: person.password,
      otp: totpCodeAt(setup.body.secret, Date.now() + 30_000),
    });
    expect(login.status, login.text).toBe(200);
  });

  it('keep signing keys sealed: no private key material in the database', async () => {
    const rows = await sql<{
      private_jwk: Record<string, unknown>;
    }>`select private_jwk from signing_keys`.execute(t.db.db);
    expect(rows.rows.length).toBeGreaterThan(0);
    for (const row of rows.rows) {
      expect(Object.keys(row.private_jwk)).toEqual(['sealed']);
      expect(JSON.stringify(row.private_jwk)).not.toMatch(/"d"/);
    }
  });

  it('wrap each workspace data key under the master key, never storing it in clear', async () => {
    const rows = await sql<{ tenant_id: string; master_id: string; wrapped: string }>`
      select tenant_id, master_id, wrapped from data_keys`.execute(t.db.db);
    expect(new Set(rows.rows.map((r) => r.tenant_id))).toEqual(new Set([ws.id, other.id]));
    for (const row of rows.rows) {
      expect(row.master_id).toBe(masterKeyId(firstKey));
      // iv (12) + tag (16) + key (32)
      expect(Buffer.from(row.wrapped, 'base64')).toHaveLength(60);
    }
  });
});

describe('master-key rotation', () => {
  it('re-wraps every data key and signing key under a new key; the API reads the same; only the new key is needed', async () => {
    const created = await t.post<{ id: string }>(
      '/api/v1/users',
      { email: 'rotate@example.test', name: 'Rotate', roles: ['viewer'], phone: PHONE },
      ws.admin.token,
    );
    const before = await rawPhone(created.body.id);

    const result = await rotateMaster();
    expect(result.newKeyGenerated).toBe(true);
    expect(result.rewrapped.dataKeys).toBe(2);
    expect(result.rewrapped.signingKeys).toBeGreaterThan(0);
    const lines = fs.readFileSync(keyFile, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    const newKey = Buffer.from(lines[1]!, 'base64');
    expect(result.masterKeyId).toBe(masterKeyId(newKey));

    const wrapped = await sql<{ master_id: string }>`select distinct master_id from data_keys`.execute(
      t.db.db,
    );
    expect(wrapped.rows).toEqual([{ master_id: masterKeyId(newKey) }]);
    // The column itself is untouched (the data key did not change) and still reads through the API.
    expect(await rawPhone(created.body.id)).toBe(before);
    expect(await apiPhone(created.body.id)).toBe(PHONE);
    // Each run adds a key and re-wraps everything under it.
    expect((await rotateMaster()).rewrapped.dataKeys).toBe(2);

    // A server given only the newest key reads everything and signs tokens.
    const newest = fs.readFileSync(keyFile, 'utf8').trim().split('\n').at(-1)!;
    const onlyNew = await buildApp({
      config: { ...t.config, masterKey: newest, masterKeyFile: undefined },
      database: t.db,
      logger: false,
    });
    try {
      const res = await onlyNew.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { workspace: ws.code, email: ws.admin.email, password: ws.admin.password },
      });
      expect(res.statusCode, res.body).toBe(200);
      const token = (JSON.parse(res.body) as { accessToken: string }).accessToken;
      const user = await onlyNew.inject({
        method: 'GET',
        url: `/api/v1/users/${created.body.id}`,
        headers: { authorization: `Bearer ${token}` },
      });
      expect((JSON.parse(user.body) as { phone: string }).phone).toBe(PHONE);
    } finally {
      await onlyNew.close();
    }

    // A server holding only the retired key cannot open the signing keys, so it refuses to start.
    await expect(
      buildApp({
        config: { ...t.config, masterKey: firstKey.toString('base64'), masterKeyFile: undefined },
        database: t.db,
        logger: false,
      }),
    ).rejects.toThrow(/master key .* is not configured/);
    // Leave the test app's process keyring as it was.
    const restored = await buildApp({ config: t.config, database: t.db, logger: false });
    await restored.close();
    expect(keyring().primaryId).toBe(masterKeyId(Buffer.from(newest, 'base64')));
  });

  it('with OPSLEDGER_MASTER_KEY: the new key is made primary, the old one kept as previous until re-wrapped', async () => {
    const current = fs.readFileSync(keyFile, 'utf8').trim().split('\n').at(-1)!;
    const next = randomBytes(32).toString('base64');
    const app = await buildApp({
      config: { ...t.config, masterKey: next, previousMasterKeys: [current], masterKeyFile: undefined },
      database: t.db,
      logger: false,
    });
    try {
      const result = await rotateMaster();
      expect(result).toMatchObject({
        newKeyGenerated: false,
        masterKeyId: masterKeyId(Buffer.from(next, 'base64')),
      });
      expect(result.rewrapped.dataKeys).toBe(2);
    } finally {
      await app.close();
    }
    const onlyNext = await buildApp({
      config: { ...t.config, masterKey: next, masterKeyFile: undefined },
      database: t.db,
      logger: false,
    });
    await onlyNext.close();
    // Back to the file for the rest of the suite, with the env key appended as its newest line.
    fs.appendFileSync(keyFile, `${next}\n`);
    await (await buildApp({ config: t.config, database: t.db, logger: false })).close();
  });
});

describe('the master key source', () => {
  it('is generated on a bare first start as an owner-only file, and read back on the next', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsledger-mk-'));
    try {
      const first = loadMasterKeys({ dataDir });
      expect(first.generated).toBe(true);
      expect(first.file).toBe(path.join(dataDir, 'master.key'));
      expect(fs.statSync(first.file!).mode & 0o777).toBe(0o600);
      const second = loadMasterKeys({ dataDir });
      expect(second.generated).toBe(false);
      expect(second.primaryId).toBe(first.primaryId);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses a key that is not 32 bytes of base64', () => {
    expect(() => loadMasterKeys({ dataDir: tmp, key: Buffer.alloc(16).toString('base64') })).toThrow(
      /32 bytes/,
    );
  });
});

describe('TLS to the database', () => {
  const pem = selfsigned.generate([{ name: 'commonName', value: 'db.example.test' }], {
    days: 1,
    keySize: 2048,
  });
  const ca = path.join(tmp, 'root.crt');
  fs.writeFileSync(ca, pem.cert);

  it('maps sslmode=verify-full and sslrootcert to a verifying TLS connection', () => {
    const client = new pg.Client({
      connectionString: `postgres://app@db.example.test:5432/opsledger?sslmode=verify-full&sslrootcert=${ca}`,
    });
    const ssl = (client as unknown as { connectionParameters: { ssl: unknown } }).connectionParameters
      .ssl as {
      ca?: string;
      rejectUnauthorized?: boolean;
    };
    expect(ssl).toBeTypeOf('object');
    expect(String(ssl.ca)).toBe(pem.cert);
    // Certificate and host name are checked (Node's default); nothing turns verification off.
    expect(ssl.rejectUnauthorized).not.toBe(false);
  });

  it.runIf(process.env.TEST_DATABASE_URL)(
    'refuses to talk to a server that cannot prove itself',
    async () => {
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.searchParams.set('sslmode', 'verify-full');
      url.searchParams.set('sslrootcert', ca);
      const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 1 });
      try {
        await expect(sql`select 1`.execute(database.db)).rejects.toThrow(
          /SSL|certificate|self.signed|hostname/i,
        );
      } finally {
        await database.close();
      }
    },
  );
});
