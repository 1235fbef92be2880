// HTTP for items and their barcodes. Cost fields (standardCost) are shown only to valuation.read.

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { withTenant } from '../../db/tenant.ts';
import type { AppDeps } from '../../deps.ts';
import { IdParams, Page, StrictObject, Uuid } from '../../platform/http/schemas.ts';
import { idempotencyOf } from '../../platform/idempotency.ts';
import { decodeCursor, isId, PageQuery, toPage } from '../../platform/pagination.ts';
import { importItems } from './import.ts';
import { itemForReader, searchItemViews } from './queries.ts';
import { addBarcode, createItem, getItem, removeBarcode, updateItem } from './service.ts';

export const DecimalValue = Type.Union([Type.String({ maxLength: 40 }), Type.Number()]);
const Sku = Type.String({ minLength: 1, maxLength: 64 });
const Uom = Type.String({ minLength: 1, maxLength: 20 });
const BarcodeInput = Type.Union([
  Type.String({ minLength: 1, maxLength: 200 }),
  StrictObject({ code: Type.String({ minLength: 1, maxLength: 200 }), packQty: Type.Optional(DecimalValue) }),
]);
const UnitInput = StrictObject({ uom: Uom, factor: DecimalValue });

export const ItemSchema = Type.Object({
  id: Type.String(),
  sku: Type.String(),
  name: Type.String(),
  uom: Type.String(),
  active: Type.Boolean(),
  tracking: Type.String(),
  costMethod: Type.String(),
  standardCost: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  minStock: Type.Union([Type.String(), Type.Null()], {
    description:
      'Minimum stock in the stock unit over all internal locations; when a posting takes on-hand below it, item managers are notified. null: none.',
  }),
  barcodes: Type.Array(Type.Object({ code: Type.String(), packQty: Type.String() })),
  units: Type.Array(Type.Object({ uom: Type.String(), factor: Type.String() })),
  createdAt: Type.String(),
});

const Tracking = Type.Union([Type.Literal('none'), Type.Literal('lot')]);
const CostMethod = Type.Union([Type.Literal('fifo'), Type.Literal('average')]);

export function itemRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  const { db } = deps;
  return async (app) => {
    app.post(
      '/items',
      {
        config: { permission: 'items.manage' },
        schema: {
          tags: ['inventory'],
          body: StrictObject({
            sku: Sku,
            name: Type.String({ minLength: 1, maxLength: 200 }),
            uom: Uom,
            barcodes: Type.Optional(Type.Array(BarcodeInput, { maxItems: 50 })),
            tracking: Type.Optional(Tracking),
            costMethod: Type.Optional(CostMethod),
            units: Type.Optional(Type.Array(UnitInput, { maxItems: 20 })),
            standardCost: Type.Optional(Type.Union([DecimalValue, Type.Null()])),
            minStock: Type.Optional(Type.Union([DecimalValue, Type.Null()])),
          }),
          response: { 201: ItemSchema },
        },
      },
      async (request, reply) => {
        const item = await createItem(db, request.ctx, request.body, idempotencyOf(request));
        return reply.code(201).send(itemForReader(request.ctx, item));
      },
    );

    app.get(
      '/items',
      {
        config: { permission: 'items.read' },
        schema: {
          tags: ['inventory'],
          querystring: Type.Object(
            {
              ...PageQuery,
              q: Type.Optional(Type.String({ maxLength: 200 })),
              active: Type.Optional(Type.Boolean()),
            },
            { additionalProperties: false },
          ),
          response: { 200: Page(ItemSchema) },
        },
      },
      async (request) => {
        const { ctx } = request;
        const limit = request.query.limit ?? 50;
        const rows = await withTenant(db, ctx.tenantId, (tx) =>
          searchItemViews(tx, {
            tenantId: ctx.tenantId,
            search: request.query.q,
            after: decodeCursor(request.query.cursor, isId),
            limit,
            active: request.query.active,
          }),
        );
        return toPage(
          rows,
          limit,
          (r) => itemForReader(ctx, r),
          (r) => r.id,
        );
      },
    );

    app.get(
      '/items/:id',
      {
        config: { permission: 'items.read' },
        schema: { tags: ['inventory'], params: IdParams, response: { 200: ItemSchema } },
      },
      async (request) => itemForReader(request.ctx, await getItem(db, request.ctx, request.params.id)),
    );

    app.patch(
      '/items/:id',
      {
        config: { permission: 'items.manage' },
        schema: {
          tags: ['inventory'],
          params: IdParams,
          body: StrictObject({
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            uom: Type.Optional(Uom),
            active: Type.Optional(Type.Boolean()),
            tracking: Type.Optional(Tracking),
            costMethod: Type.Optional(CostMethod),
            units: Type.Optional(Type.Array(UnitInput, { maxItems: 20 })),
            standardCost: Type.Optional(Type.Union([DecimalValue, Type.Null()])),
            minStock: Type.Optional(Type.Union([DecimalValue, Type.Null()])),
          }),
          response: { 200: ItemSchema },
        },
      },
      async (request) =>
        itemForReader(request.ctx, await updateItem(db, request.ctx, request.params.id, request.body)),
    );

    app.post(
      '/items/:id/barcodes',
      {
        config: { permission: 'items.manage' },
        schema: {
          tags: ['inventory'],
          params: IdParams,
          body: StrictObject({
            code: Type.String({ minLength: 1, maxLength: 200 }),
            packQty: Type.Optional(DecimalValue),
          }),
          response: { 201: ItemSchema },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            itemForReader(request.ctx, await addBarcode(db, request.ctx, request.params.id, request.body)),
          ),
    );

    app.delete(
      '/items/:id/barcodes/:code',
      {
        config: { permission: 'items.manage' },
        schema: {
          tags: ['inventory'],
          params: StrictObject({
            id: Type.String({ format: 'uuid' }),
            code: Type.String({ minLength: 1, maxLength: 200 }),
          }),
          response: { 200: ItemSchema },
        },
      },
      async (request) =>
        itemForReader(
          request.ctx,
          await removeBarcode(db, request.ctx, request.params.id, request.params.code),
        ),
    );

    app.post(
      '/items/import',
      {
        config: { permission: 'items.manage' },
        schema: {
          tags: ['inventory'],
          body: StrictObject({ csv: Type.String({ minLength: 1, maxLength: 5_000_000 }) }),
          response: {
            201: Type.Object({
              imported: Type.Integer({ description: 'How many items were created' }),
              ids: Type.Array(Uuid, { description: 'The new items, in the order of the rows' }),
            }),
          },
        },
        bodyLimit: 6 * 1024 * 1024,
      },
      async (request, reply) => reply.code(201).send(await importItems(db, request.ctx, request.body.csv)),
    );
  };
}
