// Engine choice: a PostgreSQL server when DATABASE_URL is set, otherwise embedded PGlite persisted
// under the data folder. Both speak the same SQL; everything above this file is engine-agnostic.
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, type LogEvent, PostgresDialect, type PostgresPool, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { lazyBegin, PART_SEPARATOR } from './lazy-begin.ts';
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
  /** PostgreSQL only: round trips made by pooled connections (a pipelined opening and statement count once). */
  roundTrips?: { count: number };
  /** Runs a multi-statement SQL script (a migration) inside the given transaction. */
  runScript(tx: Transaction<DB>, script: string): Promise<void>;
  /**
   * PostgreSQL only: subscribes to the signals migration 0011 sends when a workspace's sessions,
   * people or roles change ('*': any workspace, or a signal may have been missed). A change made
   * through this process is heard before its COMMIT returns. Returns the unsubscribe function.
   */
  watchSessionState?: (listener: SessionStateListener) => () => void;
}

export type SessionStateListener = (tenantId: string) => void;

const SESSION_STATE_CHANNEL = 'opsledger_session_state';

const INT8_OID = 20;

// Parsing and planning cost PostgreSQL about as much as executing our statements (a posting's
// folded statement: 0.5 ms to plan, 0.8 ms to run, measured with EXPLAIN ANALYZE). Statements with
// parameters are therefore sent as named prepared statements, which pg parses once per connection
// and PostgreSQL may then run from a cached plan. The name is a hash of the SQL text, so the same
// text always maps to the same statement. Texts that vary with their input (an IN list's length)
// would otherwise pile up on long-lived connections, so each connection prepares at most
// PREPARED_PER_CONNECTION texts and sends the rest unnamed, as before.
const PREPARED_PER_CONNECTION = 400;
const statementNames = new Map<string, string>();

function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `k${createHash('sha1').update(text).digest('base64url')}`;
    // Kept small like the per-connection sets; forgetting a name only costs hashing its text again.
    if (statementNames.size >= PREPARED_PER_CONNECTION * 4) statementNames.clear();
    statementNames.set(text, name);
  }
  return name;
}

// A parameterless query may hold several statements (see lazy-begin.ts); pg then answers with one
// result per statement, and the caller wants the last one, as PostgreSQL's own psql shows it.
// A query carrying a transaction's opening or closing (lazy-begin.ts, PART_SEPARATOR) is sent as
// up to three queries written together: the client is in pipeline mode, so each goes out without
// waiting for the previous answer, and the corked socket sends them in one write.
function preparingPool(pool: pg.Pool, roundTrips: { count: number }): PostgresPool {
  const clients = new WeakMap<pg.PoolClient, pg.PoolClient>();
  const wrap = (client: pg.PoolClient): pg.PoolClient => {
    let wrapped = clients.get(client);
    if (!wrapped) {
      const prepared = new Set<string>();
      // Looked up at each call, not bound once: tools that count statements wrap the client's query.
      const query = (...a: unknown[]) => (client.query as (...b: unknown[]) => unknown).apply(client, a);
      const send = (text: unknown, values: unknown, args: unknown[]) => {
        if (typeof text === 'string' && Array.isArray(values) && values.length > 0) {
          const name = statementName(text);
          if (prepared.has(name) || prepared.size < PREPARED_PER_CONNECTION) {
            prepared.add(name);
            return query({ name, text, values });
          }
        }
        const r = query(...args);
        if (typeof text !== 'string' || !(r instanceof Promise)) return r;
        return r.then((res: unknown) => (Array.isArray(res) ? res[res.length - 1] : res));
      };
      const stream = (client as unknown as { connection: { stream: { cork(): void; uncork(): void } } })
        .connection.stream;
      wrapped = new Proxy(client, {
        get(target, prop, receiver) {
          if (prop !== 'query') return Reflect.get(target, prop, receiver);
          return (...args: unknown[]) => {
            const [text, values] = args;
            roundTrips.count += 1;
            if (typeof text === 'string' && text.includes(PART_SEPARATOR)) {
              const [opening, statement, closing] = text.split(PART_SEPARATOR) as [string, string, string];
              stream.cork();
              const answers: Promise<unknown>[] = [];
              try {
                if (opening) answers.push(query(opening) as Promise<unknown>);
                const answered = send(statement, values, [statement, values]) as Promise<unknown>;
                answers.push(answered);
                if (closing) answers.push(query(closing) as Promise<unknown>);
              } finally {
                stream.uncork();
              }
              // All are on the wire; the first failure in order is the one to report (a failed
              // statement turns the closing COMMIT into a rollback, which answers without error).
              const at = opening ? 1 : 0;
              return Promise.allSettled(answers).then((settled) => {
                for (const s of settled) if (s.status === 'rejected') throw s.reason;
                return (settled[at] as PromiseFulfilledResult<unknown>).value;
              });
            }
            return send(text, values, args);
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
      // Queries are written without waiting for the previous answer (see preparingPool).
      pipeline: true,
      // bigint counts and sequence numbers come back as numbers on both engines (PGlite does the same).
      types: {
        getTypeParser: ((oid: number, format?: string) =>
          oid === INT8_OID
            ? (v: string) => Number(v)
            : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
      },
    });
    const sessionSignals = new EventEmitter().setMaxListeners(0);
    const roundTrips = { count: 0 };
    // An idle pooled connection can be ended by the server (restart, failover, a dropped database);
    // pg then drops it from the pool and emits 'error', which would crash the process unheard.
    pool.on('error', (err) => {
      sessionSignals.emit('change', '*');
      (options.onIdleError ?? ((e) => console.warn(`database: idle connection ended: ${e.message}`)))(err);
    });
    // Every pooled connection listens, because PostgreSQL hands a session its own notifications
    // before the reply to its COMMIT: whatever this process changes, it has heard about by the time
    // the change returns, whichever connection wrote it.
    pool.on('connect', (client) => {
      client.on('notification', (n) => {
        if (n.channel === SESSION_STATE_CHANNEL) sessionSignals.emit('change', n.payload || '*');
      });
      client.query(`listen ${SESSION_STATE_CHANNEL}`).catch(() => sessionSignals.emit('change', '*'));
    });
    const db = new Kysely<DB>({
      dialect: lazyBegin(new PostgresDialect({ pool: preparingPool(pool, roundTrips) }), { pipelined: true }),
      log,
    });
    return {
      db,
      engine: 'pg',
      url: options.databaseUrl,
      close: () => db.destroy(),
      statementCounter,
      roundTrips,
      // Without parameters pg uses the simple protocol, which accepts several statements.
      runScript: async (tx, script) => {
        await sql.raw(script).execute(tx);
      },
      watchSessionState: (listener) => {
        sessionSignals.on('change', listener);
        return () => sessionSignals.off('change', listener);
      },
    };
  }
  const dataDir = options.dataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) fs.mkdirSync(dataDir, { recursive: true });
  const pglite = new PGlite(dataDir);
  await pglite.waitReady;
  const db = new Kysely<DB>({ dialect: lazyBegin(new PgliteDialect(pglite), { pipelined: false }), log });
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
