// Valuation. Cost belongs to the item across all its internal locations: a moving average kept as
// quantity and value totals, or FIFO layers consumed oldest first. The item_costs row is locked by
// every posting that changes cost, so one item's cost postings are serialised while other items
// post in parallel. Every step is a fixed number of statements whatever the item's history: FIFO
// consumption is one UPDATE over the open layers only.
import { sql } from 'kysely';
import { newId } from '../../db/ids.ts';
import type { Tx } from '../../db/tenant.ts';
import { Decimal, money, QTY_DECIMALS } from '../../platform/decimal.ts';
import { defineErrors, problem } from '../../platform/errors.ts';

export const costingErrors = defineErrors({
  receipt_consumed: {
    status: 409,
    title: 'The stock this receipt brought in has already been used, so it cannot be reversed',
  },
});

export type CostMethod = 'fifo' | 'average';

export interface CostState {
  qty: Decimal;
  value: Decimal;
  lastUnitCost: Decimal;
}

export interface LayerTake {
  layerId: string;
  qty: string;
  unitCost: string;
}

export interface CostOut {
  value: Decimal;
  takes: LayerTake[];
}

export async function lockCost(tx: Tx, tenantId: string, itemId: string): Promise<CostState> {
  const r = await sql<{ qty: string; value: string; last_unit_cost: string }>`
    select qty, value, last_unit_cost from item_costs where tenant_id = ${tenantId} and item_id = ${itemId} for update`.execute(
    tx,
  );
  const row = r.rows[0];
  if (!row) throw new Error(`item ${itemId} has no cost state`);
  return {
    qty: new Decimal(row.qty),
    value: new Decimal(row.value),
    lastUnitCost: new Decimal(row.last_unit_cost),
  };
}

/** The unit cost stock on hand carries now: the average, or for FIFO the newest layer's cost. */
export function currentUnitCost(state: CostState): Decimal {
  if (state.qty.greaterThan(0)) return state.value.dividedBy(state.qty).toDecimalPlaces(QTY_DECIMALS);
  return state.lastUnitCost;
}

async function applyTotals(
  tx: Tx,
  tenantId: string,
  itemId: string,
  dq: Decimal,
  dv: Decimal,
  lastUnitCost?: Decimal,
) {
  await sql`update item_costs set qty = qty + ${dq.toFixed()}::numeric, value = value + ${dv.toFixed()}::numeric,
      last_unit_cost = coalesce(${lastUnitCost?.toFixed() ?? null}::numeric, last_unit_cost)
    where tenant_id = ${tenantId} and item_id = ${itemId}`.execute(tx);
}

/** Stock entering internal locations at a unit cost. Call after the movement row exists (FIFO layer FK). */
export async function costIn(
  tx: Tx,
  a: {
    tenantId: string;
    itemId: string;
    method: CostMethod;
    movementId: string;
    qty: Decimal;
    unitCost: Decimal;
  },
): Promise<Decimal> {
  const value = money(a.qty.times(a.unitCost));
  if (a.method === 'fifo' && a.qty.greaterThan(0)) {
    await tx
      .insertInto('cost_layers')
      .values({
        tenant_id: a.tenantId,
        id: newId(),
        item_id: a.itemId,
        movement_id: a.movementId,
        unit_cost: a.unitCost.toFixed(),
        qty_in: a.qty.toFixed(),
        qty_remaining: a.qty.toFixed(),
      })
      .execute();
  }
  await applyTotals(tx, a.tenantId, a.itemId, a.qty, value, a.unitCost);
  return value;
}

/**
 * Stock leaving internal locations, valued at cost. The last units out take all remaining value,
 * so rounding never leaves a residue on an empty item. With negative stock allowed, units beyond
 * what is on hand leave at the last known unit cost.
 */
