// Accounts, managed by admins only (no self-registration anywhere): create with a one-time
// activation code or a temporary password, edit, deactivate and reactivate, reset passwords.
// Deactivation and resets end the user's sessions in the same transaction; the last active admin
// can be neither deactivated nor demoted.
import type { Kysely } from 'kysely';
import { newId, newSecret } from '../../db/ids.ts';
import type { DB } from '../../db/schema.ts';
import { type Tx, withTenant } from '../../db/tenant.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import { sha256Hex } from '../../platform/auth/keys.ts';
import { assertAcceptablePassword, hashPassword } from '../../platform/auth/passwords.ts';
import { permissionsOf } from '../../platform/auth/session-state.ts';
import { runCommand } from '../../platform/command.ts';
import type { RequestContext } from '../../platform/context.ts';
import { encryptNullable } from '../../platform/crypto/keyring.ts';
import { defineErrors, problem } from '../../platform/errors.ts';
import type { IdempotencyRequest } from '../../platform/idempotency.ts';
import { revokeUserSessions } from '../auth/sessions.ts';
import { writeProfile } from './profile.ts';
import { findUserRow, findUserView, lockActiveAdmins, type UserView } from './queries.ts';

export const userErrors = defineErrors({
  user_not_found: { status: 404, title: 'No such user' },
  email_taken: { status: 409, title: 'A user with this email already exists in the workspace' },
  unknown_role: { status: 422, title: 'No such role' },
  last_admin: { status: 409, title: 'The workspace must keep at least one active admin' },
  cannot_deactivate_self: { status: 409, title: 'You cannot deactivate your own account' },
});

export interface Activation {
  code: string;
  expiresAt: string;
}

/**
 * The roles must exist, and the actor must hold every permission they grant: nobody hands out
 * (or takes for themselves) more than they have, so users.manage alone cannot make an admin.
 */
async function assertRolesAssignable(tx: Tx, ctx: RequestContext, roles: string[]) {
  if (!roles.length) return;
  const found = await tx
    .selectFrom('roles')
    .select(['key', 'builtin', 'permissions'])
    .where('tenant_id', '=', ctx.tenantId)
    .where('key', 'in', roles)
    .execute();
  const missing = roles.filter((r) => !found.some((f) => f.key === r));
  if (missing.length) {
    throw problem('unknown_role', `Unknown role: ${missing.join(', ')}`, {
      errors: missing.map((m) => ({ path: `/roles/${roles.indexOf(m)}`, message: `unknown role ${m}` })),
    });
  }
  const notHeld = [...permissionsOf(found)].filter((p) => !ctx.actor.permissions.has(p));
  if (notHeld.length) throw problem('permission_not_held', `You do not hold: ${notHeld.sort().join(', ')}`);
}

async function issueActivation(
  tx: Tx,
  tenantId: string,
  userId: string,
  ttlSeconds: number,
): Promise<Activation> {
  const code = newSecret(32);
  const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
  // A new code replaces any earlier unspent one.
  await tx
    .updateTable('activation_codes')
    .set({ used_at: new Date() })
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
  await tx
    .insertInto('activation_codes')
    .values({ tenant_id: tenantId, code_hash: sha256Hex(code), user_id: userId, expires_at: expiresAt })
    .execute();
  return { code, expiresAt: expiresAt.toISOString() };
}

async function mustFindUser(tx: Tx, tenantId: string, id: string): Promise<UserView> {
  const user = await findUserView(tx, { tenantId, id });
  if (!user) throw problem('user_not_found');
  return user;
}

export interface CreateUserInput {
  email: string;
  name: string;
  roles: string[];
  password?: string | undefined;
  phone?: string | undefined;
}

