// BOMs and routings are versioned per output item: a new version is a new row (old ones never
// change, so work orders that use them are stable), and exactly one version is active — the newest
// unless an older one is activated again.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { isUuid } from '../../db/ids.ts';
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

/**
 * The keyset of a list of versioned documents, in its order: SKU, newest version first, then id
 * (which makes the order total). A page's cursor is the key of its last row.
 */
export type VersionKey = [sku: string, version: number, id: string];

/** Rows and page size of a list of versioned documents (BOMs, routings). */
export const VERSION_LIST_LIMIT = 500;

/** For decodeCursor: a VersionKey as this server writes it, checked so that no cast in SQL can fail. */
export function isVersionKey(v: unknown): v is VersionKey {
  if (!Array.isArray(v) || v.length !== 3) return false;
  const [sku, version, id] = v as unknown[];
  return (
    typeof sku === 'string' &&
    sku.length <= 64 &&
    !sku.includes('\0') &&
    Number.isSafeInteger(version) &&
    (version as number) >= 1 &&
    (version as number) <= 2147483647 &&
    typeof id === 'string' &&
    isUuid(id)
  );
}

/**
 * Rows after the key, for a query ordered by `i.sku, <doc>.version desc, <doc>.id`, where `i` is the
 * item and `doc` the alias of the document table.
 */
export function afterVersionKey(doc: 'b' | 'r', after: VersionKey | undefined) {
  if (!after) return sql``;
  const [sku, version, id] = after;
  const v = sql.ref(`${doc}.version`);
  const d = sql.ref(`${doc}.id`);
  return sql`and (i.sku > ${sku}::text
    or (i.sku = ${sku}::text and (${v} < ${version}::int or (${v} = ${version}::int and ${d} > ${id}::uuid))))`;
}
