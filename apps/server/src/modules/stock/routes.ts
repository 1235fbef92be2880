// HTTP for the ledger: posting and reversing movements, reading movements, stock and valuation,
// waste reasons and the opening-stock import. Each movement type needs its own permission.

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { withTenant } from '../../db/tenant.ts';
import type { AppDeps } from '../../deps.ts';
import { requirePermission } from '../../platform/auth/guard.ts';
import { problem } from '../../platform/errors.ts';
import { IdParams, StrictObject } from '../../platform/http/schemas.ts';
import { idempotencyOf } from '../../platform/idempotency.ts';
import {
  decodeCursor,
  isId,
  isTextUpTo,
  PageQuery,
  PageQueryUpTo,
  toPage,
} from '../../platform/pagination.ts';
import { DecimalValue } from '../items/routes.ts';
import { importOpeningStock } from './import-opening.ts';
import { withoutCosts } from './movement-view.ts';
import { MOVEMENT_PERMISSION, postMovement } from './post-movement.ts';
import {
  isStockKey,
  listMovements,
  STOCK_LIMIT,
  stockKeyOf,
  stockOnHandPage,
  toStockRow,
  totalValue,
  VALUATION_LIMIT,
  valuation,
} from './queries.ts';
import { reverseMovement } from './reverse-movement.ts';
import { StockImportResultSchema, StockListSchema, ValuationAnswerSchema } from './schemas.ts';

const Code = Type.String({ minLength: 1, maxLength: 64 });
const Text = Type.String({ maxLength: 500 });

/** A valuation page's cursor: the SKU of its last row. */
const isSkuText = isTextUpTo(64);

