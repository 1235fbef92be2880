// Notifications as a person and an operator of OpsLedger meet them: the in-app centre, per-category
// preferences (security cannot be switched off), mail that waits in the outbox without SMTP, real
// SMTP delivery with a one-click unsubscribe that works without a session, the preference checked
// again at send time, and the outbox surviving a crash between commit and send.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import {
  type SignedIn,
  startTestApp,
  strongPassword,
  type TestApp,
  type TestWorkspace,
} from '../../testing/harness.ts';
import { type Mailer, smtpMailer } from './mailer.ts';
import { sendPendingMail } from './sender.ts';

interface Notification {
  id: string;
  category: string;
  kind: string;
  title: string;
  body: string;
  readAt: string | null;
}
interface NotificationPage {
  data: Notification[];
  nextCursor: string | null;
  unread: number;
}
interface OutboxMail {
  id: string;
  userId: string;
  to: string;
  category: string;
  kind: string;
  subject: string;
  status: string;
  lastError: string | null;
}
type Pref = { inApp: boolean; email: boolean; locked: boolean };
type Prefs = { categories: { security: Pref; operations: Pref; announcements: Pref } };

interface Received {
  to: string;
  raw: string;
  header(name: string): string | undefined;
}

/** A tiny SMTP server in the test process: what the sender hands over is what we assert on. */
async function startSmtp(): Promise<{ url: string; mails: Received[]; close(): Promise<void> }> {
  const mails: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        raw += chunk;
      });
      stream.on('end', () => {
        // Unfold continuation lines so a long header reads as one.
        const head = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address).join(','),
          raw,
          header: (name) => new RegExp(`^${name}: (.*)$`, 'im').exec(head)?.[1]?.trim(),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let t: TestApp;
let ws: TestWorkspace;
let other: TestWorkspace;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let mailer: Mailer;
const senderOptions = () => ({
  workerId: `test-${randomUUID()}`,
  from: 'ops@test.invalid',
  publicUrl: 'https://ops.test',
});

async function notifications(token: string): Promise<NotificationPage> {
  const res = await t.get<NotificationPage>('/api/v1/notifications', token);
  expect(res.status, res.text).toBe(200);
  return res.body;
}

async function outbox(token: string, status?: string): Promise<OutboxMail[]> {
  const res = await t.get<{ data: OutboxMail[] }>(
    `/api/v1/notifications/outbox${status ? `?status=${status}` : ''}`,
    token,
  );
  expect(res.status, res.text).toBe(200);
  return res.body.data;
}

async function changePassword(person: SignedIn): Promise<void> {
  const newPassword = strongPassword();
  const res = await t.post(
    '/api/v1/me/password',
    { currentPassword: person.password, newPassword },
    person.token,
  );
  expect(res.status, res.text).toBe(204);
  person.password = newPassword;
}

async function publishMaterialPolicy(w: TestWorkspace = ws) {
  const res = await t.post(
    '/api/v1/privacy-policy',
    { text: '# Privacy\nWe keep little.', effectiveDate: '2030-01-01', material: true },
    w.admin.token,
  );
  expect(res.status, res.text).toBe(201);
}

function oneClick(url: string) {
  const u = new URL(url);
  return t.app.inject({
    method: 'POST',
    url: `${u.pathname}${u.search}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'List-Unsubscribe=One-Click',
  });
}

beforeAll(async () => {
  t = await startTestApp();
  ws = await t.workspace();
  other = await t.workspace();
  smtp = await startSmtp();
  mailer = smtpMailer(smtp.url);
});
afterAll(async () => {
  mailer?.close();
  await smtp?.close();
  await t?.close();
});

describe('preferences', () => {
  it('start from the defaults, with security locked on', async () => {
    const person = await t.user(ws, ['operator']);
    const res = await t.get<Prefs>('/api/v1/me/notification-preferences', person.token);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      categories: {
        security: { inApp: true, email: true, locked: true },
        operations: { inApp: true, email: false, locked: false },
        announcements: { inApp: true, email: true, locked: false },
      },
    });
  });

  it('change per category and channel; security cannot be switched off; unknown categories are refused', async () => {
    const person = await t.user(ws, ['operator']);
    const put = (categories: unknown) =>
      t.request<Prefs & { code?: string }>(
        'PUT',
        '/api/v1/me/notification-preferences',
        { categories },
        { token: person.token },
      );
    const changed = await put({ operations: { email: true }, announcements: { inApp: false } });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body.categories.operations).toEqual({ inApp: true, email: true, locked: false });
    expect(changed.body.categories.announcements).toEqual({ inApp: false, email: true, locked: false });

    const locked = await put({ security: { email: false } });
    expect(locked.status).toBe(422);
    expect(locked.body.code).toBe('category_locked');
    expect(locked.headers['content-type']).toContain('application/problem+json');
    expect((await put({ marketing: { email: true } })).body.code).toBe('unknown_category');
    expect((await put({ operations: { email: 'yes' } })).body.code).toBe('validation_failed');

    const again = await t.get<Prefs>('/api/v1/me/notification-preferences', person.token);
    expect(again.body.categories.security).toEqual({ inApp: true, email: true, locked: true });
    expect(again.body.categories.operations.email).toBe(true);
  });
});

describe('the in-app centre', () => {
  it('tells a person their password was changed, and they mark it read', async () => {
    const person = await t.user(ws, ['operator']);
    await changePassword(person);
    const page = await notifications(person.token);
    expect(page.unread).toBe(1);
    expect(page.data).toHaveLength(1);
    expect(page.data[0]).toMatchObject({
      category: 'security',
      kind: 'security.password_changed',
      readAt: null,
    });

    const read = await t.post<Notification>(
      `/api/v1/notifications/${page.data[0]!.id}/read`,
      {},
      person.token,
    );
    expect(read.status, read.text).toBe(200);
    expect(read.body.readAt).not.toBeNull();
    expect((await notifications(person.token)).unread).toBe(0);
  });

  it('tells a person about a sign-in from a device they have not used before, not about a known one', async () => {
    const person = await t.user(ws, ['operator']);
    const login = (device: Record<string, string>) =>
      t.post('/api/v1/auth/login', {
        workspace: ws.code,
        email: person.email,
        password: person.password,
        device,
      });
    const phone = { type: 'phone', os: 'Android', osVersion: '14', appVersion: '1.0.0' };
    expect((await login(phone)).status).toBe(200);
    expect((await login(phone)).status).toBe(200);
    const before = await notifications(person.token);
    // The harness's own sign-in had no device: the first phone sign-in is already news.
    const newDevice = before.data.filter((n) => n.kind === 'security.new_device');
    expect(newDevice).toHaveLength(1);
    expect(newDevice[0]!.body).toContain('phone Android 14');

    expect((await login({ type: 'handheld', os: 'Linux' })).status).toBe(200);
    const after = await notifications(person.token);
    expect(after.data.filter((n) => n.kind === 'security.new_device')).toHaveLength(2);
  });

  it("shows only one's own notifications: someone else's answer 404, another workspace's are invisible", async () => {
    const alice = await t.user(ws, ['operator']);
    const bob = await t.user(ws, ['operator']);
    const stranger = await t.user(other, ['admin']);
    await changePassword(alice);
    const mine = (await notifications(alice.token)).data[0]!;
    expect((await notifications(bob.token)).data).toEqual([]);
    expect((await notifications(stranger.token)).data).toEqual([]);
    for (const token of [bob.token, stranger.token, other.admin.token]) {
      const res = await t.post<{ code: string }>(`/api/v1/notifications/${mine.id}/read`, {}, token);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('notification_not_found');
    }
    expect((await notifications(alice.token)).data[0]!.readAt).toBeNull();
  });

  it('pages newest first with a cursor, and refuses a cursor it did not make', async () => {
    const person = await t.user(ws, ['operator']);
    for (let i = 0; i < 3; i++) await changePassword(person);
    const first = await t.get<NotificationPage>('/api/v1/notifications?limit=2', person.token);
    expect(first.body.data).toHaveLength(2);
    expect(first.body.unread).toBe(3);
    const rest = await t.get<NotificationPage>(
      `/api/v1/notifications?limit=2&cursor=${first.body.nextCursor}`,
      person.token,
    );
    expect(rest.body.data).toHaveLength(1);
    expect(rest.body.nextCursor).toBeNull();
    expect(new Set([...first.body.data, ...rest.body.data].map((n) => n.id)).size).toBe(3);
    const forged = Buffer.from(JSON.stringify('nope')).toString('base64url');
    const bad = await t.get<{ code: string }>(`/api/v1/notifications?cursor=${forged}`, person.token);
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('validation_failed');
  });

  it('needs a session', async () => {
    expect((await t.get('/api/v1/notifications')).status).toBe(401);
    expect((await t.get('/api/v1/me/notification-preferences')).status).toBe(401);
  });
});

describe('the outbox without SMTP', () => {
  it('keeps mail for admins to read; others may not; another workspace sees none of it', async () => {
    const person = await t.user(ws, ['manager']);
    await changePassword(person);
    const pending = await outbox(ws.admin.token, 'pending');
    const mail = pending.find((m) => m.userId === person.userId);
    expect(mail).toMatchObject({ to: person.email, category: 'security', kind: 'security.password_changed' });

    const refused = await t.get<{ code: string }>('/api/v1/notifications/outbox', person.token);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('forbidden');
    expect((await outbox(other.admin.token)).filter((m) => m.userId === person.userId)).toEqual([]);
  });
});

describe('sending through SMTP', () => {
  it('delivers with RFC 8058 one-click unsubscribe headers; the link works without a session and expires nowhere else', async () => {
    const person = await t.user(ws, ['operator']);
    await publishMaterialPolicy();
    const report = await sendPendingMail(t.db.db, mailer, senderOptions());
    expect(report.failed).toBe(0);

    const mine = smtp.mails.filter((m) => m.to === person.email);
    expect(mine).toHaveLength(1);
    const mail = mine[0]!;
    expect(mail.header('Subject')).toBe('Our privacy policy is changing');
    expect(mail.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const link = /^<(https:\/\/ops\.test\/api\/v1\/notifications\/unsubscribe\?token=[^>]+)>$/.exec(
      mail.header('List-Unsubscribe') ?? '',
    )?.[1];
    expect(link).toBeDefined();
    const text = mail.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    expect(text).toContain('Unsubscribe: https://ops.test/api/v1/notifications/unsubscribe?token=');

    // Opening the link changes nothing (mail scanners follow links); the one-click POST does.
    const page = await t.app.inject({ method: 'GET', url: new URL(link!).pathname + new URL(link!).search });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(
      (await t.get<Prefs>('/api/v1/me/notification-preferences', person.token)).body.categories.announcements
        .email,
    ).toBe(true);

    const res = await oneClick(link!);
    expect(res.statusCode, res.body).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ unsubscribed: true, category: 'announcements' });
    const prefs = await t.get<Prefs>('/api/v1/me/notification-preferences', person.token);
    expect(prefs.body.categories.announcements).toEqual({ inApp: true, email: false, locked: false });

    // Every mail is marked sent; a second pass sends nothing again.
    expect((await sendPendingMail(t.db.db, mailer, senderOptions())).sent).toBe(0);
    expect(smtp.mails.filter((m) => m.to === person.email)).toHaveLength(1);
  });

  it('refuses a tampered, foreign or garbage unsubscribe token', async () => {
    const person = await t.user(ws, ['operator']);
    await publishMaterialPolicy();
    await sendPendingMail(t.db.db, mailer, senderOptions());
    const link = /<([^>]+)>/.exec(
      smtp.mails.find((m) => m.to === person.email)!.header('List-Unsubscribe')!,
    )![1]!;
    const url = new URL(link);
    const token = url.searchParams.get('token')!;
    const [payload, mac] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, t: other.id })).toString('base64url');
    for (const bad of [`${forged}.${mac}`, `${payload}.${'A'.repeat(43)}`, 'not-a-token-at-all']) {
      const res = await oneClick(
        `https://ops.test/api/v1/notifications/unsubscribe?token=${encodeURIComponent(bad)}`,
      );
      expect(res.statusCode).toBe(400);
      expect(JSON.parse(res.body).code).toBe('invalid_unsubscribe_token');
    }
    expect(
      (await t.get<Prefs>('/api/v1/me/notification-preferences', person.token)).body.categories.announcements
        .email,
    ).toBe(true);
  });

  it('checks the preference again at send time: an opt-out after the event stops the mail', async () => {
    const person = await t.user(ws, ['operator']);
    await publishMaterialPolicy();
    const waiting = (await outbox(ws.admin.token, 'pending')).filter((m) => m.userId === person.userId);
    expect(waiting).toHaveLength(1);
    const off = await t.request(
      'PUT',
      '/api/v1/me/notification-preferences',
      { categories: { announcements: { email: false } } },
      { token: person.token },
    );
    expect(off.status).toBe(200);

    await sendPendingMail(t.db.db, mailer, senderOptions());
    expect(smtp.mails.filter((m) => m.to === person.email)).toEqual([]);
    const skipped = (await outbox(ws.admin.token, 'skipped')).find((m) => m.id === waiting[0]!.id);
    expect(skipped).toMatchObject({ status: 'skipped', lastError: 'opted_out' });
  });

  it('a security mail still goes to someone who switched every optional category off', async () => {
    const person = await t.user(ws, ['operator']);
    await t.request(
      'PUT',
      '/api/v1/me/notification-preferences',
      { categories: { announcements: { email: false } } },
      { token: person.token },
    );
    await changePassword(person);
    await sendPendingMail(t.db.db, mailer, senderOptions());
    const mails = smtp.mails.filter((m) => m.to === person.email);
    expect(mails.map((m) => m.header('Subject'))).toEqual(['Your OpsLedger password was changed']);
    expect(mails[0]!.header('List-Unsubscribe')).toBeDefined();
  });

  it('survives a crash between commit and send: delivered once after restart, never by two senders at once', async () => {
    const person = await t.user(ws, ['operator']);
    // The event commits its mail; then the process "dies" holding the lease, before sending.
    await changePassword(person);
    const hung = new Promise<void>(() => {});
    void sendPendingMail(t.db.db, { send: () => hung, close() {} }, { ...senderOptions(), leaseSeconds: 1 });
    await new Promise((r) => setTimeout(r, 200));
    // While the lease holds, no other sender takes the mail.
    await Promise.all([1, 2].map(() => sendPendingMail(t.db.db, mailer, senderOptions())));
    expect(smtp.mails.filter((m) => m.to === person.email)).toEqual([]);

    // A restarted server with SMTP configured picks it up once the lease has run out.
    await new Promise((r) => setTimeout(r, 1100));
    const restarted = await buildApp({
      config: { ...t.config, smtpUrl: smtp.url, mailSendIntervalMs: 50 },
      database: t.db,
      logger: false,
    });
    try {
      for (let i = 0; i < 100 && !smtp.mails.some((m) => m.to === person.email); i++) {
        await new Promise((r) => setTimeout(r, 50));
      }
      // Two senders racing (the restarted server's loop and this one) still deliver it once.
      await sendPendingMail(t.db.db, mailer, senderOptions());
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      await restarted.close();
    }
    const delivered = smtp.mails.filter((m) => m.to === person.email);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.header('Message-ID')).toMatch(/^<[0-9a-f-]{36}@opsledger>$/);
  });
});

