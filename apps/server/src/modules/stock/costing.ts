// Valuation. Cost belongs to the item across all its internal locations: a moving average kept as
// quantity and value totals, or FIFO layers consumed oldest first. The item_costs row is locked by
// every posting that changes cost, so one item's cost postings are serialised while other items
// post in parallel. Every step is a fixed number of statements whatever the item's history: FIFO
// consumption is one UPDATE over the open layers only.
import { type RawBuilder, sql } from 'kysely';
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

export interface CostRow {
  qty: string;
  value: string;
  last_unit_cost: string;
}

/**
 * The item's cost row, locked for the rest of the transaction, as a subquery; `itemId` may itself be
 * a subquery, so a posting takes this lock in its first statement.
 */
export function lockCostQuery(tenantId: string, itemId: string | RawBuilder<unknown>, onlyIf = sql`true`) {
  return sql<CostRow>`select qty, value, last_unit_cost from item_costs
    where tenant_id = ${tenantId} and item_id = (${itemId}) and ${onlyIf} for update`;
}

export function toCostState(row: CostRow): CostState {
  return {
    qty: new Decimal(row.qty),
    value: new Decimal(row.value),
    lastUnitCost: new Decimal(row.last_unit_cost),
  };
}

export async function lockCost(tx: Tx, tenantId: string, itemId: string): Promise<CostState> {
  const row = (await lockCostQuery(tenantId, itemId).execute(tx)).rows[0];
  if (!row) throw new Error(`item ${itemId} has no cost state`);
  return toCostState(row);
}

/** The unit cost stock on hand carries now: the average, or for FIFO the newest layer's cost. */
export function currentUnitCost(state: CostState): Decimal {
  if (state.qty.greaterThan(0)) return state.value.dividedBy(state.qty).toDecimalPlaces(QTY_DECIMALS);
  return state.lastUnitCost;
}

function totalsStatement(
  tenantId: string,
  itemId: string,
  dq: Decimal,
  dv: Decimal,
  lastUnitCost?: Decimal,
): RawBuilder<unknown> {
  return sql`update item_costs set qty = qty + ${dq.toFixed()}::numeric, value = value + ${dv.toFixed()}::numeric,
      last_unit_cost = coalesce(${lastUnitCost?.toFixed() ?? null}::numeric, last_unit_cost)
    where tenant_id = ${tenantId} and item_id = ${itemId}`;
}

async function applyTotals(tx: Tx, tenantId: string, itemId: string, dq: Decimal, dv: Decimal) {
  await totalsStatement(tenantId, itemId, dq, dv).execute(tx);
}

/**
 * Stock entering internal locations at a unit cost, as common table expressions `<name>_…` for the
 * statement that inserts the movement (a FIFO layer refers to it; foreign keys are checked at the
 * end of the statement).
 */
export function costInCtes(a: {
  tenantId: string;
  itemId: string;
  method: CostMethod;
  movementId: string;
  qty: Decimal;
  unitCost: Decimal;
  name: string;
}): { value: Decimal; ctes: RawBuilder<unknown>[] } {
  const value = money(a.qty.times(a.unitCost));
  const ctes = [
    sql`${sql.id(`${a.name}_totals`)} as (${totalsStatement(a.tenantId, a.itemId, a.qty, value, a.unitCost)})`,
  ];
  if (a.method === 'fifo' && a.qty.greaterThan(0)) {
    ctes.push(sql`${sql.id(`${a.name}_layer`)} as (
      insert into cost_layers (tenant_id, id, item_id, movement_id, unit_cost, qty_in, qty_remaining)
      values (${a.tenantId}, ${newId()}, ${a.itemId}, ${a.movementId}, ${a.unitCost.toFixed()},
        ${a.qty.toFixed()}, ${a.qty.toFixed()}))`);
  }
  return { value, ctes };
}

/**
 * FIFO consumption of qty, oldest layers first, as common table expressions ending in `<name>`,
 * which returns one row per layer taken (layer_id, taken, unit_cost). One UPDATE over the open
 * layers only, whatever the item's history.
 */
