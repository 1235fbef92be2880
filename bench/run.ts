// `npm run bench`: OpsLedger measured against this machine's own PostgreSQL, in one run.
// Needs DATABASE_URL (a PostgreSQL server; the bench creates and drops its own databases).
// Prints a table and writes bench/results/latest.json. Figures are also given as ratios to the
// pgbench baseline taken in the same run, so results compare across machines.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { buildApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { openDatabase } from '../apps/server/src/db/engine.ts';
import { migrate } from '../apps/server/src/db/migrate.ts';
import { createWorkspace } from '../apps/server/src/modules/workspaces/service.ts';
import { percentile } from './percentile.ts';
import { benchStats } from './stats.ts';

const adminUrl = process.env.DATABASE_URL;
if (!adminUrl) {
  console.error('Set DATABASE_URL to a PostgreSQL server (the bench creates and drops its own databases).');
  process.exit(2);
}
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SEED = (process.env.BENCH_MOVEMENTS ?? '1000000').split(',').map(Number);
const CLIENTS = [8, 32];

function dbUrl(name: string): string {
  const u = new URL(adminUrl!);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin(sqlText: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(sqlText);
  await c.end();
}

function pgbench(url: string, args: string[]): number {
  const u = new URL(url);
  const out = execFileSync(
    'pgbench',
    [...args, '-h', u.hostname, '-p', u.port || '5432', '-U', u.username || 'postgres', u.pathname.slice(1)],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const m = /tps = ([\d.]+)/.exec(out);
  return m ? Number(m[1]) : Number.NaN;
}

const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  machine: {
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    cpu: os.cpus()[0]?.model,
  },
};

const stamp = Date.now();
const baseDb = `opsledger_bench_pgbench_${stamp}`;
const appDb = `opsledger_bench_${stamp}`;
await admin(`create database ${baseDb}`);
await admin(`create database ${appDb}`);
try {
  // 1. Baseline: the same PostgreSQL, plain pgbench.
  execFileSync(
    'pgbench',
    ['-i', '-q', '-s', '10', '-h', new URL(adminUrl).hostname, '-U', 'postgres', baseDb],
    { stdio: 'ignore' },
  );
  const baseline: Record<string, number> = {};
  for (const c of CLIENTS) {
    baseline[`N_${c}`] = pgbench(dbUrl(baseDb), ['-N', '-c', String(c), '-j', '2', '-T', String(SECONDS)]);
    baseline[`S_${c}`] = pgbench(dbUrl(baseDb), ['-S', '-c', String(c), '-j', '2', '-T', String(SECONDS)]);
  }
  results.baseline = baseline;

  // 2. Posting through the HTTP API.
  const database = await openDatabase({ databaseUrl: dbUrl(appDb), poolSize: 40 });
  await migrate(database);
  const config = loadConfig(
    { OPSLEDGER_DEMO: '0', LOG_LEVEL: 'error' },
    { auditSealIntervalMs: 500, rateLimitPerMinute: 10_000_000 },
  );
  const app = await buildApp({ config, database, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const password = `bench ${randomUUID()}`;
  await createWorkspace(database.db, {
    code: 'bench',
    name: 'Bench',
    adminEmail: 'bench@bench.test',
    adminPassword: password,
  });
  const login = (await (
    await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ workspace: 'bench', email: 'bench@bench.test', password }),
    })
  ).json()) as { accessToken: string };
  const auth = { authorization: `Bearer ${login.accessToken}`, 'content-type': 'application/json' };
  const api = (p: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}/api/v1${p}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { ...auth, ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  for (const l of [
    ['STORE', 'store'],
    ['FLOOR', 'floor'],
  ])
    await api('/locations', { code: l[0], name: l[0], kind: l[1] });
  const skus = Array.from({ length: 200 }, (_, i) => `B-${i}`);
  for (const sku of skus) {
    await api('/items', { sku, name: sku, uom: 'pcs', costMethod: sku.endsWith('1') ? 'average' : 'fifo' });
    await api('/movements', { type: 'receive', sku, qty: 1_000_000, to: 'STORE', unitCost: '1.5' });
    await api('/movements', { type: 'move', sku, qty: 500_000, from: 'STORE', to: 'FLOOR' });
  }
  const posting: Record<string, unknown> = {};
  for (const clients of CLIENTS) {
    const latencies: number[] = [];
    let errors = 0;
    const until = Date.now() + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: clients }, async (_, w) => {
        for (let i = 0; Date.now() < until; i++) {
          const sku = skus[(w * 7919 + i) % skus.length]!;
          const r = i % 10;
          const body =
            r < 3
              ? { type: 'receive', sku, qty: 5, to: 'STORE', unitCost: '1.5' }
              : r < 7
                ? { type: 'move', sku, qty: 2, from: 'STORE', to: 'FLOOR' }
                : { type: 'waste', sku, qty: 1, from: 'FLOOR', reason: 'damaged' };
          const t0 = performance.now();
          const res = await api('/movements', body, { 'idempotency-key': randomUUID() });
          await res.arrayBuffer();
          latencies.push(performance.now() - t0);
          if (res.status !== 201) errors += 1;
        }
      }),
    );
    latencies.sort((a, b) => a - b);
    const tps = latencies.length / SECONDS;
    posting[`c${clients}`] = {
      movementsPerSecond: Math.round(tps),
      p50ms: +percentile(latencies, 50).toFixed(1),
      p95ms: +percentile(latencies, 95).toFixed(1),
      p99ms: +percentile(latencies, 99).toFixed(1),
      errors,
      ratioToPgbenchN: +(tps / baseline[`N_${clients}`]!).toFixed(3),
    };
  }
  results.posting = posting;

  // 4. Statistics over a seeded history (bench/stats.ts).
  results.stats = await benchStats({ database, base, password, sizes: SEED });
  await app.close();
  await database.close();
} finally {
  await admin(`drop database if exists ${baseDb} with (force)`);
  await admin(`drop database if exists ${appDb} with (force)`);
}

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results, null, 2));
