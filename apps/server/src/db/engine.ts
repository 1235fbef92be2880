// Engine choice: a PostgreSQL server when DATABASE_URL is set, otherwise embedded PGlite persisted
// under the data folder. Both speak the same SQL; everything above this file is engine-agnostic.
import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, type LogEvent, PostgresDialect, type PostgresPool, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { lazyBegin } from './lazy-begin.ts';
import { PgliteDialect } from './pglite-dialect.ts';
import type { DB } from './schema.ts';

export type EngineKind = 'pg' | 'pglite';

export interface Database {
  db: Kysely<DB>;
  engine: EngineKind;
  /** Connection string when on a PostgreSQL server (for LISTEN/NOTIFY clients and tools). */
  url: string | undefined;
  close(): Promise<void>;
  /** Counts statements sent, for tests that prove a code path's round trips stay flat. */
  statementCounter: { count: number };
  /** Runs a multi-statement SQL script (a migration) inside the given transaction. */
  runScript(tx: Transaction<DB>, script: string): Promise<void>;
}

const INT8_OID = 20;

// A parameterless query may hold several statements (see lazy-begin.ts); pg then answers with one
// result per statement, and the caller wants the last one, as PostgreSQL's own psql shows it.
function lastResultPool(pool: pg.Pool): PostgresPool {
  const clients = new WeakMap<pg.PoolClient, pg.PoolClient>();
  const wrap = (client: pg.PoolClient): pg.PoolClient => {
    let wrapped = clients.get(client);
    if (!wrapped) {
      wrapped = new Proxy(client, {
        get(target, prop, receiver) {
          if (prop !== 'query') return Reflect.get(target, prop, receiver);
          return (...args: unknown[]) => {
            const r = (target.query as (...a: unknown[]) => unknown)(...args);
            if (typeof args[0] !== 'string' || !(r instanceof Promise)) return r;
            return r.then((res: unknown) => (Array.isArray(res) ? res[res.length - 1] : res));
          };
        },
      });
      clients.set(client, wrapped);
    }
    return wrapped;
  };
  return { connect: async () => wrap(await pool.connect()), end: () => pool.end() };
}

function countingLogger(counter: { count: number }) {
  return (event: LogEvent) => {
    if (event.level === 'query') counter.count += 1;
  };
}

export interface EngineOptions {
  databaseUrl?: string | undefined;
  /** PGlite data folder; 'memory://' for a throwaway in-memory database. */
  dataDir?: string;
  poolSize?: number;
  /** Told when the server ends an idle pooled connection; by default one line on stderr. */
  onIdleError?: (err: Error) => void;
}

export async function openDatabase(options: EngineOptions): Promise<Database> {
  const statementCounter = { count: 0 };
  const log = countingLogger(statementCounter);
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 20,
      // bigint counts and sequence numbers come back as numbers on both engines (PGlite does the same).
      types: {
        getTypeParser: ((oid: number, format?: string) =>
          oid === INT8_OID
            ? (v: string) => Number(v)
            : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
      },
    });
    // An idle pooled connection can be ended by the server (restart, failover, a dropped database);
    // pg then drops it from the pool and emits 'error', which would crash the process unheard.
    pool.on('error', (err) =>
      (options.onIdleError ?? ((e) => console.warn(`database: idle connection ended: ${e.message}`)))(err),
    );
    const db = new Kysely<DB>({
      dialect: lazyBegin(new PostgresDialect({ pool: lastResultPool(pool) })),
      log,
    });
    return {
      db,
      engine: 'pg',
      url: options.databaseUrl,
      close: () => db.destroy(),
      statementCounter,
      // Without parameters pg uses the simple protocol, which accepts several statements.
      runScript: async (tx, script) => {
        await sql.raw(script).execute(tx);
      },
    };
  }
  const dataDir = options.dataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) fs.mkdirSync(dataDir, { recursive: true });
  const pglite = new PGlite(dataDir);
  await pglite.waitReady;
  const db = new Kysely<DB>({ dialect: lazyBegin(new PgliteDialect(pglite)), log });
  return {
    db,
    engine: 'pglite',
    url: undefined,
    close: () => db.destroy(),
    statementCounter,
    // PGlite's query() is single-statement; exec() runs a script on the same backend, which the
    // transaction already holds exclusively.
    runScript: async (_tx, script) => {
      await pglite.exec(script);
    },
  };
}
