// Stock below a minimum: raised by the posting (stock/book-movement.ts) that takes an item's on-hand
// over its internal locations from at-or-above its minimum to below it, inside that posting's
// transaction — so a refused or rolled-back posting tells no one, and each crossing tells once.
import { sql } from 'kysely';
import type { Tx } from '../../db/tenant.ts';
import type { Decimal } from '../../platform/decimal.ts';
import { BUILTIN_ROLES, builtinRolePermissions } from '../../platform/rbac/permissions.ts';
import { itemPermissions } from '../items/permissions.ts';
import { notify } from './notify.ts';

/**
 * Who hears about it: the workspace's active people whose roles grant `items.manage`. They are the
 * ones who set the minimum and can act on it (reorder, change the threshold); a reader or a floor
 * operator who merely sees items is not responsible for replenishment, and `stock.*` posting rights
 * are held by everyone on the floor. Built-in roles take their permissions from the registry (as a
 * request's permissions do, platform/auth/session-state.ts), custom roles from their stored list.
 */
export const STOCK_MINIMUM_PERMISSION = itemPermissions['items.manage'];

function builtinRolesHolding(permission: string): string[] {
  return BUILTIN_ROLES.filter((role) => builtinRolePermissions(role).includes(permission));
}

export async function notifyStockBelowMinimum(
  tx: Tx,
  s: { tenantId: string; itemId: string; onHand: Decimal; minStock: Decimal },
): Promise<void> {
  const r = await sql<{ sku: string; name: string; uom: string; recipients: string[] | null }>`
    select i.sku, i.name, i.uom,
      (select array_agg(distinct u.id) from users u
         join user_roles ur on ur.tenant_id = u.tenant_id and ur.user_id = u.id
         join roles r on r.tenant_id = ur.tenant_id and r.key = ur.role_key
        where u.tenant_id = i.tenant_id and u.status = 'active' and u.erased_at is null
          and case when r.builtin and r.key = any(${[...BUILTIN_ROLES]}::text[])
                   then r.key = any(${builtinRolesHolding(STOCK_MINIMUM_PERMISSION)}::text[])
                   else ${STOCK_MINIMUM_PERMISSION} = any(r.permissions) end) as recipients
    from items i where i.tenant_id = ${s.tenantId} and i.id = ${s.itemId}`.execute(tx);
  const item = r.rows[0];
  if (!item?.recipients?.length) return;
  const onHand = s.onHand.toFixed();
  const minStock = s.minStock.toFixed();
  await notify(tx, {
    tenantId: s.tenantId,
    userIds: item.recipients,
    category: 'operations',
    kind: 'operations.stock_below_minimum',
    title: `Stock of ${item.sku} below minimum`,
    body: `${item.sku} (${item.name}) is down to ${onHand} ${item.uom} on hand, below its minimum of ${minStock} ${item.uom}.`,
    data: { itemId: s.itemId, sku: item.sku, onHand, minStock },
  });
}
