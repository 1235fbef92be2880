// Statistics section of `npm run bench`: seeds workspaces of each size with `opsledger seed`'s
// generator (phase by phase) and times GET /api/v1/stats/summary for a day, a month and a year.
// The machine's load average is recorded beside each figure: on a shared machine it explains more
// of the spread than anything in the code.
import os from 'node:os';
import type { Database } from '../apps/server/src/db/engine.ts';
import { seedWorkspace } from '../apps/server/src/modules/stats/seed.ts';
import { createWorkspace } from '../apps/server/src/modules/workspaces/service.ts';
import { percentile } from './percentile.ts';

// Requests timed per period. The 95th percentile of 50 was the third-slowest request, and moved by
// 20 ms and more between back-to-back runs of the same code on a shared VM; of 200 it is the tenth.
const REQUESTS = 200;

export async function benchStats(o: {
  database: Database;
  base: string;
  password: string;
  sizes: number[];
}): Promise<Record<string, unknown>> {
  const { database, base, password } = o;
  const stats: Record<string, unknown> = {};
  for (const n of o.sizes) {
    const code = `stats-${n}`;
    const w = await createWorkspace(database.db, {
      code,
      name: code,
      adminEmail: `s@${code}.test`,
      adminPassword: password,
    });
    const seedStarted = performance.now();
    const phases: Record<string, number> = {};
    await seedWorkspace(database.db, {
      tenantId: w.workspaceId,
      movements: n,
      days: 365,
      parallel: database.engine === 'pg' ? 2 : 1,
      onPhase: (name, seconds) => {
        phases[name] = +seconds.toFixed(1);
      },
    });
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const tok = (
      (await (
        await fetch(`${base}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ workspace: code, email: `s@${code}.test`, password }),
        })
      ).json()) as { accessToken: string }
    ).accessToken;
    const periods: Record<string, number> = { day: 1, month: 30, year: 365 };
    const timings: Record<string, unknown> = {
      seedSeconds: +seedSeconds.toFixed(1),
      seedPhases: phases,
      loadAverageAfterSeed: +os.loadavg()[0]!.toFixed(1),
    };
    for (const [name, days] of Object.entries(periods)) {
      const from = new Date(Date.now() - days * 86400_000).toISOString();
      const to = new Date().toISOString();
      const lat: number[] = [];
      // The first request of each period warms caches and is not counted.
      for (let i = -1; i < REQUESTS; i++) {
        const t0 = performance.now();
        const res = await fetch(`${base}/api/v1/stats/summary?from=${from}&to=${to}`, {
          headers: { authorization: `Bearer ${tok}` },
        });
        await res.arrayBuffer();
        if (i >= 0) lat.push(performance.now() - t0);
      }
      lat.sort((a, b) => a - b);
      timings[name] = {
        requests: REQUESTS,
        p50ms: +percentile(lat, 50).toFixed(1),
        p95ms: +percentile(lat, 95).toFixed(1),
        loadAverage: +os.loadavg()[0]!.toFixed(1),
      };
    }
    stats[`${n}`] = timings;
  }
  return stats;
}
