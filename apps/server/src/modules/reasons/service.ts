// Reason lists a workspace keeps for itself: why material was wasted, why a step stood still.
// Both are code + name + active, seeded with common entries when the workspace is created; retired
// codes stay valid on what was already posted.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Tx, withTenant } from '../../db/tenant.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import { runCommand } from '../../platform/command.ts';
import type { RequestContext } from '../../platform/context.ts';

export type ReasonKind = 'waste' | 'downtime';

const TABLE = { waste: 'waste_reasons', downtime: 'downtime_reasons' } as const;

const DEFAULTS: Record<ReasonKind, [string, string][]> = {
  waste: [
    ['damaged', 'Damaged'],
    ['expired', 'Expired'],
    ['quality-reject', 'Quality reject'],
    ['spillage', 'Spillage'],
    ['setup', 'Machine setup'],
    ['other', 'Other'],
  ],
  downtime: [
    ['no-material', 'No material'],
    ['breakdown', 'Breakdown'],
    ['changeover', 'Changeover'],
    ['quality-check', 'Quality check'],
    ['break', 'Break'],
    ['other', 'Other'],
  ],
};

export interface Reason {
  code: string;
  name: string;
  active: boolean;
}

export async function setupReasons(tx: Tx, tenantId: string): Promise<void> {
  for (const kind of ['waste', 'downtime'] as const) {
    await tx
      .insertInto(TABLE[kind])
      .values(DEFAULTS[kind].map(([code, name]) => ({ tenant_id: tenantId, code, name })))
      .execute();
  }
}

/** True when the code names an active reason of this kind. */
/** Whether the reason is active, as a boolean subquery for a posting's one resolving statement. */
export function activeReasonQuery(tenantId: string, kind: ReasonKind, code: string) {
  return sql<{ active: boolean }>`select exists (select 1 from ${sql.table(TABLE[kind])}
    where tenant_id = ${tenantId} and code = ${code} and active) as active`;
}

export async function isActiveReason(
  tx: Tx,
  tenantId: string,
  kind: ReasonKind,
  code: string,
): Promise<boolean> {
  return (await activeReasonQuery(tenantId, kind, code).execute(tx)).rows[0]?.active === true;
}

export async function listReasons(db: Kysely<DB>, ctx: RequestContext, kind: ReasonKind): Promise<Reason[]> {
  return withTenant(db, ctx.tenantId, (tx) =>
    tx
      .selectFrom(TABLE[kind])
      .select(['code', 'name', 'active'])
      .where('tenant_id', '=', ctx.tenantId)
      .orderBy('code')
      .execute(),
  );
}

/** Adds or renames a reason, or retires it (active: false). */
export async function putReason(
  db: Kysely<DB>,
  ctx: RequestContext,
  kind: ReasonKind,
  input: Reason,
): Promise<Reason> {
  const { result } = await runCommand(db, ctx, undefined, async (tx) => {
    const row = await tx
      .insertInto(TABLE[kind])
      .values({ tenant_id: ctx.tenantId, code: input.code, name: input.name.trim(), active: input.active })
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'code']).doUpdateSet({ name: input.name.trim(), active: input.active }),
      )
      .returning(['code', 'name', 'active'])
      .executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, {
      action: `${kind}_reason.put`,
      entity: `${kind}_reason`,
      entityId: input.code,
      summary: { active: input.active },
    });
    return row;
  });
  return result;
}
