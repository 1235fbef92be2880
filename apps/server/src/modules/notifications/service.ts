// The notification centre, preferences, one-click unsubscribe and the admins' view of the outbox.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { withTenant } from '../../db/tenant.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import { runCommand } from '../../platform/command.ts';
import { type RequestContext, systemContext } from '../../platform/context.ts';
import { problem } from '../../platform/errors.ts';
import {
  CATEGORIES,
  CATEGORY_KEYS,
  type Category,
  isCategory,
  type Preference,
  preferencesOf,
} from './categories.ts';
import { claimedTenant, verifyUnsubscribeToken } from './unsubscribe.ts';

export interface NotificationView {
  id: string;
  category: string;
  kind: string;
  title: string;
  body: string;
  data: unknown;
  createdAt: string;
  readAt: string | null;
}

type NotificationRow = {
  id: string;
  category: string;
  kind: string;
  title: string;
  body: string;
  data: unknown;
  created_at: Date;
  read_at: Date | null;
};

function toView(r: NotificationRow): NotificationView {
  return {
    id: r.id,
    category: r.category,
    kind: r.kind,
    title: r.title,
    body: r.body,
    data: r.data,
    createdAt: new Date(r.created_at).toISOString(),
    readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
  };
}

const COLUMNS = ['id', 'category', 'kind', 'title', 'body', 'data', 'created_at', 'read_at'] as const;

export async function listNotifications(
  db: Kysely<DB>,
  ctx: RequestContext,
  q: { limit: number; before: string | undefined; unreadOnly: boolean },
): Promise<{ rows: NotificationView[]; unread: number }> {
  return withTenant(db, ctx.tenantId, async (tx) => {
    let query = tx
      .selectFrom('notifications')
      .select(COLUMNS)
      .where('tenant_id', '=', ctx.tenantId)
      .where('user_id', '=', ctx.actor.userId!)
      .orderBy('id', 'desc')
      .limit(q.limit + 1);
    if (q.before) query = query.where('id', '<', q.before);
    if (q.unreadOnly) query = query.where('read_at', 'is', null);
    const rows = await query.execute();
    const unread = await tx
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', ctx.tenantId)
      .where('user_id', '=', ctx.actor.userId!)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return { rows: rows.map(toView), unread: Number(unread.n) };
  });
}

/** Marks one of the caller's notifications read; someone else's answers 404, like a missing one. */
export async function markRead(db: Kysely<DB>, ctx: RequestContext, id: string): Promise<NotificationView> {
  return withTenant(db, ctx.tenantId, async (tx) => {
    const row = await tx
      .updateTable('notifications')
      .set((eb) => ({ read_at: eb.fn.coalesce('read_at', eb.val(new Date())) }))
      .where('tenant_id', '=', ctx.tenantId)
      .where('user_id', '=', ctx.actor.userId!)
      .where('id', '=', id)
      .returning(COLUMNS)
      .executeTakeFirst();
    if (!row) throw problem('notification_not_found');
    return toView(row);
  });
}

export async function markAllRead(db: Kysely<DB>, ctx: RequestContext): Promise<{ marked: number }> {
  return withTenant(db, ctx.tenantId, async (tx) => {
    const result = await tx
      .updateTable('notifications')
      .set({ read_at: new Date() })
      .where('tenant_id', '=', ctx.tenantId)
      .where('user_id', '=', ctx.actor.userId!)
      .where('read_at', 'is', null)
      .executeTakeFirst();
    return { marked: Number(result.numUpdatedRows) };
  });
}

export type Preferences = { categories: Record<Category, Preference> };

export async function getPreferences(db: Kysely<DB>, ctx: RequestContext): Promise<Preferences> {
  return withTenant(db, ctx.tenantId, async (tx) => {
    const prefs = await preferencesOf(tx, ctx.tenantId, [ctx.actor.userId!]);
    return { categories: prefs.get(ctx.actor.userId!)! };
  });
}

export type PreferencePatch = Record<string, { inApp?: boolean | undefined; email?: boolean | undefined }>;

