// HTTP for production: work centers, BOMs, routings, work orders, step events and travelers.

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type Static, type TObject, Type } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { withTenant } from '../../db/tenant.ts';
import type { AppDeps } from '../../deps.ts';
import { IdParams, StrictObject } from '../../platform/http/schemas.ts';
import { idempotencyOf } from '../../platform/idempotency.ts';
import { decodeCursor, isId, PageQuery, PageQueryUpTo, toPage } from '../../platform/pagination.ts';
import { DecimalValue } from '../items/routes.ts';
import { getWorkspace } from '../workspaces/service.ts';
import { bomDocument, createBom } from './boms.ts';
import { isStepEventKey, listStepEvents, STEP_EVENT_LIST_LIMIT, stepEventKeyOf } from './events-query.ts';
import { createRouting, routingDocument } from './routings.ts';
import {
  BomListSchema,
  BomSchema,
  RoutingListSchema,
  RoutingSchema,
  ShiftsSchema,
  StepEventListSchema,
  StepEventSchema,
  WorkCenterListSchema,
  WorkCenterSchema,
  WorkOrderPageSchema,
  WorkOrderSchema,
} from './schemas.ts';
import { postStepEvent } from './step-events.ts';
import { renderTraveler } from './traveler.ts';
import {
  activateVersionCommand,
  getVersion,
  listVersions,
  VERSION_LIST_LIMIT,
  type VersionedDocument,
  type VersionView,
} from './versions.ts';
import {
  createWorkCenter,
  getWorkCenter,
  isWorkCenterKey,
  listShifts,
  listWorkCenters,
  replaceShifts,
  updateWorkCenter,
  WORK_CENTER_LIST_LIMIT,
  workCenterKeyOf,
} from './work-centers.ts';
import { findWorkOrders } from './work-order-view.ts';
import { cancelWorkOrder, createWorkOrder, getWorkOrder, releaseWorkOrder } from './work-orders.ts';

const Code = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$' });
const Sku = Type.String({ minLength: 1, maxLength: 64 });

