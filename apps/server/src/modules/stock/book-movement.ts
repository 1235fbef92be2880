// Booking one movement once its item, lot and locations are known: balances, cost, the ledger row
// and the audit event, all in the caller's transaction. Locks are always taken in the same order
// (item cost, then balances) so concurrent postings queue instead of deadlocking. Receipts, moves,
// waste, counts, reversals and production all book through here.
import { sql } from 'kysely';
import { newId } from '../../db/ids.ts';
import type { Tx } from '../../db/tenant.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import type { RequestContext } from '../../platform/context.ts';
import { Decimal, QTY_DECIMALS } from '../../platform/decimal.ts';
import { problem } from '../../platform/errors.ts';
import { recordMovementStats } from '../stats/rollups.ts';
import { putStock, takeStock } from './balances.ts';
import {
  type CostMethod,
  type CostState,
  costIn,
  costOut,
  lockCost,
  recordTakes,
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
  item: { id: string; sku: string; method: CostMethod };
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

export async function bookMovement(tx: Tx, ctx: RequestContext, b: Booking): Promise<MovementView> {
  const tenantId = ctx.tenantId;
  // Every posting locks the item's cost row first, moves included: one lock order for all postings of
  // an item, so two moves in opposite directions queue instead of deadlocking on each other's balances.
  const state = b.costState ?? (await lockCost(tx, tenantId, b.item.id));
  const key = { tenantId, itemId: b.item.id, lotId: b.lot?.id ?? null };

  if (b.from.internal && b.qty.greaterThan(0)) {
    const taken = await takeStock(tx, { ...key, locationId: b.from.id }, b.qty, b.allowNegative);
    if (!taken) {
      throw problem(
        'insufficient_stock',
        `Not enough ${b.item.sku}${b.lot ? ` (lot ${b.lot.code})` : ''} at ${b.from.code}.`,
      );
    }
  }
  if (b.to.internal && b.qty.greaterThan(0)) await putStock(tx, { ...key, locationId: b.to.id }, b.qty);

  const id = newId();
  let value = new Decimal(0);
  let unitCost: Decimal | null = null;
  let takes: Awaited<ReturnType<typeof costOut>>['takes'] = [];
  switch (b.cost.kind) {
    case 'in':
      unitCost = b.cost.unitCost;
      value = b.cost.value ?? b.qty.times(unitCost).toDecimalPlaces(4);
      break;
    case 'out': {
      const out = await costOut(tx, {
        tenantId,
        itemId: b.item.id,
        method: b.item.method,
        qty: b.qty,
        state,
      });
      value = out.value;
      takes = out.takes;
      unitCost = b.qty.greaterThan(0) ? value.dividedBy(b.qty).toDecimalPlaces(QTY_DECIMALS) : null;
      break;
    }
    case 'restore':
    case 'undo':
    case 'fixed':
      value = b.cost.value;
      unitCost = b.cost.unitCost;
      break;
  }

  const inserted = await sql<{ created_at: Date }>`
    insert into movements (tenant_id, id, type, item_id, lot_id, qty, entered_qty, entered_uom, from_location_id,
      to_location_id, unit_cost, value, reference, reason, reversal_of, work_order_id, source_event_id, created_by,
      device, idempotency_key, scan_text)
    values (${tenantId}, ${id}, ${b.type}, ${b.item.id}, ${b.lot?.id ?? null}, ${b.qty.toFixed()},
      ${b.enteredQty?.toFixed() ?? null}, ${b.enteredUom ?? null}, ${b.from.id}, ${b.to.id},
      ${unitCost?.toFixed() ?? null}, ${value.toFixed()}, ${b.reference ?? null}, ${b.reason ?? null},
      ${b.reversalOf ?? null}, ${b.workOrderId ?? null}, ${b.sourceEventId ?? null}, ${ctx.actor.userId},
      ${ctx.device ? JSON.stringify(ctx.device) : null}, ${b.idempotencyKey ?? null}, ${b.scan ?? null})
    returning created_at`.execute(tx);

  switch (b.cost.kind) {
    case 'in':
      await costIn(tx, {
        tenantId,
        itemId: b.item.id,
        method: b.item.method,
        movementId: id,
        qty: b.qty,
        unitCost: b.cost.unitCost,
      });
      break;
    case 'out':
      await recordTakes(tx, tenantId, id, takes);
      break;
    case 'restore':
      await restoreOut(tx, {
        tenantId,
        itemId: b.item.id,
        method: b.item.method,
        originalId: b.cost.originalId,
        qty: b.qty,
        value,
      });
      break;
    case 'undo':
      await undoIn(tx, {
        tenantId,
        itemId: b.item.id,
        method: b.item.method,
        originalId: b.cost.originalId,
        qty: b.qty,
        value,
      });
      break;
  }

  await recordMovementStats(tx, {
    tenantId,
    type: b.type,
    reason: b.reason ?? null,
    reversal: b.reversalOf !== undefined,
    itemId: b.item.id,
    locationIds: [b.from, b.to].filter((l) => l.internal).map((l) => l.id),
    userId: ctx.actor.userId,
    qty: b.qty,
    value,
  });

  await recordAudit(tx, ctx, {
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
  });

  return toMovementView({
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
    created_at: inserted.rows[0]!.created_at,
    created_by: ctx.actor.userId,
  });
}
