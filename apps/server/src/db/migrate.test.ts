// Migrations: recorded with checksums, applied once however many processes start together, never
// silently re-run after an edit, and all-or-nothing when one of them fails.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, engine, type TestDatabase } from '../testing/harness.ts';
import { type Database, openDatabase } from './engine.ts';
import { type MigrationFile, migrate, readMigrationFiles } from './migrate.ts';

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);

function fileOf(name: string, text: string): MigrationFile {
  return { name, sql: text, checksum: createHash('sha256').update(text).digest('hex') };
}

async function withFreshDatabase(work: (test: TestDatabase) => Promise<void>): Promise<void> {
  const test = await createTestDatabase();
  try {
    await work(test);
  } finally {
    await test.drop();
  }
}

async function recorded(database: Database) {
  const rows = await sql<{ name: string; checksum: string; applied_at: Date }>`
    select name, checksum, applied_at from schema_migrations order by name`.execute(database.db);
  return rows.rows;
}

async function tableExists(database: Database, name: string): Promise<boolean> {
  const r = await sql<{ oid: string | null }>`select to_regclass(${`public.${name}`})::text as oid`.execute(
    database.db,
  );
  return r.rows[0]!.oid !== null;
}

describe('migrate', () => {
  it('records every applied file in schema_migrations with the SHA-256 of its content', async () => {
    await withFreshDatabase(async ({ database }) => {
      const onDisk = fs
        .readdirSync(MIGRATIONS_DIR)
        .filter((f) => f.endsWith('.sql'))
        .sort();
      expect(onDisk.length).toBeGreaterThan(0);
      const ran = await migrate(database);
      expect(ran).toEqual(onDisk);
      const rows = await recorded(database);
      expect(rows.map((r) => ({ name: r.name, checksum: r.checksum }))).toEqual(
        onDisk.map((name) => ({
          name,
          checksum: createHash('sha256')
            .update(fs.readFileSync(new URL(name, MIGRATIONS_DIR), 'utf8'))
            .digest('hex'),
        })),
      );
      for (const row of rows) expect(row.applied_at).toBeInstanceOf(Date);
      expect(await tableExists(database, 'users')).toBe(true);
    });
  });

  it('applies nothing when run again on an up-to-date database', async () => {
    await withFreshDatabase(async ({ database }) => {
      expect((await migrate(database)).length).toBeGreaterThan(0);
      const first = await recorded(database);
      expect(await migrate(database)).toEqual([]);
      expect(await recorded(database)).toEqual(first);
    });
  });

  it('applies each file once when two migrations start at the same moment on one pool', async () => {
    await withFreshDatabase(async ({ database }) => {
      const results = await Promise.all([migrate(database), migrate(database)]);
      const all = readMigrationFiles().map((f) => f.name);
      expect(results.map((r) => r.length).sort()).toEqual([0, all.length]);
      expect((await recorded(database)).map((r) => r.name)).toEqual(all);
    });
  });

  // Separate server processes are separate connection pools on one PostgreSQL database; PGlite is
  // one embedded backend owned by one process, so this race only exists on a real server.
  it.runIf(engine === 'pg')(
    'applies each file exactly once when several processes migrate the same database at once',
    async () => {
      await withFreshDatabase(async ({ url }) => {
        const pools = await Promise.all(
          [1, 2, 3].map(() => openDatabase({ databaseUrl: url!, poolSize: 2 })),
        );
        try {
          const results = await Promise.all(pools.map((p) => migrate(p)));
          const all = readMigrationFiles().map((f) => f.name);
          expect(results.flat().sort()).toEqual(all);
          expect(results.filter((r) => r.length > 0)).toHaveLength(1);
          expect((await recorded(pools[0]!)).map((r) => r.name)).toEqual(all);
        } finally {
          await Promise.all(pools.map((p) => p.close()));
        }
      });
    },
  );

  it('refuses to run when an applied file was changed afterwards, and applies nothing', async () => {
    await withFreshDatabase(async ({ database }) => {
      await migrate(database);
      const before = await recorded(database);
      const edited = readMigrationFiles().map((f, i) =>
        i === 0 ? fileOf(f.name, `${f.sql}\n-- a later edit\nCREATE TABLE sneaky_edit (id int);\n`) : f,
      );
      const pending = fileOf('9998_after_edit.sql', 'CREATE TABLE after_edit (id int);');
      await expect(migrate(database, [...edited, pending])).rejects.toThrow(/changed after it was applied/);
      expect(await recorded(database)).toEqual(before);
      expect(await tableExists(database, 'sneaky_edit')).toBe(false);
      expect(await tableExists(database, 'after_edit')).toBe(false);
    });
  });

  it('leaves nothing behind when a migration fails part-way on an up-to-date database', async () => {
    await withFreshDatabase(async ({ database }) => {
      await migrate(database);
      const before = await recorded(database);
      const good = fileOf('9997_good.sql', 'CREATE TABLE probe_good (id int);');
      const bogus = fileOf('9999_bogus.sql', 'CREATE TABLE probe_bogus (id int);\nSELECT 1 / 0;\n');
      await expect(migrate(database, [...readMigrationFiles(), good, bogus])).rejects.toThrow(
        /division by zero/,
      );
      expect(await tableExists(database, 'probe_bogus')).toBe(false);
      expect(await tableExists(database, 'probe_good')).toBe(false);
      expect(await recorded(database)).toEqual(before);
      // The database is still usable and the next correct run applies the good file.
      expect(await migrate(database, [...readMigrationFiles(), good])).toEqual(['9997_good.sql']);
    });
  });

  it('leaves an empty database empty when a migration fails on the first run', async () => {
    await withFreshDatabase(async ({ database }) => {
      const bogus = fileOf('9999_bogus.sql', 'CREATE TABLE probe_bogus (id int);\nSELECT 1 / 0;\n');
      await expect(migrate(database, [...readMigrationFiles(), bogus])).rejects.toThrow(/division by zero/);
      expect(await tableExists(database, 'probe_bogus')).toBe(false);
      expect(await tableExists(database, 'users')).toBe(false);
      expect(await tableExists(database, 'schema_migrations')).toBe(false);
      // A clean run afterwards succeeds from scratch.
      expect(await migrate(database)).toEqual(readMigrationFiles().map((f) => f.name));
    });
  });
});
