// Signing in and out: login (with throttling and optional TOTP), refresh-token rotation with reuse
// detection, logout, account activation, and the signed-in user's own password and 2FA.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Tx, withTenant } from '../../db/tenant.ts';
import type { AppDeps } from '../../deps.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import { sha256Hex } from '../../platform/auth/keys.ts';
import {
  assertAcceptablePassword,
  decoyPasswordHash,
  hashPassword,
  verifyPassword,
} from '../../platform/auth/passwords.ts';
import {
  accountKey,
  addressKey,
  checkThrottle,
  clearAccountFailures,
  recordFailure,
} from '../../platform/auth/throttle.ts';
import { signAccessToken } from '../../platform/auth/tokens.ts';
import {
  hashRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
  totpUri,
  verifyTotp,
} from '../../platform/auth/totp.ts';
import type { DeviceInfo, RequestContext } from '../../platform/context.ts';
import { decryptField, encryptField } from '../../platform/crypto/keyring.ts';
import { defineErrors, problem } from '../../platform/errors.ts';
import { notifyIfNewDevice, notifyPasswordChanged } from '../notifications/events.ts';
import { findUserByEmail, findUserRow, findUserView, type UserView } from '../users/queries.ts';
import { findWorkspaceByCode } from '../workspaces/service.ts';
import {
  createSession,
  issueRefreshToken,
  parseRefreshToken,
  revokeSession,
  revokeUserSessions,
} from './sessions.ts';

export const authErrors = defineErrors({
  invalid_credentials: { status: 401, title: 'The workspace, email or password is not right' },
  mfa_required: { status: 401, title: 'Enter the code from your authenticator app' },
  invalid_mfa_code: { status: 401, title: 'That two-factor code is not right' },
  invalid_refresh_token: { status: 401, title: 'The refresh token is not valid' },
  refresh_token_reused: {
    status: 401,
    title: 'This refresh token was already used; the session has been ended',
  },
  session_expired: { status: 401, title: 'The session has expired; sign in again' },
  login_throttled: { status: 429, title: 'Too many failed sign-in attempts; try again later' },
  invalid_activation_code: { status: 401, title: 'The activation code is not valid or has expired' },
  wrong_current_password: { status: 403, title: 'The current password is not right' },
  password_unchanged: { status: 422, title: 'The new password must differ from the current one' },
  mfa_already_enabled: { status: 409, title: 'Two-factor sign-in is already on' },
  mfa_not_pending: { status: 409, title: 'Start two-factor setup first' },
  mfa_not_enabled: { status: 409, title: 'Two-factor sign-in is not on' },
});

