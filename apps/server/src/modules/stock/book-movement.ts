// Booking one movement once its item, lot and locations are known: balances, cost, the ledger row
// and the audit event, all in the caller's transaction. Locks are always taken in the same order
// (item cost, then balances) so concurrent postings queue instead of deadlocking. Receipts, moves,
// waste, counts, reversals and production all book through here.
import { type RawBuilder, sql } from 'kysely';
import { newId } from '../../db/ids.ts';
import { executeAndCommit } from '../../db/lazy-begin.ts';
import type { Tx } from '../../db/tenant.ts';
import { auditCte } from '../../platform/audit/record.ts';
import type { RequestContext } from '../../platform/context.ts';
import { Decimal, QTY_DECIMALS } from '../../platform/decimal.ts';
import { problem } from '../../platform/errors.ts';
import { notifyStockBelowMinimum } from '../notifications/stock-minimum.ts';
import { movementStatsCtes } from '../stats/rollups.ts';
import { putStockCte, takeStockCte } from './balances.ts';
import {
  type CostMethod,
  type CostState,
  consumeLayersCtes,
  costInCtes,
  costOutCtes,
  costOutValue,
  lockCost,
  restoreOut,
  undoIn,
} from './costing.ts';
import { type MovementView, toMovementView } from './movement-view.ts';

export type MovementType = 'receive' | 'move' | 'waste' | 'adjust' | 'consume' | 'output';

export interface BookedLocation {
  id: string;
  code: string;
  internal: boolean;
}

export type CostEffect =
  | { kind: 'none' }
  /** value: an exact value to book instead of qty × unitCost (production output at its WIP cost). */
  | { kind: 'in'; unitCost: Decimal; value?: Decimal }
  | { kind: 'out' }
  | { kind: 'restore'; originalId: string; value: Decimal; unitCost: Decimal | null }
  | { kind: 'undo'; originalId: string; value: Decimal; unitCost: Decimal | null }
  /** Between virtual locations (WIP scrapped from PRODUCTION): a value on record, no stock cost changes. */
  | { kind: 'fixed'; value: Decimal; unitCost: Decimal | null };

export interface Booking {
  type: MovementType;
  /**
   * minStock: the item's minimum stock (numeric text) when the caller already read it with the item,
   * null when it has none; left out, the statement that takes the stock reads it itself.
   */
  item: { id: string; sku: string; method: CostMethod; minStock?: string | null | undefined };
  lot: { id: string; code: string } | null;
  qty: Decimal;
  from: BookedLocation;
  to: BookedLocation;
  cost: CostEffect;
  allowNegative: boolean;
  /** The item's cost state when the caller already locked it (receipt defaults, counts). */
  costState?: CostState | undefined;
  enteredQty?: Decimal | undefined;
  enteredUom?: string | undefined;
  reference?: string | undefined;
  reason?: string | undefined;
  reversalOf?: string | undefined;
  workOrderId?: string | undefined;
  sourceEventId?: string | undefined;
  scan?: string | undefined;
  idempotencyKey?: string | undefined;
}

export interface BookingOptions {
  /** The transaction's start time (now()), already read: the movement's created_at, known in advance. */
  at?: Date;
  /** With `at`: extra common table expressions for the last statement, given the answer (the stored response). */
  alsoWrite?: (view: MovementView) => RawBuilder<unknown> | undefined;
  /**
   * With `at`: the booking's write is its transaction's last statement, and goes out together with
   * COMMIT (executeAndCommit), so the item's cost row is held one round trip less. The caller writes
   * nothing after it. Ignored for reversals, which restore layers after their write.
   */
  commits?: boolean;
}

/**
 * Books the movement in at most two statements after the cost lock: taking stock (with FIFO layer
 * consumption when it leaves at cost), then one statement writing everything else — destination
 * balance, ledger row, cost totals and layers, rollups and the audit event.
 */
