// HTTP for workspace discovery (public) and the workspace's own settings.

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppDeps } from '../../deps.ts';
import { problem } from '../../platform/errors.ts';
import { Name, StrictObject } from '../../platform/http/schemas.ts';
import { getWorkspace, resolveWorkspace, updateWorkspace } from './service.ts';

const SettingsSchema = Type.Object({
  timeZone: Type.String(),
  requireMfaForAdmins: Type.Boolean(),
  allowNegativeStock: Type.Boolean(),
});
const WorkspaceSchema = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  settings: SettingsSchema,
});

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function workspaceRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  const { db, config } = deps;
  return async (app) => {
    app.get(
      '/workspaces/:code',
      {
        config: { public: true },
        schema: {
          tags: ['workspaces'],
          params: StrictObject({ code: Type.String({ minLength: 1, maxLength: 60 }) }),
          response: {
            200: Type.Object({ code: Type.String(), name: Type.String(), apiBaseUrl: Type.String() }),
          },
        },
      },
      async (request) => {
        const origin = config.publicUrl ?? `${request.protocol}://${request.host}`;
        return resolveWorkspace(db, request.params.code, {
          ownApiBaseUrl: `${origin.replace(/\/$/, '')}/api/v1`,
          directoryFile: config.directoryFile,
        });
      },
    );

    app.get(
      '/workspace',
      {
        config: { permission: 'workspace.read' },
        schema: { tags: ['workspaces'], response: { 200: WorkspaceSchema } },
      },
      async (request) => getWorkspace(db, request.ctx.tenantId),
    );

    app.patch(
      '/workspace',
      {
        config: { permission: 'workspace.manage' },
        schema: {
          tags: ['workspaces'],
          body: StrictObject({
            name: Type.Optional(Name),
            settings: Type.Optional(
              StrictObject({
                timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
                requireMfaForAdmins: Type.Optional(Type.Boolean()),
                allowNegativeStock: Type.Optional(Type.Boolean()),
              }),
            ),
          }),
          response: { 200: WorkspaceSchema },
        },
      },
      async (request) => {
        const zone = request.body.settings?.timeZone;
        if (zone !== undefined && !isTimeZone(zone)) {
          throw problem('validation_failed', `Unknown time zone ${zone}`, {
            errors: [{ path: '/settings/timeZone', message: 'unknown IANA time zone' }],
          });
        }
        return updateWorkspace(db, request.ctx, request.body);
      },
    );
  };
}