export async function costOut(
  tx: Tx,
  a: { tenantId: string; itemId: string; method: CostMethod; qty: Decimal; state: CostState },
): Promise<CostOut> {
  const { state } = a;
  const takesAll = a.qty.greaterThanOrEqualTo(state.qty);
  let takes: LayerTake[] = [];
  let value: Decimal;
  if (a.method === 'fifo') {
    const consumed = await sql<{ layer_id: string; taken: string; unit_cost: string }>`
      with open as (
        select id, qty_remaining, unit_cost,
               sum(qty_remaining) over (order by id) - qty_remaining as before
        from cost_layers
        where tenant_id = ${a.tenantId} and item_id = ${a.itemId} and qty_remaining > 0
      ), take as (
        select id, unit_cost, least(qty_remaining, ${a.qty.toFixed()}::numeric - before) as taken
        from open where before < ${a.qty.toFixed()}::numeric
      )
      update cost_layers c set qty_remaining = c.qty_remaining - take.taken
      from take where c.tenant_id = ${a.tenantId} and c.id = take.id
      returning c.id as layer_id, take.taken, take.unit_cost`.execute(tx);
    takes = consumed.rows
      .map((r) => ({ layerId: r.layer_id, qty: r.taken, unitCost: r.unit_cost }))
      .sort((x, y) => x.layerId.localeCompare(y.layerId));
    const fromLayers = takes.reduce(
      (sum, t) => sum.plus(new Decimal(t.qty).times(t.unitCost)),
      new Decimal(0),
    );
    const covered = takes.reduce((sum, t) => sum.plus(t.qty), new Decimal(0));
    const shortfall = a.qty.minus(covered);
    value = takesAll && state.qty.greaterThan(0) ? state.value : money(fromLayers);
    if (shortfall.greaterThan(0)) value = value.plus(money(shortfall.times(state.lastUnitCost)));
  } else if (takesAll || state.qty.lessThanOrEqualTo(0)) {
    const onHand = Decimal.max(state.qty, 0);
    value = (onHand.greaterThan(0) ? state.value : new Decimal(0)).plus(
      money(a.qty.minus(onHand).times(state.lastUnitCost)),
    );
  } else {
    value = money(state.value.times(a.qty).dividedBy(state.qty));
  }
  await applyTotals(tx, a.tenantId, a.itemId, a.qty.negated(), value.negated());
  return { value, takes };
}

export async function recordTakes(
  tx: Tx,
  tenantId: string,
  movementId: string,
  takes: LayerTake[],
): Promise<void> {
  if (!takes.length) return;
  await tx
    .insertInto('movement_layer_takes')
    .values(
      takes.map((t) => ({
        tenant_id: tenantId,
        movement_id: movementId,
        layer_id: t.layerId,
        qty: t.qty,
        unit_cost: t.unitCost,
      })),
    )
    .execute();
}

/** Reverses an outbound movement's cost: the same value comes back, into the very layers it left. */
export async function restoreOut(
  tx: Tx,
  a: {
    tenantId: string;
    itemId: string;
    method: CostMethod;
    originalId: string;
    qty: Decimal;
    value: Decimal;
  },
): Promise<void> {
  if (a.method === 'fifo') {
    await sql`update cost_layers c set qty_remaining = c.qty_remaining + t.qty
      from movement_layer_takes t
      where t.tenant_id = ${a.tenantId} and t.movement_id = ${a.originalId}
        and c.tenant_id = t.tenant_id and c.id = t.layer_id`.execute(tx);
  }
  await applyTotals(tx, a.tenantId, a.itemId, a.qty, a.value);
}

/** Reverses an inbound movement's cost; refused for FIFO once any of its layer has been consumed. */
export async function undoIn(
  tx: Tx,
  a: {
    tenantId: string;
    itemId: string;
    method: CostMethod;
    originalId: string;
    qty: Decimal;
    value: Decimal;
  },
): Promise<void> {
  if (a.method === 'fifo' && a.qty.greaterThan(0)) {
    const r = await sql`update cost_layers set qty_remaining = 0
      where tenant_id = ${a.tenantId} and movement_id = ${a.originalId} and qty_remaining = qty_in
      returning id`.execute(tx);
    if (r.rows.length !== 1) throw problem('receipt_consumed');
  }
  await applyTotals(tx, a.tenantId, a.itemId, a.qty.negated(), a.value.negated());
}
