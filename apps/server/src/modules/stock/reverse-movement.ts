// Reversing a movement: a new movement in the opposite direction that points at the original,
// moving the same quantity of the same lot and restoring exactly the value the original changed.
// Allowed once (a unique index backs the check) and refused when the stock it needs has since
// left — for a FIFO receipt, when any of its cost layer has been consumed.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { runCommand } from '../../platform/command.ts';
import type { RequestContext } from '../../platform/context.ts';
import { Decimal } from '../../platform/decimal.ts';
import { problem } from '../../platform/errors.ts';
import type { IdempotencyRequest } from '../../platform/idempotency.ts';
import { isInternalKind } from '../locations/service.ts';
import { bookMovement, type CostEffect, type MovementType } from './book-movement.ts';
import type { MovementView } from './movement-view.ts';

interface Original {
  id: string;
  type: MovementType;
  item_id: string;
  sku: string;
  cost_method: 'fifo' | 'average';
  min_stock: string | null;
  lot_id: string | null;
  lot_code: string | null;
  qty: string;
  unit_cost: string | null;
  value: string;
  from_id: string;
  from_code: string;
  from_kind: string;
  to_id: string;
  to_code: string;
  to_kind: string;
  reversal_of: string | null;
  work_order_id: string | null;
  reason: string | null;
  reversed_by: string | null;
}

export async function reverseMovement(
  db: Kysely<DB>,
  ctx: RequestContext,
  movementId: string,
  input: { reason?: string | undefined },
  idempotency: IdempotencyRequest | undefined,
): Promise<MovementView> {
  const { result } = await runCommand(db, ctx, idempotency, async (tx) => {
    const r = await sql<Original>`
      select m.id, m.type, m.item_id, i.sku, i.cost_method, i.min_stock, m.lot_id, l.code as lot_code, m.qty, m.unit_cost, m.value,
             f.id as from_id, f.code as from_code, f.kind as from_kind, t.id as to_id, t.code as to_code, t.kind as to_kind,
             m.reversal_of, m.work_order_id, m.reason,
             (select r.id from movements r where r.tenant_id = m.tenant_id and r.reversal_of = m.id) as reversed_by
      from movements m
      join items i on i.tenant_id = m.tenant_id and i.id = m.item_id
      join locations f on f.tenant_id = m.tenant_id and f.id = m.from_location_id
      join locations t on t.tenant_id = m.tenant_id and t.id = m.to_location_id
      left join lots l on l.tenant_id = m.tenant_id and l.id = m.lot_id
      where m.tenant_id = ${ctx.tenantId} and m.id = ${movementId}`.execute(tx);
    const o = r.rows[0];
    if (!o) throw problem('movement_not_found');
    if (o.reversal_of) throw problem('cannot_reverse_reversal');
    if (o.work_order_id) throw problem('production_movement');
    if (o.reversed_by) throw problem('already_reversed', undefined, { reversedBy: o.reversed_by });

    const fromInternal = isInternalKind(o.from_kind);
    const toInternal = isInternalKind(o.to_kind);
    const value = new Decimal(o.value);
    const unitCost = o.unit_cost === null ? null : new Decimal(o.unit_cost);
    // The original took stock out of internal locations (at cost) → put it back; it brought stock in → take it out.
    let cost: CostEffect = { kind: 'none' };
    if (fromInternal && !toInternal) cost = { kind: 'restore', originalId: o.id, value, unitCost };
    if (!fromInternal && toInternal) cost = { kind: 'undo', originalId: o.id, value, unitCost };

    try {
      return await bookMovement(tx, ctx, {
        type: o.type,
        item: { id: o.item_id, sku: o.sku, method: o.cost_method, minStock: o.min_stock },
        lot: o.lot_id ? { id: o.lot_id, code: o.lot_code! } : null,
        qty: new Decimal(o.qty),
        from: { id: o.to_id, code: o.to_code, internal: toInternal },
        to: { id: o.from_id, code: o.from_code, internal: fromInternal },
        cost,
        // A reversal never drives stock negative, whatever the workspace allows for ordinary postings.
        allowNegative: false,
        reversalOf: o.id,
        // The reversal keeps the original's reason so figures by reason net out; why it was
        // reversed goes with it as its reference.
        reason: o.reason ?? undefined,
        reference: input.reason ? `reversal: ${input.reason}` : undefined,
        idempotencyKey: idempotency?.key,
      });
    } catch (error) {
      // Two reversals racing: the unique index lets one through.
      if ((error as { code?: string }).code === '23505') throw problem('already_reversed');
      throw error;
    }
  });
  return result;
}