export function productionRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  const { db } = deps;
  return async (app) => {
    // Work centers
    app.post(
      '/work-centers',
      {
        config: { permission: 'production.manage' },
        schema: {
          tags: ['production'],
          body: StrictObject({
            code: Code,
            name: Type.String({ minLength: 1, maxLength: 200 }),
            location: Type.Optional(Code),
          }),
          response: { 201: WorkCenterSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await createWorkCenter(db, request.ctx, request.body, idempotencyOf(request))),
    );
    app.get(
      '/work-centers',
      {
        config: { permission: 'production.read' },
        schema: {
          tags: ['production'],
          description: `By code, up to ${WORK_CENTER_LIST_LIMIT} a page (the default).`,
          querystring: Type.Object(PageQueryUpTo(WORK_CENTER_LIST_LIMIT), { additionalProperties: false }),
          response: { 200: WorkCenterListSchema },
        },
      },
      async (request) => {
        const { ctx } = request;
        const { limit = WORK_CENTER_LIST_LIMIT, cursor } = request.query;
        const after = decodeCursor(cursor, isWorkCenterKey);
        const rows = await withTenant(db, ctx.tenantId, (tx) =>
          listWorkCenters(tx, { tenantId: ctx.tenantId, after, limit }),
        );
        return toPage(rows, limit, (w) => w, workCenterKeyOf);
      },
    );
    app.get(
      '/work-centers/:id',
      {
        config: { permission: 'production.read' },
        schema: { tags: ['production'], params: IdParams, response: { 200: WorkCenterSchema } },
      },
      async (request) => getWorkCenter(db, request.ctx, request.params.id),
    );
    app.patch(
      '/work-centers/:id',
      {
        config: { permission: 'production.manage' },
        schema: {
          tags: ['production'],
          params: IdParams,
          body: StrictObject({
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            location: Type.Optional(Type.Union([Code, Type.Null()])),
            active: Type.Optional(Type.Boolean()),
          }),
          response: { 200: WorkCenterSchema },
        },
      },
      async (request) => updateWorkCenter(db, request.ctx, request.params.id, request.body),
    );

    app.get(
      '/work-centers/:id/shifts',
      {
        config: { permission: 'production.read' },
        schema: { tags: ['production'], params: IdParams, response: { 200: ShiftsSchema } },
      },
      async (request) => ({ data: await listShifts(db, request.ctx, request.params.id) }),
    );
    app.put(
      '/work-centers/:id/shifts',
      {
        config: { permission: 'production.manage' },
        schema: {
          tags: ['production'],
          params: IdParams,
          body: StrictObject({
            shifts: Type.Array(
              StrictObject({
                weekday: Type.Integer({ minimum: 0, maximum: 6, description: '0 = Sunday' }),
                starts: Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' }),
                ends: Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' }),
              }),
              { maxItems: 50 },
            ),
          }),
          response: { 200: ShiftsSchema },
        },
      },
      async (request) => ({
        data: await replaceShifts(db, request.ctx, request.params.id, request.body.shifts),
      }),
    );

    // Bills of materials
    app.post(
      '/boms',
      {
        config: { permission: 'production.manage' },
        schema: {
          tags: ['production'],
          body: StrictObject({
            sku: Sku,
            outputQty: DecimalValue,
            components: Type.Array(
              StrictObject({ sku: Sku, qty: DecimalValue, scrapAllowance: Type.Optional(DecimalValue) }),
              { maxItems: 200 },
            ),
          }),
          response: { 201: BomSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await createBom(db, request.ctx, request.body, idempotencyOf(request))),
    );
    versionedDocumentRoutes(app, db, '/boms', bomDocument, { one: BomSchema, page: BomListSchema });

    // Routings
    app.post(
      '/routings',
      {
        config: { permission: 'production.manage' },
        schema: {
          tags: ['production'],
          body: StrictObject({
            sku: Sku,
            steps: Type.Array(
              StrictObject({
                seq: Type.Integer({ minimum: 1, maximum: 999999 }),
                name: Type.String({ minLength: 1, maxLength: 100 }),
                workCenter: Code,
                stdMinutesPerUnit: Type.Optional(DecimalValue),
              }),
              { minItems: 1, maxItems: 100 },
            ),
          }),
          response: { 201: RoutingSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await createRouting(db, request.ctx, request.body, idempotencyOf(request))),
    );
    versionedDocumentRoutes(app, db, '/routings', routingDocument, {
      one: RoutingSchema,
      page: RoutingListSchema,
    });

    // Work orders
    app.post(
      '/work-orders',
      {
        config: { permission: 'production.manage' },
        schema: {
          tags: ['production'],
          body: StrictObject({
            sku: Sku,
            qty: DecimalValue,
            componentsFrom: Code,
            outputTo: Code,
            dueDate: Type.Optional(Type.String({ format: 'date' })),
            bomId: Type.Optional(Type.String({ format: 'uuid' })),
            routingId: Type.Optional(Type.String({ format: 'uuid' })),
          }),
          response: { 201: WorkOrderSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await createWorkOrder(db, request.ctx, request.body, idempotencyOf(request))),
    );
    app.get(
      '/work-orders',
      {
        config: { permission: 'production.read' },
        schema: {
          tags: ['production'],
          querystring: Type.Object(
            {
              ...PageQuery,
              status: Type.Optional(
                Type.Union(
                  ['draft', 'released', 'in_progress', 'done', 'cancelled'].map((s) => Type.Literal(s)),
                ),
              ),
              sku: Type.Optional(Sku),
              workCenter: Type.Optional(Code),
              dueFrom: Type.Optional(Type.String({ format: 'date' })),
              dueTo: Type.Optional(Type.String({ format: 'date' })),
            },
            { additionalProperties: false },
          ),
          response: { 200: WorkOrderPageSchema },
        },
      },
      async (request) => {
        const { ctx } = request;
        const q = request.query;
        const limit = q.limit ?? 50;
        const rows = await withTenant(db, ctx.tenantId, (tx) =>
          findWorkOrders(
            tx,
            {
              tenantId: ctx.tenantId,
              status: q.status,
              sku: q.sku,
              workCenter: q.workCenter,
              dueFrom: q.dueFrom,
              dueTo: q.dueTo,
              before: decodeCursor(q.cursor, isId),
              limit,
            },
            ctx.actor.permissions.has('valuation.read'),
          ),
        );
        return toPage(
          rows,
          limit,
          (r) => r,
          (r) => r.id,
        );
      },
    );
    app.get(
      '/work-orders/:id',
      {
        config: { permission: 'production.read' },
        schema: { tags: ['production'], params: IdParams, response: { 200: WorkOrderSchema } },
      },
      async (request) => getWorkOrder(db, request.ctx, request.params.id),
    );
    app.post(
      '/work-orders/:id/release',
      {
        config: { permission: 'production.manage' },
        schema: { tags: ['production'], params: IdParams, response: { 200: WorkOrderSchema } },
      },
      async (request) => releaseWorkOrder(db, request.ctx, request.params.id),
    );
    app.post(
      '/work-orders/:id/cancel',
      {
        config: { permission: 'production.manage' },
        schema: {
          tags: ['production'],
          params: IdParams,
          // Optional, as for a reversal: cancelling without a reason needs no body at all.
          body: Type.Optional(
            StrictObject({
              reason: Type.Optional(
                Type.String({
                  maxLength: 200,
                  description: 'Kept on the order as `cancelReason` (trimmed; blank means none given).',
                }),
              ),
            }),
          ),
          response: { 200: WorkOrderSchema },
        },
      },
      async (request) => cancelWorkOrder(db, request.ctx, request.params.id, request.body ?? {}),
    );
    app.post(
      '/work-orders/:id/events',
      {
        config: { permission: 'production.record' },
        schema: {
          tags: ['production'],
          params: IdParams,
          body: StrictObject({
            step: Type.Integer({ minimum: 1, maximum: 999999 }),
            action: Type.Union(
              ['start', 'pause', 'resume', 'complete', 'correct'].map((a) => Type.Literal(a)),
            ),
            goodQty: Type.Optional(DecimalValue),
            scrapQty: Type.Optional(DecimalValue),
            scrapReason: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
            reason: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
            corrects: Type.Optional(Type.String({ format: 'uuid' })),
            workCenter: Type.Optional(Code),
            note: Type.Optional(Type.String({ maxLength: 500 })),
            scan: Type.Optional(Type.String({ maxLength: 2000 })),
          }),
          response: { 201: StepEventSchema },
        },
      },
      async (request, reply) => {
        const body = request.body as Parameters<typeof postStepEvent>[3];
        return reply
          .code(201)
          .send(await postStepEvent(db, request.ctx, request.params.id, body, idempotencyOf(request)));
      },
    );
    app.get(
      '/work-orders/:id/events',
      {
        config: { permission: 'production.read' },
        schema: {
          tags: ['production'],
          description: `Oldest first, up to ${STEP_EVENT_LIST_LIMIT} a page (the default).`,
          params: IdParams,
          querystring: Type.Object(PageQueryUpTo(STEP_EVENT_LIST_LIMIT), { additionalProperties: false }),
          response: { 200: StepEventListSchema },
        },
      },
      async (request) => {
        const { ctx } = request;
        const { limit = STEP_EVENT_LIST_LIMIT, cursor } = request.query;
        const after = decodeCursor(cursor, isStepEventKey);
        const rows = await withTenant(db, ctx.tenantId, (tx) =>
          listStepEvents(tx, { tenantId: ctx.tenantId, workOrderId: request.params.id, after, limit }),
        );
        return toPage(rows, limit, ({ atKey: _, ...event }) => event, stepEventKeyOf);
      },
    );
    app.get(
      '/work-orders/:id/traveler.pdf',
      { config: { permission: 'labels.print' }, schema: { tags: ['production'], params: IdParams } },
      async (request, reply) => {
        const wo = await getWorkOrder(db, request.ctx, request.params.id);
        const workspace = await getWorkspace(db, request.ctx.tenantId);
        const pdf = await renderTraveler(wo, workspace.name);
        return reply
          .type('application/pdf')
          .header('Content-Disposition', `inline; filename="${wo.number}.pdf"`)
          .send(pdf);
      },
    );
  };
}

type ProductionApp = Parameters<FastifyPluginAsyncTypebox>[0];

/**
 * The routes every versioned document (BOMs, routings) has besides its create, which differs by
 * what a version holds: list (by SKU, paged), get one, and activate one. Registered right after the
 * create, so the routes keep their order in the OpenAPI document.
 */
function versionedDocumentRoutes<One extends TObject, View extends VersionView & Static<One>>(
  app: ProductionApp,
  db: Kysely<DB>,
  path: string,
  document: VersionedDocument<View>,
  schemas: { one: One; page: TObject },
) {
  // The type parameters check at each call that the views are what the schema says; the routes
  // themselves see the schema as any object, since Fastify cannot resolve a reply type generically.
  const one: TObject = schemas.one;
  app.get(
    path,
    {
      config: { permission: 'production.read' },
      schema: {
        tags: ['production'],
        description: `By SKU, newest version first, up to ${VERSION_LIST_LIMIT} a page (the default).`,
        querystring: Type.Object(
          { ...PageQueryUpTo(VERSION_LIST_LIMIT), sku: Type.Optional(Sku) },
          { additionalProperties: false },
        ),
        response: { 200: schemas.page },
      },
    },
    async (request) => {
      const { limit = VERSION_LIST_LIMIT, cursor, sku } = request.query;
      return listVersions(db, request.ctx, document, { sku, cursor, limit });
    },
  );
  app.get(
    `${path}/:id`,
    {
      config: { permission: 'production.read' },
      schema: { tags: ['production'], params: IdParams, response: { 200: one } },
    },
    async (request) => getVersion(db, request.ctx, document, request.params.id),
  );
  app.post(
    `${path}/:id/activate`,
    {
      config: { permission: 'production.manage' },
      schema: { tags: ['production'], params: IdParams, response: { 200: one } },
    },
    async (request) => activateVersionCommand(db, request.ctx, document, request.params.id),
  );
}
