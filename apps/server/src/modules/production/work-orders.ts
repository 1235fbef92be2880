// Work orders: create (draft, numbered WO-000123 per workspace, the item's active BOM and routing
// unless named), release (freezing a snapshot of the BOM and routing so later versions do not
// change a running job), and cancel (returning the material still in work in progress).
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { newId } from '../../db/ids.ts';
import type { DB } from '../../db/schema.ts';
import { type Tx, withTenant } from '../../db/tenant.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import { runCommand } from '../../platform/command.ts';
import type { RequestContext } from '../../platform/context.ts';
import { Decimal, type DecimalInput, money, parseDecimal, QTY_DECIMALS } from '../../platform/decimal.ts';
import { problem } from '../../platform/errors.ts';
import type { IdempotencyRequest } from '../../platform/idempotency.ts';
import { findInternalLocation } from '../locations/service.ts';
import { bookMovement } from '../stock/book-movement.ts';
import { lockWorkOrder, WipPool } from './wip.ts';
import { findWorkOrders, type WorkOrderView } from './work-order-view.ts';

export async function nextNumber(tx: Tx, tenantId: string, counter: string): Promise<number> {
  const r = await sql<{ value: number }>`
    insert into counters (tenant_id, name, value) values (${tenantId}, ${counter}, 1)
    on conflict (tenant_id, name) do update set value = counters.value + 1
    returning value`.execute(tx);
  return Number(r.rows[0]!.value);
}

export async function mustFindWorkOrder(tx: Tx, ctx: RequestContext, id: string): Promise<WorkOrderView> {
  const [wo] = await findWorkOrders(
    tx,
    { tenantId: ctx.tenantId, id, limit: 1 },
    ctx.actor.permissions.has('valuation.read'),
  );
  if (!wo) throw problem('work_order_not_found');
  return wo;
}

export interface WorkOrderInput {
  sku: string;
  qty: DecimalInput;
  componentsFrom: string;
  outputTo: string;
  dueDate?: string | undefined;
  bomId?: string | undefined;
  routingId?: string | undefined;
}

export async function createWorkOrder(
  db: Kysely<DB>,
  ctx: RequestContext,
  input: WorkOrderInput,
  idempotency: IdempotencyRequest | undefined,
) {
  const qty = parseDecimal(input.qty, '/qty', { positive: true });
  const { result } = await runCommand(db, ctx, idempotency, async (tx) => {
    const item = await tx
      .selectFrom('items')
      .select(['id', 'active'])
      .where('tenant_id', '=', ctx.tenantId)
      .where('sku', '=', input.sku)
      .executeTakeFirst();
    if (!item) throw problem('unknown_sku', `No item has the SKU ${input.sku}.`, { sku: input.sku });
    const routing = await tx
      .selectFrom('routings')
      .select('id')
      .where('tenant_id', '=', ctx.tenantId)
      .where('item_id', '=', item.id)
      .where((eb) => (input.routingId ? eb('id', '=', input.routingId) : eb('active', '=', true)))
      .executeTakeFirst();
    if (!routing) throw input.routingId ? problem('routing_not_found') : problem('no_active_routing');
    const bom = await tx
      .selectFrom('boms')
      .select('id')
      .where('tenant_id', '=', ctx.tenantId)
      .where('item_id', '=', item.id)
      .where((eb) => (input.bomId ? eb('id', '=', input.bomId) : eb('active', '=', true)))
      .executeTakeFirst();
    if (input.bomId && !bom) throw problem('bom_not_found');
    const id = newId();
    const number = `WO-${String(await nextNumber(tx, ctx.tenantId, 'work_order')).padStart(6, '0')}`;
    await tx
      .insertInto('work_orders')
      .values({
        tenant_id: ctx.tenantId,
        id,
        number,
        item_id: item.id,
        qty: qty.toFixed(),
        bom_id: bom?.id ?? null,
        routing_id: routing.id,
        components_from_id: (
          await findInternalLocation(tx, ctx.tenantId, input.componentsFrom, 'componentsFrom')
        ).id,
        output_to_id: (await findInternalLocation(tx, ctx.tenantId, input.outputTo, 'outputTo')).id,
        due_date: input.dueDate ?? null,
        created_by: ctx.actor.userId,
      })
      .execute();
    await recordAudit(tx, ctx, {
      action: 'work_order.create',
      entity: 'work_order',
      entityId: id,
      summary: { number, sku: input.sku, qty: qty.toFixed() },
    });
    return mustFindWorkOrder(tx, ctx, id);
  });
  return result;
}