export async function createUser(
  db: Kysely<DB>,
  ctx: RequestContext,
  input: CreateUserInput,
  options: { activationTtlSeconds: number; idempotency: IdempotencyRequest | undefined },
) {
  if (input.password !== undefined) assertAcceptablePassword(input.password);
  const passwordHash = input.password !== undefined ? await hashPassword(input.password) : null;
  const roles = [...new Set(input.roles)];
  const { result } = await runCommand(db, ctx, options.idempotency, async (tx) => {
    await assertRolesAssignable(tx, ctx, roles);
    const id = newId();
    const inserted = await tx
      .insertInto('users')
      .values({
        tenant_id: ctx.tenantId,
        id,
        email: input.email.trim().toLowerCase(),
        name: input.name.trim(),
        phone: await encryptNullable(tx, ctx.tenantId, input.phone ?? null),
        password_hash: passwordHash,
        // A password an admin chose is temporary: the user must replace it before doing anything.
        password_change_required: passwordHash !== null,
      })
      .onConflict((oc) => oc.columns(['tenant_id', 'email']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) throw problem('email_taken');
    if (roles.length) {
      await tx
        .insertInto('user_roles')
        .values(roles.map((role_key) => ({ tenant_id: ctx.tenantId, user_id: id, role_key })))
        .execute();
    }
    const activation =
      passwordHash === null
        ? await issueActivation(tx, ctx.tenantId, id, options.activationTtlSeconds)
        : undefined;
    await recordAudit(tx, ctx, {
      action: 'user.create',
      entity: 'user',
      entityId: id,
      summary: { roles, via: activation ? 'activation_code' : 'temporary_password' },
    });
    const user = await mustFindUser(tx, ctx.tenantId, id);
    return activation ? { ...user, activation } : user;
  });
  return result;
}

export async function getUser(db: Kysely<DB>, ctx: RequestContext, id: string) {
  return withTenant(db, ctx.tenantId, (tx) => mustFindUser(tx, ctx.tenantId, id));
}

export async function updateUser(
  db: Kysely<DB>,
  ctx: RequestContext,
  id: string,
  patch: {
    name?: string | undefined;
    email?: string | undefined;
    phone?: string | null | undefined;
    roles?: string[] | undefined;
  },
) {
  const { result } = await runCommand(db, ctx, undefined, async (tx) => {
    const before = await mustFindUser(tx, ctx.tenantId, id);
    const set: Partial<{ name: string; email: string; phone: string | null; updated_at: Date }> = {
      updated_at: new Date(),
    };
    if (patch.name !== undefined) set.name = patch.name.trim();
    if (patch.phone !== undefined) set.phone = await encryptNullable(tx, ctx.tenantId, patch.phone);
    if (patch.email !== undefined) set.email = patch.email.trim().toLowerCase();
    if (set.email && set.email !== before.email) {
      const clash = await tx
        .selectFrom('users')
        .select('id')
        .where('tenant_id', '=', ctx.tenantId)
        .where('email', '=', set.email)
        .executeTakeFirst();
      if (clash) throw problem('email_taken');
    }
    await tx
      .updateTable('users')
      .set(set)
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', id)
      .execute();
    let rolesChange: { added: string[]; removed: string[] } | undefined;
    if (patch.roles !== undefined) {
      const roles = [...new Set(patch.roles)];
      const added = roles.filter((r) => !before.roles.includes(r));
      await assertRolesAssignable(tx, ctx, added);
      const removed = before.roles.filter((r) => !roles.includes(r));
      if (removed.includes('admin')) {
        const admins = await lockActiveAdmins(tx, ctx.tenantId);
        if (admins.filter((a) => a !== id).length === 0) throw problem('last_admin');
      }
      if (removed.length) {
        await tx
          .deleteFrom('user_roles')
          .where('tenant_id', '=', ctx.tenantId)
          .where('user_id', '=', id)
          .where('role_key', 'in', removed)
          .execute();
      }
      if (added.length) {
        await tx
          .insertInto('user_roles')
          .values(added.map((role_key) => ({ tenant_id: ctx.tenantId, user_id: id, role_key })))
          .execute();
      }
      rolesChange = { added, removed };
    }
    await recordAudit(tx, ctx, {
      action: 'user.update',
      entity: 'user',
      entityId: id,
      summary: { fields: Object.keys(patch).filter((k) => k !== 'roles'), roles: rolesChange },
    });
    return mustFindUser(tx, ctx.tenantId, id);
  });
  return result;
}

export async function deactivateUser(db: Kysely<DB>, ctx: RequestContext, id: string) {
  if (id === ctx.actor.userId) throw problem('cannot_deactivate_self');
  const { result } = await runCommand(db, ctx, undefined, async (tx) => {
    const user = await mustFindUser(tx, ctx.tenantId, id);
    if (user.status === 'deactivated') return user;
    if (user.roles.includes('admin')) {
      const admins = await lockActiveAdmins(tx, ctx.tenantId);
      if (admins.filter((a) => a !== id).length === 0) throw problem('last_admin');
    }
    await tx
      .updateTable('users')
      .set({ status: 'deactivated', deactivated_at: new Date(), updated_at: new Date() })
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', id)
      .execute();
    const ended = await revokeUserSessions(tx, ctx.tenantId, id, 'user_deactivated');
    await recordAudit(tx, ctx, {
      action: 'user.deactivate',
      entity: 'user',
      entityId: id,
      summary: { sessionsEnded: ended },
    });
    return mustFindUser(tx, ctx.tenantId, id);
  });
  return result;
}

export async function reactivateUser(db: Kysely<DB>, ctx: RequestContext, id: string) {
  const { result } = await runCommand(db, ctx, undefined, async (tx) => {
    const user = await mustFindUser(tx, ctx.tenantId, id);
    if (user.status === 'active') return user;
    await tx
      .updateTable('users')
      .set({ status: 'active', deactivated_at: null, updated_at: new Date() })
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, ctx, { action: 'user.reactivate', entity: 'user', entityId: id });
    return mustFindUser(tx, ctx.tenantId, id);
  });
  return result;
}

