// HTTP for data rights: export, correction, erasure with legal hold, retention. Parses and
// authorizes; the rules live in the files beside this one.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppDeps } from '../../deps.ts';
import { AUTHENTICATED } from '../../platform/auth/guard.ts';
import { DateTime, IdParams, StrictObject, Uuid } from '../../platform/http/schemas.ts';
import { CORRECTABLE_FIELDS, decideCorrection, listCorrections, requestCorrection } from './corrections.ts';
import { eraseUser } from './erase.ts';
import { downloadExport, ExportRunner, getExport, requestExport } from './export.ts';
import { liftLegalHold, listLegalHolds, setLegalHold } from './legal-hold.ts';
import './permissions.ts';
import './errors.ts';
import {
  getRetentionPolicies,
  putRetentionPolicies,
  RETENTION_CATEGORY_KEYS,
  retentionDryRun,
  runRetentionNow,
} from './retention.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Reason = Type.String({ minLength: 1, maxLength: 2000 });

const ExportAccepted = Type.Object({ id: Uuid, status: Type.String() });
const ExportSchema = Type.Object({
  id: Uuid,
  status: Type.Union(['pending', 'ready', 'failed', 'downloaded', 'expired'].map((s) => Type.Literal(s))),
  subjectUserId: Uuid,
  createdAt: DateTime,
  readyAt: Nullable(DateTime),
  expiresAt: Nullable(DateTime),
  downloadUrl: Type.Optional(Type.String()),
});
const CorrectionSchema = Type.Object({
  id: Uuid,
  userId: Uuid,
  field: Type.String(),
  value: Nullable(Type.String()),
  note: Nullable(Type.String()),
  status: Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')]),
  decidedBy: Nullable(Uuid),
  decidedAt: Nullable(DateTime),
  decisionReason: Nullable(Type.String()),
  createdAt: DateTime,
});
const HoldSchema = Type.Object({
  id: Uuid,
  userId: Uuid,
  reason: Type.String(),
  setBy: Uuid,
  setAt: DateTime,
  liftedBy: Nullable(Uuid),
  liftedAt: Nullable(DateTime),
  liftReason: Nullable(Type.String()),
});
const PolicySchema = Type.Object({
  category: Type.String(),
  days: Type.Integer(),
  defaultDays: Type.Integer(),
  minDays: Type.Integer(),
  maxDays: Type.Integer(),
  enforced: Type.Boolean(),
  description: Type.String(),
  action: Type.String(),
  updatedAt: Nullable(DateTime),
  updatedBy: Nullable(Uuid),
});
const ReportSchema = Type.Object({
  asOf: DateTime,
  dryRun: Type.Boolean(),
  categories: Type.Array(
    Type.Object({
      category: Type.String(),
      days: Type.Integer(),
      cutoff: DateTime,
      action: Type.String(),
      count: Type.Integer(),
      ids: Type.Array(Type.String()),
      held: Type.Optional(Type.Integer()),
    }),
  ),
});
const Days = Type.Integer({ minimum: 1, maximum: 36500 });

