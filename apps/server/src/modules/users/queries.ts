// Reading users. Every function takes the workspace explicitly; RLS backs it up.
import { sql } from 'kysely';
import type { Tx } from '../../db/tenant.ts';
import { permissionsOf } from '../../platform/auth/session-state.ts';
import { decryptNullable } from '../../platform/crypto/keyring.ts';

export interface UserView {
  id: string;
  email: string;
  name: string;
  phone: string | null;
  status: 'active' | 'deactivated';
  roles: string[];
  permissions: string[];
  passwordChangeRequired: boolean;
  mfaEnabled: boolean;
  createdAt: string;
  deactivatedAt: string | null;
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  phone: string | null;
  status: 'active' | 'deactivated';
  password_change_required: boolean;
  totp_enabled_at: Date | null;
  created_at: Date;
  deactivated_at: Date | null;
  roles: { key: string; builtin: boolean; permissions: string[] }[] | null;
}

const userColumns = sql`u.id, u.email, u.name, u.phone, u.status, u.password_change_required, u.totp_enabled_at,
  u.created_at, u.deactivated_at,
  (select json_agg(json_build_object('key', r.key, 'builtin', r.builtin, 'permissions', r.permissions) order by r.key)
     from user_roles ur join roles r on r.tenant_id = ur.tenant_id and r.key = ur.role_key
    where ur.tenant_id = u.tenant_id and ur.user_id = u.id) as roles`;

function toView(row: UserRow): UserView {
  const roles = row.roles ?? [];
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    phone: row.phone,
    status: row.status,
    roles: roles.map((r) => r.key),
    permissions: [...permissionsOf(roles)].sort(),
    passwordChangeRequired: row.password_change_required,
    mfaEnabled: row.totp_enabled_at !== null,
    createdAt: new Date(row.created_at).toISOString(),
    deactivatedAt: row.deactivated_at ? new Date(row.deactivated_at).toISOString() : null,
  };
}

// The phone number is stored encrypted (platform/crypto); views carry it in clear.
async function withPhone(tx: Tx, tenantId: string, view: UserView): Promise<UserView> {
  return { ...view, phone: await decryptNullable(tx, tenantId, view.phone) };
}

export async function findUserView(
  tx: Tx,
  q: { tenantId: string; id: string },
): Promise<UserView | undefined> {
  const result = await sql<UserRow>`select ${userColumns} from users u
    where u.tenant_id = ${q.tenantId} and u.id = ${q.id}`.execute(tx);
  return result.rows[0] ? withPhone(tx, q.tenantId, toView(result.rows[0])) : undefined;
}

export async function listUserViews(
  tx: Tx,
  q: { tenantId: string; after: string | undefined; limit: number; search: string | undefined },
): Promise<UserView[]> {
  const after = q.after ?? '00000000-0000-0000-0000-000000000000';
  const pattern = q.search ? `%${q.search.replace(/[\\%_]/g, '\\$&')}%` : null;
  const result = await sql<UserRow>`select ${userColumns} from users u
    where u.tenant_id = ${q.tenantId} and u.id > ${after}
      and (${pattern}::text is null or u.email ilike ${pattern} or u.name ilike ${pattern})
    order by u.id limit ${q.limit + 1}`.execute(tx);
  return Promise.all(result.rows.map((row) => withPhone(tx, q.tenantId, toView(row))));
}

export async function findUserByEmail(tx: Tx, q: { tenantId: string; email: string }) {
  return tx
    .selectFrom('users')
    .selectAll()
    .where('tenant_id', '=', q.tenantId)
    .where('email', '=', q.email.trim().toLowerCase())
    .executeTakeFirst();
}

export async function findUserRow(tx: Tx, q: { tenantId: string; id: string }) {
  return tx
    .selectFrom('users')
    .selectAll()
    .where('tenant_id', '=', q.tenantId)
    .where('id', '=', q.id)
    .executeTakeFirst();
}

/**
 * The active admins, read after taking the workspace row's lock: changes that could remove an
 * admin serialise on it, so two admins cannot demote each other at the same moment and leave none.
 */
export async function lockActiveAdmins(tx: Tx, tenantId: string): Promise<string[]> {
  await sql`select 1 from workspaces where id = ${tenantId} for update`.execute(tx);
  const rows = await sql<{ id: string }>`
    select u.id from users u join user_roles ur on ur.tenant_id = u.tenant_id and ur.user_id = u.id
    where u.tenant_id = ${tenantId} and ur.role_key = 'admin' and u.status = 'active'`.execute(tx);
  return rows.rows.map((r) => r.id);
}
