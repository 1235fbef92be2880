// Reading work orders: the order, its per-step progress (good, scrap, work waiting before each
// step, actual vs standard time) and its components. One query per order; lists filter by status,
// item, work center and due date.
import { sql } from 'kysely';
import type { Tx } from '../../db/tenant.ts';
import { Decimal, dec } from '../../platform/decimal.ts';

export type StepStatus = 'pending' | 'running' | 'paused' | 'waiting' | 'done' | 'cancelled';

export interface StepView {
  seq: number;
  name: string;
  workCenter: string;
  status: StepStatus;
  goodQty: string;
  scrapQty: string;
  wip: string;
  actualMinutes: string;
  standardMinutes: string | null;
  stdMinutesPerUnit: string | null;
}

export interface WorkOrderView {
  id: string;
  number: string;
  sku: string;
  itemId: string;
  itemName: string;
  qty: string;
  status: string;
  dueDate: string | null;
  componentsFrom: string;
  outputTo: string;
  bom: { id: string; version: number } | null;
  routing: { id: string; version: number };
  producedQty: string;
  scrappedQty: string;
  wipQty: string;
  wipValue?: string;
  outputValue?: string;
  scrapValue?: string;
  steps: StepView[];
  components: {
    sku: string;
    name: string;
    uom: string;
    qtyPerUnit: string;
    requiredQty: string;
    consumedQty: string;
    consumedValue?: string;
  }[];
  createdAt: string;
  releasedAt: string | null;
  startedAt: string | null;
  completedAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
}

