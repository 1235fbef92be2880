// HTTP for scan resolution. The code may hold "/" (Digital Link URLs) and GS characters, so it is
// taken from the rest of the path (percent-encoded) or from ?code=.

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppDeps } from '../../deps.ts';
import { ScanResultSchema } from './schemas.ts';
import { resolveScan } from './service.ts';

export function scanRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/scan/*',
      {
        config: { permission: 'items.read' },
        schema: {
          tags: ['inventory'],
          params: Type.Object({ '*': Type.String({ minLength: 1, maxLength: 2000 }) }),
          response: { 200: ScanResultSchema },
        },
      },
      async (request) => resolveScan(deps.db, request.ctx, request.params['*']),
    );
    app.get(
      '/scan',
      {
        config: { permission: 'items.read' },
        schema: {
          tags: ['inventory'],
          querystring: Type.Object(
            { code: Type.String({ minLength: 1, maxLength: 2000 }) },
            { additionalProperties: false },
          ),
          response: { 200: ScanResultSchema },
        },
      },
      async (request) => resolveScan(deps.db, request.ctx, request.query.code),
    );
  };
}
