// Stock on hand per item × location × lot, changed only inside the transaction that posts the
// movement. Taking stock is one conditional UPDATE: it locks the balance row and succeeds only if
// enough is there, so concurrent takes queue on the row and can never drive it below zero. Both
// take and put are written as parts of the posting's statements (book-movement.ts), not alone.
import { sql } from 'kysely';
import type { Tx } from '../../db/tenant.ts';
import type { Decimal } from '../../platform/decimal.ts';

export const NO_LOT = '00000000-0000-0000-0000-000000000000';

export interface BalanceKey {
  tenantId: string;
  itemId: string;
  locationId: string;
  lotId: string | null;
}

/**
 * Removing qty from the balance, as a common table expression `<name>` that returns a row when it
 * succeeded: none when there is not enough (and negative stock is not allowed).
 */
export function takeStockCte(key: BalanceKey, qty: Decimal, allowNegative: boolean, name: string) {
  const lotId = key.lotId ?? NO_LOT;
  if (allowNegative) {
    return sql`${sql.id(name)} as (insert into stock_balances (tenant_id, item_id, location_id, lot_id, qty)
      values (${key.tenantId}, ${key.itemId}, ${key.locationId}, ${lotId}, ${qty.negated().toFixed()})
      on conflict (tenant_id, item_id, location_id, lot_id)
      do update set qty = stock_balances.qty + excluded.qty, updated_at = now() returning qty)`;
  }
  return sql`${sql.id(name)} as (update stock_balances set qty = qty - ${qty.toFixed()}::numeric, updated_at = now()
    where tenant_id = ${key.tenantId} and item_id = ${key.itemId} and location_id = ${key.locationId}
      and lot_id = ${lotId} and qty >= ${qty.toFixed()}::numeric
    returning qty)`;
}

/** Adding qty to the balance, as a common table expression `<name>` for the posting's last statement. */
export function putStockCte(key: BalanceKey, qty: Decimal, name: string) {
  return sql`${sql.id(name)} as (insert into stock_balances (tenant_id, item_id, location_id, lot_id, qty)
    values (${key.tenantId}, ${key.itemId}, ${key.locationId}, ${key.lotId ?? NO_LOT}, ${qty.toFixed()})
    on conflict (tenant_id, item_id, location_id, lot_id)
    do update set qty = stock_balances.qty + excluded.qty, updated_at = now())`;
}

/** The balance, locked for the rest of the transaction (a count compares against it). */
export async function lockBalance(tx: Tx, key: BalanceKey): Promise<string> {
  const r = await sql<{
    qty: string;
  }>`insert into stock_balances (tenant_id, item_id, location_id, lot_id, qty)
    values (${key.tenantId}, ${key.itemId}, ${key.locationId}, ${key.lotId ?? NO_LOT}, 0)
    on conflict (tenant_id, item_id, location_id, lot_id) do update set updated_at = stock_balances.updated_at
    returning qty`.execute(tx);
  return r.rows[0]!.qty;
}