export async function releaseWorkOrder(db: Kysely<DB>, ctx: RequestContext, id: string) {
  const { result } = await runCommand(db, ctx, undefined, async (tx) => {
    const wo = await lockWorkOrder(tx, ctx.tenantId, id);
    if (!wo) throw problem('work_order_not_found');
    if (wo.status !== 'draft')
      throw problem('invalid_status_change', `The order is ${wo.status}; only a draft can be released.`);
    // The snapshot: per component item, stock units per unit of output including planned scrap.
    await sql`insert into work_order_components (tenant_id, work_order_id, item_id, qty_per_unit)
      select c.tenant_id, ${id}, c.item_id, round(sum(c.qty * (1 + c.scrap_allowance / 100) / b.output_qty), 9)
      from bom_components c join boms b on b.tenant_id = c.tenant_id and b.id = c.bom_id
      where c.tenant_id = ${ctx.tenantId} and c.bom_id = ${wo.bom_id}
      group by c.tenant_id, c.item_id`.execute(tx);
    await sql`insert into work_order_steps (tenant_id, work_order_id, seq, name, work_center_id, std_minutes_per_unit)
      select tenant_id, ${id}, seq, name, work_center_id, std_minutes_per_unit
      from routing_steps where tenant_id = ${ctx.tenantId} and routing_id = ${wo.routing_id}`.execute(tx);
    await tx
      .updateTable('work_orders')
      .set({ status: 'released', released_at: new Date() })
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, ctx, {
      action: 'work_order.release',
      entity: 'work_order',
      entityId: id,
      summary: { number: wo.number },
    });
    return mustFindWorkOrder(tx, ctx, id);
  });
  return result;
}

/**
 * Cancelling returns the components still tied up in work in progress to the location they came
 * from, at the value they carry, in proportion to what each component contributed. Units already
 * output or scrapped stay where they are. The reason is kept on the order (trimmed; blank is none),
 * where it can be shown and erased; the hashed audit summary records only whether one was given,
 * since the chain can never forget free text that may name a person.
 */
export async function cancelWorkOrder(
  db: Kysely<DB>,
  ctx: RequestContext,
  id: string,
  input: { reason?: string | undefined },
) {
  const reason = input.reason?.trim() || null;
  const { result } = await runCommand(db, ctx, undefined, async (tx) => {
    const wo = await lockWorkOrder(tx, ctx.tenantId, id);
    if (!wo) throw problem('work_order_not_found');
    if (wo.status === 'done' || wo.status === 'cancelled')
      throw problem('invalid_status_change', `The order is already ${wo.status}.`);
    const pool = new WipPool(wo);
    const returned: { sku: string; qty: string; value: string }[] = [];
    if (pool.units.greaterThan(0) || !pool.value.isZero()) {
      const components = await sql<{
        item_id: string;
        sku: string;
        cost_method: 'fifo' | 'average';
        qty_per_unit: string;
        consumed_value: string;
      }>`
        select c.item_id, i.sku, i.cost_method, c.qty_per_unit, c.consumed_value
        from work_order_components c join items i on i.tenant_id = c.tenant_id and i.id = c.item_id
        where c.tenant_id = ${ctx.tenantId} and c.work_order_id = ${id} order by i.sku`.execute(tx);
      const locations = await tx
        .selectFrom('locations')
        .select(['id', 'code'])
        .where('tenant_id', '=', ctx.tenantId)
        .where('code', '=', 'PRODUCTION')
        .execute();
      const production = locations[0]!;
      const totalConsumed = components.rows.reduce((s, c) => s.plus(c.consumed_value), new Decimal(0));
      let valueLeft = pool.value;
      for (const [i, c] of components.rows.entries()) {
        const qty = new Decimal(c.qty_per_unit).times(pool.units).toDecimalPlaces(QTY_DECIMALS);
        if (qty.lessThanOrEqualTo(0)) continue;
        const last = i === components.rows.length - 1;
        const value = last
          ? valueLeft
          : totalConsumed.isZero()
            ? new Decimal(0)
            : money(pool.value.times(c.consumed_value).dividedBy(totalConsumed));
        valueLeft = valueLeft.minus(value);
        await bookMovement(tx, ctx, {
          type: 'consume',
          item: { id: c.item_id, sku: c.sku, method: c.cost_method },
          lot: null,
          qty,
          from: { id: production.id, code: production.code, internal: false },
          to: { id: wo.components_from_id, code: wo.components_from, internal: true },
          cost: { kind: 'in', unitCost: value.dividedBy(qty).toDecimalPlaces(QTY_DECIMALS), value },
          allowNegative: false,
          reason: 'work order cancelled',
          reference: wo.number,
          workOrderId: id,
        });
        await sql`update work_order_components set consumed_qty = consumed_qty - ${qty.toFixed()}::numeric,
            consumed_value = consumed_value - ${value.toFixed()}::numeric
          where tenant_id = ${ctx.tenantId} and work_order_id = ${id} and item_id = ${c.item_id}`.execute(tx);
        returned.push({ sku: c.sku, qty: qty.toFixed(), value: value.toFixed() });
      }
      pool.units = new Decimal(0);
      pool.value = valueLeft;
      await pool.save(tx, ctx.tenantId, id);
    }
    await tx
      .updateTable('work_orders')
      .set({ status: 'cancelled', cancelled_at: new Date(), cancel_reason: reason })
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', id)
      .execute();
    await sql`update work_order_steps set state = 'idle', running_since = null where tenant_id = ${ctx.tenantId} and work_order_id = ${id}`.execute(
      tx,
    );
    await recordAudit(tx, ctx, {
      action: 'work_order.cancel',
      entity: 'work_order',
      entityId: id,
      summary: { number: wo.number, reasonGiven: reason !== null, returned },
    });
    return mustFindWorkOrder(tx, ctx, id);
  });
  return result;
}

export async function getWorkOrder(db: Kysely<DB>, ctx: RequestContext, id: string) {
  return withTenant(db, ctx.tenantId, (tx) => mustFindWorkOrder(tx, ctx, id));
}