interface Row {
  id: string;
  number: string;
  sku: string;
  item_id: string;
  item_name: string;
  qty: string;
  status: string;
  due_date: string | null;
  components_from: string;
  output_to: string;
  bom_id: string | null;
  bom_version: number | null;
  routing_id: string;
  routing_version: number;
  produced_qty: string;
  scrapped_qty: string;
  wip_units: string;
  wip_value: string;
  output_value: string;
  scrap_value: string;
  created_at: Date;
  released_at: Date | null;
  started_at: Date | null;
  completed_at: Date | null;
  cancelled_at: Date | null;
  cancel_reason: string | null;
  steps:
    | {
        seq: number;
        name: string;
        wc: string;
        std: string | null;
        good: string;
        scrap: string;
        state: string;
        running_since: string | null;
        actual: string;
        started: boolean;
      }[]
    | null;
  components:
    | {
        sku: string;
        name: string;
        uom: string;
        per_unit: string;
        consumed_qty: string;
        consumed_value: string;
      }[]
    | null;
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

function stepStatus(
  orderStatus: string,
  s: NonNullable<Row['steps']>[number],
  input: Decimal,
  inputComplete: boolean,
  wip: Decimal,
): StepStatus {
  if (orderStatus === 'cancelled') return 'cancelled';
  if (s.state === 'running') return 'running';
  if (s.state === 'paused') return 'paused';
  const handled = new Decimal(s.good).plus(s.scrap);
  if (inputComplete && handled.greaterThanOrEqualTo(input) && input.greaterThan(0)) return 'done';
  if (inputComplete && input.isZero() && orderStatus === 'done') return 'done';
  if (handled.isZero() && !s.started)
    return wip.greaterThan(0) && orderStatus !== 'draft' ? 'waiting' : 'pending';
  return 'waiting';
}

function toView(r: Row, canSeeCosts: boolean): WorkOrderView {
  const qty = new Decimal(r.qty);
  const now = Date.now();
  let input = qty;
  let inputComplete = true;
  const steps: StepView[] = (r.steps ?? []).map((s) => {
    const good = new Decimal(s.good);
    const scrap = new Decimal(s.scrap);
    const wip = Decimal.max(input.minus(good).minus(scrap), 0);
    const runningSeconds =
      s.state === 'running' && s.running_since ? (now - new Date(s.running_since).getTime()) / 1000 : 0;
    const std = s.std === null ? null : new Decimal(s.std);
    const view: StepView = {
      seq: s.seq,
      name: s.name,
      workCenter: s.wc,
      status: stepStatus(r.status, s, input, inputComplete, wip),
      goodQty: good.toFixed(),
      scrapQty: scrap.toFixed(),
      wip: r.status === 'draft' || r.status === 'cancelled' ? '0' : wip.toFixed(),
      actualMinutes: new Decimal(s.actual).plus(runningSeconds).dividedBy(60).toDecimalPlaces(2).toFixed(),
      standardMinutes: std === null ? null : std.times(good.plus(scrap)).toDecimalPlaces(2).toFixed(),
      stdMinutesPerUnit: dec(s.std),
    };
    inputComplete = inputComplete && wip.isZero();
    input = good;
    return view;
  });
  return {
    id: r.id,
    number: r.number,
    sku: r.sku,
    itemId: r.item_id,
    itemName: r.item_name,
    qty: qty.toFixed(),
    status: r.status,
    dueDate: r.due_date,
    componentsFrom: r.components_from,
    outputTo: r.output_to,
    bom: r.bom_id ? { id: r.bom_id, version: r.bom_version! } : null,
    routing: { id: r.routing_id, version: r.routing_version },
    producedQty: dec(r.produced_qty)!,
    scrappedQty: dec(r.scrapped_qty)!,
    wipQty: dec(r.wip_units)!,
    ...(canSeeCosts
      ? { wipValue: dec(r.wip_value)!, outputValue: dec(r.output_value)!, scrapValue: dec(r.scrap_value)! }
      : {}),
    steps,
    components: (r.components ?? []).map((c) => ({
      sku: c.sku,
      name: c.name,
      uom: c.uom,
      qtyPerUnit: dec(c.per_unit)!,
      requiredQty: new Decimal(c.per_unit).times(qty).toDecimalPlaces(6).toFixed(),
      consumedQty: dec(c.consumed_qty)!,
      ...(canSeeCosts ? { consumedValue: dec(c.consumed_value)! } : {}),
    })),
    createdAt: iso(r.created_at)!,
    releasedAt: iso(r.released_at),
    startedAt: iso(r.started_at),
    completedAt: iso(r.completed_at),
    cancelledAt: iso(r.cancelled_at),
    cancelReason: r.cancel_reason,
  };
}

export interface WorkOrderFilter {
  tenantId: string;
  id?: string | undefined;
  number?: string | undefined;
  status?: string | undefined;
  sku?: string | undefined;
  workCenter?: string | undefined;
  dueFrom?: string | undefined;
  dueTo?: string | undefined;
  before?: string | undefined;
  limit: number;
}

/**
 * Steps come from the released snapshot; a draft (not yet snapshotted) shows its routing's steps,
 * and its components from its BOM, so the preview matches what release will freeze.
 */
export async function findWorkOrders(
  tx: Tx,
  f: WorkOrderFilter,
  canSeeCosts: boolean,
): Promise<WorkOrderView[]> {
  const r = await sql<Row>`
    select o.id, o.number, i.sku, o.item_id, i.name as item_name, o.qty, o.status, to_char(o.due_date, 'YYYY-MM-DD') as due_date,
           cf.code as components_from, ot.code as output_to, o.bom_id, b.version as bom_version, o.routing_id,
           rt.version as routing_version, o.produced_qty, o.scrapped_qty, o.wip_units, o.wip_value, o.output_value,
           o.scrap_value, o.created_at, o.released_at, o.started_at, o.completed_at, o.cancelled_at,
           o.cancel_reason,
           case when o.status = 'draft' then
             (select json_agg(json_build_object('seq', s.seq, 'name', s.name, 'wc', w.code, 'std', s.std_minutes_per_unit,
                     'good', 0, 'scrap', 0, 'state', 'idle', 'running_since', null, 'actual', 0, 'started', false) order by s.seq)
                from routing_steps s join work_centers w on w.tenant_id = s.tenant_id and w.id = s.work_center_id
               where s.tenant_id = o.tenant_id and s.routing_id = o.routing_id)
           else
             (select json_agg(json_build_object('seq', s.seq, 'name', s.name, 'wc', w.code, 'std', s.std_minutes_per_unit,
                     'good', s.good_qty, 'scrap', s.scrap_qty, 'state', s.state, 'running_since', s.running_since,
                     'actual', s.actual_seconds, 'started', s.first_started_at is not null) order by s.seq)
                from work_order_steps s join work_centers w on w.tenant_id = s.tenant_id and w.id = s.work_center_id
               where s.tenant_id = o.tenant_id and s.work_order_id = o.id)
           end as steps,
           case when o.status = 'draft' then
             (select json_agg(json_build_object('sku', ci.sku, 'name', ci.name, 'uom', ci.uom,
                     'per_unit', c.qty * (1 + c.scrap_allowance / 100) / b.output_qty, 'consumed_qty', 0, 'consumed_value', 0) order by c.line)
                from bom_components c join items ci on ci.tenant_id = c.tenant_id and ci.id = c.item_id
               where c.tenant_id = o.tenant_id and c.bom_id = o.bom_id)
           else
             (select json_agg(json_build_object('sku', ci.sku, 'name', ci.name, 'uom', ci.uom, 'per_unit', c.qty_per_unit,
                     'consumed_qty', c.consumed_qty, 'consumed_value', c.consumed_value) order by ci.sku)
                from work_order_components c join items ci on ci.tenant_id = c.tenant_id and ci.id = c.item_id
               where c.tenant_id = o.tenant_id and c.work_order_id = o.id)
           end as components
    from work_orders o
    join items i on i.tenant_id = o.tenant_id and i.id = o.item_id
    join locations cf on cf.tenant_id = o.tenant_id and cf.id = o.components_from_id
    join locations ot on ot.tenant_id = o.tenant_id and ot.id = o.output_to_id
    join routings rt on rt.tenant_id = o.tenant_id and rt.id = o.routing_id
    left join boms b on b.tenant_id = o.tenant_id and b.id = o.bom_id
    where o.tenant_id = ${f.tenantId}
      and (${f.id ?? null}::uuid is null or o.id = ${f.id ?? null}::uuid)
      and (${f.number ?? null}::text is null or o.number = ${f.number ?? null}::text)
      and (${f.before ?? null}::uuid is null or o.id < ${f.before ?? null}::uuid)
      and (${f.status ?? null}::text is null or o.status = ${f.status ?? null}::text)
      and (${f.sku ?? null}::text is null or i.sku = ${f.sku ?? null}::text)
      and (${f.dueFrom ?? null}::date is null or o.due_date >= ${f.dueFrom ?? null}::date)
      and (${f.dueTo ?? null}::date is null or o.due_date <= ${f.dueTo ?? null}::date)
      and (${f.workCenter ?? null}::text is null or exists (
            select 1 from routing_steps s join work_centers w on w.tenant_id = s.tenant_id and w.id = s.work_center_id
             where s.tenant_id = o.tenant_id and s.routing_id = o.routing_id and w.code = ${f.workCenter ?? null}::text))
    order by o.id desc limit ${f.limit + 1}`.execute(tx);
  return r.rows.map((row) => toView(row, canSeeCosts));
}
