// HTTP for roles and the permission catalogue.

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppDeps } from '../../deps.ts';
import { Name, NoContent, StrictObject } from '../../platform/http/schemas.ts';
import { idempotencyOf } from '../../platform/idempotency.ts';
import { allPermissions } from '../../platform/rbac/permissions.ts';
import { RoleKey } from '../users/schemas.ts';
import { createRole, deleteRole, listRoles, updateRole } from './service.ts';

const RoleSchema = Type.Object({
  key: Type.String(),
  name: Type.String(),
  builtin: Type.Boolean(),
  permissions: Type.Array(Type.String()),
});
const PermissionList = Type.Array(Type.String({ maxLength: 80 }), { maxItems: 500 });
const KeyParams = StrictObject({ key: RoleKey });

export function roleRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  const { db } = deps;
  return async (app) => {
    app.get(
      '/permissions',
      {
        config: { permission: 'users.read' },
        schema: {
          tags: ['accounts'],
          response: {
            200: Type.Object({
              data: Type.Array(
                Type.Object({ key: Type.String(), area: Type.String(), description: Type.String() }),
              ),
            }),
          },
        },
      },
      async () => ({ data: allPermissions() }),
    );

    app.get(
      '/roles',
      {
        config: { permission: 'users.read' },
        schema: { tags: ['accounts'], response: { 200: Type.Object({ data: Type.Array(RoleSchema) }) } },
      },
      async (request) => ({ data: await listRoles(db, request.ctx) }),
    );

    app.post(
      '/roles',
      {
        config: { permission: 'roles.manage' },
        schema: {
          tags: ['accounts'],
          body: StrictObject({ key: RoleKey, name: Name, permissions: PermissionList }),
          response: { 201: RoleSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await createRole(db, request.ctx, request.body, idempotencyOf(request))),
    );

    app.patch(
      '/roles/:key',
      {
        config: { permission: 'roles.manage' },
        schema: {
          tags: ['accounts'],
          params: KeyParams,
          body: StrictObject({ name: Type.Optional(Name), permissions: Type.Optional(PermissionList) }),
          response: { 200: RoleSchema },
        },
      },
      async (request) => updateRole(db, request.ctx, request.params.key, request.body),
    );

    app.delete(
      '/roles/:key',
      {
        config: { permission: 'roles.manage' },
        schema: { tags: ['accounts'], params: KeyParams, response: { 204: NoContent } },
      },
      async (request, reply) => {
        await deleteRole(db, request.ctx, request.params.key);
        return reply.code(204).send(null);
      },
    );
  };
}
