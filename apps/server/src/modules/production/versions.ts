// BOMs and routings are versioned per output item: a new version is a new row (old ones never
// change, so work orders that use them are stable), and exactly one version is active — the newest
// unless an older one is activated again. What a version holds (a BOM's components, a routing's
// steps) and how it is checked stay in boms.ts and routings.ts; numbering, listing, reading and
// activating versions are the same for both and live here.
import type { Kysely, RawBuilder } from 'kysely';
import { sql } from 'kysely';
import { isUuid } from '../../db/ids.ts';
import type { DB } from '../../db/schema.ts';
import { type Tx, withTenant } from '../../db/tenant.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import { runCommand } from '../../platform/command.ts';
import type { RequestContext } from '../../platform/context.ts';
import { problem } from '../../platform/errors.ts';
import { decodeCursor, isTextUpTo, toPage } from '../../platform/pagination.ts';

type VersionedTable = 'boms' | 'routings';

/** What every version's view holds besides its contents (a BOM's components, a routing's steps). */
export interface VersionView {
  id: string;
  sku: string;
  itemId: string;
  version: number;
  active: boolean;
  createdAt: string;
}

/** The versions a find asks for: one by id, an item's by SKU, or all; a page after `after`. */
interface VersionQuery {
  tenantId: string;
  id?: string | undefined;
  sku?: string | undefined;
  after?: VersionKey | undefined;
  limit: number;
}

/** One kind of versioned document (BOMs, routings), as the code shared here sees it. */
export interface VersionedDocument<View extends VersionView> {
  table: VersionedTable;
  /** The audit entity, and the prefix of its audit actions (`bom.create`, `bom.activate`). */
  entity: 'bom' | 'routing';
  /** The error code when the workspace has no version with the id asked for. */
  notFoundCode: string;
  /**
   * The versions the query asks for, by SKU, newest version first, then id; `limit` + 1 of them, so
   * that a caller paging knows whether another page follows.
   */
  find: (tx: Tx, query: VersionQuery) => Promise<View[]>;
}

/**
 * A kind of versioned document from what its versions hold: `contentsColumns` selects them from the
 * version row `v` (the item is `i`), and `contentsOf` makes them part of the view.
 */
export function defineVersionedDocument<ContentsRow, Contents>(document: {
  table: VersionedTable;
  entity: 'bom' | 'routing';
  notFoundCode: string;
  contentsColumns: RawBuilder<unknown>;
  contentsOf: (row: ContentsRow) => Contents;
}): VersionedDocument<VersionView & Contents> {
  const { table, entity, notFoundCode, contentsColumns, contentsOf } = document;
  return {
    table,
    entity,
    notFoundCode,
    async find(tx, q) {
      // Only the filters given become conditions: `(x is null or col = x)` cannot use an index.
      // The order is that of VersionKey and afterVersionKey; were they to differ, paging would skip
      // or repeat versions.
      const r = await sql<VersionRow & ContentsRow>`
        select v.id, i.sku, v.item_id, v.version, v.active, v.created_at, ${contentsColumns}
        from ${sql.table(table)} v join items i on i.tenant_id = v.tenant_id and i.id = v.item_id
        where v.tenant_id = ${q.tenantId}
          ${q.id === undefined ? sql`` : sql`and v.id = ${q.id}::uuid`}
          ${q.sku === undefined ? sql`` : sql`and i.sku = ${q.sku}::text`}
          ${afterVersionKey(q.after)}
        order by i.sku, v.version desc, v.id limit ${q.limit + 1}`.execute(tx);
      return r.rows.map((row) => ({
        id: row.id,
        sku: row.sku,
        itemId: row.item_id,
        version: row.version,
        active: row.active,
        createdAt: new Date(row.created_at).toISOString(),
        ...contentsOf(row),
      }));
    },
  };
}

interface VersionRow {
  id: string;
  sku: string;
  item_id: string;
  version: number;
  active: boolean;
  created_at: Date;
}

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

