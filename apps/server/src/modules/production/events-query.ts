// Reading the process-scanning record of one work order, oldest first, a page at a time.
import { sql } from 'kysely';
import { isUuid } from '../../db/ids.ts';
import type { Tx } from '../../db/tenant.ts';
import { dec } from '../../platform/decimal.ts';
import { problem } from '../../platform/errors.ts';

/** Step events a list answers at most per page, and by default. */
export const STEP_EVENT_LIST_LIMIT = 5000;

/**
 * The keyset of the list, in its order: the time recorded, to the microsecond as PostgreSQL keeps it
 * (`YYYY-MM-DDTHH:MM:SS.ffffffZ`, which a JavaScript Date would round to milliseconds), then id.
 */
export type StepEventKey = [at: string, id: string];

const AT = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\.\d{6}Z$/;

/** For decodeCursor: a StepEventKey as this server writes it, checked so that no cast in SQL can fail. */
export function isStepEventKey(v: unknown): v is StepEventKey {
  if (!Array.isArray(v) || v.length !== 2) return false;
  const [at, id] = v as unknown[];
  if (typeof at !== 'string' || typeof id !== 'string' || !isUuid(id)) return false;
  const seconds = AT.exec(at)?.[1];
  if (!seconds || seconds.startsWith('0000')) return false;
  const parsed = new Date(`${seconds}Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 19) === seconds;
}

export function stepEventKeyOf(e: { atKey: string; id: string }): StepEventKey {
  return [e.atKey, e.id];
}

/**
 * The events of one work order, oldest first (then by id), `limit` + 1 of them after `after`, so
 * that a caller paging knows whether another page follows. Each row carries its key (`atKey`).
 */
export async function listStepEvents(
  tx: Tx,
  q: { tenantId: string; workOrderId: string; after?: StepEventKey | undefined; limit: number },
) {
  const { tenantId, workOrderId, after } = q;
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
    at_key: string;
    created_by: string | null;
    corrected_by: string | null;
  }>`
    select e.id, e.seq, e.action, e.good_qty, e.scrap_qty, e.scrap_reason, e.downtime_reason, e.corrects, w.code as work_center,
           e.note, e.scan_text, e.created_at, e.created_by,
           to_char(e.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at_key,
           (select c.id from work_order_events c where c.tenant_id = e.tenant_id and c.corrects = e.id) as corrected_by
    from work_order_events e join work_centers w on w.tenant_id = e.tenant_id and w.id = e.work_center_id
    where e.tenant_id = ${tenantId} and e.work_order_id = ${workOrderId}
      ${after ? sql`and (e.created_at, e.id) > (${after[0]}::timestamptz, ${after[1]}::uuid)` : sql``}
    order by e.created_at, e.id limit ${q.limit + 1}`.execute(tx);
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
    atKey: e.at_key,
  }));
}
