// `npm run bench`: OpsLedger measured against this machine's own PostgreSQL, in one run.
// Needs DATABASE_URL (a PostgreSQL server; the bench creates and drops its own databases).
// Prints a table and writes bench/results/latest.json. Figures are also given as ratios to the
// pgbench baseline taken in the same run, so results compare across machines.
//   BENCH_SECONDS        seconds per measurement (default 10)
//   BENCH_SECTIONS       comma-separated subset of ceiling,posting,scanning,embedded,scaling,stats (default all)
//   BENCH_MOVEMENTS      history sizes for the statistics section (default 1000000)
//   BENCH_SCAN_ITEMS     catalogue size for scanning (default 100000)
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { buildApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { type Database, openDatabase } from '../apps/server/src/db/engine.ts';
import { migrate } from '../apps/server/src/db/migrate.ts';
import { createWorkspace } from '../apps/server/src/modules/workspaces/service.ts';
import { type CeilingKind, ceilingServer } from './ceiling.ts';
import type { Floor, LoadResult, LoadSpec, Target } from './load.ts';
import { benchStats } from './stats.ts';

const adminUrl = process.env.DATABASE_URL;
if (!adminUrl) {
  console.error('Set DATABASE_URL to a PostgreSQL server (the bench creates and drops its own databases).');
  process.exit(2);
}
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SEED = (process.env.BENCH_MOVEMENTS ?? '1000000').split(',').map(Number);
const SCAN_ITEMS = Number(process.env.BENCH_SCAN_ITEMS ?? 100_000);
const SECTIONS = new Set(
  (process.env.BENCH_SECTIONS ?? 'ceiling,posting,scanning,embedded,scaling,stats')
    .split(',')
    .map((s) => s.trim()),
);
const CLIENTS = [8, 32] as const;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function dbUrl(name: string): string {
  const u = new URL(adminUrl!);
  u.pathname = `/${name}`;
  return u.toString();
}

async function onDatabase<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

function pgbench(url: string, args: string[]): number {
  const u = new URL(url);
  const out = execFileSync(
    'pgbench',
    [...args, '-h', u.hostname, '-p', u.port || '5432', '-U', u.username || 'postgres', u.pathname.slice(1)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const m = /tps = ([\d.]+)/.exec(out);
  return m ? Number(m[1]) : Number.NaN;
}

// ---- CPU accounting: where the time goes while a load runs --------------------------------------

const TICKS_PER_SECOND = 100;

function processCpuSeconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** CPU seconds used by the Node processes given and by the PostgreSQL backends of one database. */
async function cpuSnapshot(database: string, nodePids: number[]) {
  const backends = await onDatabase(adminUrl!, async (c) =>
    (
      await c.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [database])
    ).rows.map((r) => r.pid),
  );
  const pgCpu = new Map(backends.map((pid) => [pid, processCpuSeconds(pid)]));
  const nodeCpu = nodePids.map((pid) =>
    pid === process.pid
      ? process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6
      : processCpuSeconds(pid),
  );
  return { pgCpu, node: nodeCpu.reduce((a, b) => a + b, 0) };
}

async function cpuDuring<T>(database: string, nodePids: number[], run: () => Promise<T>) {
  const before = await cpuSnapshot(database, nodePids);
  const started = performance.now();
  const result = await run();
  const seconds = (performance.now() - started) / 1000;
  const after = await cpuSnapshot(database, nodePids);
  let pgSeconds = 0;
  for (const [pid, cpu] of after.pgCpu) pgSeconds += cpu - (before.pgCpu.get(pid) ?? 0);
  return {
    result,
    cpu: {
      nodeCores: +((after.node - before.node) / seconds).toFixed(2),
      postgresCores: +(pgSeconds / seconds).toFixed(2),
      seconds,
    },
  };
}

// ---- HTTP clients and loads ---------------------------------------------------------------------

/** A signed-in client for setting up (fetch is fine here); the token goes to the load generator. */
type Api = ((p: string, body?: unknown, headers?: Record<string, string>) => Promise<Response>) & {
  target: Target;
};

async function signIn(base: string, workspace: string, email: string, password: string): Promise<Api> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ workspace, email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const { accessToken } = (await res.json()) as { accessToken: string };
  const auth = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
  const api = (p: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}/api/v1${p}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { ...auth, ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return Object.assign(api, { target: { base, token: accessToken } });
}

async function must(res: Promise<Response>, what: string): Promise<{ id?: string }> {
  const r = await res;
  const text = await r.text();
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${text}`);
  return text ? (JSON.parse(text) as { id?: string }) : {};
}

const PRODUCT = 'BENCH-BAG';
const COMPONENT = 'BENCH-CANVAS';

/** Locations, items with stock, and a two-step product with work orders for the posting mix. */
async function prepareFloor(api: Api, items: number, orders: number): Promise<Floor> {
  for (const [code, kind] of [
    ['STORE', 'store'],
    ['FLOOR', 'floor'],
    ['FG', 'store'],
  ])
    await must(api('/locations', { code, name: code, kind }), `location ${code}`);
  for (const code of ['CUT', 'PACK'])
    await must(api('/work-centers', { code, name: code }), `work center ${code}`);
  const skus = Array.from({ length: items }, (_, i) => `B-${i}`);
  for (const sku of skus) {
    await must(
      api('/items', { sku, name: sku, uom: 'pcs', costMethod: sku.endsWith('1') ? 'average' : 'fifo' }),
      sku,
    );
    await must(
      api('/movements', { type: 'receive', sku, qty: 1_000_000, to: 'STORE', unitCost: '1.5' }),
      sku,
    );
    await must(api('/movements', { type: 'move', sku, qty: 500_000, from: 'STORE', to: 'FLOOR' }), sku);
  }
  await must(api('/items', { sku: PRODUCT, name: 'Bag', uom: 'pcs' }), PRODUCT);
  await must(api('/items', { sku: COMPONENT, name: 'Canvas', uom: 'm' }), COMPONENT);
  await must(
    api('/movements', { type: 'receive', sku: COMPONENT, qty: 10_000_000, to: 'FLOOR', unitCost: '2' }),
    'canvas',
  );
  await must(api('/boms', { sku: PRODUCT, outputQty: 1, components: [{ sku: COMPONENT, qty: 2 }] }), 'bom');
  await must(
    api('/routings', {
      sku: PRODUCT,
      steps: [
        { seq: 10, name: 'Cut', workCenter: 'CUT', stdMinutesPerUnit: '0.5' },
        { seq: 20, name: 'Pack', workCenter: 'PACK', stdMinutesPerUnit: '0.2' },
      ],
    }),
    'routing',
  );
  const ids: string[] = [];
  for (let i = 0; i < orders; i++) {
    const wo = await must(
      api('/work-orders', { sku: PRODUCT, qty: 1_000_000, componentsFrom: 'FLOOR', outputTo: 'FG' }),
      'work order',
    );
    await must(api(`/work-orders/${wo.id}/release`, {}), 'release');
    ids.push(wo.id!);
  }
  return { skus, orders: ids };
}

/**
 * Runs one load in a separate process (bench/load-worker.ts) and measures, over the same window,
 * the CPU of the server processes given, of PostgreSQL's backends and of the load generator itself.
 */
async function measuredLoad(database: string, serverPids: number[], spec: LoadSpec) {
  const { result, cpu } = await cpuDuring(database, serverPids, async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', 'load-worker.ts')], {
      cwd: ROOT,
      env: { ...process.env, BENCH_LOAD: JSON.stringify(spec) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    if (code !== 0) throw new Error(`load generator exited with ${code}`);
    return JSON.parse(out) as { result: LoadResult; cpuSeconds: number };
  });
  const perRequest = (cores: number) => +(((cores * cpu.seconds) / result.result.requests) * 1000).toFixed(2);
  return {
    ...result.result,
    cpu: {
      serverCores: cpu.nodeCores,
      postgresCores: cpu.postgresCores,
      serverMsPerRequest: perRequest(cpu.nodeCores),
      postgresMsPerRequest: perRequest(cpu.postgresCores),
      loadGeneratorMsPerRequest: +((result.cpuSeconds / result.result.requests) * 1000).toFixed(2),
    },
  };
}

/**
 * Round trips to PostgreSQL per request of each kind in the mix, counted by the server's pool
 * (every message sent by a pooled connection, BEGIN and COMMIT included; a transaction's opening
 * written together with its first statement counts once), one request at a time.
 */
async function roundTrips(
  api: Api,
  floor: Floor,
  counter: { count: number },
): Promise<Record<string, number>> {
  const sku = floor.skus[2]!;
  const requests: [string, string, unknown][] = [
    ['receive', '/movements', { type: 'receive', sku, qty: 5, to: 'STORE', unitCost: '1.5' }],
    ['move', '/movements', { type: 'move', sku, qty: 2, from: 'STORE', to: 'FLOOR' }],
    ['waste', '/movements', { type: 'waste', sku, qty: 1, from: 'FLOOR', reason: 'damaged' }],
    [
      'completion (first step)',
      `/work-orders/${floor.orders[0]}/events`,
      { step: 10, action: 'complete', goodQty: 1 },
    ],
    [
      'completion (last step)',
      `/work-orders/${floor.orders[0]}/events`,
      { step: 20, action: 'complete', goodQty: 1 },
    ],
    ['scan', `/scan/${sku}`, undefined],
  ];
  const counts: Record<string, number> = {};
  for (const [name, p, body] of requests) {
    // The fewest of five: the audit sealer's own queries (every 500 ms) may fall inside one.
    for (let i = 0; i < 5; i++) {
      const before = counter.count;
      await must(api(p, body, { 'idempotency-key': randomUUID() }), name);
      const sent = counter.count - before;
      counts[name] = Math.min(counts[name] ?? sent, sent);
    }
  }
  return counts;
}

function withRatio(r: LoadResult, baseline: number | undefined, name: string) {
  return { ...r, [name]: baseline ? +(r.perSecond / baseline).toFixed(3) : null };
}

/** A figure as a share of the ceiling's (bench/ceiling.ts) at the same client count, when measured. */
function ratioToCeiling(r: LoadResult, kind: CeilingKind, clients: number): number | null {
  const ceiling = (results.ceiling as Record<string, Record<string, LoadResult>> | undefined)?.[kind]?.[
    `c${clients}`
  ];
  return ceiling ? +(r.perSecond / ceiling.perSecond).toFixed(3) : null;
}

// ---- servers ------------------------------------------------------------------------------------

interface Server {
  base: string;
  close(): Promise<void>;
}

async function inProcessServer(database: Database): Promise<Server> {
  const config = loadConfig(
    { OPSLEDGER_DEMO: '0', LOG_LEVEL: 'error' },
    { auditSealIntervalMs: 500, rateLimitPerMinute: 1_000_000_000 },
  );
  const app = await buildApp({ config, database, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    close: () => app.close(),
  };
}

/** `npm start` in a child process on its own port, against the given database. */
async function childServer(url: string, port: number): Promise<Server & { pid: number }> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      HOST: '127.0.0.1',
      OPSLEDGER_DEMO: '0',
      LOG_LEVEL: 'error',
      RATE_LIMIT_PER_MINUTE: '1000000000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`server on port ${port} exited with ${child.exitCode}`);
    try {
      await fetch(`${base}/.well-known/jwks.json`);
      break;
    } catch {
      if (i > 600) throw new Error(`server on port ${port} did not start`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    base,
    pid: child.pid!,
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

// ---- scanning catalogue -------------------------------------------------------------------------

/**
 * SCAN_ITEMS items with a barcode each and stock on hand in two locations, written in SQL in a few
 * seconds rather than through the API. The balances matter: a scan answers with the item's stock,
 * and a lookup that reads the whole workspace's balances only shows up when there are many.
 * (Balances without their ledger rows: the scan reads balances only.)
 */
async function bulkCatalogue(url: string, tenantId: string, n: number) {
  await onDatabase(url, async (c) => {
    await c.query(
      `insert into items (tenant_id, id, sku, name, uom)
       select $1::uuid, gen_random_uuid(), 'S-' || lpad(g::text, 6, '0'), 'Scanned item ' || g, 'pcs'
       from generate_series(1, $2::int) g`,
      [tenantId, n],
    );
    await c.query(
      `insert into item_costs (tenant_id, item_id) select tenant_id, id from items
       where tenant_id = $1::uuid and sku like 'S-%'`,
      [tenantId],
    );
    await c.query(
      `insert into item_barcodes (tenant_id, code, item_id)
       select tenant_id, 'BC' || substr(sku, 3), id from items where tenant_id = $1::uuid and sku like 'S-%'`,
      [tenantId],
    );
    await c.query(
      `insert into stock_balances (tenant_id, item_id, location_id, qty)
       select i.tenant_id, i.id, l.id, 10 + (abs(hashtext(i.sku || l.code)) % 90)
       from items i join locations l on l.tenant_id = i.tenant_id and l.code in ('STORE', 'FLOOR')
       where i.tenant_id = $1::uuid and i.sku like 'S-%'`,
      [tenantId],
    );
    await c.query('analyze items; analyze item_barcodes; analyze item_costs; analyze stock_balances');
  });
}

// ---- the run ------------------------------------------------------------------------------------

const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  machine: {
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    cpu: os.cpus()[0]?.model,
    loadAverageAtStart: os.loadavg().map((l) => +l.toFixed(2)),
  },
  seconds: SECONDS,
};

const stamp = Date.now();
const baseDb = `opsledger_bench_pgbench_${stamp}`;
const appDb = `opsledger_bench_${stamp}`;
const password = `bench ${randomUUID()}`;
const admin = (sqlText: string) => onDatabase(adminUrl, (c) => c.query(sqlText));
await admin(`create database ${baseDb}`);
await admin(`create database ${appDb}`);
const open: Server[] = [];
try {
  // 1. Baseline: the same PostgreSQL, plain pgbench.
  execFileSync(
    'pgbench',
    ['-i', '-q', '-s', '10', '-h', new URL(adminUrl).hostname, '-U', 'postgres', baseDb],
    {
      stdio: 'ignore',
    },
  );
  const baseline: Record<string, number> = {};
  for (const c of CLIENTS) {
    baseline[`N_${c}`] = pgbench(dbUrl(baseDb), ['-N', '-c', String(c), '-j', '2', '-T', String(SECONDS)]);
    baseline[`S_${c}`] = pgbench(dbUrl(baseDb), ['-S', '-c', String(c), '-j', '2', '-T', String(SECONDS)]);
  }
  results.baseline = baseline;

  // 1b. The ceiling: a bare node:http server doing pgbench's transactions, same load generator.
  if (SECTIONS.has('ceiling')) {
    const ceiling: Record<string, Record<string, unknown>> = {};
    const loads: [CeilingKind, 'scanning' | 'posting', string][] = [
      ['http', 'scanning', 'S'],
      ['read', 'scanning', 'S'],
      ['write', 'posting', 'N'],
    ];
    for (const [kind, shape, pgbenchMode] of loads) {
      const bare = await ceilingServer(dbUrl(baseDb), kind);
      const target = { base: bare.base, token: 'none' };
      ceiling[kind] = {};
      for (const clients of CLIENTS) {
        const spec: LoadSpec =
          shape === 'scanning'
            ? { kind: 'scanning', targets: [target], items: SCAN_ITEMS, clients, seconds: SECONDS }
            : {
                kind: 'posting',
                targets: [target],
                floor: { skus: ['x'], orders: ['x'] },
                clients,
                seconds: SECONDS,
              };
        const r = await measuredLoad(baseDb, [process.pid], spec);
        ceiling[kind][`c${clients}`] = withRatio(
          r,
          baseline[`${pgbenchMode}_${clients}`],
          `ratioToPgbench${pgbenchMode}`,
        );
      }
      await bare.close();
    }
    results.ceiling = ceiling;
  }
  await admin(`drop database if exists ${baseDb} with (force)`);

  const database = await openDatabase({ databaseUrl: dbUrl(appDb), poolSize: 40 });
  await migrate(database);
  const server = await inProcessServer(database);
  open.push(server);
  const ws = await createWorkspace(database.db, {
    code: 'bench',
    name: 'Bench',
    adminEmail: 'bench@bench.test',
    adminPassword: password,
  });
  const api = await signIn(server.base, 'bench', 'bench@bench.test', password);
  const floor = await prepareFloor(api, 200, 32);

  // 2. Posting through the HTTP API (server and load generator in this process).
  if (SECTIONS.has('posting')) {
    const posting: Record<string, unknown> = {
      roundTrips: await roundTrips(api, floor, database.roundTrips!),
    };
    for (const clients of CLIENTS) {
      const r = await measuredLoad(appDb, [process.pid], {
        kind: 'posting',
        targets: [api.target],
        floor,
        clients,
        seconds: SECONDS,
      });
      posting[`c${clients}`] = {
        ...withRatio(r, baseline[`N_${clients}`], 'ratioToPgbenchN'),
        ratioToCeiling: ratioToCeiling(r, 'write', clients),
      };
    }
    results.posting = posting;
  }

  // 3. Scanning: lookups by barcode or SKU over a large catalogue.
  if (SECTIONS.has('scanning')) {
    const started = performance.now();
    await bulkCatalogue(dbUrl(appDb), ws.workspaceId, SCAN_ITEMS);
    const scanning: Record<string, unknown> = {
      items: SCAN_ITEMS,
      catalogueSeconds: +((performance.now() - started) / 1000).toFixed(1),
    };
    for (const clients of CLIENTS) {
      const r = await measuredLoad(appDb, [process.pid], {
        kind: 'scanning',
        targets: [api.target],
        items: SCAN_ITEMS,
        clients,
        seconds: SECONDS,
      });
      scanning[`c${clients}`] = {
        ...withRatio(r, baseline[`S_${clients}`], 'ratioToPgbenchS'),
        ratioToCeiling: ratioToCeiling(r, 'read', clients),
      };
    }
    results.scanning = scanning;
  }

  // 6. Scaling: the same posting load through one, then two server processes (each `npm start`).
  if (SECTIONS.has('scaling')) {
    const a = await childServer(dbUrl(appDb), 39101);
    open.push(a);
    const b = await childServer(dbUrl(appDb), 39102);
    open.push(b);
    const viaA = await signIn(a.base, 'bench', 'bench@bench.test', password);
    const viaB = await signIn(b.base, 'bench', 'bench@bench.test', password);
    const scaling: Record<string, unknown> = {};
    for (const clients of CLIENTS) {
      const posting = (targets: Target[]) =>
        measuredLoad(appDb, [a.pid, b.pid], { kind: 'posting', targets, floor, clients, seconds: SECONDS });
      const one = await posting([viaA.target]);
      const two = await posting([viaA.target, viaB.target]);
      scaling[`c${clients}`] = {
        oneProcess: withRatio(one, baseline[`N_${clients}`], 'ratioToPgbenchN'),
        twoProcesses: withRatio(two, baseline[`N_${clients}`], 'ratioToPgbenchN'),
        gain: +(two.perSecond / one.perSecond).toFixed(2),
      };
    }
    results.scaling = scaling;
    await a.close();
    await b.close();
    open.splice(open.indexOf(a), 2);
  }

  // 4. Statistics over a seeded history (bench/stats.ts).
  if (SECTIONS.has('stats'))
    results.stats = await benchStats({ database, base: server.base, password, sizes: SEED });
  await server.close();
  open.splice(open.indexOf(server), 1);
  await database.close();

  // 5. Embedded: the same posting mix on PGlite in this process (one backend, transactions in turn).
  if (SECTIONS.has('embedded')) {
    const embedded = await openDatabase({ dataDir: 'memory://' });
    await migrate(embedded);
    const local = await inProcessServer(embedded);
    open.push(local);
    await createWorkspace(embedded.db, {
      code: 'bench',
      name: 'Bench',
      adminEmail: 'bench@bench.test',
      adminPassword: password,
    });
    const localApi = await signIn(local.base, 'bench', 'bench@bench.test', password);
    const localFloor = await prepareFloor(localApi, 50, 32);
    const out: Record<string, unknown> = {};
    for (const clients of CLIENTS) {
      const r = await measuredLoad(appDb, [process.pid], {
        kind: 'posting',
        targets: [localApi.target],
        floor: localFloor,
        clients,
        seconds: SECONDS,
      });
      const server = (results.posting as Record<string, LoadResult> | undefined)?.[`c${clients}`];
      out[`c${clients}`] = {
        ...withRatio(r, baseline[`N_${clients}`], 'ratioToPgbenchN'),
        ratioToPostgresPosting: server ? +(r.perSecond / server.perSecond).toFixed(3) : null,
      };
    }
    results.embedded = out;
    await local.close();
    open.splice(open.indexOf(local), 1);
    await embedded.close();
  }
} finally {
  for (const s of open) await s.close().catch(() => {});
  await admin(`drop database if exists ${baseDb} with (force)`);
  await admin(`drop database if exists ${appDb} with (force)`);
}

// ---- report -------------------------------------------------------------------------------------

const dir = path.join(ROOT, 'bench', 'results');
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);

type Row = [string, string, string];
const rows: Row[] = [];
const b = results.baseline as Record<string, number>;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (r: number | null | undefined) =>
  r === null || r === undefined ? '' : ` (${(r * 100).toFixed(1)}%)`;
const cell = (r: (LoadResult & Record<string, unknown>) | undefined, ratio: string) =>
  r ? `${fmt(r.perSecond)}${pct(r[ratio] as number)}, p50/95/99 ${r.p50ms}/${r.p95ms}/${r.p99ms} ms` : '';
rows.push(['pgbench -N (TPS)', fmt(b.N_8!), fmt(b.N_32!)]);
rows.push(['pgbench -S (TPS)', fmt(b.S_8!), fmt(b.S_32!)]);
const section = (name: string) =>
  results[name] as Record<string, LoadResult & Record<string, unknown>> | undefined;
const ceiling = section('ceiling') as
  | Record<string, Record<string, LoadResult & Record<string, unknown>>>
  | undefined;
if (ceiling) {
  const titles: [CeilingKind, string, string][] = [
    ['http', 'ceiling: node:http, no database (/s, % of -S)', 'ratioToPgbenchS'],
    ['read', 'ceiling: node:http + -S read (/s, % of -S)', 'ratioToPgbenchS'],
    ['write', 'ceiling: node:http + -N transaction (/s, % of -N)', 'ratioToPgbenchN'],
  ];
  for (const [kind, title, ratio] of titles) {
    const s = ceiling[kind];
    if (s) rows.push([title, cell(s.c8, ratio), cell(s.c32, ratio)]);
  }
}
const loads: [title: string, name: string, ratio: string][] = [
  ['posting, 1 process (/s, % of -N)', 'posting', 'ratioToPgbenchN'],
  ['posting (% of the -N ceiling)', 'posting', 'ratioToCeiling'],
  ['scanning (/s, % of -S)', 'scanning', 'ratioToPgbenchS'],
  ['scanning (% of the -S read ceiling)', 'scanning', 'ratioToCeiling'],
  ['posting on PGlite (/s, % of -N)', 'embedded', 'ratioToPgbenchN'],
];
for (const [title, name, ratio] of loads) {
  const s = section(name);
  if (!s) continue;
  if (ratio === 'ratioToCeiling') {
    const share = (r: Record<string, unknown> | undefined) =>
      r?.[ratio] == null ? '' : `${((r[ratio] as number) * 100).toFixed(1)}%`;
    if (ceiling) rows.push([title, share(s.c8), share(s.c32)]);
  } else rows.push([title, cell(s.c8, ratio), cell(s.c32, ratio)]);
}
const scaling = results.scaling as
  | Record<string, { oneProcess: LoadResult; twoProcesses: LoadResult; gain: number }>
  | undefined;
if (scaling) {
  const s = (c: string, k: 'oneProcess' | 'twoProcesses') =>
    cell(scaling[c]?.[k] as LoadResult & Record<string, unknown>, 'ratioToPgbenchN');
  rows.push(['posting via 1 child process', s('c8', 'oneProcess'), s('c32', 'oneProcess')]);
  rows.push(['posting via 2 child processes', s('c8', 'twoProcesses'), s('c32', 'twoProcesses')]);
}
const widths = [0, 1, 2].map((i) =>
  Math.max(...[['figure', '8 clients', '32 clients'], ...rows].map((r) => r[i]!.length)),
);
const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
console.log(line(['figure', '8 clients', '32 clients']));
console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
for (const r of rows) console.log(line(r));
const trips = (results.posting as { roundTrips?: Record<string, number> } | undefined)?.roundTrips;
if (trips) console.log(`\nround trips per request: ${JSON.stringify(trips)}`);
for (const name of ['posting', 'scanning']) {
  const s = section(name);
  for (const c of ['c8', 'c32'])
    if (s?.[c])
      console.log(`CPU per request, ${name} ${c}: ${JSON.stringify((s[c] as { cpu?: unknown }).cpu)}`);
}
if (ceiling)
  for (const [kind, s] of Object.entries(ceiling))
    for (const c of ['c8', 'c32'])
      if (s[c]) console.log(`CPU per request, ceiling ${kind} ${c}: ${JSON.stringify(s[c].cpu)}`);
if (scaling)
  for (const c of ['c8', 'c32']) {
    const s = scaling[c] as unknown as Record<string, { cpu: unknown }> & { gain: number };
    console.log(
      `scaling ${c}: two processes / one = ${s.gain}; cpu one ${JSON.stringify(s.oneProcess?.cpu)} two ${JSON.stringify(s.twoProcesses?.cpu)}`,
    );
  }
if (results.stats) console.log(`\nstatistics: ${JSON.stringify(results.stats)}`);
console.log(`\nwritten to ${path.relative(process.cwd(), path.join(dir, 'latest.json'))}`);
