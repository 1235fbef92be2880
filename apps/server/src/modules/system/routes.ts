// Health, the JWKS that verifies our access tokens, and the OpenAPI document.

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import type { AppDeps } from '../../deps.ts';
import { problem } from '../../platform/errors.ts';

export function systemRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/v1/health',
      {
        config: { public: true },
        schema: { tags: ['system'], response: { 200: Type.Object({ status: Type.Literal('ok') }) } },
      },
      async () => {
        try {
          await sql`select 1`.execute(deps.db);
        } catch {
          throw problem('service_unavailable', 'The database is not reachable.');
        }
        return { status: 'ok' as const };
      },
    );

    app.get(
      '/.well-known/jwks.json',
      { config: { public: true }, schema: { tags: ['system'] } },
      async (_request, reply) => {
        reply.header('Cache-Control', 'public, max-age=300');
        return deps.keys.jwks();
      },
    );

    app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
      app.swagger(),
    );
  };
}