/** Makes the version its item's active one, audited as `<entity>.create` or `<entity>.activate`. */
async function makeActive(
  tx: Tx,
  ctx: RequestContext,
  document: VersionedDocument<VersionView>,
  target: { itemId: string; id: string },
  audit: { action: 'create' | 'activate'; summary: Record<string, unknown> },
): Promise<void> {
  const { table, entity } = document;
  const { tenantId } = ctx;
  await sql`update ${sql.table(table)} set active = false where tenant_id = ${tenantId} and item_id = ${target.itemId} and active and id <> ${target.id}`.execute(
    tx,
  );
  await sql`update ${sql.table(table)} set active = true where tenant_id = ${tenantId} and id = ${target.id}`.execute(
    tx,
  );
  await recordAudit(tx, ctx, {
    action: `${entity}.${audit.action}`,
    entity,
    entityId: target.id,
    summary: audit.summary,
  });
}

async function findVersion<View extends VersionView>(
  tx: Tx,
  document: VersionedDocument<View>,
  tenantId: string,
  id: string,
): Promise<View> {
  const [found] = await document.find(tx, { tenantId, id, limit: 1 });
  if (!found) throw problem(document.notFoundCode);
  return found;
}

/**
 * Ends the creation of a version whose rows the caller has just inserted (within its command): the
 * new version becomes the item's active one, and its creation is audited with `summary`.
 */
export async function completeNewVersion<View extends VersionView>(
  tx: Tx,
  ctx: RequestContext,
  document: VersionedDocument<View>,
  created: { itemId: string; id: string },
  summary: Record<string, unknown>,
): Promise<View> {
  await makeActive(tx, ctx, document, created, { action: 'create', summary });
  return findVersion(tx, document, ctx.tenantId, created.id);
}

export function getVersion<View extends VersionView>(
  db: Kysely<DB>,
  ctx: RequestContext,
  document: VersionedDocument<View>,
  id: string,
): Promise<View> {
  return withTenant(db, ctx.tenantId, (tx) => findVersion(tx, document, ctx.tenantId, id));
}

/** Makes an older (or the newest) version the item's active one again, audited. */
export async function activateVersionCommand<View extends VersionView>(
  db: Kysely<DB>,
  ctx: RequestContext,
  document: VersionedDocument<View>,
  id: string,
): Promise<View> {
  const { result } = await runCommand(db, ctx, undefined, async (tx) => {
    const found = await findVersion(tx, document, ctx.tenantId, id);
    await makeActive(tx, ctx, document, found, { action: 'activate', summary: { version: found.version } });
    return findVersion(tx, document, ctx.tenantId, id);
  });
  return result;
}

/** One page of versions, optionally of one SKU, after the version the cursor names. */
export async function listVersions<View extends VersionView>(
  db: Kysely<DB>,
  ctx: RequestContext,
  document: VersionedDocument<View>,
  query: { sku?: string | undefined; cursor?: string | undefined; limit: number },
) {
  const after = decodeCursor(query.cursor, isVersionKey);
  const rows = await withTenant(db, ctx.tenantId, (tx) =>
    document.find(tx, { tenantId: ctx.tenantId, sku: query.sku, after, limit: query.limit }),
  );
  return toPage(rows, query.limit, (v) => v, versionKeyOf);
}

/**
 * The keyset of a list of versioned documents, in its order: SKU, newest version first, then id
 * (which makes the order total). A page's cursor is the key of its last row.
 */
type VersionKey = [sku: string, version: number, id: string];

function versionKeyOf(v: VersionView): VersionKey {
  return [v.sku, v.version, v.id];
}

/** Rows and page size of a list of versioned documents (BOMs, routings). */
export const VERSION_LIST_LIMIT = 500;

/** For decodeCursor: a VersionKey as this server writes it, checked so that no cast in SQL can fail. */
function isVersionKey(v: unknown): v is VersionKey {
  if (!Array.isArray(v) || v.length !== 3) return false;
  const [sku, version, id] = v as unknown[];
  return (
    isTextUpTo(64)(sku) &&
    Number.isSafeInteger(version) &&
    (version as number) >= 1 &&
    (version as number) <= 2147483647 &&
    typeof id === 'string' &&
    isUuid(id)
  );
}

/** Versions after the key, in the order of a find (`v` the version, `i` its item). */
function afterVersionKey(after: VersionKey | undefined) {
  if (!after) return sql``;
  const [sku, version, id] = after;
  return sql`and (i.sku > ${sku}::text
    or (i.sku = ${sku}::text and (v.version < ${version}::int or (v.version = ${version}::int and v.id > ${id}::uuid))))`;
}
