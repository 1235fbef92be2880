// HTTP for printing labels: POST /labels → application/pdf or ZPL text.

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppDeps } from '../../deps.ts';
import { StrictObject } from '../../platform/http/schemas.ts';
import { collectLabels, labelsPdf, labelsZpl } from './service.ts';

export function labelRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/labels',
      {
        config: { permission: 'labels.print' },
        schema: {
          tags: ['production'],
          body: StrictObject({
            items: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 500 })),
            locations: Type.Optional(
              Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 500 }),
            ),
            format: Type.Optional(Type.Union([Type.Literal('pdf'), Type.Literal('zpl')])),
            copies: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
          }),
        },
      },
      async (request, reply) => {
        const labels = await collectLabels(deps.db, request.ctx, request.body);
        if (request.body.format === 'zpl')
          return reply.type('text/plain; charset=utf-8').send(labelsZpl(labels));
        return reply
          .type('application/pdf')
          .header('Content-Disposition', 'inline; filename="labels.pdf"')
          .send(await labelsPdf(labels));
      },
    );
  };
}
