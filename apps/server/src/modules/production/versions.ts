// BOMs and routings are versioned per output item: a new version is a new row (old ones never
// change, so work orders that use them are stable), and exactly one version is active — the newest
// unless an older one is activated again.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Tx } from '../../db/tenant.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import { runCommand } from '../../platform/command.ts';
import type { RequestContext } from '../../platform/context.ts';

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

/** Makes an older (or the newest) version the item's active one again, audited. */
export async function activateVersionCommand<T extends { itemId: string; version: number }>(
  db: Kysely<DB>,
  ctx: RequestContext,
  table: VersionedTable,
  id: string,
  find: (tx: Tx, tenantId: string, id: string) => Promise<T>,
): Promise<T> {
  const entity = table === 'boms' ? 'bom' : 'routing';
  const { result } = await runCommand(db, ctx, undefined, async (tx) => {
    const found = await find(tx, ctx.tenantId, id);
    await activateVersion(tx, table, ctx.tenantId, found.itemId, id);
    await recordAudit(tx, ctx, {
      action: `${entity}.activate`,
      entity,
      entityId: id,
      summary: { version: found.version },
    });
    return find(tx, ctx.tenantId, id);
  });
  return result;
}
