// HTTP for statistics: the summary for a period, and the live stream of change signals
// (server-sent events, read by the browser with fetch streaming and the bearer token).

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { withTenant } from '../../db/tenant.ts';
import type { AppDeps } from '../../deps.ts';
import { loadSessionState } from '../../platform/auth/session-state.ts';
import { problem } from '../../platform/errors.ts';
import type { ChangeFeed, ChangeSignal } from './live.ts';
import { StatsSummarySchema } from './schemas.ts';
import { preferCustomPlans, statsSummary } from './summary.ts';

const HEARTBEAT_MS = 15_000;

export function statsRoutes(deps: AppDeps, feed: () => Promise<ChangeFeed>): FastifyPluginAsyncTypebox {
  const { db } = deps;
  return async (app) => {
    app.get(
      '/stats/summary',
      {
        config: { permission: 'stats.read' },
        schema: {
          tags: ['statistics'],
          querystring: Type.Object(
            {
              from: Type.Optional(Type.String({ format: 'date-time' })),
              to: Type.Optional(Type.String({ format: 'date-time' })),
              bucket: Type.Optional(Type.Union([Type.Literal('hour'), Type.Literal('day')])),
              sku: Type.Optional(Type.String({ maxLength: 64 })),
              location: Type.Optional(Type.String({ maxLength: 64 })),
              workCenter: Type.Optional(Type.String({ maxLength: 64 })),
              operator: Type.Optional(Type.String({ format: 'uuid' })),
            },
            { additionalProperties: false },
          ),
          response: { 200: StatsSummarySchema },
        },
      },
      async (request) => {
        const { ctx } = request;
        const q = request.query;
        if (q.from && q.to && Date.parse(q.from) >= Date.parse(q.to)) {
          throw problem('validation_failed', 'from must be before to', {
            errors: [{ path: '/querystring/to', message: 'must be after from' }],
          });
        }
        return withTenant(db, ctx.tenantId, async (tx) => {
          await preferCustomPlans(tx);
          const idOf = async (
            table: 'items' | 'locations' | 'work_centers',
            column: 'sku' | 'code',
            value: string | undefined,
            code: string,
          ) => {
            if (value === undefined) return undefined;
            const row = await tx
              .selectFrom(table)
              .select('id')
              .where('tenant_id', '=', ctx.tenantId)
              .where(column as 'code', '=', value)
              .executeTakeFirst();
            if (!row) throw problem(code, `Nothing has the code ${value}.`);
            return row.id;
          };
          return statsSummary(tx, ctx, {
            from: q.from,
            to: q.to,
            bucket: q.bucket,
            itemId: await idOf('items', 'sku', q.sku, 'unknown_sku'),
            locationId: await idOf('locations', 'code', q.location, 'unknown_location'),
            workCenterId: await idOf('work_centers', 'code', q.workCenter, 'unknown_work_center'),
            userId: q.operator,
          });
        });
      },
    );

    // Server-sent events, not JSON: the handler writes the stream itself, so there is no response
    // schema to declare.
    app.get(
      '/stats/stream',
      { config: { permission: 'stats.read' }, schema: { tags: ['statistics'] } },
      async (request, reply) => {
        const { ctx } = request;
        const changes = await feed();
        const lastSeen = request.headers['last-event-id'];
        reply.hijack();
        const res = reply.raw;
        res.writeHead(200, {
          'Content-Type': 'text/event-stream; charset=utf-8',
          'Cache-Control': 'no-store',
          Connection: 'keep-alive',
          'X-Accel-Buffering': 'no',
          'X-Content-Type-Options': 'nosniff',
        });
        const send = (signal: ChangeSignal) => {
          res.write(
            `id: ${signal.watermark}\nevent: changed\ndata: ${JSON.stringify({ at: signal.at, watermark: signal.watermark })}\n\n`,
          );
        };
        const unsubscribe = changes.subscribe(ctx.tenantId, send);
        const watermark = await changes.currentWatermark();
        res.write(`retry: 2000\nid: ${watermark}\nevent: ready\ndata: ${JSON.stringify({ watermark })}\n\n`);
        // Resuming: anything committed since the client's last signal is reported straight away.
        if (typeof lastSeen === 'string' && (await changes.changedSince(ctx.tenantId, lastSeen))) {
          send({ tenantId: ctx.tenantId, watermark, at: new Date().toISOString() });
        }
        const heartbeat = setInterval(async () => {
          // A stream lives for hours: it ends when its session does (logout, deactivation, revocation).
          const state = await loadSessionState(db, {
            tenantId: ctx.tenantId,
            userId: ctx.actor.userId!,
            sessionId: ctx.actor.sessionId!,
          }).catch(() => undefined);
          if (!state?.alive || !state.permissions.has('stats.read')) {
            res.end();
            return;
          }
          res.write(': heartbeat\n\n');
        }, HEARTBEAT_MS);
        heartbeat.unref();
        request.raw.on('close', () => {
          clearInterval(heartbeat);
          unsubscribe();
        });
      },
    );
  };
}
