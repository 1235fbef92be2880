// HTTP for signing in, sessions and the signed-in user's own account.

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { withTenant } from '../../db/tenant.ts';
import type { AppDeps } from '../../deps.ts';
import { AUTHENTICATED } from '../../platform/auth/guard.ts';
import { problem } from '../../platform/errors.ts';
import {
  DeviceSchema,
  IdParams,
  Name,
  NoContent,
  Password,
  Phone,
  StrictObject,
} from '../../platform/http/schemas.ts';
import { findUserView } from '../users/queries.ts';
import { UserSchema } from '../users/schemas.ts';
import { updateOwnProfile } from '../users/service.ts';
import { getWorkspace } from '../workspaces/service.ts';
import {
  BROWSER_CLIENT_HEADER,
  clearRefreshCookie,
  readRefreshCookie,
  refreshTokenFromCookie,
  setRefreshCookie,
  wantsCookie,
} from './refresh-cookie.ts';
import {
  activate,
  type ClientInfo,
  changeOwnPassword,
  confirmTotpSetup,
  disableTotp,
  login,
  logout,
  refresh,
  startTotpSetup,
} from './service.ts';
import {
  listOwnSessions,
  listUserSessions,
  revokeAllUserSessions,
  revokeOneSession,
} from './session-commands.ts';

const WorkspaceCode = Type.String({ minLength: 1, maxLength: 60 });
const TokenPairSchema = Type.Object({
  accessToken: Type.String(),
  refreshToken: Type.Optional(
    Type.String({
      description: `Absent when the request asked for it as a cookie (${BROWSER_CLIENT_HEADER}).`,
    }),
  ),
  tokenType: Type.Literal('Bearer'),
  expiresIn: Type.Integer(),
});
const LoginResponse = Type.Composite([
  TokenPairSchema,
  Type.Object({
    user: Type.Object({
      id: Type.String(),
      email: Type.String(),
      name: Type.String(),
      roles: Type.Array(Type.String()),
      permissions: Type.Array(Type.String()),
      passwordChangeRequired: Type.Boolean(),
    }),
  }),
]);
const SessionSchema = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  current: Type.Boolean(),
  createdAt: Type.String(),
  lastRefreshedAt: Type.String(),
  expiresAt: Type.String(),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
  revokedReason: Type.Union([Type.String(), Type.Null()]),
  device: Type.Object({
    type: Type.Union([Type.String(), Type.Null()]),
    os: Type.Union([Type.String(), Type.Null()]),
    osVersion: Type.Union([Type.String(), Type.Null()]),
    appVersion: Type.Union([Type.String(), Type.Null()]),
  }),
  userAgent: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
});
const SessionList = Type.Object({ data: Type.Array(SessionSchema) });

function clientOf(request: FastifyRequest): ClientInfo {
  return {
    ip: request.ip,
    userAgent: request.headers['user-agent'] ?? null,
    requestId: request.id,
    device: null,
  };
}

