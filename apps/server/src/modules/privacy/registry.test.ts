// The personal-data registry is complete and truthful: every column that looks personal in the
// migrated schema is declared (personal, with a category, or not personal, with a reason); a
// migration that adds an undeclared personal column makes the check fail; and docs/privacy.md is
// exactly what the registry generates.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, readMigrationFiles } from '../../db/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/harness.ts';
import '../registry.ts';
import { PRIVACY_DOC_PATH, renderPrivacyDoc } from './docs.ts';
import { looksPersonal, personalDataViolations } from './lint.ts';
import { PERSONAL_CATEGORIES, personalDataDeclarations } from './registry.ts';

const FIXTURE = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'fixtures/unregistered-personal-column',
);

const open: TestDatabase[] = [];
afterAll(async () => {
  for (const d of open) await d.drop();
});

async function migratedDatabase(extra: string[] = []): Promise<TestDatabase> {
  const d = await createTestDatabase();
  open.push(d);
  await migrate(d.database, [...readMigrationFiles(), ...extra.flatMap((dir) => readMigrationFiles(dir))]);
  return d;
}

describe('the personal-data lint', () => {
  it('finds every personal-looking column of the real schema declared, and every declaration real', async () => {
    const d = await migratedDatabase();
    expect(await personalDataViolations(d.database.db)).toEqual([]);
  });

  it('fails on a migration that adds personal columns nobody registered', async () => {
    const d = await migratedDatabase([FIXTURE]);
    const problems = await personalDataViolations(d.database.db);
    expect(problems).toEqual([
      expect.stringMatching(
        /^probe_contacts\.home_address: looks personal but is not in the personal-data registry/,
      ),
      expect.stringMatching(
        /^probe_contacts\.contact_email: looks personal but is not in the personal-data registry/,
      ),
    ]);
  });

  it('recognises personal-looking names by whole words', () => {
    for (const c of [
      'email',
      'contact_email',
      'phone',
      'name',
      'step_name',
      'ip',
      'client_ip',
      'device_type',
      'date_of_birth',
      'user_agent',
      'home_address',
      'created_by',
      'user_id',
    ])
      expect(looksPersonal(c), c).toBe(true);
    for (const c of ['recipe', 'shipment', 'tenant_id', 'qty', 'description', 'zipper', 'naming'])
      expect(looksPersonal(c), c).toBe(false);
  });

  it('gives every personal column one of the five categories and every table its export and erasure story', () => {
    for (const decl of personalDataDeclarations()) {
      for (const t of decl.tables) {
        for (const spec of Object.values(t.personal)) expect(PERSONAL_CATEGORIES).toContain(spec.category);
        expect(t.retention.length, t.table).toBeGreaterThan(0);
        expect(t.visibleTo.length, t.table).toBeGreaterThan(0);
        expect(t.onErasure.length, t.table).toBeGreaterThan(0);
      }
    }
  });
});

describe('docs/privacy.md', () => {
  it('is exactly what `npm run docs:privacy` generates from the registry', () => {
    const committed = fs.existsSync(PRIVACY_DOC_PATH) ? fs.readFileSync(PRIVACY_DOC_PATH, 'utf8') : '';
    expect(committed, 'docs/privacy.md is stale: run `npm run docs:privacy`').toBe(renderPrivacyDoc());
  });

  it('names every registered table and the retention categories', () => {
    const doc = renderPrivacyDoc();
    for (const decl of personalDataDeclarations())
      for (const t of decl.tables) expect(doc).toContain(`\`${t.table}\``);
    expect(doc).toContain('`deactivated_people`');
  });
});
