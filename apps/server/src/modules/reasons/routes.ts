// HTTP for the reason lists: GET /waste-reasons, PUT /waste-reasons/{code}, and the same for downtime.

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppDeps } from '../../deps.ts';
import { StrictObject } from '../../platform/http/schemas.ts';
import { listReasons, putReason, type ReasonKind } from './service.ts';

const ReasonSchema = Type.Object({ code: Type.String(), name: Type.String(), active: Type.Boolean() });
const ROUTES: { kind: ReasonKind; path: string; read: string; manage: string }[] = [
  { kind: 'waste', path: '/waste-reasons', read: 'stock.read', manage: 'waste_reasons.manage' },
  { kind: 'downtime', path: '/downtime-reasons', read: 'production.read', manage: 'production.manage' },
];

export function reasonRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    for (const r of ROUTES) {
      app.get(
        r.path,
        {
          config: { permission: r.read },
          schema: { tags: ['settings'], response: { 200: Type.Object({ data: Type.Array(ReasonSchema) }) } },
        },
        async (request) => ({ data: await listReasons(deps.db, request.ctx, r.kind) }),
      );
      app.put(
        `${r.path}/:code`,
        {
          config: { permission: r.manage },
          schema: {
            tags: ['settings'],
            params: StrictObject({ code: Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,39}$' }) }),
            body: StrictObject({
              name: Type.String({ minLength: 1, maxLength: 100 }),
              active: Type.Optional(Type.Boolean()),
            }),
            response: { 200: ReasonSchema },
          },
        },
        async (request) =>
          putReason(deps.db, request.ctx, r.kind, {
            code: request.params.code,
            name: request.body.name,
            active: request.body.active ?? true,
          }),
      );
    }
  };
}
