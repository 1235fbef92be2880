// What a valid access token's session means right now: whether it is still alive and what the
// user may do. Read on every authenticated request (one round trip), so logout,
// deactivation, revocation and role changes take effect at once, not when the token expires.

import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { isUuid } from '../../db/tenant.ts';
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
  // One round trip, one prepared statement: the function (migration 0010) switches to the
  // application role and the workspace for its own implicit transaction, then reads.
  const result =
    await sql<Row>`select * from ops_session_state(${claims.tenantId}::uuid, ${claims.sessionId}::uuid,
    ${claims.userId}::uuid)`.execute(db);
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