export interface ClientInfo {
  ip: string;
  userAgent: string | null;
  requestId: string;
  device: DeviceInfo | null;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

export interface LoginResult extends TokenPair {
  user: Pick<UserView, 'id' | 'email' | 'name' | 'roles' | 'permissions' | 'passwordChangeRequired'>;
}

function contextFor(
  tenantId: string,
  userId: string | null,
  sessionId: string | null,
  client: ClientInfo,
): RequestContext {
  return {
    tenantId,
    actor: { kind: 'user', userId, sessionId, permissions: new Set() },
    requestId: client.requestId,
    ip: client.ip,
    device: client.device,
    userAgent: client.userAgent,
  };
}

async function tokenPair(
  deps: AppDeps,
  claims: { tenantId: string; userId: string; sessionId: string },
  refreshToken: string,
) {
  return {
    accessToken: await signAccessToken(deps.keys, deps.tokens, claims),
    refreshToken,
    tokenType: 'Bearer' as const,
    expiresIn: deps.tokens.ttlSeconds,
  };
}

/** Checks a TOTP or recovery code and spends it; false when it is wrong. */
async function spendSecondFactor(
  tx: Tx,
  user: {
    tenant_id: string;
    id: string;
    totp_secret: string | null;
    totp_last_step: number | null;
    recovery_code_hashes: string[];
  },
  code: string,
) {
  const trimmed = code.replace(/\s/g, '');
  if (user.totp_secret && /^\d{6}$/.test(trimmed)) {
    const step = verifyTotp(
      await decryptField(tx, user.tenant_id, user.totp_secret),
      trimmed,
      user.totp_last_step === null ? null : Number(user.totp_last_step),
    );
    if (step === undefined) return false;
    await tx
      .updateTable('users')
      .set({ totp_last_step: step })
      .where('tenant_id', '=', user.tenant_id)
      .where('id', '=', user.id)
      .execute();
    return true;
  }
  const hash = hashRecoveryCode(trimmed);
  if (!user.recovery_code_hashes.includes(hash)) return false;
  await tx
    .updateTable('users')
    .set({ recovery_code_hashes: user.recovery_code_hashes.filter((h) => h !== hash) })
    .where('tenant_id', '=', user.tenant_id)
    .where('id', '=', user.id)
    .execute();
  return true;
}

export interface LoginInput {
  workspace: string;
  email: string;
  password: string;
  otp?: string | undefined;
  device?: DeviceInfo | undefined;
}

export async function login(deps: AppDeps, input: LoginInput, client: ClientInfo): Promise<LoginResult> {
  const { db, config } = deps;
  const keys = { account: accountKey(input.workspace, input.email), address: addressKey(client.ip) };
  const verdict = await checkThrottle(db, config.loginThrottle, keys);
  const throttled = () =>
    problem('login_throttled', undefined, {}, { 'Retry-After': String(verdict.retryAfterSeconds) });
  if (verdict.addressBlocked) throw throttled();

  const workspace = await findWorkspaceByCode(db, input.workspace);
  const attempt = workspace
    ? await withTenant(db, workspace.id, async (tx) => {
        const user = await findUserByEmail(tx, { tenantId: workspace.id, email: input.email });
        const knownAddress = user
          ? await tx
              .selectFrom('sessions')
              .select('id')
              .where('tenant_id', '=', workspace.id)
              .where('user_id', '=', user.id)
              .where('ip', '=', client.ip)
              .where('created_at', '>', sql<Date>`now() - interval '30 days'`)
              .limit(1)
              .executeTakeFirst()
          : undefined;
        return { user, knownAddress: knownAddress !== undefined };
      })
    : { user: undefined, knownAddress: false };
  if (verdict.accountBlocked && !attempt.knownAddress) throw throttled();

  const user = attempt.user;
  const passwordOk = await verifyPassword(user?.password_hash ?? (await decoyPasswordHash()), input.password);
  if (!workspace || !user || !passwordOk || !user.password_hash || user.status !== 'active') {
    await recordFailure(db, keys);
    throw problem('invalid_credentials');
  }

  const result = await withTenant(db, workspace.id, async (tx) => {
    const fresh = (await findUserRow(tx, { tenantId: workspace.id, id: user.id }))!;
    const mfa = fresh.totp_enabled_at !== null;
    if (mfa) {
      if (!input.otp) return { outcome: 'mfa_required' as const };
      if (!(await spendSecondFactor(tx, fresh, input.otp))) return { outcome: 'mfa_failed' as const };
    }
    const device = input.device ?? null;
    const clientWithDevice = { ...client, device };
    const session = await createSession(tx, {
      tenantId: workspace.id,
      userId: user.id,
      mfa,
      device,
      userAgent: client.userAgent,
      ip: client.ip,
      maxSeconds: config.sessionMaxSeconds,
    });
    await recordAudit(tx, contextFor(workspace.id, user.id, session.sessionId, clientWithDevice), {
      action: 'auth.login',
      entity: 'session',
      entityId: session.sessionId,
      summary: { mfa, deviceType: device?.type ?? null },
    });
    await notifyIfNewDevice(tx, {
      tenantId: workspace.id,
      userId: user.id,
      sessionId: session.sessionId,
      device,
      userAgent: client.userAgent,
      ip: client.ip,
    });
    const view = (await findUserView(tx, { tenantId: workspace.id, id: user.id }))!;
    return { outcome: 'ok' as const, session, view };
  });
  if (result.outcome === 'mfa_required') throw problem('mfa_required');
  if (result.outcome === 'mfa_failed') {
    await recordFailure(db, keys);
    throw problem('invalid_mfa_code');
  }
  await clearAccountFailures(db, keys.account);
  const { session, view } = result;
  const pair = await tokenPair(
    deps,
    { tenantId: workspace.id, userId: user.id, sessionId: session.sessionId },
    session.refreshToken,
  );
  return {
    ...pair,
    user: {
      id: view.id,
      email: view.email,
      name: view.name,
      roles: view.roles,
      permissions: view.permissions,
      passwordChangeRequired: view.passwordChangeRequired,
    },
  };
}

export async function refresh(deps: AppDeps, refreshToken: string, client: ClientInfo): Promise<TokenPair> {
  const parsed = parseRefreshToken(refreshToken);
  if (!parsed) throw problem('invalid_refresh_token');
  const { config } = deps;
  const outcome = await withTenant(deps.db, parsed.tenantId, async (tx) => {
    const spent = await tx
      .updateTable('refresh_tokens')
      .set({ used_at: new Date() })
      .where('tenant_id', '=', parsed.tenantId)
      .where('token_hash', '=', parsed.hash)
      .where('used_at', 'is', null)
      .returning('session_id')
      .executeTakeFirst();
    if (!spent) {
      const reused = await tx
        .selectFrom('refresh_tokens')
        .innerJoin('sessions', (j) =>
          j
            .onRef('sessions.tenant_id', '=', 'refresh_tokens.tenant_id')
            .onRef('sessions.id', '=', 'refresh_tokens.session_id'),
        )
        .select(['refresh_tokens.session_id', 'sessions.user_id'])
        .where('refresh_tokens.tenant_id', '=', parsed.tenantId)
        .where('refresh_tokens.token_hash', '=', parsed.hash)
        .executeTakeFirst();
      if (!reused) return { kind: 'invalid' as const };
      // A spent token presented again: whoever holds it copied it. End the session for everyone.
      if (await revokeSession(tx, parsed.tenantId, reused.session_id, 'refresh_token_reuse')) {
        await recordAudit(tx, contextFor(parsed.tenantId, reused.user_id, reused.session_id, client), {
          action: 'auth.refresh_token_reuse',
          entity: 'session',
          entityId: reused.session_id,
        });
      }
      return { kind: 'reused' as const };
    }
    const session = await tx
      .selectFrom('sessions')
      .innerJoin('users', (j) =>
        j.onRef('users.tenant_id', '=', 'sessions.tenant_id').onRef('users.id', '=', 'sessions.user_id'),
      )
      .select([
        'sessions.id',
        'sessions.user_id',
        'sessions.revoked_at',
        'sessions.expires_at',
        'sessions.last_refreshed_at',
        'users.status',
      ])
      .where('sessions.tenant_id', '=', parsed.tenantId)
      .where('sessions.id', '=', spent.session_id)
      .executeTakeFirstOrThrow();
    const now = Date.now();
    const idleFor = now - new Date(session.last_refreshed_at).getTime();
    if (session.revoked_at || session.status !== 'active') return { kind: 'revoked' as const };
    if (new Date(session.expires_at).getTime() <= now || idleFor > config.sessionIdleSeconds * 1000) {
      await revokeSession(tx, parsed.tenantId, session.id, 'expired');
      return { kind: 'expired' as const };
    }
    await tx
      .updateTable('sessions')
      .set({ last_refreshed_at: new Date(now), ip: client.ip })
      .where('tenant_id', '=', parsed.tenantId)
      .where('id', '=', session.id)
      .execute();
    const next = await issueRefreshToken(tx, parsed.tenantId, session.id);
    return { kind: 'ok' as const, sessionId: session.id, userId: session.user_id, refreshToken: next };
  });
  switch (outcome.kind) {
    case 'invalid':
      throw problem('invalid_refresh_token');
    case 'reused':
      throw problem('refresh_token_reused');
    case 'revoked':
      throw problem('session_revoked');
    case 'expired':
      throw problem('session_expired');
  }
  return tokenPair(
    deps,
    { tenantId: parsed.tenantId, userId: outcome.userId, sessionId: outcome.sessionId },
    outcome.refreshToken,
  );
}

export async function logout(db: Kysely<DB>, ctx: RequestContext): Promise<void> {
  await withTenant(db, ctx.tenantId, async (tx) => {
    if (ctx.actor.sessionId && (await revokeSession(tx, ctx.tenantId, ctx.actor.sessionId, 'logout'))) {
      await recordAudit(tx, ctx, { action: 'auth.logout', entity: 'session', entityId: ctx.actor.sessionId });
    }
  });
}

export async function activate(
  deps: AppDeps,
  input: { workspace: string; code: string; password: string },
  client: ClientInfo,
): Promise<void> {
  // Activation codes carry 256 bits, so guessing is hopeless; the per-address limit still stops floods.
  const keys = { account: `activate:${addressKey(client.ip)}`, address: addressKey(client.ip) };
  const verdict = await checkThrottle(deps.db, deps.config.loginThrottle, keys);
  if (verdict.addressBlocked) {
    throw problem('login_throttled', undefined, {}, { 'Retry-After': String(verdict.retryAfterSeconds) });
  }
  assertAcceptablePassword(input.password);
  const workspace = await findWorkspaceByCode(deps.db, input.workspace);
  const passwordHash = await hashPassword(input.password);
  const ok = workspace
    ? await withTenant(deps.db, workspace.id, async (tx) => {
        const spent = await tx
          .updateTable('activation_codes')
          .set({ used_at: new Date() })
          .where('tenant_id', '=', workspace.id)
          .where('code_hash', '=', sha256Hex(input.code.trim()))
          .where('used_at', 'is', null)
          .where('expires_at', '>', new Date())
          .returning('user_id')
          .executeTakeFirst();
        if (!spent) return false;
        const updated = await tx
          .updateTable('users')
          .set({ password_hash: passwordHash, password_change_required: false, updated_at: new Date() })
          .where('tenant_id', '=', workspace.id)
          .where('id', '=', spent.user_id)
          .where('status', '=', 'active')
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) === 0) return false;
        await recordAudit(tx, contextFor(workspace.id, spent.user_id, null, client), {
          action: 'auth.activate',
          entity: 'user',
          entityId: spent.user_id,
        });
        return true;
      })
    : false;
  if (!ok) {
    await recordFailure(deps.db, keys);
    throw problem('invalid_activation_code');
  }
}