export function consumeLayersCtes(a: { tenantId: string; itemId: string; qty: Decimal; name: string }) {
  const open = sql.id(`${a.name}_open`);
  const take = sql.id(`${a.name}_take`);
  return sql`${open} as (
      select id, qty_remaining, unit_cost,
             sum(qty_remaining) over (order by id) - qty_remaining as before
      from cost_layers
      where tenant_id = ${a.tenantId} and item_id = ${a.itemId} and qty_remaining > 0
    ), ${take} as (
      select id, unit_cost, least(qty_remaining, ${a.qty.toFixed()}::numeric - before) as taken
      from ${open} where before < ${a.qty.toFixed()}::numeric
    ), ${sql.id(a.name)} as (
      update cost_layers c set qty_remaining = c.qty_remaining - t.taken
      from ${take} t where c.tenant_id = ${a.tenantId} and c.id = t.id
      returning c.id as layer_id, t.taken, t.unit_cost)`;
}

/**
 * The value of stock leaving internal locations, from the layers consumed (FIFO) or the average.
 * The last units out take all remaining value, so rounding never leaves a residue on an empty item.
 * With negative stock allowed, units beyond what is on hand leave at the last known unit cost.
 */
export function costOutValue(a: {
  method: CostMethod;
  qty: Decimal;
  state: CostState;
  consumed: { layer_id: string; taken: string; unit_cost: string }[];
}): CostOut {
  const { state } = a;
  const takesAll = a.qty.greaterThanOrEqualTo(state.qty);
  if (a.method === 'fifo') {
    const takes = a.consumed
      .map((r) => ({ layerId: r.layer_id, qty: r.taken, unitCost: r.unit_cost }))
      .sort((x, y) => x.layerId.localeCompare(y.layerId));
    const fromLayers = takes.reduce(
      (sum, t) => sum.plus(new Decimal(t.qty).times(t.unitCost)),
      new Decimal(0),
    );
    const covered = takes.reduce((sum, t) => sum.plus(t.qty), new Decimal(0));
    const shortfall = a.qty.minus(covered);
    let value = takesAll && state.qty.greaterThan(0) ? state.value : money(fromLayers);
    if (shortfall.greaterThan(0)) value = value.plus(money(shortfall.times(state.lastUnitCost)));
    return { value, takes };
  }
  if (takesAll || state.qty.lessThanOrEqualTo(0)) {
    const onHand = Decimal.max(state.qty, 0);
    const value = (onHand.greaterThan(0) ? state.value : new Decimal(0)).plus(
      money(a.qty.minus(onHand).times(state.lastUnitCost)),
    );
    return { value, takes: [] };
  }
  return { value: money(state.value.times(a.qty).dividedBy(state.qty)), takes: [] };
}

/** The totals change and the layer takes of an outbound movement, for the statement that inserts it. */
export function costOutCtes(a: {
  tenantId: string;
  itemId: string;
  movementId: string;
  qty: Decimal;
  out: CostOut;
  name: string;
}): RawBuilder<unknown>[] {
  const ctes = [
    sql`${sql.id(`${a.name}_totals`)} as (${totalsStatement(a.tenantId, a.itemId, a.qty.negated(), a.out.value.negated())})`,
  ];
  if (a.out.takes.length) {
    const t = a.out.takes;
    ctes.push(sql`${sql.id(`${a.name}_takes`)} as (
      insert into movement_layer_takes (tenant_id, movement_id, layer_id, qty, unit_cost)
      select ${a.tenantId}, ${a.movementId}, t.layer_id, t.qty, t.unit_cost
      from unnest(${t.map((x) => x.layerId)}::uuid[], ${t.map((x) => x.qty)}::numeric[],
                  ${t.map((x) => x.unitCost)}::numeric[]) as t(layer_id, qty, unit_cost))`);
  }
  return ctes;
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
