import { type ChildProcess, spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, startTestApp, type TestApp, type TestWorkspace } from '../../testing/harness.ts';

interface SseEvent {
  id?: string;
  event?: string;
  data?: string;
}

/** A stream client as the browser app runs it: fetch with the bearer token, reading the body as it arrives. */
class StreamClient {
  events: SseEvent[] = [];
  private controller = new AbortController();
  status = 0;
  private buffer = '';

  static async open(base: string, token: string, lastEventId?: string): Promise<StreamClient> {
    const client = new StreamClient();
    const res = await fetch(`${base}/api/v1/stats/stream`, {
      headers: { authorization: `Bearer ${token}`, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
      signal: client.controller.signal,
    });
    client.status = res.status;
    if (res.ok && res.body) void client.read(res.body);
    return client;
  }

  private async read(body: ReadableStream<Uint8Array>) {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of body) {
        this.buffer += decoder.decode(chunk, { stream: true });
        let end = this.buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = this.buffer.slice(0, end);
          this.buffer = this.buffer.slice(end + 2);
          const event: SseEvent = {};
          for (const line of block.split('\n')) {
            const [field, ...rest] = line.split(':');
            const value = rest.join(':').trimStart();
            if (field === 'id' || field === 'event' || field === 'data') event[field] = value;
          }
          if (event.event) this.events.push(event);
          end = this.buffer.indexOf('\n\n');
        }
      }
    } catch {
      // aborted
    }
  }

  async waitFor(name: string, timeoutMs = 8000): Promise<SseEvent> {
    const started = Date.now();
    for (;;) {
      const found = this.events.find((e) => e.event === name);
      if (found) return found;
      if (Date.now() - started > timeoutMs)
        throw new Error(`no ${name} event; got ${JSON.stringify(this.events)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  close() {
    this.controller.abort();
  }
}

let t: TestApp;
let a: TestWorkspace;
let b: TestWorkspace;
let base: string;

async function receive(ws: TestWorkspace, qty = 1, via = t) {
  const res = await via.post(
    '/api/v1/movements',
    { type: 'receive', sku: 'WIDGET', qty, to: 'STORE', unitCost: 1 },
    ws.admin.token,
  );
  expect(res.status, res.text).toBe(201);
}

/** What the summary says was received today: what a client fetches after a `changed` signal. */
async function receivedToday(ws: TestWorkspace): Promise<{ count: number; qty: number }> {
  const res = await t.get<{ movements: Record<string, { count: number; qty: string }> }>(
    '/api/v1/stats/summary',
    ws.admin.token,
  );
  expect(res.status, res.text).toBe(200);
  const r = res.body.movements.receive;
  return { count: r?.count ?? 0, qty: Number(r?.qty ?? 0) };
}

beforeAll(async () => {
  t = await startTestApp();
  a = await t.workspace();
  b = await t.workspace();
  for (const ws of [a, b]) {
    await t.post('/api/v1/items', { sku: 'WIDGET', name: 'Widget', uom: 'pcs' }, ws.admin.token);
    await t.post('/api/v1/locations', { code: 'STORE', name: 'Store', kind: 'store' }, ws.admin.token);
  }
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(() => t.close());

describe('the live statistics stream', () => {
  it('refuses anonymous clients and roles without stats.read', async () => {
    expect((await fetch(`${base}/api/v1/stats/stream`)).status).toBe(401);
    const operator = await t.user(a, ['operator']);
    const client = await StreamClient.open(base, operator.token);
    expect(client.status).toBe(403);
  });

  it('signals a movement to clients of its workspace, and to no other workspace', async () => {
    const clientA = await StreamClient.open(base, a.admin.token);
    const clientB = await StreamClient.open(base, b.admin.token);
    try {
      await clientA.waitFor('ready');
      await clientB.waitFor('ready');
      await receive(a);
      const changed = await clientA.waitFor('changed');
      expect(JSON.parse(changed.data!)).toMatchObject({ watermark: expect.any(String) });
      // B's client has had every chance to see A's change by now (A's arrived); it saw nothing.
      await new Promise((r) => setTimeout(r, 600));
      expect(clientB.events.filter((e) => e.event === 'changed')).toEqual([]);
    } finally {
      clientA.close();
      clientB.close();
    }
  });

  it('tells a client resuming with Last-Event-ID about changes it missed while away', async () => {
    const first = await StreamClient.open(base, a.admin.token);
    const ready = await first.waitFor('ready');
    const before = await receivedToday(a);
    first.close();
    // Several postings while away.
    await receive(a, 2);
    await receive(a, 3);
    await receive(a, 4);
    const resumed = await StreamClient.open(base, a.admin.token, ready.id);
    try {
      await resumed.waitFor('changed');
    } finally {
      resumed.close();
    }
    // The signal is the cue to fetch again, and the fetch holds everything posted while away.
    expect(await receivedToday(a)).toEqual({ count: before.count + 3, qty: before.qty + 9 });
    // Nothing happened since the resumed stream's own position: a second resume is quiet (once the
    // relay has also passed the change on, which it does within a few hundred milliseconds).
    const position = (await resumed.waitFor('ready')).id;
    await new Promise((r) => setTimeout(r, 500));
    const quiet = await StreamClient.open(base, a.admin.token, position);
    try {
      await quiet.waitFor('ready');
      await new Promise((r) => setTimeout(r, 400));
      expect(quiet.events.filter((e) => e.event === 'changed')).toEqual([]);
    } finally {
      quiet.close();
    }
  });

  it.runIf(engine === 'pg')(
    'delivers a movement posted through a second server process',
    async () => {
      // A real second process on the same database: its postings reach this process's clients through
      // PostgreSQL (the relay reads the commit, NOTIFY fans it out), with nothing else in between.
      const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
      const port = 20000 + Math.floor(Math.random() * 20000);
      const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
        cwd: root,
        env: {
          ...process.env,
          DATABASE_URL: t.db.url ?? '',
          PORT: String(port),
          HOST: '127.0.0.1',
          OPSLEDGER_DEMO: '0',
          LOG_LEVEL: 'warn',
          // Processes of one deployment share the master key (signing keys are stored wrapped by it).
          ...(t.config.masterKey ? { OPSLEDGER_MASTER_KEY: t.config.masterKey } : {}),
        },
        stdio: 'ignore',
      });
      const client = await StreamClient.open(base, a.admin.token);
      try {
        // A cold start transpiles the whole server; on a busy machine that takes a while.
        let up = false;
        for (let i = 0; i < 450 && !up; i++) {
          up = await fetch(`http://127.0.0.1:${port}/api/v1/health`).then(
            (r) => r.ok,
            () => false,
          );
          if (!up) await new Promise((r) => setTimeout(r, 200));
        }
        expect(up, 'the second server process never answered /health').toBe(true);
        await client.waitFor('ready');
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/movements`, {
          method: 'POST',
          headers: { authorization: `Bearer ${a.admin.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ type: 'receive', sku: 'WIDGET', qty: 3, to: 'STORE', unitCost: 1 }),
        });
        expect(res.status).toBe(201);
        await client.waitFor('changed');
      } finally {
        client.close();
        child.kill('SIGTERM');
      }
    },
    150_000,
  );
});
