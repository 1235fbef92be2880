// Roles: the four built-in ones (permissions from the registry, read-only) and custom roles an
// admin composes from permissions. Nobody can grant a permission they do not hold themselves.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { withTenant } from '../../db/tenant.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import { runCommand } from '../../platform/command.ts';
import type { RequestContext } from '../../platform/context.ts';
import { defineErrors, problem } from '../../platform/errors.ts';
import type { IdempotencyRequest } from '../../platform/idempotency.ts';
import { builtinRolePermissions, isBuiltinRole, isPermission } from '../../platform/rbac/permissions.ts';

export const roleErrors = defineErrors({
  role_not_found: { status: 404, title: 'No such role' },
  role_key_taken: { status: 409, title: 'A role with this key already exists' },
  unknown_permission: { status: 422, title: 'No such permission' },
  builtin_role_readonly: { status: 409, title: 'Built-in roles cannot be changed' },
  role_in_use: { status: 409, title: 'The role is still assigned to people' },
});

export interface RoleView {
  key: string;
  name: string;
  builtin: boolean;
  permissions: string[];
}

function toView(row: { key: string; name: string; builtin: boolean; permissions: string[] }): RoleView {
  const permissions =
    row.builtin && isBuiltinRole(row.key) ? builtinRolePermissions(row.key) : [...row.permissions].sort();
  return { key: row.key, name: row.name, builtin: row.builtin, permissions };
}

function checkGrantable(ctx: RequestContext, permissions: string[]): string[] {
  const unique = [...new Set(permissions)].sort();
  const unknown = unique.filter((p) => !isPermission(p));
  if (unknown.length) {
    throw problem('unknown_permission', `Unknown permission: ${unknown.join(', ')}`, {
      errors: unknown.map((p) => ({
        path: `/permissions/${permissions.indexOf(p)}`,
        message: `unknown permission ${p}`,
      })),
    });
  }
  const notHeld = unique.filter((p) => !ctx.actor.permissions.has(p));
  if (notHeld.length) throw problem('permission_not_held', `You do not hold: ${notHeld.join(', ')}`);
  return unique;
}

export async function listRoles(db: Kysely<DB>, ctx: RequestContext): Promise<RoleView[]> {
  const rows = await withTenant(db, ctx.tenantId, (tx) =>
    tx
      .selectFrom('roles')
      .select(['key', 'name', 'builtin', 'permissions'])
      .where('tenant_id', '=', ctx.tenantId)
      .orderBy('builtin', 'desc')
      .orderBy('key')
      .execute(),
  );
  return rows.map(toView);
}

export async function createRole(
  db: Kysely<DB>,
  ctx: RequestContext,
  input: { key: string; name: string; permissions: string[] },
  idempotency: IdempotencyRequest | undefined,
) {
  const permissions = checkGrantable(ctx, input.permissions);
  const { result } = await runCommand(db, ctx, idempotency, async (tx) => {
    const inserted = await tx
      .insertInto('roles')
      .values({
        tenant_id: ctx.tenantId,
        key: input.key,
        name: input.name.trim(),
        permissions,
        builtin: false,
      })
      .onConflict((oc) => oc.columns(['tenant_id', 'key']).doNothing())
      .returning(['key', 'name', 'builtin', 'permissions'])
      .executeTakeFirst();
    if (!inserted) throw problem('role_key_taken');
    await recordAudit(tx, ctx, {
      action: 'role.create',
      entity: 'role',
      entityId: input.key,
      summary: { permissions },
    });
    return toView(inserted);
  });
  return result;
}

export async function updateRole(
  db: Kysely<DB>,
  ctx: RequestContext,
  key: string,
  patch: { name?: string | undefined; permissions?: string[] | undefined },
) {
  const permissions = patch.permissions ? checkGrantable(ctx, patch.permissions) : undefined;
  const { result } = await runCommand(db, ctx, undefined, async (tx) => {
    const role = await tx
      .selectFrom('roles')
      .selectAll()
      .where('tenant_id', '=', ctx.tenantId)
      .where('key', '=', key)
      .forUpdate()
      .executeTakeFirst();
    if (!role) throw problem('role_not_found');
    if (role.builtin) throw problem('builtin_role_readonly');
    const updated = await tx
      .updateTable('roles')
      .set({
        ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
        ...(permissions ? { permissions } : {}),
      })
      .where('tenant_id', '=', ctx.tenantId)
      .where('key', '=', key)
      .returning(['key', 'name', 'builtin', 'permissions'])
      .executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, {
      action: 'role.update',
      entity: 'role',
      entityId: key,
      summary: { before: role.permissions, after: updated.permissions },
    });
    return toView(updated);
  });
  return result;
}

export async function deleteRole(db: Kysely<DB>, ctx: RequestContext, key: string) {
  await runCommand(db, ctx, undefined, async (tx) => {
    const role = await tx
      .selectFrom('roles')
      .selectAll()
      .where('tenant_id', '=', ctx.tenantId)
      .where('key', '=', key)
      .forUpdate()
      .executeTakeFirst();
    if (!role) throw problem('role_not_found');
    if (role.builtin) throw problem('builtin_role_readonly');
    const holder = await tx
      .selectFrom('user_roles')
      .select('user_id')
      .where('tenant_id', '=', ctx.tenantId)
      .where('role_key', '=', key)
      .limit(1)
      .executeTakeFirst();
    if (holder) throw problem('role_in_use');
    await tx.deleteFrom('roles').where('tenant_id', '=', ctx.tenantId).where('key', '=', key).execute();
    await recordAudit(tx, ctx, { action: 'role.delete', entity: 'role', entityId: key });
    return null;
  });
}
