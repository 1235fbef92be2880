// Applies the plain SQL files in ./migrations in name order, each recorded in schema_migrations
// with its checksum. All pending files run in one transaction under an advisory lock, so two
// processes starting at once apply them exactly once and a failure leaves nothing half-done.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database } from './engine.ts';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
// Arbitrary constant naming "OpsLedger migrations" in the advisory-lock space.
const MIGRATION_LOCK_KEY = 7_349_201_993;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrationFiles(dir = MIGRATIONS_DIR): MigrationFile[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      return { name, sql: text, checksum: createHash('sha256').update(text).digest('hex') };
    });
}

export async function migrate(database: Database, files = readMigrationFiles()): Promise<string[]> {
  return database.db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(tx);
    await sql`create table if not exists schema_migrations (
      name text primary key, checksum text not null, applied_at timestamptz not null default now())`.execute(
      tx,
    );
    const applied = await sql<{
      name: string;
      checksum: string;
    }>`select name, checksum from schema_migrations`.execute(tx);
    const known = new Map(applied.rows.map((r) => [r.name, r.checksum]));
    const ran: string[] = [];
    for (const file of files) {
      const checksum = known.get(file.name);
      if (checksum !== undefined) {
        if (checksum !== file.checksum) {
          throw new Error(
            `migration ${file.name} was changed after it was applied; add a new migration instead`,
          );
        }
        continue;
      }
      await database.runScript(tx, file.sql);
      await sql`insert into schema_migrations (name, checksum) values (${file.name}, ${file.checksum})`.execute(
        tx,
      );
      ran.push(file.name);
    }
    return ran;
  });
}
