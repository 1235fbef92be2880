// The shape of a movement in the API, and the cost fields only valuation.read may see (field-level
// read rule, ASVS 8.2.3): without it, unitCost and value are left out.
import { dec } from '../../platform/decimal.ts';

export interface MovementView {
  id: string;
  type: string;
  sku: string;
  itemId: string;
  qty: string;
  enteredQty: string | null;
  enteredUom: string | null;
  from: string;
  to: string;
  lot: string | null;
  unitCost?: string | null;
  value?: string;
  reference: string | null;
  reason: string | null;
  reversalOf: string | null;
  reversedBy?: string | null;
  workOrderId: string | null;
  scan: string | null;
  createdAt: string;
  createdBy: string | null;
}

export interface MovementRow {
  id: string;
  type: string;
  sku: string;
  item_id: string;
  qty: string;
  entered_qty: string | null;
  entered_uom: string | null;
  from_code: string;
  to_code: string;
  lot_code: string | null;
  unit_cost: string | null;
  value: string;
  reference: string | null;
  reason: string | null;
  reversal_of: string | null;
  reversed_by?: string | null;
  work_order_id: string | null;
  scan_text: string | null;
  created_at: Date | string;
  created_by: string | null;
}

export function toMovementView(r: MovementRow): MovementView {
  return {
    id: r.id,
    type: r.type,
    sku: r.sku,
    itemId: r.item_id,
    qty: dec(r.qty)!,
    enteredQty: dec(r.entered_qty),
    enteredUom: r.entered_uom,
    from: r.from_code,
    to: r.to_code,
    lot: r.lot_code,
    unitCost: dec(r.unit_cost),
    value: dec(r.value)!,
    reference: r.reference,
    reason: r.reason,
    reversalOf: r.reversal_of,
    ...(r.reversed_by !== undefined ? { reversedBy: r.reversed_by } : {}),
    workOrderId: r.work_order_id,
    scan: r.scan_text,
    createdAt: new Date(r.created_at).toISOString(),
    createdBy: r.created_by,
  };
}

export function withoutCosts<T extends { unitCost?: unknown; value?: unknown }>(
  view: T,
  canSeeCosts: boolean,
): T {
  if (canSeeCosts) return view;
  const { unitCost: _u, value: _v, ...rest } = view;
  return rest as T;
}
