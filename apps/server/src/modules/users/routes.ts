// HTTP for accounts. Parses and authorizes; the rules live in service.ts.

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { withTenant } from '../../db/tenant.ts';
import type { AppDeps } from '../../deps.ts';
import { IdParams, Page } from '../../platform/http/schemas.ts';
import { idempotencyOf } from '../../platform/idempotency.ts';
import { decodeCursor, isId, PageQuery, toPage } from '../../platform/pagination.ts';
import { listUserViews } from './queries.ts';
import { CreateUserBody, ResetPasswordBody, UpdateUserBody, UserSchema } from './schemas.ts';
import { createUser, deactivateUser, getUser, reactivateUser, resetPassword, updateUser } from './service.ts';

export function userRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  const { db, config } = deps;
  return async (app) => {
    app.post(
      '/users',
      {
        config: { permission: 'users.manage' },
        schema: { tags: ['accounts'], body: CreateUserBody, response: { 201: UserSchema } },
      },
      async (request, reply) => {
        const user = await createUser(db, request.ctx, request.body, {
          activationTtlSeconds: config.activationTtlSeconds,
          idempotency: idempotencyOf(request),
        });
        return reply.code(201).send(user);
      },
    );

    app.get(
      '/users',
      {
        config: { permission: 'users.read' },
        schema: {
          tags: ['accounts'],
          querystring: Type.Object(
            { ...PageQuery, q: Type.Optional(Type.String({ maxLength: 200 })) },
            { additionalProperties: false },
          ),
          response: { 200: Page(UserSchema) },
        },
      },
      async (request) => {
        const limit = request.query.limit ?? 50;
        const after = decodeCursor(request.query.cursor, isId);
        const rows = await withTenant(db, request.ctx.tenantId, (tx) =>
          listUserViews(tx, { tenantId: request.ctx.tenantId, after, limit, search: request.query.q }),
        );
        return toPage(
          rows,
          limit,
          (r) => r,
          (r) => r.id,
        );
      },
    );

    app.get(
      '/users/:id',
      {
        config: { permission: 'users.read' },
        schema: { tags: ['accounts'], params: IdParams, response: { 200: UserSchema } },
      },
      async (request) => getUser(db, request.ctx, request.params.id),
    );

    app.patch(
      '/users/:id',
      {
        config: { permission: 'users.manage' },
        schema: { tags: ['accounts'], params: IdParams, body: UpdateUserBody, response: { 200: UserSchema } },
      },
      async (request) => updateUser(db, request.ctx, request.params.id, request.body),
    );

    app.post(
      '/users/:id/deactivate',
      {
        config: { permission: 'users.manage' },
        schema: { tags: ['accounts'], params: IdParams, response: { 200: UserSchema } },
      },
      async (request) => deactivateUser(db, request.ctx, request.params.id),
    );

    app.post(
      '/users/:id/reactivate',
      {
        config: { permission: 'users.manage' },
        schema: { tags: ['accounts'], params: IdParams, response: { 200: UserSchema } },
      },
      async (request) => reactivateUser(db, request.ctx, request.params.id),
    );

    app.post(
      '/users/:id/reset-password',
      {
        config: { permission: 'users.manage' },
        schema: {
          tags: ['accounts'],
          params: IdParams,
          body: ResetPasswordBody,
          response: { 200: UserSchema },
        },
      },
      async (request) =>
        resetPassword(db, request.ctx, request.params.id, request.body, {
          activationTtlSeconds: config.activationTtlSeconds,
        }),
    );
  };
}
