// Reading the ledger, stock on hand and valuation. Each list uses an index led by the workspace and
// its filter, newest first by id (UUIDv7, so id order is time order).
import { type RawBuilder, sql } from 'kysely';
import { isUuid } from '../../db/ids.ts';
import type { Tx } from '../../db/tenant.ts';
import { Decimal, dec } from '../../platform/decimal.ts';
import { isTextUpTo } from '../../platform/pagination.ts';
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

export interface StockRowData {
  sku: string;
  item_id: string;
  name: string;
  uom: string;
  location: string;
  location_id: string;
  lot: string | null;
  lot_id: string;
  expiry: string | null;
  qty: string;
}

/**
 * Where a page of stock ends: the sort key of its last row, `[sku, location code, expiry, lot code,
 * lot id]` (expiry and lot null for untracked stock; the lot id is all zeros then).
 */
export type StockKey = [string, string, string | null, string | null, string];

/** Codes in a stock cursor, bounded like the codes they stand for. */
const isCodeText = isTextUpTo(200);

/** A real calendar date `YYYY-MM-DD` (year 1 on), so the `::date` cast cannot fail. */
function isDay(v: unknown): v is string {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v) || v.startsWith('0000')) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** For decodeCursor: a StockKey as this server writes it, checked so that no cast in SQL can fail. */
export function isStockKey(v: unknown): v is StockKey {
  if (!Array.isArray(v) || v.length !== 5) return false;
  const [sku, location, expiry, lot, lotId] = v as unknown[];
  return (
    isCodeText(sku) &&
    isCodeText(location) &&
    (expiry === null || isDay(expiry)) &&
    (lot === null || isCodeText(lot)) &&
    typeof lotId === 'string' &&
    isUuid(lotId)
  );
}

export function stockKeyOf(row: StockRowData): StockKey {
  return [row.sku, row.location, row.expiry, row.lot, row.lot_id];
}

interface StockFilter {
  tenantId: string;
  sku?: string | undefined;
  /** An item id, or an expression naming one (an outer query's item column). */
  itemId?: string | RawBuilder<unknown> | undefined;
  location?: string | undefined;
  lot?: string | undefined;
}

interface StockPageFilter extends StockFilter {
  /** Rows after this key only (keyset paging). */
  after?: StockKey | undefined;
  /** Rows to read: a page reads its limit + 1 to know whether another page follows. */
  limit: number;
}

/** Every internal-location balance a list or scan answers with, at most (unless paged). */
export const STOCK_LIMIT = 5000;

/**
 * Stock on hand in internal locations, zero rows left out; by SKU, location code, then lots oldest
 * expiry first (no expiry last), lot code (untracked stock last) and lot id, which is a total order
 * (the balance key is item, location, lot) so keyset pages neither skip nor repeat a row. Only the
 * filters given become conditions: an `(x is null or col = x)` condition cannot use an index, and
 * when the item is an outer query's column (a scan) it is planned exactly that way, reading every
 * balance in the workspace for one item.
 */
function stockOnHandQuery(q: StockPageFilter) {
  const conditions = [sql`b.tenant_id = ${q.tenantId}`, sql`b.qty <> 0`, sql`loc.kind in ('store', 'floor')`];
  if (q.sku !== undefined) conditions.push(sql`i.sku = ${q.sku}`);
  if (q.itemId !== undefined) conditions.push(sql`b.item_id = ${q.itemId}::uuid`);
  if (q.location !== undefined) conditions.push(sql`loc.code = ${q.location}`);
  if (q.lot !== undefined) conditions.push(sql`l.code = ${q.lot}`);
  if (q.after !== undefined) {
    const [sku, location, expiry, lot, lotId] = q.after;
    // The row comparison is the order below, column for column; `i.sku >= …` alone lets the
    // planner start at the cursor's SKU on the items (tenant_id, sku) index.
    conditions.push(sql`i.sku >= ${sku}`);
    conditions.push(sql`(i.sku, loc.code, coalesce(l.expiry, 'infinity'::date), l.code is null, coalesce(l.code, ''), b.lot_id)
      > (${sku}::text, ${location}::text, coalesce(${expiry}::date, 'infinity'::date), ${lot}::text is null,
         coalesce(${lot}::text, ''), ${lotId}::uuid)`);
  }
  return sql<StockRowData>`
    select i.sku, b.item_id, i.name, i.uom, loc.code as location, b.location_id, l.code as lot, b.lot_id,
           to_char(l.expiry, 'YYYY-MM-DD') as expiry, b.qty::text as qty
    from stock_balances b
    join items i on i.tenant_id = b.tenant_id and i.id = b.item_id
    join locations loc on loc.tenant_id = b.tenant_id and loc.id = b.location_id
    left join lots l on l.tenant_id = b.tenant_id and l.id = b.lot_id
    where ${sql.join(conditions, sql` and `)}
    order by i.sku, loc.code, coalesce(l.expiry, 'infinity'::date), l.code is null, coalesce(l.code, ''), b.lot_id
    limit ${q.limit}`;
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
  const r = await stockOnHandQuery({ ...q, limit: STOCK_LIMIT }).execute(tx);
  return r.rows.map(toStockRow);
}

/** Up to `limit` rows after `after`, unmapped: for toPage with toStockRow and stockKeyOf. */
export async function stockOnHandPage(tx: Tx, q: StockPageFilter): Promise<StockRowData[]> {
  const r = await stockOnHandQuery(q).execute(tx);
  return r.rows;
}

/** The same rows as one JSON array value, for a caller folding the lookup into its own statement. */
export function stockOnHandJson(q: StockFilter) {
  return sql<
    StockRowData[]
  >`(select coalesce(json_agg(s), '[]') from (${stockOnHandQuery({ ...q, limit: STOCK_LIMIT })}) s)`;
}

export interface Valuation {
  sku: string;
  itemId: string;
  method: 'fifo' | 'average';
  qty: string;
  value: string;
  unitCost: string | null;
}

/** Items a valuation list answers with, at most (a page's default and maximum). */
export const VALUATION_LIMIT = 5000;

export async function valuation(
  tx: Tx,
  q: { tenantId: string; sku?: string | undefined; after?: string | undefined; limit?: number | undefined },
): Promise<Valuation[]> {
  const conditions = [sql`i.tenant_id = ${q.tenantId}`];
  if (q.sku !== undefined) conditions.push(sql`i.sku = ${q.sku}`);
  if (q.after !== undefined) conditions.push(sql`i.sku > ${q.after}`);
  const r = await sql<{
    sku: string;
    item_id: string;
    cost_method: 'fifo' | 'average';
    qty: string;
    value: string;
  }>`
    select i.sku, i.id as item_id, i.cost_method, c.qty, c.value
    from items i join item_costs c on c.tenant_id = i.tenant_id and c.item_id = i.id
    where ${sql.join(conditions, sql` and `)}
    order by i.sku limit ${q.limit ?? VALUATION_LIMIT}`.execute(tx);
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

/** What every item in the workspace is worth together (the same rows valuation lists, all pages). */
export async function totalValue(tx: Tx, tenantId: string): Promise<string> {
  const r = await sql<{ total: string }>`
    select coalesce(sum(c.value), 0)::text as total
    from items i join item_costs c on c.tenant_id = i.tenant_id and c.item_id = i.id
    where i.tenant_id = ${tenantId}`.execute(tx);
  return new Decimal(r.rows[0]?.total ?? '0').toFixed();
}