export const MovementSchema = Type.Object({
  id: Type.String(),
  type: Type.String(),
  sku: Type.String(),
  itemId: Type.String(),
  qty: Type.String(),
  enteredQty: Type.Union([Type.String(), Type.Null()]),
  enteredUom: Type.Union([Type.String(), Type.Null()]),
  from: Type.String(),
  to: Type.String(),
  lot: Type.Union([Type.String(), Type.Null()]),
  unitCost: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  value: Type.Optional(Type.String()),
  reference: Type.Union([Type.String(), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  reversalOf: Type.Union([Type.String(), Type.Null()]),
  reversedBy: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  workOrderId: Type.Union([Type.String(), Type.Null()]),
  scan: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  createdBy: Type.Union([Type.String(), Type.Null()]),
});
const MovementType = Type.Union([
  Type.Literal('receive'),
  Type.Literal('move'),
  Type.Literal('waste'),
  Type.Literal('adjust'),
]);

export function stockRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  const { db } = deps;
  return async (app) => {
    app.post(
      '/movements',
      {
        // The type decides the permission (stock.receive, stock.move, …); checked in the handler.
        config: { permission: 'stock.read' },
        schema: {
          tags: ['inventory'],
          body: StrictObject({
            type: MovementType,
            sku: Type.String({ minLength: 1, maxLength: 64 }),
            qty: Type.Optional(DecimalValue),
            countedQty: Type.Optional(DecimalValue),
            uom: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
            from: Type.Optional(Code),
            to: Type.Optional(Code),
            location: Type.Optional(Code),
            lot: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            expiry: Type.Optional(Type.String({ format: 'date' })),
            unitCost: Type.Optional(DecimalValue),
            reference: Type.Optional(Text),
            reason: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            scan: Type.Optional(Type.String({ maxLength: 2000 })),
          }),
          response: { 201: MovementSchema },
        },
      },
      async (request, reply) => {
        const { ctx } = request;
        requirePermission(ctx, MOVEMENT_PERMISSION[request.body.type]);
        const { movement, replayed } = await postMovement(db, ctx, request.body, idempotencyOf(request));
        if (replayed) reply.header('Idempotent-Replayed', 'true');
        return reply.code(201).send(withoutCosts(movement, ctx.actor.permissions.has('valuation.read')));
      },
    );

    app.post(
      '/movements/:id/reverse',
      {
        config: { permission: 'stock.reverse' },
        schema: {
          tags: ['inventory'],
          params: IdParams,
          body: Type.Optional(
            StrictObject({ reason: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }),
          ),
          response: { 201: MovementSchema },
        },
      },
      async (request, reply) => {
        const { ctx } = request;
        const movement = await reverseMovement(
          db,
          ctx,
          request.params.id,
          request.body ?? {},
          idempotencyOf(request),
        );
        return reply.code(201).send(withoutCosts(movement, ctx.actor.permissions.has('valuation.read')));
      },
    );

    app.get(
      '/movements',
      {
        config: { permission: 'stock.read' },
        schema: {
          tags: ['inventory'],
          querystring: Type.Object(
            {
              ...PageQuery,
              sku: Type.Optional(Type.String({ maxLength: 64 })),
              itemId: Type.Optional(Type.String({ format: 'uuid' })),
              location: Type.Optional(Code),
              type: Type.Optional(Type.String({ maxLength: 20 })),
              lot: Type.Optional(Type.String({ maxLength: 64 })),
              user: Type.Optional(Type.String({ format: 'uuid' })),
              from: Type.Optional(Type.String({ format: 'date-time' })),
              to: Type.Optional(Type.String({ format: 'date-time' })),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              data: Type.Array(MovementSchema),
              nextCursor: Type.Union([Type.String(), Type.Null()]),
            }),
          },
        },
      },
      async (request) => {
        const { ctx } = request;
        const q = request.query;
        const limit = q.limit ?? 50;
        const rows = await withTenant(db, ctx.tenantId, (tx) =>
          listMovements(tx, {
            tenantId: ctx.tenantId,
            sku: q.sku,
            itemId: q.itemId,
            location: q.location,
            type: q.type,
            lot: q.lot,
            userId: q.user,
            from: q.from,
            to: q.to,
            before: decodeCursor(q.cursor, isId),
            limit,
          }),
        );
        const costs = ctx.actor.permissions.has('valuation.read');
        return toPage(
          rows,
          limit,
          (m) => withoutCosts(m, costs),
          (m) => m.id,
        );
      },
    );

    app.get(
      '/movements/:id',
      {
        config: { permission: 'stock.read' },
        schema: { tags: ['inventory'], params: IdParams, response: { 200: MovementSchema } },
      },
      async (request) => {
        const { ctx } = request;
        const [movement] = await withTenant(db, ctx.tenantId, (tx) =>
          listMovements(tx, { tenantId: ctx.tenantId, id: request.params.id, limit: 1 }),
        );
        if (!movement) throw problem('movement_not_found');
        return withoutCosts(movement, ctx.actor.permissions.has('valuation.read'));
      },
    );

    app.get(
      '/stock',
      {
        config: { permission: 'stock.read' },
        schema: {
          tags: ['inventory'],
          querystring: Type.Object(
            {
              ...PageQueryUpTo(STOCK_LIMIT),
              sku: Type.Optional(Type.String({ maxLength: 64 })),
              location: Type.Optional(Code),
              lot: Type.Optional(Type.String({ maxLength: 64 })),
            },
            { additionalProperties: false },
          ),
          response: { 200: StockListSchema },
        },
      },
      async (request) => {
        const { ctx } = request;
        const { limit = STOCK_LIMIT, cursor, sku, location, lot } = request.query;
        const after = decodeCursor(cursor, isStockKey);
        const rows = await withTenant(db, ctx.tenantId, (tx) =>
          stockOnHandPage(tx, { tenantId: ctx.tenantId, sku, location, lot, after, limit: limit + 1 }),
        );
        return toPage(rows, limit, toStockRow, stockKeyOf);
      },
    );

    app.get(
      '/valuation',
      {
        config: { permission: 'valuation.read' },
        schema: {
          tags: ['inventory'],
          querystring: Type.Object(
            {
              ...PageQueryUpTo(VALUATION_LIMIT),
              sku: Type.Optional(Type.String({ maxLength: 64 })),
            },
            { additionalProperties: false },
          ),
          response: { 200: ValuationAnswerSchema },
        },
      },
      async (request) => {
        const { ctx } = request;
        const { sku, limit = VALUATION_LIMIT, cursor } = request.query;
        if (sku !== undefined) {
          const [one] = await withTenant(db, ctx.tenantId, (tx) =>
            valuation(tx, { tenantId: ctx.tenantId, sku, limit: 1 }),
          );
          if (!one) throw problem('unknown_sku', `No item has the SKU ${sku}.`);
          return one;
        }
        const after = decodeCursor(cursor, isSkuText);
        // The total is the whole workspace's, whichever page is asked for.
        const { rows, total } = await withTenant(db, ctx.tenantId, async (tx) => ({
          rows: await valuation(tx, { tenantId: ctx.tenantId, after, limit: limit + 1 }),
          total: await totalValue(tx, ctx.tenantId),
        }));
        return {
          ...toPage(
            rows,
            limit,
            (r) => r,
            (r) => r.sku,
          ),
          totalValue: total,
        };
      },
    );

    app.post(
      '/stock/import',
      {
        config: { permission: 'stock.import' },
        schema: {
          tags: ['inventory'],
          body: StrictObject({ csv: Type.String({ minLength: 1, maxLength: 5_000_000 }) }),
          response: { 201: StockImportResultSchema },
        },
        bodyLimit: 6 * 1024 * 1024,
      },
      async (request, reply) =>
        reply.code(201).send(await importOpeningStock(db, request.ctx, request.body.csv)),
    );
  };
}