export function privacyRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  const { db } = deps;
  return async (app) => {
    const runner = new ExportRunner(db, (err) => app.log.error({ err }, 'export build failed'));
    app.addHook('onClose', () => runner.drain());

    app.post(
      '/me/export',
      {
        config: { permission: AUTHENTICATED },
        schema: { tags: ['privacy'], response: { 202: ExportAccepted } },
      },
      async (request, reply) => {
        const job = await requestExport(db, request.ctx, request.ctx.actor.userId!);
        runner.start(request.ctx.tenantId, job.id);
        return reply.code(202).send(job);
      },
    );

    app.post(
      '/users/:id/export',
      {
        config: { permission: 'privacy.export_any' },
        schema: { tags: ['privacy'], params: IdParams, response: { 202: ExportAccepted } },
      },
      async (request, reply) => {
        const job = await requestExport(db, request.ctx, request.params.id);
        runner.start(request.ctx.tenantId, job.id);
        return reply.code(202).send(job);
      },
    );

    app.get(
      '/exports/:id',
      {
        config: { permission: AUTHENTICATED },
        schema: { tags: ['privacy'], params: IdParams, response: { 200: ExportSchema } },
      },
      async (request) => getExport(db, request.ctx, request.params.id),
    );

    app.get(
      '/exports/:id/download',
      { config: { permission: AUTHENTICATED }, schema: { tags: ['privacy'], params: IdParams } },
      async (request, reply) => {
        const zip = await downloadExport(db, request.ctx, request.params.id);
        return reply
          .type('application/zip')
          .header('Content-Disposition', `attachment; filename="opsledger-export-${request.params.id}.zip"`)
          .header('Cache-Control', 'no-store')
          .send(zip);
      },
    );

    app.post(
      '/correction-requests',
      {
        config: { permission: AUTHENTICATED },
        schema: {
          tags: ['privacy'],
          body: StrictObject({
            field: Type.Union(CORRECTABLE_FIELDS.map((f) => Type.Literal(f))),
            value: Type.String({ minLength: 1, maxLength: 500 }),
            note: Type.String({ maxLength: 2000 }),
          }),
          response: { 201: CorrectionSchema },
        },
      },
      async (request, reply) => reply.code(201).send(await requestCorrection(db, request.ctx, request.body)),
    );

    app.get(
      '/correction-requests',
      {
        config: { permission: AUTHENTICATED },
        schema: {
          tags: ['privacy'],
          querystring: StrictObject({
            status: Type.Optional(
              Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')]),
            ),
          }),
          response: { 200: Type.Object({ data: Type.Array(CorrectionSchema) }) },
        },
      },
      // Deciders see every request in the workspace; everyone else sees their own.
      async (request) => ({
        data: await listCorrections(db, request.ctx, {
          all: request.ctx.actor.permissions.has('privacy.corrections'),
          status: request.query.status,
        }),
      }),
    );

    app.post(
      '/correction-requests/:id/decide',
      {
        config: { permission: 'privacy.corrections' },
        schema: {
          tags: ['privacy'],
          params: IdParams,
          body: StrictObject({ approve: Type.Boolean(), reason: Reason }),
          response: { 200: CorrectionSchema },
        },
      },
      async (request) => decideCorrection(db, request.ctx, request.params.id, request.body),
    );

    app.get(
      '/users/:id/legal-hold',
      {
        config: { permission: 'privacy.legal_hold' },
        schema: {
          tags: ['privacy'],
          params: IdParams,
          response: { 200: Type.Object({ active: Nullable(HoldSchema), history: Type.Array(HoldSchema) }) },
        },
      },
      async (request) => listLegalHolds(db, request.ctx, request.params.id),
    );

    app.post(
      '/users/:id/legal-hold',
      {
        config: { permission: 'privacy.legal_hold' },
        schema: {
          tags: ['privacy'],
          params: IdParams,
          body: StrictObject({ reason: Reason }),
          response: { 201: HoldSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await setLegalHold(db, request.ctx, request.params.id, request.body.reason)),
    );

    app.delete(
      '/users/:id/legal-hold',
      {
        config: { permission: 'privacy.legal_hold' },
        schema: {
          tags: ['privacy'],
          params: IdParams,
          body: Type.Optional(StrictObject({ reason: Type.Optional(Reason) })),
          response: { 200: HoldSchema },
        },
      },
      async (request) => liftLegalHold(db, request.ctx, request.params.id, request.body?.reason),
    );

    app.post(
      '/users/:id/erase',
      {
        config: { permission: 'privacy.erase' },
        schema: {
          tags: ['privacy'],
          params: IdParams,
          body: StrictObject({ reason: Reason }),
          response: {
            200: Type.Object({
              userId: Uuid,
              name: Type.String(),
              erasedAt: DateTime,
              removed: Type.Record(Type.String(), Type.Integer()),
            }),
          },
        },
      },
      async (request) => eraseUser(db, request.ctx, request.params.id, request.body.reason),
    );

    app.get(
      '/retention-policies',
      {
        config: { permission: 'privacy.retention' },
        schema: { tags: ['privacy'], response: { 200: Type.Object({ data: Type.Array(PolicySchema) }) } },
      },
      async (request) => ({ data: await getRetentionPolicies(db, request.ctx) }),
    );

    app.put(
      '/retention-policies',
      {
        config: { permission: 'privacy.retention' },
        schema: {
          tags: ['privacy'],
          body: StrictObject({
            policies: StrictObject(
              Object.fromEntries(RETENTION_CATEGORY_KEYS.map((c) => [c, Type.Optional(Days)])),
            ),
          }),
          response: { 200: Type.Object({ data: Type.Array(PolicySchema) }) },
        },
      },
      async (request) => ({
        data: await putRetentionPolicies(db, request.ctx, request.body.policies as Record<string, number>),
      }),
    );

    app.get(
      '/retention-policies/dry-run',
      {
        config: { permission: 'privacy.retention' },
        schema: { tags: ['privacy'], response: { 200: ReportSchema } },
      },
      async (request) => retentionDryRun(db, request.ctx),
    );

    app.post(
      '/retention-policies/run',
      {
        config: { permission: 'privacy.retention' },
        schema: { tags: ['privacy'], response: { 200: ReportSchema } },
      },
      async (request) => runRetentionNow(db, request.ctx),
    );
  };
}
