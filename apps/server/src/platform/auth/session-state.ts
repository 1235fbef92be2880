// What a valid access token's session means right now: whether it is still alive and what the
// user may do, so logout, deactivation, revocation and role changes take effect at once, not when
// the token expires. On PostgreSQL each process keeps what it read for at most a second and forgets
// a workspace's entries when the database signals a change to them (SessionStates, below).

import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../../db/engine.ts';
import { isUuid } from '../../db/ids.ts';
import type { DB } from '../../db/schema.ts';
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
  /** When the session ends at the latest (epoch ms); a kept state is not used past it. */
  expiresAtMs: number;
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
  expiresAtMs: 0,
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
  const expiresAtMs = new Date(row.expires_at).getTime();
  const alive = row.status === 'active' && row.revoked_at === null && expiresAtMs > Date.now();
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
    expiresAtMs,
  };
}

type Claims = Parameters<typeof loadSessionState>[1];

interface Kept {
  tenantId: string;
  userId: string;
  state: SessionState;
  readAt: number;
}

// Beyond this many sessions a process simply starts over; it only costs each one a read.
const MAX_KEPT = 10_000;

/**
 * The session check every request makes, kept per process for `maxAgeMs` (default 1 s; 0 reads on
 * every request). Reading it cost a round trip and a quarter of a millisecond of PostgreSQL's time
 * per request, a fifth of what a scan costs in all. Kept only where the database signals changes
 * (PostgreSQL, migration 0011): a workspace's entries are dropped on its signal, which this process
 * hears before its own writes return, so a logout, revocation, deactivation or role change made
 * here applies to the very next request, and one made by another process within milliseconds. The
 * age limit bounds what a missed signal could cost. Only live sessions are kept.
 */
export class SessionStates {
  private readonly kept = new Map<string, Kept>();
  // Bumped by every signal: a read that started before a signal may have seen the old state, so
  // it is used for its own request but not kept.
  private generation = 0;
  private readonly enabled: boolean;
  /** Stops listening (the app's onClose). */
  readonly close: () => void;

  constructor(
    private readonly db: Kysely<DB>,
    database: Pick<Database, 'watchSessionState'>,
    private readonly maxAgeMs: number,
  ) {
    const watch = maxAgeMs > 0 ? database.watchSessionState : undefined;
    this.enabled = watch !== undefined;
    this.close = watch?.((tenantId) => this.forget(tenantId)) ?? (() => {});
  }

  async load(claims: Claims): Promise<SessionState> {
    const now = Date.now();
    const kept = this.enabled ? this.kept.get(claims.sessionId) : undefined;
    if (
      kept &&
      kept.tenantId === claims.tenantId &&
      kept.userId === claims.userId &&
      now - kept.readAt < this.maxAgeMs &&
      now < kept.state.expiresAtMs
    )
      return kept.state;
    const generation = this.generation;
    const state = await loadSessionState(this.db, claims);
    if (this.enabled && state.alive && generation === this.generation) {
      if (this.kept.size >= MAX_KEPT) this.kept.clear();
      this.kept.set(claims.sessionId, {
        tenantId: claims.tenantId,
        userId: claims.userId,
        state,
        readAt: now,
      });
    } else if (this.enabled) {
      this.kept.delete(claims.sessionId);
    }
    return state;
  }

  private forget(tenantId: string): void {
    this.generation += 1;
    if (tenantId === '*') {
      this.kept.clear();
      return;
    }
    for (const [sessionId, kept] of this.kept) if (kept.tenantId === tenantId) this.kept.delete(sessionId);
  }
}