describe('operations notifications', () => {
  it("tell a work order's creator when it is done", async () => {
    const manager = await t.user(ws, ['manager']);
    const as = (url: string, body: unknown, headers?: Record<string, string>) =>
      t.post(url, body, manager.token, headers);
    const expect201 = async (p: ReturnType<typeof as>) => {
      const res = await p;
      expect(res.status, res.text).toBe(201);
      return res.body as Record<string, unknown>;
    };
    await t.request(
      'PUT',
      '/api/v1/me/notification-preferences',
      { categories: { operations: { inApp: true } } },
      { token: manager.token },
    );
    for (const [code, kind] of [
      ['NSTORE', 'store'],
      ['NFLOOR', 'floor'],
    ] as const) {
      await expect201(t.post('/api/v1/locations', { code, name: code, kind }, ws.admin.token));
    }
    await expect201(t.post('/api/v1/items', { sku: 'N-FG', name: 'Finished', uom: 'pcs' }, ws.admin.token));
    await expect201(t.post('/api/v1/items', { sku: 'N-RM', name: 'Raw', uom: 'pcs' }, ws.admin.token));
    await expect201(t.post('/api/v1/work-centers', { code: 'NWC', name: 'Center' }, ws.admin.token));
    await expect201(
      t.post(
        '/api/v1/boms',
        { sku: 'N-FG', outputQty: 1, components: [{ sku: 'N-RM', qty: 1 }] },
        ws.admin.token,
      ),
    );
    await expect201(
      t.post(
        '/api/v1/routings',
        { sku: 'N-FG', steps: [{ seq: 10, name: 'Make', workCenter: 'NWC' }] },
        ws.admin.token,
      ),
    );
    await expect201(
      t.post(
        '/api/v1/movements',
        { type: 'receive', sku: 'N-RM', qty: 5, to: 'NFLOOR', unitCost: '1' },
        ws.admin.token,
        {
          'idempotency-key': randomUUID(),
        },
      ),
    );
    const wo = await expect201(
      as('/api/v1/work-orders', { sku: 'N-FG', qty: 2, componentsFrom: 'NFLOOR', outputTo: 'NSTORE' }),
    );
    const released = await as(`/api/v1/work-orders/${wo.id}/release`, {});
    expect(released.status, released.text).toBe(200);
    const done = await t.post(
      `/api/v1/work-orders/${wo.id}/events`,
      { step: 10, action: 'complete', goodQty: 2 },
      ws.admin.token,
      {
        'idempotency-key': randomUUID(),
      },
    );
    expect(
      done.status,
      `${done.text} ${t.logs.lines.filter((l) => l.includes('"level":50')).join('\n')}`,
    ).toBe(201);

    const page = await notifications(manager.token);
    const note = page.data.find((n) => n.kind === 'operations.work_order_done');
    expect(note).toMatchObject({ category: 'operations', title: `Work order ${wo.number} is done` });
    // Operations email is off by default: nothing waits in the outbox for it.
    const mails = (await outbox(ws.admin.token)).filter(
      (m) => m.userId === manager.userId && m.category === 'operations',
    );
    expect(mails).toEqual([]);
  });
});
