// Switching encryption at rest on for a running deployment: open the master key (generating a key
// file on a bare first start), give every workspace a data key, and encrypt values written before
// encryption existed. Idempotent and safe with several processes starting at once.
import { type Kysely, sql } from 'kysely';
import type { Config } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import { withSystem, withTenant } from '../../db/tenant.ts';
import { installKeyring, Keyring } from './keyring.ts';

/** Columns held encrypted, per table (each table is keyed by tenant_id, id). */
export const ENCRYPTED_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  users: ['phone', 'totp_secret', 'totp_pending_secret'],
};

/** Opens the master key and installs the keyring; the caller logs `generatedKeyFile` when set. */
export function openKeyring(config: Config): Keyring {
  const keyring = new Keyring({
    key: config.masterKey,
    previous: config.previousMasterKeys,
    file: config.masterKeyFile,
    dataDir: config.dataDir,
  });
  installKeyring(keyring);
  return keyring;
}

export async function encryptExistingData(db: Kysely<DB>, keyring: Keyring): Promise<void> {
  await keyring.sealPlaintextSigningKeys(db);
  const workspaces = await withSystem(db, (tx) => tx.selectFrom('workspaces').select('id').execute());
  for (const { id: tenantId } of workspaces) {
    await withTenant(db, tenantId, async (tx) => {
      const has = await tx
        .selectFrom('data_keys')
        .select('version')
        .where('tenant_id', '=', tenantId)
        .executeTakeFirst();
      if (!has) await keyring.createDataKey(tx, tenantId);
      for (const [table, columns] of Object.entries(ENCRYPTED_COLUMNS)) {
        for (const column of columns) {
          const rows = await sql<{ id: string; value: string }>`
            select id, ${sql.ref(column)} as value from ${sql.table(table)}
             where tenant_id = ${tenantId} and ${sql.ref(column)} is not null
               and ${sql.ref(column)} not like 'enc:%'`.execute(tx);
          for (const row of rows.rows) {
            const sealed = await keyring.encryptField(tx, tenantId, row.value);
            await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${sealed}
                       where tenant_id = ${tenantId} and id = ${row.id}`.execute(tx);
          }
        }
      }
    });
  }
}
