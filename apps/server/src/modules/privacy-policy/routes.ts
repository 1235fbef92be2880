// HTTP for the published privacy policy: publish (admin), the public current version by workspace
// code (no sign-in), and each person's "updated policy to acknowledge" status.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppDeps } from '../../deps.ts';
import { AUTHENTICATED } from '../../platform/auth/guard.ts';
import { DateTime, StrictObject } from '../../platform/http/schemas.ts';
import './permissions.ts';
import { acknowledgePolicy, listPolicies, myPolicyStatus, publicPolicy, publishPolicy } from './service.ts';

const PolicySchema = Type.Object({
  version: Type.Integer(),
  effectiveDate: Type.String({ format: 'date' }),
  text: Type.String(),
  material: Type.Boolean(),
  publishedAt: DateTime,
});
const CurrentSchema = Type.Object({
  ...PolicySchema.properties,
  upcoming: Type.Union([
    Type.Object({ version: Type.Integer(), effectiveDate: Type.String({ format: 'date' }) }),
    Type.Null(),
  ]),
});
const StatusSchema = Type.Object({
  current: Type.Union([CurrentSchema, Type.Null()]),
  latestVersion: Type.Union([Type.Integer(), Type.Null()]),
  acknowledgedVersion: Type.Union([Type.Integer(), Type.Null()]),
  acknowledgeRequired: Type.Boolean(),
});

export function privacyPolicyRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  const { db } = deps;
  return async (app) => {
    app.post(
      '/privacy-policy',
      {
        config: { permission: 'privacy_policy.publish' },
        schema: {
          tags: ['privacy'],
          body: StrictObject({
            text: Type.String({ minLength: 1, maxLength: 200_000 }),
            effectiveDate: Type.String({ format: 'date' }),
            material: Type.Boolean(),
          }),
          response: { 201: PolicySchema },
        },
      },
      async (request, reply) => reply.code(201).send(await publishPolicy(db, request.ctx, request.body)),
    );

    app.get(
      '/privacy-policy/versions',
      {
        config: { permission: AUTHENTICATED },
        schema: { tags: ['privacy'], response: { 200: Type.Object({ data: Type.Array(PolicySchema) }) } },
      },
      async (request) => ({ data: await listPolicies(db, request.ctx) }),
    );

    app.get(
      '/workspaces/:code/privacy-policy',
      {
        config: { public: true },
        schema: {
          tags: ['privacy'],
          params: StrictObject({ code: Type.String({ minLength: 1, maxLength: 40 }) }),
          response: { 200: CurrentSchema },
        },
      },
      async (request) => publicPolicy(db, request.params.code),
    );

    app.get(
      '/me/privacy-policy',
      {
        config: {
          permission: AUTHENTICATED,
          allowPasswordChangePending: true,
          allowMfaEnrollmentPending: true,
        },
        schema: { tags: ['privacy'], response: { 200: StatusSchema } },
      },
      async (request) => myPolicyStatus(db, request.ctx),
    );

    app.post(
      '/me/privacy-policy/acknowledge',
      {
        config: {
          permission: AUTHENTICATED,
          allowPasswordChangePending: true,
          allowMfaEnrollmentPending: true,
        },
        schema: {
          tags: ['privacy'],
          body: StrictObject({ version: Type.Integer({ minimum: 1 }) }),
          response: { 200: StatusSchema },
        },
      },
      async (request) => acknowledgePolicy(db, request.ctx, request.body.version),
    );
  };
}