export async function changeOwnPassword(
  db: Kysely<DB>,
  ctx: RequestContext,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const userId = ctx.actor.userId!;
  const user = await withTenant(db, ctx.tenantId, (tx) =>
    findUserRow(tx, { tenantId: ctx.tenantId, id: userId }),
  );
  if (!user?.password_hash || !(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw problem('wrong_current_password');
  }
  if (input.newPassword === input.currentPassword) throw problem('password_unchanged');
  assertAcceptablePassword(input.newPassword, 'newPassword');
  const passwordHash = await hashPassword(input.newPassword);
  await withTenant(db, ctx.tenantId, async (tx) => {
    await tx
      .updateTable('users')
      .set({ password_hash: passwordHash, password_change_required: false, updated_at: new Date() })
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', userId)
      .execute();
    const ended = await revokeUserSessions(
      tx,
      ctx.tenantId,
      userId,
      'password_changed',
      ctx.actor.sessionId ?? undefined,
    );
    await recordAudit(tx, ctx, {
      action: 'user.password_change',
      entity: 'user',
      entityId: userId,
      summary: { otherSessionsEnded: ended },
    });
    await notifyPasswordChanged(tx, ctx.tenantId, userId);
  });
}

export async function startTotpSetup(db: Kysely<DB>, ctx: RequestContext, issuer: string) {
  const userId = ctx.actor.userId!;
  return withTenant(db, ctx.tenantId, async (tx) => {
    const user = (await findUserRow(tx, { tenantId: ctx.tenantId, id: userId }))!;
    if (user.totp_enabled_at) throw problem('mfa_already_enabled');
    const secret = newTotpSecret();
    await tx
      .updateTable('users')
      .set({ totp_pending_secret: await encryptField(tx, ctx.tenantId, secret) })
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', userId)
      .execute();
    await recordAudit(tx, ctx, { action: 'user.mfa_setup_start', entity: 'user', entityId: userId });
    return { secret, otpauthUrl: totpUri(secret, user.email, issuer) };
  });
}

export async function confirmTotpSetup(db: Kysely<DB>, ctx: RequestContext, code: string) {
  const userId = ctx.actor.userId!;
  return withTenant(db, ctx.tenantId, async (tx) => {
    const user = (await findUserRow(tx, { tenantId: ctx.tenantId, id: userId }))!;
    if (user.totp_enabled_at) throw problem('mfa_already_enabled');
    if (!user.totp_pending_secret) throw problem('mfa_not_pending');
    const step = verifyTotp(
      await decryptField(tx, ctx.tenantId, user.totp_pending_secret),
      code.trim(),
      null,
    );
    if (step === undefined) throw problem('invalid_mfa_code');
    const recovery = newRecoveryCodes();
    await tx
      .updateTable('users')
      .set({
        totp_secret: user.totp_pending_secret,
        totp_pending_secret: null,
        totp_enabled_at: new Date(),
        totp_last_step: step,
        recovery_code_hashes: recovery.hashes,
      })
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', userId)
      .execute();
    await recordAudit(tx, ctx, { action: 'user.mfa_enable', entity: 'user', entityId: userId });
    return { recoveryCodes: recovery.codes };
  });
}

export async function disableTotp(
  db: Kysely<DB>,
  ctx: RequestContext,
  input: { password: string; code: string },
) {
  const userId = ctx.actor.userId!;
  const user = await withTenant(db, ctx.tenantId, (tx) =>
    findUserRow(tx, { tenantId: ctx.tenantId, id: userId }),
  );
  if (!user?.password_hash || !(await verifyPassword(user.password_hash, input.password)))
    throw problem('wrong_current_password');
  if (!user.totp_enabled_at) throw problem('mfa_not_enabled');
  await withTenant(db, ctx.tenantId, async (tx) => {
    const fresh = (await findUserRow(tx, { tenantId: ctx.tenantId, id: userId }))!;
    if (!(await spendSecondFactor(tx, fresh, input.code))) throw problem('invalid_mfa_code');
    await tx
      .updateTable('users')
      .set({ totp_secret: null, totp_enabled_at: null, totp_last_step: null, recovery_code_hashes: [] })
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', userId)
      .execute();
    await recordAudit(tx, ctx, { action: 'user.mfa_disable', entity: 'user', entityId: userId });
  });
}
