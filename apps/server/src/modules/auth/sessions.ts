// Sessions and their refresh tokens. A refresh token is `<workspace id>.<256-bit secret>`; only
// its SHA-256 is stored. Each use spends it and issues the next; presenting a spent one means it
// was copied, so the whole session is revoked.
import { sql } from 'kysely';
import { newId, newSecret } from '../../db/ids.ts';
import type { Tx } from '../../db/tenant.ts';
import { sha256Hex } from '../../platform/auth/keys.ts';
import type { DeviceInfo } from '../../platform/context.ts';

export interface NewSession {
  tenantId: string;
  userId: string;
  mfa: boolean;
  device: DeviceInfo | null;
  userAgent: string | null;
  ip: string | null;
  maxSeconds: number;
}

export function parseRefreshToken(token: string): { tenantId: string; hash: string } | undefined {
  const match = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return undefined;
  return { tenantId: match[1]!, hash: sha256Hex(token) };
}

export async function issueRefreshToken(tx: Tx, tenantId: string, sessionId: string): Promise<string> {
  const token = `${tenantId}.${newSecret(32)}`;
  await tx
    .insertInto('refresh_tokens')
    .values({ tenant_id: tenantId, token_hash: sha256Hex(token), session_id: sessionId })
    .execute();
  return token;
}

export async function createSession(
  tx: Tx,
  s: NewSession,
): Promise<{ sessionId: string; refreshToken: string }> {
  const sessionId = newId();
  await tx
    .insertInto('sessions')
    .values({
      tenant_id: s.tenantId,
      id: sessionId,
      user_id: s.userId,
      expires_at: new Date(Date.now() + s.maxSeconds * 1000),
      mfa: s.mfa,
      device_type: s.device?.type ?? null,
      os: s.device?.os ?? null,
      os_version: s.device?.osVersion ?? null,
      app_version: s.device?.appVersion ?? null,
      user_agent: s.userAgent?.slice(0, 500) ?? null,
      ip: s.ip,
    })
    .execute();
  return { sessionId, refreshToken: await issueRefreshToken(tx, s.tenantId, sessionId) };
}

export async function revokeSession(
  tx: Tx,
  tenantId: string,
  sessionId: string,
  reason: string,
): Promise<boolean> {
  const result = await tx
    .updateTable('sessions')
    .set({ revoked_at: new Date(), revoked_reason: reason })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Ends every live session of a user (deactivation, password reset), optionally sparing one. */
export async function revokeUserSessions(
  tx: Tx,
  tenantId: string,
  userId: string,
  reason: string,
  except?: string,
) {
  let query = tx
    .updateTable('sessions')
    .set({ revoked_at: new Date(), revoked_reason: reason })
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (except) query = query.where('id', '!=', except);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface SessionView {
  id: string;
  userId: string;
  current: boolean;
  createdAt: string;
  lastRefreshedAt: string;
  expiresAt: string;
  revokedAt: string | null;
  revokedReason: string | null;
  device: { type: string | null; os: string | null; osVersion: string | null; appVersion: string | null };
  userAgent: string | null;
  ip: string | null;
}

export async function listSessions(
  tx: Tx,
  tenantId: string,
  userId: string,
  currentSessionId: string | null,
) {
  const rows = await tx
    .selectFrom('sessions')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    // Parenthesised as a whole: Kysely does not wrap a raw expression, and a bare `or` here would
    // list every session of the workspace created in the last 30 days, whoever's it was.
    .where(
      sql<boolean>`((revoked_at is null and expires_at > now()) or created_at > now() - interval '30 days')`,
    )
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
  return rows.map(
    (r): SessionView => ({
      id: r.id,
      userId: r.user_id,
      current: r.id === currentSessionId,
      createdAt: r.created_at.toISOString(),
      lastRefreshedAt: r.last_refreshed_at.toISOString(),
      expiresAt: new Date(r.expires_at).toISOString(),
      revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
      revokedReason: r.revoked_reason,
      device: { type: r.device_type, os: r.os, osVersion: r.os_version, appVersion: r.app_version },
      userAgent: r.user_agent,
      ip: r.ip,
    }),
  );
}