/**
 * An admin's reset: either a temporary password the user must change at next sign-in, or (with
 * none given) a fresh activation code. Either way the user's sessions end now.
 */
export async function resetPassword(
  db: Kysely<DB>,
  ctx: RequestContext,
  id: string,
  input: { password?: string | undefined },
  options: { activationTtlSeconds: number },
) {
  if (input.password !== undefined) assertAcceptablePassword(input.password);
  const passwordHash = input.password !== undefined ? await hashPassword(input.password) : null;
  const { result } = await runCommand(db, ctx, undefined, async (tx) => {
    const user = await findUserRow(tx, { tenantId: ctx.tenantId, id });
    if (!user) throw problem('user_not_found');
    await tx
      .updateTable('users')
      .set({
        password_hash: passwordHash,
        password_change_required: passwordHash !== null,
        updated_at: new Date(),
      })
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', id)
      .execute();
    const activation =
      passwordHash === null
        ? await issueActivation(tx, ctx.tenantId, id, options.activationTtlSeconds)
        : undefined;
    const ended = await revokeUserSessions(tx, ctx.tenantId, id, 'password_reset');
    await recordAudit(tx, ctx, {
      action: 'user.password_reset',
      entity: 'user',
      entityId: id,
      summary: { via: activation ? 'activation_code' : 'temporary_password', sessionsEnded: ended },
    });
    const view = await mustFindUser(tx, ctx.tenantId, id);
    return activation ? { ...view, activation } : view;
  });
  return result;
}

export async function updateOwnProfile(
  db: Kysely<DB>,
  ctx: RequestContext,
  patch: { name?: string | undefined; phone?: string | null | undefined },
) {
  const id = ctx.actor.userId!;
  const { result } = await runCommand(db, ctx, undefined, async (tx) => {
    // Field names only: the values are personal and the audit summary is hashed for ever.
    const changed = await writeProfile(tx, { tenantId: ctx.tenantId, userId: id }, patch);
    await recordAudit(tx, ctx, {
      action: 'user.profile_update',
      entity: 'user',
      entityId: id,
      summary: { fields: Object.keys(patch), changed },
    });
    return mustFindUser(tx, ctx.tenantId, id);
  });
  return result;
}
