// HTTP for locations. Retiring (DELETE) keeps the row — the ledger points at it — and marks it inactive.

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { withTenant } from '../../db/tenant.ts';
import type { AppDeps } from '../../deps.ts';
import { IdParams, StrictObject } from '../../platform/http/schemas.ts';
import { idempotencyOf } from '../../platform/idempotency.ts';
import { createLocation, getLocation, listLocations, updateLocation } from './service.ts';

const Code = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$' });
export const LocationSchema = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  virtual: Type.Boolean(),
  parentId: Type.Union([Type.String(), Type.Null()]),
  parent: Type.Union([Type.String(), Type.Null()]),
  path: Type.Array(Type.String()),
  active: Type.Boolean(),
});

export function locationRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  const { db } = deps;
  return async (app) => {
    app.post(
      '/locations',
      {
        config: { permission: 'locations.manage' },
        schema: {
          tags: ['inventory'],
          body: StrictObject({
            code: Code,
            name: Type.String({ minLength: 1, maxLength: 200 }),
            kind: Type.Union([Type.Literal('store'), Type.Literal('floor')]),
            parent: Type.Optional(Code),
          }),
          response: { 201: LocationSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await createLocation(db, request.ctx, request.body, idempotencyOf(request))),
    );

    app.get(
      '/locations',
      {
        config: { permission: 'locations.read' },
        schema: {
          tags: ['inventory'],
          querystring: Type.Object(
            { includeInactive: Type.Optional(Type.Boolean()) },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ data: Type.Array(LocationSchema) }) },
        },
      },
      async (request) => {
        const { ctx } = request;
        const all = await withTenant(db, ctx.tenantId, (tx) => listLocations(tx, ctx.tenantId));
        return { data: request.query.includeInactive ? all : all.filter((l) => l.active) };
      },
    );

    app.get(
      '/locations/:id',
      {
        config: { permission: 'locations.read' },
        schema: { tags: ['inventory'], params: IdParams, response: { 200: LocationSchema } },
      },
      async (request) => getLocation(db, request.ctx, request.params.id),
    );

    app.patch(
      '/locations/:id',
      {
        config: { permission: 'locations.manage' },
        schema: {
          tags: ['inventory'],
          params: IdParams,
          body: StrictObject({
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            parent: Type.Optional(Type.Union([Code, Type.Null()])),
            active: Type.Optional(Type.Boolean()),
          }),
          response: { 200: LocationSchema },
        },
      },
      async (request) => updateLocation(db, request.ctx, request.params.id, request.body),
    );

    app.delete(
      '/locations/:id',
      {
        config: { permission: 'locations.manage' },
        schema: { tags: ['inventory'], params: IdParams, response: { 200: LocationSchema } },
      },
      async (request) => updateLocation(db, request.ctx, request.params.id, { active: false }),
    );
  };
}
