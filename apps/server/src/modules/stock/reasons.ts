// Waste reasons: the workspace's own list, seeded with common ones when the workspace is created.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Tx, withTenant } from '../../db/tenant.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import { runCommand } from '../../platform/command.ts';
import type { RequestContext } from '../../platform/context.ts';

const DEFAULT_REASONS = [
  ['damaged', 'Damaged'],
  ['expired', 'Expired'],
  ['quality-reject', 'Quality reject'],
  ['spillage', 'Spillage'],
  ['setup', 'Machine setup'],
  ['other', 'Other'],
] as const;

export async function setupWasteReasons(tx: Tx, tenantId: string): Promise<void> {
  await tx
    .insertInto('waste_reasons')
    .values(DEFAULT_REASONS.map(([code, name]) => ({ tenant_id: tenantId, code, name })))
    .execute();
}

export async function listWasteReasons(db: Kysely<DB>, ctx: RequestContext) {
  const rows = await withTenant(db, ctx.tenantId, (tx) =>
    tx
      .selectFrom('waste_reasons')
      .select(['code', 'name', 'active'])
      .where('tenant_id', '=', ctx.tenantId)
      .orderBy('code')
      .execute(),
  );
  return rows;
}

/** Adds or renames a reason, or retires it (active: false) — posted waste keeps its reason code. */
export async function putWasteReason(
  db: Kysely<DB>,
  ctx: RequestContext,
  input: { code: string; name: string; active: boolean },
) {
  const { result } = await runCommand(db, ctx, undefined, async (tx) => {
    const row = await tx
      .insertInto('waste_reasons')
      .values({ tenant_id: ctx.tenantId, code: input.code, name: input.name.trim(), active: input.active })
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'code']).doUpdateSet({ name: input.name.trim(), active: input.active }),
      )
      .returning(['code', 'name', 'active'])
      .executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, {
      action: 'waste_reason.put',
      entity: 'waste_reason',
      entityId: input.code,
      summary: { active: input.active },
    });
    return row;
  });
  return result;
}
