// The work order's work-in-progress pool: units that entered the first step and have not left as
// output or scrap, with the component cost they carry. Units leave at the pool's average cost and
// the last units out take whatever value is left, so consumed = output + scrap + returned, exactly.
import { sql } from 'kysely';
import type { Tx } from '../../db/tenant.ts';
import { Decimal, money } from '../../platform/decimal.ts';

export interface WorkOrderRow {
  id: string;
  number: string;
  item_id: string;
  sku: string;
  cost_method: 'fifo' | 'average';
  qty: string;
  status: 'draft' | 'released' | 'in_progress' | 'done' | 'cancelled';
  components_from_id: string;
  components_from: string;
  output_to_id: string;
  output_to: string;
  wip_units: string;
  wip_value: string;
  produced_qty: string;
  scrapped_qty: string;
  bom_id: string | null;
  routing_id: string;
}

/**
 * The order with its item and locations, locked: every event on one order is serialised on this
 * row. Numbers as text, so the query also serves as a JSON-aggregated common table expression.
 */
export function lockWorkOrderQuery(tenantId: string, id: string, onlyIf = sql`true`) {
  return sql<WorkOrderRow>`
    select o.id, o.number, o.item_id, i.sku, i.cost_method, o.qty::text as qty, o.status, o.components_from_id,
           cf.code as components_from, o.output_to_id, ot.code as output_to, o.wip_units::text as wip_units,
           o.wip_value::text as wip_value, o.produced_qty::text as produced_qty, o.scrapped_qty::text as scrapped_qty,
           o.bom_id, o.routing_id
    from work_orders o
    join items i on i.tenant_id = o.tenant_id and i.id = o.item_id
    join locations cf on cf.tenant_id = o.tenant_id and cf.id = o.components_from_id
    join locations ot on ot.tenant_id = o.tenant_id and ot.id = o.output_to_id
    where o.tenant_id = ${tenantId} and o.id = ${id} and ${onlyIf}
    for update of o`;
}

export async function lockWorkOrder(tx: Tx, tenantId: string, id: string): Promise<WorkOrderRow | undefined> {
  const r = await lockWorkOrderQuery(tenantId, id).execute(tx);
  return r.rows[0];
}

export class WipPool {
  units: Decimal;
  value: Decimal;
  constructor(row: { wip_units: string; wip_value: string }) {
    this.units = new Decimal(row.wip_units);
    this.value = new Decimal(row.wip_value);
  }

  add(units: Decimal, value: Decimal): void {
    this.units = this.units.plus(units);
    this.value = this.value.plus(value);
  }

  /** Takes n units out at the pool's average; the last units take the remaining value. */
  take(n: Decimal): Decimal {
    const value = n.greaterThanOrEqualTo(this.units)
      ? this.value
      : this.units.isZero()
        ? new Decimal(0)
        : money(this.value.times(n).dividedBy(this.units));
    this.units = this.units.minus(n);
    this.value = this.value.minus(value);
    return value;
  }

  async save(tx: Tx, tenantId: string, workOrderId: string): Promise<void> {
    await sql`update work_orders set wip_units = ${this.units.toFixed()}, wip_value = ${this.value.toFixed()}
      where tenant_id = ${tenantId} and id = ${workOrderId}`.execute(tx);
  }
}
