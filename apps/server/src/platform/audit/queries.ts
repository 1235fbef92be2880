// Reading the audit trail, newest first, filtered by entity, actor or action.
import type { Tx } from '../../db/tenant.ts';

export interface AuditFilter {
  tenantId: string;
  beforeSeq?: number | undefined;
  entity?: string | undefined;
  entityId?: string | undefined;
  actor?: string | undefined;
  action?: string | undefined;
  limit: number;
}

export function listAuditEvents(tx: Tx, f: AuditFilter) {
  let query = tx.selectFrom('audit_events').selectAll().where('tenant_id', '=', f.tenantId);
  if (f.beforeSeq !== undefined) query = query.where('seq', '<', f.beforeSeq);
  if (f.entity) query = query.where('entity', '=', f.entity);
  if (f.entityId) query = query.where('entity_id', '=', f.entityId);
  if (f.actor) query = query.where('actor_id', '=', f.actor);
  if (f.action) query = query.where('action', '=', f.action);
  return query.orderBy('seq', 'desc').limit(f.limit).execute();
}
