// Writes an audit event inside the caller's transaction, so the record exists exactly when the
// change it describes does. Events are plain inserts; hashing happens later in the sealer.
import { type RawBuilder, sql } from 'kysely';
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

/**
 * Writers hold this workspace's audit lock in shared mode, from before their event is numbered
 * until they commit; the sealer takes it exclusively for one round trip (chain.ts). Writers never
 * wait for each other, and once the sealer has had the lock, every event numbered before it is
 * committed or gone, so the order it seals is final.
 */
export function auditLockKey(tenantId: string) {
  return sql<string>`hashtextextended(${`audit:${tenantId}`}, 0)`;
}

function auditInsert(ctx: RequestContext, entry: AuditEntry, lock: RawBuilder<unknown>) {
  return sql`insert into audit_events (tenant_id, id, at, actor_id, actor_kind, action, entity, entity_id, summary, request_id, device, ip)
    select ${ctx.tenantId}, ${newId()}, ${new Date()}, ${ctx.actor.userId}, ${ctx.actor.kind}, ${entry.action}, ${entry.entity},
      ${entry.entityId ?? null}, ${JSON.stringify(redactPersonal(entry.summary ?? {}))}::jsonb, ${ctx.requestId},
      ${ctx.device ? JSON.stringify(ctx.device) : null}::jsonb, ${ctx.ip}
    from ${lock}`;
}

export async function recordAudit(tx: Tx, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  await sql`with lock as (select pg_advisory_xact_lock_shared(${auditLockKey(ctx.tenantId)}))
    ${auditInsert(ctx, entry, sql`lock`)}`.execute(tx);
}

/**
 * The same event as common table expressions `<name>_lock` and `<name>`, for a command that writes
 * it in its last statement. The row is selected from the lock, so the shared lock is held first.
 */
export function auditCte(ctx: RequestContext, entry: AuditEntry, name: string) {
  const lock = sql.id(`${name}_lock`);
  return sql`${lock} as (select pg_advisory_xact_lock_shared(${auditLockKey(ctx.tenantId)})),
    ${sql.id(name)} as (${auditInsert(ctx, entry, lock)})`;
}
