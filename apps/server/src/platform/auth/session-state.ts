// What a valid access token's session means right now: whether it is still alive and what the
// user may do. Read on every authenticated request (one round trip), so logout,
// deactivation, revocation and role changes take effect at once, not when the token expires.

import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { isUuid, uuidLiteral } from '../../db/tenant.ts';
import type { DeviceInfo } from '../context.ts';
import { builtinRolePermissions, isBuiltinRole } from '../rbac/permissions.ts';

export interface SessionState {
  alive: boolean;
  roles: string[];
  permissions: Set<string>;
  passwordChangeRequired: boolean;
  mfaEnrollmentRequired: boolean;
  /** The device the session signed in from; every write records it. */
  device: DeviceInfo | null;
}

interface Row {
  status: string;
  password_change_required: boolean;
  mfa_enrolled: boolean;
  revoked_at: Date | null;
  expires_at: Date;
  settings: Record<string, unknown>;
  device_type: string | null;
  os: string | null;
  os_version: string | null;
  app_version: string | null;
  roles: { key: string; builtin: boolean; permissions: string[] }[] | null;
}

const DEAD: SessionState = {
  alive: false,
  roles: [],
  permissions: new Set(),
  passwordChangeRequired: false,
  mfaEnrollmentRequired: false,
  device: null,
};

export function permissionsOf(
  roles: { key: string; builtin: boolean; permissions: string[] }[],
): Set<string> {
  const permissions = new Set<string>();
  for (const role of roles) {
    const granted =
      role.builtin && isBuiltinRole(role.key) ? builtinRolePermissions(role.key) : role.permissions;
    for (const p of granted) permissions.add(p);
  }
  return permissions;
}

export async function loadSessionState(
  db: Kysely<DB>,
  claims: { tenantId: string; userId: string; sessionId: string },
): Promise<SessionState> {
  if (![claims.tenantId, claims.sessionId, claims.userId].every(isUuid)) return DEAD;
  // One round trip: the workspace switch and the read travel as one multi-statement message, which
  // PostgreSQL runs as one implicit transaction, so the transaction-local role and workspace end
  // with it. Without parameters, so the ids are written as literals; all three are checked UUIDs.
  const result = await sql<Row>`
    select set_config('role', 'opsledger_app', true), set_config('app.tenant_id', ${uuidLiteral(claims.tenantId)}, true);
    select u.status, u.password_change_required, u.totp_enabled_at is not null as mfa_enrolled,
           s.revoked_at, s.expires_at, w.settings, s.device_type, s.os, s.os_version, s.app_version,
           (select json_agg(json_build_object('key', r.key, 'builtin', r.builtin, 'permissions', r.permissions))
              from user_roles ur join roles r on r.tenant_id = ur.tenant_id and r.key = ur.role_key
             where ur.tenant_id = u.tenant_id and ur.user_id = u.id) as roles
    from sessions s
    join users u on u.tenant_id = s.tenant_id and u.id = s.user_id
    join workspaces w on w.id = s.tenant_id
    where s.tenant_id = ${uuidLiteral(claims.tenantId)} and s.id = ${uuidLiteral(claims.sessionId)}
      and s.user_id = ${uuidLiteral(claims.userId)}`.execute(db);
  const row = result.rows[0];
  if (!row) return DEAD;
  const roles = row.roles ?? [];
  const alive =
    row.status === 'active' && row.revoked_at === null && new Date(row.expires_at).getTime() > Date.now();
  const isAdmin = roles.some((r) => r.key === 'admin');
  return {
    alive,
    roles: roles.map((r) => r.key).sort(),
    permissions: permissionsOf(roles),
    passwordChangeRequired: row.password_change_required,
    mfaEnrollmentRequired: isAdmin && row.settings.requireMfaForAdmins === true && !row.mfa_enrolled,
    device:
      row.device_type || row.os || row.app_version
        ? {
            type: row.device_type ?? undefined,
            os: row.os ?? undefined,
            osVersion: row.os_version ?? undefined,
            appVersion: row.app_version ?? undefined,
          }
        : null,
  };
}
