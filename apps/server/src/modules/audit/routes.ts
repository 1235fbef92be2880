// HTTP for the audit trail: reading it, verifying the chain, and exporting signed checkpoints.

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { withTenant } from '../../db/tenant.ts';
import type { AppDeps } from '../../deps.ts';
import { sealWorkspace } from '../../platform/audit/chain.ts';
import { createCheckpoint, verifyWithCheckpoint } from '../../platform/audit/checkpoint.ts';
import { listAuditEvents } from '../../platform/audit/queries.ts';
import { StrictObject } from '../../platform/http/schemas.ts';
import { decodeCursor, isNumber, PageQuery, toPage } from '../../platform/pagination.ts';

const AuditEvent = Type.Object({
  id: Type.String(),
  seq: Type.Integer(),
  at: Type.String(),
  actor: Type.Union([Type.String(), Type.Null()]),
  actorKind: Type.String(),
  action: Type.String(),
  entity: Type.String(),
  entityId: Type.Union([Type.String(), Type.Null()]),
  summary: Type.Unknown(),
  requestId: Type.Union([Type.String(), Type.Null()]),
  device: Type.Unknown(),
  ip: Type.Union([Type.String(), Type.Null()]),
  chainIndex: Type.Union([Type.Integer(), Type.Null()]),
  hash: Type.Union([Type.String(), Type.Null()]),
});
const VerifyResponse = Type.Object({
  ok: Type.Boolean(),
  events: Type.Integer(),
  head: Type.Object({ chainIndex: Type.Integer(), hash: Type.String() }),
  broken: Type.Optional(
    Type.Object({
      chainIndex: Type.Integer(),
      eventId: Type.Union([Type.String(), Type.Null()]),
      reason: Type.String(),
    }),
  ),
});

export function auditRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  const { db, keys } = deps;
  return async (app) => {
    app.get(
      '/audit',
      {
        config: { permission: 'audit.read' },
        schema: {
          tags: ['audit'],
          querystring: Type.Object(
            {
              ...PageQuery,
              entity: Type.Optional(Type.String({ maxLength: 60 })),
              entityId: Type.Optional(Type.String({ maxLength: 100 })),
              actor: Type.Optional(Type.String({ format: 'uuid' })),
              action: Type.Optional(Type.String({ maxLength: 80 })),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              data: Type.Array(AuditEvent),
              nextCursor: Type.Union([Type.String(), Type.Null()]),
            }),
          },
        },
      },
      async (request) => {
        const { ctx } = request;
        const q = request.query;
        const limit = q.limit ?? 50;
        const before = decodeCursor(q.cursor, isNumber);
        await sealWorkspace(db, ctx.tenantId);
        const rows = await withTenant(db, ctx.tenantId, (tx) =>
          listAuditEvents(tx, { tenantId: ctx.tenantId, beforeSeq: before, ...q, limit: limit + 1 }),
        );
        return toPage(
          rows,
          limit,
          (r) => ({
            id: r.id,
            seq: Number(r.seq),
            at: new Date(r.at).toISOString(),
            actor: r.actor_id,
            actorKind: r.actor_kind,
            action: r.action,
            entity: r.entity,
            entityId: r.entity_id,
            summary: r.summary,
            requestId: r.request_id,
            device: r.device,
            ip: r.ip,
            chainIndex: r.chain_index === null ? null : Number(r.chain_index),
            hash: r.hash,
          }),
          (r) => Number(r.seq),
        );
      },
    );

    app.get(
      '/audit/verify',
      {
        config: { permission: 'audit.read' },
        schema: { tags: ['audit'], response: { 200: VerifyResponse } },
      },
      async (request) => verifyWithCheckpoint(db, keys, request.ctx.tenantId),
    );

    app.post(
      '/audit/verify',
      {
        config: { permission: 'audit.read' },
        schema: {
          tags: ['audit'],
          body: StrictObject({ checkpoint: Type.String({ minLength: 10, maxLength: 4000 }) }),
          response: { 200: VerifyResponse },
        },
      },
      async (request) => verifyWithCheckpoint(db, keys, request.ctx.tenantId, request.body.checkpoint),
    );

    app.post(
      '/audit/checkpoints',
      {
        config: { permission: 'audit.checkpoint' },
        schema: {
          tags: ['audit'],
          response: {
            201: Type.Object({
              checkpoint: Type.String(),
              workspaceId: Type.String(),
              chainIndex: Type.Integer(),
              hash: Type.String(),
              at: Type.String(),
            }),
          },
        },
      },
      async (request, reply) => reply.code(201).send(await createCheckpoint(db, keys, request.ctx)),
    );
  };
}
