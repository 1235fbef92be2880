// Legal holds: while one is active the person cannot be erased, by an admin or by retention.
// Holds are never deleted; lifting one records who lifted it and why.
import { type Kysely, sql } from 'kysely';
import { newId } from '../../db/ids.ts';
import type { DB } from '../../db/schema.ts';
import { type Tx, withTenant } from '../../db/tenant.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import { runCommand } from '../../platform/command.ts';
import type { RequestContext } from '../../platform/context.ts';
import { problem } from '../../platform/errors.ts';
import { readProfile } from '../users/profile.ts';

export interface LegalHoldView {
  id: string;
  userId: string;
  reason: string;
  setBy: string;
  setAt: string;
  liftedBy: string | null;
  liftedAt: string | null;
  liftReason: string | null;
}

interface HoldRow {
  id: string;
  user_id: string;
  reason: string;
  set_by: string;
  set_at: Date;
  lifted_by: string | null;
  lifted_at: Date | null;
  lift_reason: string | null;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
function toView(r: HoldRow): LegalHoldView {
  return {
    id: r.id,
    userId: r.user_id,
    reason: r.reason,
    setBy: r.set_by,
    setAt: new Date(r.set_at).toISOString(),
    liftedBy: r.lifted_by,
    liftedAt: iso(r.lifted_at),
    liftReason: r.lift_reason,
  };
}

export async function activeHold(tx: Tx, key: { tenantId: string; userId: string }) {
  const rows = await sql<HoldRow>`select * from legal_holds
    where tenant_id = ${key.tenantId} and user_id = ${key.userId} and lifted_at is null`.execute(tx);
  return rows.rows[0];
}

export async function setLegalHold(db: Kysely<DB>, ctx: RequestContext, userId: string, reason: string) {
  const { result } = await runCommand(db, ctx, undefined, async (tx) => {
    const key = { tenantId: ctx.tenantId, userId };
    const profile = await readProfile(tx, key, { lock: true });
    if (!profile) throw problem('user_not_found');
    if (profile.erasedAt) throw problem('already_erased');
    if (await activeHold(tx, key)) throw problem('legal_hold_exists');
    const id = newId();
    const rows = await sql<HoldRow>`insert into legal_holds (tenant_id, id, user_id, reason, set_by)
      values (${ctx.tenantId}, ${id}, ${userId}, ${reason}, ${ctx.actor.userId}) returning *`.execute(tx);
    await recordAudit(tx, ctx, {
      action: 'user.legal_hold_set',
      entity: 'user',
      entityId: userId,
      summary: { holdId: id },
    });
    return toView(rows.rows[0]!);
  });
  return result;
}

export async function liftLegalHold(
  db: Kysely<DB>,
  ctx: RequestContext,
  userId: string,
  reason: string | undefined,
) {
  const { result } = await runCommand(db, ctx, undefined, async (tx) => {
    const key = { tenantId: ctx.tenantId, userId };
    if (!(await readProfile(tx, key, { lock: true }))) throw problem('user_not_found');
    const rows = await sql<HoldRow>`update legal_holds set lifted_by = ${ctx.actor.userId}, lifted_at = now(),
        lift_reason = ${reason ?? null}
      where tenant_id = ${ctx.tenantId} and user_id = ${userId} and lifted_at is null returning *`.execute(
      tx,
    );
    const hold = rows.rows[0];
    if (!hold) throw problem('no_legal_hold');
    await recordAudit(tx, ctx, {
      action: 'user.legal_hold_lift',
      entity: 'user',
      entityId: userId,
      summary: { holdId: hold.id },
    });
    return toView(hold);
  });
  return result;
}

export async function listLegalHolds(db: Kysely<DB>, ctx: RequestContext, userId: string) {
  return withTenant(db, ctx.tenantId, async (tx) => {
    if (!(await readProfile(tx, { tenantId: ctx.tenantId, userId }))) throw problem('user_not_found');
    const rows =
      await sql<HoldRow>`select * from legal_holds where tenant_id = ${ctx.tenantId} and user_id = ${userId}
      order by set_at desc`.execute(tx);
    const holds = rows.rows.map(toView);
    return { active: holds.find((h) => h.liftedAt === null) ?? null, history: holds };
  });
}
