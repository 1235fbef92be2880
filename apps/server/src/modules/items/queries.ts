// Reading items with their barcodes and units. Every function takes the workspace explicitly.
import { type RawBuilder, sql } from 'kysely';
import { executeAndCommit } from '../../db/lazy-begin.ts';
import type { Tx } from '../../db/tenant.ts';
import type { RequestContext } from '../../platform/context.ts';
import { dec } from '../../platform/decimal.ts';

export interface ItemView {
  id: string;
  sku: string;
  name: string;
  uom: string;
  active: boolean;
  tracking: 'none' | 'lot';
  costMethod: 'fifo' | 'average';
  standardCost: string | null;
  /** Below this on-hand (stock unit, all internal locations) the item's managers are notified; null: none. */
  minStock: string | null;
  barcodes: { code: string; packQty: string }[];
  units: { uom: string; factor: string }[];
  createdAt: string;
}

interface ItemRow {
  id: string;
  sku: string;
  name: string;
  uom: string;
  active: boolean;
  tracking: 'none' | 'lot';
  cost_method: 'fifo' | 'average';
  standard_cost: string | null;
  min_stock: string | null;
  created_at: Date;
  barcodes: { code: string; pack_qty: string }[] | null;
  units: { uom: string; factor: string }[] | null;
}

const itemColumns = sql`i.id, i.sku, i.name, i.uom, i.active, i.tracking, i.cost_method, i.standard_cost, i.min_stock, i.created_at,
  (select json_agg(json_build_object('code', b.code, 'pack_qty', b.pack_qty) order by b.code)
     from item_barcodes b where b.tenant_id = i.tenant_id and b.item_id = i.id) as barcodes,
  (select json_agg(json_build_object('uom', u.uom, 'factor', u.factor) order by u.uom)
     from item_units u where u.tenant_id = i.tenant_id and u.item_id = i.id) as units`;

function toView(row: ItemRow): ItemView {
  return {
    id: row.id,
    sku: row.sku,
    name: row.name,
    uom: row.uom,
    active: row.active,
    tracking: row.tracking,
    costMethod: row.cost_method,
    standardCost: dec(row.standard_cost),
    minStock: dec(row.min_stock),
    barcodes: (row.barcodes ?? []).map((b) => ({ code: b.code, packQty: dec(b.pack_qty)! })),
    units: (row.units ?? []).map((u) => ({ uom: u.uom, factor: dec(u.factor)! })),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export async function findItemView(
  tx: Tx,
  q: { tenantId: string; id: string },
): Promise<ItemView | undefined> {
  const r =
    await sql<ItemRow>`select ${itemColumns} from items i where i.tenant_id = ${q.tenantId} and i.id = ${q.id}`.execute(
      tx,
    );
  return r.rows[0] ? toView(r.rows[0]) : undefined;
}

/** Items matching a search by SKU or name (prefix or contained) or an exact barcode, ordered by id. */
export async function searchItemViews(
  tx: Tx,
  q: {
    tenantId: string;
    search: string | undefined;
    after: string | undefined;
    limit: number;
    active: boolean | undefined;
  },
): Promise<ItemView[]> {
  const after = q.after ?? '00000000-0000-0000-0000-000000000000';
  const term = q.search?.trim() || null;
  const like = term ? `%${term.toLowerCase().replace(/[\\%_]/g, '\\$&')}%` : null;
  const r = await sql<ItemRow>`select ${itemColumns} from items i
    where i.tenant_id = ${q.tenantId} and i.id > ${after}
      and (${q.active ?? null}::boolean is null or i.active = ${q.active ?? null}::boolean)
      and (${term}::text is null
           or lower(i.sku) like ${like} or lower(i.name) like ${like}
           or exists (select 1 from item_barcodes b where b.tenant_id = i.tenant_id and b.item_id = i.id and b.code = ${term}))
    order by i.id limit ${q.limit + 1}`.execute(tx);
  return r.rows.map(toView);
}

/**
 * The item a barcode or SKU names (the first of `codes` found), with the barcode's pack quantity and
 * a caller's extra column computed for the same item, named in it as `hit.item_id` (a scan adds its
 * stock), in one round trip.
 */
export async function findItemViewByCode<Extra>(
  tx: Tx,
  q: { tenantId: string; codes: string[] },
  extra: RawBuilder<Extra>,
  options: { commits?: boolean } = {},
): Promise<{ item: ItemView; packQty: string; extra: Extra } | undefined> {
  const query = sql<ItemRow & { pack_qty: string; extra: Extra }>`
    with hit as (
      select b.item_id, b.pack_qty from item_barcodes b where b.tenant_id = ${q.tenantId} and b.code = any(${q.codes}::text[])
      union all
      select i.id, 1 from items i where i.tenant_id = ${q.tenantId} and i.sku = any(${q.codes}::text[])
      limit 1)
    select ${itemColumns}, hit.pack_qty::text as pack_qty, ${extra} as extra
    from hit join items i on i.tenant_id = ${q.tenantId} and i.id = hit.item_id`;
  const r = options.commits ? await executeAndCommit(tx, query) : await query.execute(tx);
  const row = r.rows[0];
  return row ? { item: toView(row), packQty: dec(row.pack_qty)!, extra: row.extra } : undefined;
}

export interface ItemForPosting {
  id: string;
  sku: string;
  uom: string;
  active: boolean;
  tracking: 'none' | 'lot';
  cost_method: 'fifo' | 'average';
  standard_cost: string | null;
  /** The item's minimum stock (numeric text), null for none: a posting checks it without another query. */
  min_stock: string | null;
  /** Stock units per one `uom` the request used; 1 for the stock unit itself, null for an unknown unit. */
  factor: string | null;
}

/**
 * The item a movement names by SKU, with the conversion factor of the unit the request used, as a
 * subquery: a posting folds it into its one resolving statement.
 */
export function itemForPostingQuery(q: { tenantId: string; sku: string; uom: string | undefined }) {
  return sql<ItemForPosting>`
    select i.id, i.sku, i.uom, i.active, i.tracking, i.cost_method, i.standard_cost, i.min_stock,
           case when ${q.uom ?? null}::text is null or ${q.uom ?? null}::text = i.uom then 1 else u.factor end as factor
    from items i
    left join item_units u on u.tenant_id = i.tenant_id and u.item_id = i.id and u.uom = ${q.uom ?? null}::text
    where i.tenant_id = ${q.tenantId} and i.sku = ${q.sku}`;
}

/** Field-level read rule: the standard cost is shown only to those who may see valuation. */
export function itemForReader(ctx: RequestContext, item: ItemView): ItemView {
  if (ctx.actor.permissions.has('valuation.read')) return item;
  const { standardCost: _hidden, ...rest } = item;
  return rest as ItemView;
}

export async function findItemViewBySku(
  tx: Tx,
  q: { tenantId: string; sku: string },
): Promise<ItemView | undefined> {
  const r =
    await sql<ItemRow>`select ${itemColumns} from items i where i.tenant_id = ${q.tenantId} and i.sku = ${q.sku}`.execute(
      tx,
    );
  return r.rows[0] ? toView(r.rows[0]) : undefined;
}
