// The load generator, run in its own process (bench/load-worker.ts) so that its HTTP client work
// neither shares the server's event loop nor counts as the server's CPU. Plain node:http with
// keep-alive sockets: fetch (undici with web streams) cost the generator twice the CPU per request.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { percentile } from './percentile.ts';

export interface LoadResult {
  perSecond: number;
  p50ms: number;
  p95ms: number;
  p99ms: number;
  requests: number;
  errors: number;
}

/** A signed-in client of one server: its address and access token. */
export interface Target {
  base: string;
  token: string;
}

export interface Floor {
  skus: string[];
  /** One released work order per client: an operator works one job at a time. */
  orders: string[];
}

export type LoadSpec =
  | { kind: 'posting'; targets: Target[]; floor: Floor; clients: number; seconds: number }
  | { kind: 'scanning'; targets: Target[]; items: number; clients: number; seconds: number };

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function send(
  target: Target,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<number> {
  const url = new URL(target.base);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: `/api/v1${path}`,
        method: payload === undefined ? 'GET' : 'POST',
        agent,
        headers: {
          authorization: `Bearer ${target.token}`,
          ...(payload === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          ...headers,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function load(
  clients: number,
  seconds: number,
  request: (worker: number, i: number) => Promise<boolean>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, w) => {
      for (let i = 0; performance.now() < until; i++) {
        const t0 = performance.now();
        const ok = await request(w, i);
        latencies.push(performance.now() - t0);
        if (!ok) errors += 1;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: Math.round(latencies.length / elapsed),
    p50ms: +percentile(latencies, 50).toFixed(1),
    p95ms: +percentile(latencies, 95).toFixed(1),
    p99ms: +percentile(latencies, 99).toFixed(1),
    requests: latencies.length,
    errors,
  };
}

/**
 * The shop-floor posting mix, every request with an Idempotency-Key: 30% receipts, 30% moves to the
 * floor, 20% waste, 20% production step completions (alternating the cut step, which consumes
 * components, and the pack step, which receives finished goods). Targets are spread over the clients.
 */
function postingLoad(spec: Extract<LoadSpec, { kind: 'posting' }>): Promise<LoadResult> {
  const { targets, floor } = spec;
  return load(spec.clients, spec.seconds, async (w, i) => {
    const target = targets[w % targets.length]!;
    const sku = floor.skus[(w * 7919 + i) % floor.skus.length]!;
    // Each client starts at its own place in the mix: in step, every client would reach its step
    // completions at the same moment, and they would all queue on the product's one cost row. No
    // client starts at 9: the pack step needs a cut step done on its order first.
    const r = (i + (w % 9)) % 10;
    const key = { 'idempotency-key': randomUUID() };
    const status =
      r < 3
        ? await send(
            target,
            '/movements',
            { type: 'receive', sku, qty: 5, to: 'STORE', unitCost: '1.5' },
            key,
          )
        : r < 6
          ? await send(target, '/movements', { type: 'move', sku, qty: 2, from: 'STORE', to: 'FLOOR' }, key)
          : r < 8
            ? await send(
                target,
                '/movements',
                { type: 'waste', sku, qty: 1, from: 'FLOOR', reason: 'damaged' },
                key,
              )
            : await send(
                target,
                `/work-orders/${floor.orders[w % floor.orders.length]}/events`,
                { step: r === 8 ? 10 : 20, action: 'complete', goodQty: 1 },
                key,
              );
    return status === 201;
  });
}

/** Lookups by barcode or SKU spread over the whole catalogue (see bulkCatalogue in run.ts). */
function scanningLoad(spec: Extract<LoadSpec, { kind: 'scanning' }>): Promise<LoadResult> {
  return load(spec.clients, spec.seconds, async (w, i) => {
    const n = String(((w * 104729 + i * 7919) % spec.items) + 1).padStart(6, '0');
    const status = await send(spec.targets[w % spec.targets.length]!, `/scan/${i % 2 ? `BC${n}` : `S-${n}`}`);
    return status === 200;
  });
}

export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return spec.kind === 'posting' ? postingLoad(spec) : scanningLoad(spec);
}