export async function bookMovement(
  tx: Tx,
  ctx: RequestContext,
  b: Booking,
  options: BookingOptions = {},
): Promise<MovementView> {
  const tenantId = ctx.tenantId;
  // Every posting locks the item's cost row first, moves included: one lock order for all postings of
  // an item, so two moves in opposite directions queue instead of deadlocking on each other's balances.
  const state = b.costState ?? (await lockCost(tx, tenantId, b.item.id));
  const key = { tenantId, itemId: b.item.id, lotId: b.lot?.id ?? null };
  const moving = b.qty.greaterThan(0);
  const consumesLayers = b.cost.kind === 'out' && b.item.method === 'fifo';

  // Stock leaving the internal locations altogether (not a move between them) may take the item
  // below its minimum. The statement taking the stock also reads the on-hand before it (its snapshot
  // predates the take; the cost lock above serialises the item's postings), so the check costs no
  // round trip, and nothing at all for an item known to have no minimum.
  const checksMinimum = b.from.internal && !b.to.internal && moving && b.item.minStock !== null;
  let minimum: { before: Decimal; min: Decimal } | undefined;

  // Taking stock and consuming FIFO layers travel together: if the take fails, the transaction is
  // rolled back, layers included.
  let consumed: { layer_id: string; taken: string; unit_cost: string }[] = [];
  if (b.from.internal && moving) {
    const r = await sql<{
      ok: boolean;
      layer_id: string | null;
      taken: string | null;
      unit_cost: string | null;
      min_stock: string | null;
      on_hand_before: string | null;
    }>`
      with ${takeStockCte({ ...key, locationId: b.from.id }, b.qty, b.allowNegative, 'take')}${
        consumesLayers
          ? sql`, ${consumeLayersCtes({ tenantId, itemId: b.item.id, qty: b.qty, name: 'consumed' })}`
          : sql``
      }
      select exists (select 1 from take) as ok, ${
        consumesLayers
          ? sql`c.layer_id, c.taken, c.unit_cost`
          : sql`null as layer_id, null as taken, null as unit_cost`
      }, ${checksMinimum ? onHandBeforeColumns(tenantId, b.item.id) : sql`null as min_stock, null as on_hand_before`}
      from (select 1) one ${consumesLayers ? sql`left join consumed c on true` : sql``}
      ${checksMinimum ? sql`cross join (select ${minStockOf(tenantId, b.item.id, b.item.minStock ?? undefined)} as min_stock) m` : sql``}`.execute(
      tx,
    );
    const first = r.rows[0];
    if (first?.min_stock != null && first.on_hand_before != null) {
      minimum = { before: new Decimal(first.on_hand_before), min: new Decimal(first.min_stock) };
    }
    if (!first?.ok) {
      throw problem(
        'insufficient_stock',
        `Not enough ${b.item.sku}${b.lot ? ` (lot ${b.lot.code})` : ''} at ${b.from.code}.`,
      );
    }
    consumed = r.rows.flatMap((row) =>
      row.layer_id ? [{ layer_id: row.layer_id, taken: row.taken!, unit_cost: row.unit_cost! }] : [],
    );
  } else if (consumesLayers && moving) {
    const r = await sql<{ layer_id: string; taken: string; unit_cost: string }>`
      with ${consumeLayersCtes({ tenantId, itemId: b.item.id, qty: b.qty, name: 'consumed' })}
      select layer_id, taken, unit_cost from consumed`.execute(tx);
    consumed = r.rows;
  }

  const id = newId();
  const writes: RawBuilder<unknown>[] = [];
  if (b.to.internal && moving) writes.push(putStockCte({ ...key, locationId: b.to.id }, b.qty, 'put'));
  let value = new Decimal(0);
  let unitCost: Decimal | null = null;
  const costArgs = { tenantId, itemId: b.item.id, method: b.item.method, movementId: id, qty: b.qty };
  switch (b.cost.kind) {
    case 'in': {
      unitCost = b.cost.unitCost;
      value = b.cost.value ?? b.qty.times(unitCost).toDecimalPlaces(4);
      writes.push(...costInCtes({ ...costArgs, unitCost: b.cost.unitCost, name: 'cost' }).ctes);
      break;
    }
    case 'out': {
      const out = costOutValue({ method: b.item.method, qty: b.qty, state, consumed });
      value = out.value;
      unitCost = moving ? value.dividedBy(b.qty).toDecimalPlaces(QTY_DECIMALS) : null;
      writes.push(...costOutCtes({ ...costArgs, out, name: 'cost' }));
      break;
    }
    // Reversals restore their original's layers only after the ledger row is in: a second
    // reversal racing the first is stopped by the unique reversal index before touching any layer.
    case 'restore':
    case 'undo':
    case 'fixed':
      value = b.cost.value;
      unitCost = b.cost.unitCost;
      break;
  }

  writes.push(
    movementStatsCtes(
      {
        tenantId,
        type: b.type,
        reason: b.reason ?? null,
        reversal: b.reversalOf !== undefined,
        itemId: b.item.id,
        locationIds: [b.from, b.to].filter((l) => l.internal).map((l) => l.id),
        userId: ctx.actor.userId,
        qty: b.qty,
        value,
      },
      'stats',
    ),
    auditCte(
      ctx,
      {
        action: b.reversalOf ? 'movement.reverse' : `movement.${b.type}`,
        entity: 'movement',
        entityId: id,
        summary: {
          type: b.type,
          itemId: b.item.id,
          qty: b.qty.toFixed(),
          from: b.from.code,
          to: b.to.code,
          lot: b.lot?.code ?? null,
          value: value.toFixed(),
          ...(b.reversalOf ? { reversalOf: b.reversalOf } : {}),
        },
      },
      'audit',
    ),
  );

  const view = (createdAt: Date) =>
    toMovementView({
      id,
      type: b.type,
      sku: b.item.sku,
      item_id: b.item.id,
      qty: b.qty.toFixed(),
      entered_qty: b.enteredQty?.toFixed() ?? null,
      entered_uom: b.enteredUom ?? null,
      from_code: b.from.code,
      to_code: b.to.code,
      lot_code: b.lot?.code ?? null,
      unit_cost: unitCost?.toFixed() ?? null,
      value: value.toFixed(),
      reference: b.reference ?? null,
      reason: b.reason ?? null,
      reversal_of: b.reversalOf ?? null,
      work_order_id: b.workOrderId ?? null,
      scan_text: b.scan ?? null,
      created_at: createdAt,
      created_by: ctx.actor.userId,
    });
  // When the caller knows the transaction's time, the answer is complete before the last statement
  // runs, so it can be stored by that statement too (the idempotent response).
  const known = options.at ? view(options.at) : undefined;
  const extra = known && options.alsoWrite?.(known);
  if (extra) writes.push(extra);

  // Only the posting that crosses the line tells anyone: from at-or-above the minimum to below it.
  // Raised in this transaction (before its last statement, which may commit it), so a posting
  // refused or rolled back raises nothing.
  if (minimum) {
    const after = minimum.before.minus(b.qty);
    if (minimum.before.greaterThanOrEqualTo(minimum.min) && after.lessThan(minimum.min)) {
      await notifyStockBelowMinimum(tx, {
        tenantId,
        itemId: b.item.id,
        onHand: after,
        minStock: minimum.min,
      });
    }
  }
  const write = sql<{ created_at: Date }>`
    with mv as (
      insert into movements (tenant_id, id, type, item_id, lot_id, qty, entered_qty, entered_uom, from_location_id,
        to_location_id, unit_cost, value, reference, reason, reversal_of, work_order_id, source_event_id, created_by,
        device, idempotency_key, scan_text)
      values (${tenantId}, ${id}, ${b.type}, ${b.item.id}, ${b.lot?.id ?? null}, ${b.qty.toFixed()},
        ${b.enteredQty?.toFixed() ?? null}, ${b.enteredUom ?? null}, ${b.from.id}, ${b.to.id},
        ${unitCost?.toFixed() ?? null}, ${value.toFixed()}, ${b.reference ?? null}, ${b.reason ?? null},
        ${b.reversalOf ?? null}, ${b.workOrderId ?? null}, ${b.sourceEventId ?? null}, ${ctx.actor.userId},
        ${ctx.device ? JSON.stringify(ctx.device) : null}, ${b.idempotencyKey ?? null}, ${b.scan ?? null})
      returning created_at
    ), ${sql.join(writes)}
    select created_at from mv`;
  const reverses = b.cost.kind === 'restore' || b.cost.kind === 'undo';
  const inserted =
    known && options.commits && !reverses ? await executeAndCommit(tx, write) : await write.execute(tx);
  if (b.cost.kind === 'restore')
    await restoreOut(tx, { ...costArgs, originalId: b.cost.originalId, value: b.cost.value });
  if (b.cost.kind === 'undo')
    await undoIn(tx, { ...costArgs, originalId: b.cost.originalId, value: b.cost.value });
  return known ?? view(inserted.rows[0]!.created_at);
}

/**
 * The item's minimum stock and its on-hand over all internal locations (as it was before this
 * statement's take), as columns of the statement that takes stock, over a row `m` with the minimum.
 * Balances exist only at internal locations; the join to locations keeps to them anyway. The sum
 * runs only when the item has a minimum.
 */
function onHandBeforeColumns(tenantId: string, itemId: string) {
  return sql`m.min_stock::text as min_stock,
    case when m.min_stock is null then null else (
      select coalesce(sum(s.qty), 0)::text from stock_balances s
        join locations l on l.tenant_id = s.tenant_id and l.id = s.location_id and l.kind in ('store', 'floor')
       where s.tenant_id = ${tenantId} and s.item_id = ${itemId}) end as on_hand_before`;
}

/** The minimum as the caller read it with the item, or read here when the caller did not. */
function minStockOf(tenantId: string, itemId: string, minStock: string | undefined) {
  return minStock === undefined
    ? sql`(select i.min_stock from items i where i.tenant_id = ${tenantId} and i.id = ${itemId})`
    : sql`${minStock}::numeric`;
}
