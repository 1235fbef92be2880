// BOMs and routings are versioned per output item: a new version is a new row (old ones never
// change, so work orders that use them are stable), and exactly one version is active — the newest
// unless an older one is activated again.
import { sql } from 'kysely';
import type { Tx } from '../../db/tenant.ts';

type VersionedTable = 'boms' | 'routings';

/** Locks the item's versions (via the item row) and returns the next version number. */
export async function nextVersion(
  tx: Tx,
  table: VersionedTable,
  tenantId: string,
  itemId: string,
): Promise<number> {
  await sql`select 1 from items where tenant_id = ${tenantId} and id = ${itemId} for update`.execute(tx);
  const r = await sql<{ max: number | null }>`
    select max(version)::int as max from ${sql.table(table)} where tenant_id = ${tenantId} and item_id = ${itemId}`.execute(
    tx,
  );
  return (r.rows[0]?.max ?? 0) + 1;
}

export async function activateVersion(
  tx: Tx,
  table: VersionedTable,
  tenantId: string,
  itemId: string,
  id: string,
): Promise<void> {
  await sql`update ${sql.table(table)} set active = false where tenant_id = ${tenantId} and item_id = ${itemId} and active and id <> ${id}`.execute(
    tx,
  );
  await sql`update ${sql.table(table)} set active = true where tenant_id = ${tenantId} and id = ${id}`.execute(
    tx,
  );
}
