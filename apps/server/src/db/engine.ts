// Engine choice: a PostgreSQL server when DATABASE_URL is set, otherwise embedded PGlite persisted
// under the data folder. Both speak the same SQL; everything above this file is engine-agnostic.
import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, type LogEvent, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
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
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log });
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
  const db = new Kysely<DB>({ dialect: new PgliteDialect(pglite), log });
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
