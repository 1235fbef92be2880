// Seeing and ending sessions: one's own (any signed-in user) and anyone's (sessions.manage).
// Someone else's session is invisible to those who may not manage sessions: it answers 404.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { withTenant } from '../../db/tenant.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import type { RequestContext } from '../../platform/context.ts';
import { problem } from '../../platform/errors.ts';
import { findUserView } from '../users/queries.ts';
import { listSessions, revokeSession, revokeUserSessions } from './sessions.ts';

export function listOwnSessions(db: Kysely<DB>, ctx: RequestContext) {
  return withTenant(db, ctx.tenantId, (tx) =>
    listSessions(tx, ctx.tenantId, ctx.actor.userId!, ctx.actor.sessionId),
  );
}

export function listUserSessions(db: Kysely<DB>, ctx: RequestContext, userId: string) {
  return withTenant(db, ctx.tenantId, async (tx) => {
    const user = await findUserView(tx, { tenantId: ctx.tenantId, id: userId });
    if (!user) throw problem('user_not_found');
    return listSessions(tx, ctx.tenantId, user.id, ctx.actor.sessionId);
  });
}

export async function revokeOneSession(
  db: Kysely<DB>,
  ctx: RequestContext,
  sessionId: string,
): Promise<void> {
  await withTenant(db, ctx.tenantId, async (tx) => {
    const session = await tx
      .selectFrom('sessions')
      .select(['id', 'user_id'])
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', sessionId)
      .executeTakeFirst();
    const own = session?.user_id === ctx.actor.userId;
    if (!session || (!own && !ctx.actor.permissions.has('sessions.manage')))
      throw problem('not_found', 'No such session.');
    if (await revokeSession(tx, ctx.tenantId, session.id, own ? 'revoked_by_user' : 'revoked_by_admin')) {
      await recordAudit(tx, ctx, {
        action: 'session.revoke',
        entity: 'session',
        entityId: session.id,
        summary: { userId: session.user_id },
      });
    }
  });
}

export function revokeAllUserSessions(db: Kysely<DB>, ctx: RequestContext, userId: string): Promise<number> {
  return withTenant(db, ctx.tenantId, async (tx) => {
    const user = await findUserView(tx, { tenantId: ctx.tenantId, id: userId });
    if (!user) throw problem('user_not_found');
    const revoked = await revokeUserSessions(tx, ctx.tenantId, user.id, 'revoked_by_admin');
    await recordAudit(tx, ctx, {
      action: 'session.revoke_all',
      entity: 'user',
      entityId: user.id,
      summary: { revoked },
    });
    return revoked;
  });
}
