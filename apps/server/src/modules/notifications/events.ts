// The events that raise notifications, each called inside its own event's transaction.
import { sql } from 'kysely';
import type { Tx } from '../../db/tenant.ts';
import type { DeviceInfo } from '../../platform/context.ts';
import { notify } from './notify.ts';

function describeDevice(device: DeviceInfo | null, userAgent: string | null): string {
  const parts = [device?.type, device?.os, device?.osVersion].filter(Boolean).join(' ');
  return parts || userAgent || 'an unknown device';
}

/**
 * A sign-in from a device this person has not used before (no earlier session with the same
 * device type, OS and user agent). The very first sign-in of an account is not news.
 */
export async function notifyIfNewDevice(
  tx: Tx,
  s: {
    tenantId: string;
    userId: string;
    sessionId: string;
    device: DeviceInfo | null;
    userAgent: string | null;
    ip: string | null;
  },
): Promise<void> {
  const seen = await sql<{ any_before: boolean; same_device: boolean }>`
    select count(*) > 0 as any_before,
           coalesce(bool_or(device_type is not distinct from ${s.device?.type ?? null}
                        and os is not distinct from ${s.device?.os ?? null}
                        and user_agent is not distinct from ${s.userAgent}), false) as same_device
      from sessions where tenant_id = ${s.tenantId} and user_id = ${s.userId} and id <> ${s.sessionId}`.execute(
    tx,
  );
  const row = seen.rows[0];
  if (!row?.any_before || row.same_device) return;
  const where = describeDevice(s.device, s.userAgent);
  await notify(tx, {
    tenantId: s.tenantId,
    userIds: [s.userId],
    category: 'security',
    kind: 'security.new_device',
    title: 'New sign-in to your OpsLedger account',
    body: `Your account was signed in from ${where}${s.ip ? ` (address ${s.ip})` : ''}. If this was not you, change your password and end the session under "Sessions".`,
    data: { sessionId: s.sessionId },
  });
}

export async function notifyPasswordChanged(tx: Tx, tenantId: string, userId: string): Promise<void> {
  await notify(tx, {
    tenantId,
    userIds: [userId],
    category: 'security',
    kind: 'security.password_changed',
    title: 'Your OpsLedger password was changed',
    body: 'The password of your account was just changed and your other sessions were ended. If this was not you, contact your administrator at once.',
  });
}

/** Tells whoever created the work order that it is done. */
export async function notifyWorkOrderDone(tx: Tx, tenantId: string, workOrderId: string): Promise<void> {
  const wo = await sql<{ number: string; created_by: string | null; qty: string; produced_qty: string }>`
    select number, created_by, qty::text, produced_qty::text from work_orders
     where tenant_id = ${tenantId} and id = ${workOrderId}`.execute(tx);
  const row = wo.rows[0];
  if (!row?.created_by) return;
  await notify(tx, {
    tenantId,
    userIds: [row.created_by],
    category: 'operations',
    kind: 'operations.work_order_done',
    title: `Work order ${row.number} is done`,
    body: `Work order ${row.number} is complete: ${row.produced_qty} of ${row.qty} produced.`,
    data: { workOrderId, number: row.number },
  });
}