export function authRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  const { db } = deps;
  return async (app) => {
    app.post(
      '/auth/login',
      {
        config: { public: true },
        schema: {
          tags: ['sessions'],
          body: StrictObject({
            workspace: WorkspaceCode,
            email: Type.String({ minLength: 1, maxLength: 254 }),
            password: Password,
            otp: Type.Optional(Type.String({ minLength: 6, maxLength: 20 })),
            device: Type.Optional(DeviceSchema),
          }),
          response: { 200: LoginResponse },
        },
      },
      async (request, reply) => {
        try {
          const result = await login(deps, request.body, {
            ...clientOf(request),
            device: request.body.device ?? null,
          });
          request.log.info(
            { event: 'auth_login', outcome: 'success', userId: result.user.id },
            'sign-in succeeded',
          );
          if (!wantsCookie(request)) return result;
          const { refreshToken, ...rest } = result;
          setRefreshCookie(reply, refreshToken, deps.config.sessionMaxSeconds);
          return rest;
        } catch (error) {
          request.log.warn(
            {
              event: 'auth_login',
              outcome: 'failure',
              workspace: request.body.workspace,
              code: (error as { code?: string }).code,
            },
            'sign-in failed',
          );
          throw error;
        }
      },
    );

    app.post(
      '/auth/refresh',
      {
        config: { public: true },
        schema: {
          tags: ['sessions'],
          // Without refreshToken: browser clients spend the cookie (with the browser-client header).
          body: StrictObject({ refreshToken: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }),
          response: { 200: TokenPairSchema },
        },
      },
      async (request, reply) => {
        if (request.body.refreshToken) return refresh(deps, request.body.refreshToken, clientOf(request));
        try {
          const { refreshToken, ...rest } = await refresh(
            deps,
            refreshTokenFromCookie(request),
            clientOf(request),
          );
          setRefreshCookie(reply, refreshToken, deps.config.sessionMaxSeconds);
          return rest;
        } catch (error) {
          // A cookie that no longer works is dropped, so the browser stops offering it.
          if (readRefreshCookie(request)) clearRefreshCookie(reply);
          throw error;
        }
      },
    );

    app.post(
      '/auth/logout',
      {
        config: {
          permission: AUTHENTICATED,
          allowPasswordChangePending: true,
          allowMfaEnrollmentPending: true,
        },
        schema: { tags: ['sessions'], response: { 204: NoContent } },
      },
      async (request, reply) => {
        await logout(db, request.ctx);
        if (readRefreshCookie(request)) clearRefreshCookie(reply);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/auth/activate',
      {
        config: { public: true },
        schema: {
          tags: ['sessions'],
          body: StrictObject({
            workspace: WorkspaceCode,
            code: Type.String({ minLength: 10, maxLength: 100 }),
            password: Password,
          }),
          response: { 204: NoContent },
        },
      },
      async (request, reply) => {
        await activate(deps, request.body, clientOf(request));
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/me',
      {
        config: {
          permission: AUTHENTICATED,
          allowPasswordChangePending: true,
          allowMfaEnrollmentPending: true,
        },
        schema: {
          tags: ['me'],
          response: {
            200: Type.Composite([
              Type.Omit(UserSchema, ['activation']),
              Type.Object({
                sessionId: Type.String(),
                workspace: Type.Object({ code: Type.String(), name: Type.String() }),
              }),
            ]),
          },
        },
      },
      async (request) => {
        const { ctx } = request;
        const user = await withTenant(db, ctx.tenantId, (tx) =>
          findUserView(tx, { tenantId: ctx.tenantId, id: ctx.actor.userId! }),
        );
        if (!user) throw problem('session_revoked');
        const ws = await getWorkspace(db, ctx.tenantId);
        return { ...user, sessionId: ctx.actor.sessionId!, workspace: { code: ws.code, name: ws.name } };
      },
    );

    app.patch(
      '/me',
      {
        config: { permission: AUTHENTICATED },
        schema: {
          tags: ['me'],
          body: StrictObject({
            name: Type.Optional(Name),
            phone: Type.Optional(Type.Union([Phone, Type.Null()])),
          }),
          response: { 200: UserSchema },
        },
      },
      async (request) => updateOwnProfile(db, request.ctx, request.body),
    );

    app.post(
      '/me/password',
      {
        config: {
          permission: AUTHENTICATED,
          allowPasswordChangePending: true,
          allowMfaEnrollmentPending: true,
        },
        schema: {
          tags: ['me'],
          body: StrictObject({ currentPassword: Password, newPassword: Password }),
          response: { 204: NoContent },
        },
      },
      async (request, reply) => {
        await changeOwnPassword(db, request.ctx, request.body);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/me/mfa/totp',
      {
        config: { permission: AUTHENTICATED, allowMfaEnrollmentPending: true },
        schema: {
          tags: ['me'],
          response: { 200: Type.Object({ secret: Type.String(), otpauthUrl: Type.String() }) },
        },
      },
      async (request) => startTotpSetup(db, request.ctx, deps.config.issuer),
    );

    app.post(
      '/me/mfa/totp/confirm',
      {
        config: { permission: AUTHENTICATED, allowMfaEnrollmentPending: true },
        schema: {
          tags: ['me'],
          body: StrictObject({ code: Type.String({ pattern: '^[0-9]{6}$' }) }),
          response: { 200: Type.Object({ recoveryCodes: Type.Array(Type.String()) }) },
        },
      },
      async (request) => confirmTotpSetup(db, request.ctx, request.body.code),
    );

    app.delete(
      '/me/mfa/totp',
      {
        config: { permission: AUTHENTICATED },
        schema: {
          tags: ['me'],
          body: StrictObject({ password: Password, code: Type.String({ minLength: 6, maxLength: 20 }) }),
          response: { 204: NoContent },
        },
      },
      async (request, reply) => {
        await disableTotp(db, request.ctx, request.body);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/sessions',
      {
        config: { permission: AUTHENTICATED },
        schema: { tags: ['sessions'], response: { 200: SessionList } },
      },
      async (request) => ({ data: await listOwnSessions(db, request.ctx) }),
    );

    app.post(
      '/sessions/:id/revoke',
      {
        config: { permission: AUTHENTICATED },
        schema: { tags: ['sessions'], params: IdParams, response: { 204: NoContent } },
      },
      async (request, reply) => {
        await revokeOneSession(db, request.ctx, request.params.id);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/users/:id/sessions',
      {
        config: { permission: 'sessions.manage' },
        schema: { tags: ['sessions'], params: IdParams, response: { 200: SessionList } },
      },
      async (request) => ({ data: await listUserSessions(db, request.ctx, request.params.id) }),
    );

    app.post(
      '/users/:id/sessions/revoke',
      {
        config: { permission: 'sessions.manage' },
        schema: {
          tags: ['sessions'],
          params: IdParams,
          response: { 200: Type.Object({ revoked: Type.Integer() }) },
        },
      },
      async (request) => ({ revoked: await revokeAllUserSessions(db, request.ctx, request.params.id) }),
    );
  };
}
