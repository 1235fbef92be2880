// Writes an audit event inside the caller's transaction, so the record exists exactly when the
// change it describes does. Events are plain inserts; hashing happens later in the sealer.
import { newId } from '../../db/ids.ts';
import type { Tx } from '../../db/tenant.ts';
import type { RequestContext } from '../context.ts';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | null;
  /** What changed. Personal values are dropped (see redactPersonal) so erasure never breaks the chain. */
  summary?: Record<string, unknown>;
}

// A safety net for keys whose values are contact details or secrets: the hashed summary keeps the
// fact that such a field changed but never its value. Services also leave people's names out of
// summaries (they record user ids, which erasure turns pseudonymous).
const PERSONAL_KEY = /(email|phone|address|password|secret|token|birth|recovery)/i;

export function redactPersonal(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactPersonal);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [
      k,
      PERSONAL_KEY.test(k) ? '[redacted]' : redactPersonal(v),
    ]),
  );
}

export async function recordAudit(tx: Tx, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  await tx
    .insertInto('audit_events')
    .values({
      tenant_id: ctx.tenantId,
      id: newId(),
      at: new Date(),
      actor_id: ctx.actor.userId,
      actor_kind: ctx.actor.kind,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId ?? null,
      summary: JSON.stringify(redactPersonal(entry.summary ?? {})),
      request_id: ctx.requestId,
      device: ctx.device ? JSON.stringify(ctx.device) : null,
      ip: ctx.ip,
    })
    .execute();
}
