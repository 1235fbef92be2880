// Reading the ledger, stock on hand and valuation. Each list uses an index led by the workspace and
// its filter, newest first by id (UUIDv7, so id order is time order).
import { type RawBuilder, sql } from 'kysely';
import type { Tx } from '../../db/tenant.ts';
import { Decimal, dec } from '../../platform/decimal.ts';
import { type MovementRow, type MovementView, toMovementView } from './movement-view.ts';

export interface MovementFilter {
  tenantId: string;
  sku?: string | undefined;
  itemId?: string | undefined;
  location?: string | undefined;
  type?: string | undefined;
  lot?: string | undefined;
  userId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  before?: string | undefined;
  limit: number;
  id?: string | undefined;
}

export async function listMovements(tx: Tx, f: MovementFilter): Promise<MovementView[]> {
  const r = await sql<MovementRow>`
    select m.id, m.type, i.sku, m.item_id, m.qty, m.entered_qty, m.entered_uom, fl.code as from_code, tl.code as to_code,
           l.code as lot_code, m.unit_cost, m.value, m.reference, m.reason, m.reversal_of, m.work_order_id, m.scan_text,
           m.created_at, m.created_by,
           (select r.id from movements r where r.tenant_id = m.tenant_id and r.reversal_of = m.id) as reversed_by
    from movements m
    join items i on i.tenant_id = m.tenant_id and i.id = m.item_id
    join locations fl on fl.tenant_id = m.tenant_id and fl.id = m.from_location_id
    join locations tl on tl.tenant_id = m.tenant_id and tl.id = m.to_location_id
    left join lots l on l.tenant_id = m.tenant_id and l.id = m.lot_id
    where m.tenant_id = ${f.tenantId}
      and (${f.id ?? null}::uuid is null or m.id = ${f.id ?? null}::uuid)
      and (${f.before ?? null}::uuid is null or m.id < ${f.before ?? null}::uuid)
      and (${f.sku ?? null}::text is null or m.item_id = (select id from items where tenant_id = ${f.tenantId} and sku = ${f.sku ?? null}::text))
      and (${f.itemId ?? null}::uuid is null or m.item_id = ${f.itemId ?? null}::uuid)
      and (${f.type ?? null}::text is null or m.type = ${f.type ?? null}::text)
      and (${f.userId ?? null}::uuid is null or m.created_by = ${f.userId ?? null}::uuid)
      and (${f.location ?? null}::text is null
           or m.from_location_id = (select id from locations where tenant_id = ${f.tenantId} and code = ${f.location ?? null}::text)
           or m.to_location_id = (select id from locations where tenant_id = ${f.tenantId} and code = ${f.location ?? null}::text))
      and (${f.lot ?? null}::text is null or l.code = ${f.lot ?? null}::text)
      and (${f.from ?? null}::timestamptz is null or m.created_at >= ${f.from ?? null}::timestamptz)
      and (${f.to ?? null}::timestamptz is null or m.created_at < ${f.to ?? null}::timestamptz)
    order by m.id desc
    limit ${f.limit + 1}`.execute(tx);
  return r.rows.map(toMovementView);
}

export interface StockRow {
  sku: string;
  itemId: string;
  name: string;
  uom: string;
  location: string;
  locationId: string;
  lot: string | null;
  expiry: string | null;
  qty: string;
}

interface StockRowData {
  sku: string;
  item_id: string;
  name: string;
  uom: string;
  location: string;
  location_id: string;
  lot: string | null;
  expiry: string | null;
  qty: string;
}

interface StockFilter {
  tenantId: string;
  sku?: string | undefined;
  /** An item id, or an expression naming one (an outer query's item column). */
  itemId?: string | RawBuilder<unknown> | undefined;
  location?: string | undefined;
  lot?: string | undefined;
}

/**
 * Stock on hand in internal locations, zero rows left out; lots oldest expiry first. Only the
 * filters given become conditions: an `(x is null or col = x)` condition cannot use an index, and
 * when the item is an outer query's column (a scan) it is planned exactly that way, reading every
 * balance in the workspace for one item.
 */
function stockOnHandQuery(q: StockFilter) {
  const conditions = [sql`b.tenant_id = ${q.tenantId}`, sql`b.qty <> 0`, sql`loc.kind in ('store', 'floor')`];
  if (q.sku !== undefined) conditions.push(sql`i.sku = ${q.sku}`);
  if (q.itemId !== undefined) conditions.push(sql`b.item_id = ${q.itemId}::uuid`);
  if (q.location !== undefined) conditions.push(sql`loc.code = ${q.location}`);
  if (q.lot !== undefined) conditions.push(sql`l.code = ${q.lot}`);
  return sql<StockRowData>`
    select i.sku, b.item_id, i.name, i.uom, loc.code as location, b.location_id, l.code as lot,
           to_char(l.expiry, 'YYYY-MM-DD') as expiry, b.qty::text as qty
    from stock_balances b
    join items i on i.tenant_id = b.tenant_id and i.id = b.item_id
    join locations loc on loc.tenant_id = b.tenant_id and loc.id = b.location_id
    left join lots l on l.tenant_id = b.tenant_id and l.id = b.lot_id
    where ${sql.join(conditions, sql` and `)}
    order by i.sku, loc.code, l.expiry asc nulls last, l.code
    limit 5000`;
}

export function toStockRow(row: StockRowData): StockRow {
  return {
    sku: row.sku,
    itemId: row.item_id,
    name: row.name,
    uom: row.uom,
    location: row.location,
    locationId: row.location_id,
    lot: row.lot,
    expiry: row.expiry,
    qty: dec(row.qty)!,
  };
}

export async function stockOnHand(tx: Tx, q: StockFilter): Promise<StockRow[]> {
  const r = await stockOnHandQuery(q).execute(tx);
  return r.rows.map(toStockRow);
}

/** The same rows as one JSON array value, for a caller folding the lookup into its own statement. */
export function stockOnHandJson(q: StockFilter) {
  return sql<StockRowData[]>`(select coalesce(json_agg(s), '[]') from (${stockOnHandQuery(q)}) s)`;
}

export interface Valuation {
  sku: string;
  itemId: string;
  method: 'fifo' | 'average';
  qty: string;
  value: string;
  unitCost: string | null;
}

export async function valuation(
  tx: Tx,
  q: { tenantId: string; sku?: string | undefined },
): Promise<Valuation[]> {
  const r = await sql<{
    sku: string;
    item_id: string;
    cost_method: 'fifo' | 'average';
    qty: string;
    value: string;
  }>`
    select i.sku, i.id as item_id, i.cost_method, c.qty, c.value
    from items i join item_costs c on c.tenant_id = i.tenant_id and c.item_id = i.id
    where i.tenant_id = ${q.tenantId} and (${q.sku ?? null}::text is null or i.sku = ${q.sku ?? null}::text)
    order by i.sku limit 10000`.execute(tx);
  return r.rows.map((row) => {
    const qty = new Decimal(row.qty);
    const value = new Decimal(row.value);
    return {
      sku: row.sku,
      itemId: row.item_id,
      method: row.cost_method,
      qty: qty.toFixed(),
      value: value.toFixed(),
      unitCost: qty.greaterThan(0) ? value.dividedBy(qty).toDecimalPlaces(4).toFixed() : null,
    };
  });
}