async function writePreferences(
  tx: Parameters<Parameters<typeof withTenant>[2]>[0],
  ctx: RequestContext,
  userId: string,
  patch: PreferencePatch,
): Promise<Preferences> {
  const current = (await preferencesOf(tx, ctx.tenantId, [userId])).get(userId)!;
  for (const [key, change] of Object.entries(patch)) {
    if (!isCategory(key)) throw problem('unknown_category', `There is no notification category "${key}".`);
    const spec = CATEGORIES[key];
    if (spec.locked) {
      if (change.inApp === false || change.email === false)
        throw problem('category_locked', `${key} notifications cannot be switched off.`);
      continue;
    }
    const next = { inApp: change.inApp ?? current[key].inApp, email: change.email ?? current[key].email };
    await tx
      .insertInto('notification_preferences')
      .values({
        tenant_id: ctx.tenantId,
        user_id: userId,
        category: key,
        in_app: next.inApp,
        email: next.email,
      })
      .onConflict((oc) =>
        oc
          .columns(['tenant_id', 'user_id', 'category'])
          .doUpdateSet({ in_app: next.inApp, email: next.email, updated_at: new Date() }),
      )
      .execute();
  }
  await recordAudit(tx, ctx, {
    action: 'notifications.preferences_update',
    entity: 'user',
    entityId: userId,
    summary: { changes: patch },
  });
  return { categories: (await preferencesOf(tx, ctx.tenantId, [userId])).get(userId)! };
}

export async function putPreferences(
  db: Kysely<DB>,
  ctx: RequestContext,
  patch: PreferencePatch,
): Promise<Preferences> {
  const { result } = await runCommand(db, ctx, undefined, (tx) =>
    writePreferences(tx, ctx, ctx.actor.userId!, patch),
  );
  return result;
}

/**
 * One-click unsubscribe, without a session: the signed token names the person and category. A
 * security mail's link switches off every optional category (security itself cannot be).
 */
export async function unsubscribe(
  db: Kysely<DB>,
  token: string,
  client: { ip: string | null; userAgent: string | null },
): Promise<{ category: Category; preferences: Preferences }> {
  const tenantId = claimedTenant(token);
  if (!tenantId) throw problem('invalid_unsubscribe_token');
  const base = systemContext(tenantId);
  const result = await withTenant(db, tenantId, async (tx) => {
    const claims = await verifyUnsubscribeToken(tx, token);
    if (!claims) throw problem('invalid_unsubscribe_token');
    const ctx: RequestContext = {
      ...base,
      actor: { kind: 'user', userId: claims.userId, sessionId: null, permissions: new Set() },
      ip: client.ip,
      userAgent: client.userAgent,
    };
    const targets = CATEGORIES[claims.category].locked
      ? CATEGORY_KEYS.filter((k) => !CATEGORIES[k].locked)
      : [claims.category];
    const preferences = await writePreferences(
      tx,
      ctx,
      claims.userId,
      Object.fromEntries(targets.map((k) => [k, { email: false }])),
    );
    return { category: claims.category, preferences };
  }).catch((error: unknown) => {
    // A token for a workspace that does not exist fails inside the key lookup.
    if (error instanceof Error && 'code' in error) throw error;
    throw problem('invalid_unsubscribe_token');
  });
  return result;
}

export interface OutboxView {
  id: string;
  userId: string;
  to: string;
  category: string;
  kind: string;
  subject: string;
  body: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export async function listOutbox(
  db: Kysely<DB>,
  ctx: RequestContext,
  q: { limit: number; before: string | undefined; status: string | undefined },
): Promise<OutboxView[]> {
  return withTenant(db, ctx.tenantId, async (tx) => {
    let query = tx
      .selectFrom('email_outbox as o')
      .innerJoin('users as u', (j) =>
        j.onRef('u.tenant_id', '=', 'o.tenant_id').onRef('u.id', '=', 'o.user_id'),
      )
      .select([
        'o.id',
        'o.user_id',
        'u.email',
        'o.category',
        'o.kind',
        'o.subject',
        'o.body',
        'o.status',
        'o.attempts',
        'o.last_error',
        'o.created_at',
        'o.finished_at',
      ])
      .where('o.tenant_id', '=', ctx.tenantId)
      .orderBy('o.id', 'desc')
      .limit(q.limit + 1);
    if (q.before) query = query.where('o.id', '<', q.before);
    if (q.status) query = query.where('o.status', '=', q.status as 'pending');
    const rows = await query.execute();
    return rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      to: r.email,
      category: r.category,
      kind: r.kind,
      subject: r.subject,
      body: r.body,
      status: r.status,
      attempts: r.attempts,
      lastError: r.last_error,
      createdAt: new Date(r.created_at).toISOString(),
      finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
    }));
  });
}
