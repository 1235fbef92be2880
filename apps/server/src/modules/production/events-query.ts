// Reading the process-scanning record of one work order, oldest first.
import { sql } from 'kysely';
import type { Tx } from '../../db/tenant.ts';
import { dec } from '../../platform/decimal.ts';
import { problem } from '../../platform/errors.ts';

export async function listStepEvents(tx: Tx, tenantId: string, workOrderId: string) {
  const exists = await tx
    .selectFrom('work_orders')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', workOrderId)
    .executeTakeFirst();
  if (!exists) throw problem('work_order_not_found');
  const r = await sql<{
    id: string;
    seq: number;
    action: string;
    good_qty: string | null;
    scrap_qty: string | null;
    scrap_reason: string | null;
    downtime_reason: string | null;
    corrects: string | null;
    work_center: string;
    note: string | null;
    scan_text: string | null;
    created_at: Date;
    created_by: string | null;
    corrected_by: string | null;
  }>`
    select e.id, e.seq, e.action, e.good_qty, e.scrap_qty, e.scrap_reason, e.downtime_reason, e.corrects, w.code as work_center,
           e.note, e.scan_text, e.created_at, e.created_by,
           (select c.id from work_order_events c where c.tenant_id = e.tenant_id and c.corrects = e.id) as corrected_by
    from work_order_events e join work_centers w on w.tenant_id = e.tenant_id and w.id = e.work_center_id
    where e.tenant_id = ${tenantId} and e.work_order_id = ${workOrderId}
    order by e.created_at, e.id limit 5000`.execute(tx);
  return r.rows.map((e) => ({
    id: e.id,
    step: e.seq,
    action: e.action,
    goodQty: dec(e.good_qty),
    scrapQty: dec(e.scrap_qty),
    scrapReason: e.scrap_reason,
    reason: e.downtime_reason,
    corrects: e.corrects,
    correctedBy: e.corrected_by,
    workCenter: e.work_center,
    note: e.note,
    scan: e.scan_text,
    createdAt: new Date(e.created_at).toISOString(),
    createdBy: e.created_by,
  }));
}
