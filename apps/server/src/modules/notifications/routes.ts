// HTTP for notifications: the centre, preferences, one-click unsubscribe (no session) and the
// admins' outbox.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppDeps } from '../../deps.ts';
import { AUTHENTICATED } from '../../platform/auth/guard.ts';
import { DateTime, IdParams, Page, StrictObject, Uuid } from '../../platform/http/schemas.ts';
import { decodeCursor, encodeCursor, isId, PageQuery } from '../../platform/pagination.ts';
import { CATEGORY_KEYS } from './categories.ts';
import './errors.ts';
import {
  getPreferences,
  listNotifications,
  listOutbox,
  markAllRead,
  markRead,
  putPreferences,
  unsubscribe,
} from './service.ts';

const NotificationSchema = Type.Object({
  id: Uuid,
  category: Type.String(),
  kind: Type.String(),
  title: Type.String(),
  body: Type.String(),
  data: Type.Unknown(),
  createdAt: DateTime,
  readAt: Type.Union([DateTime, Type.Null()]),
});

const PreferenceSchema = Type.Object({
  inApp: Type.Boolean(),
  email: Type.Boolean(),
  locked: Type.Boolean(),
});
const PreferencesSchema = Type.Object({
  categories: Type.Object(Object.fromEntries(CATEGORY_KEYS.map((k) => [k, PreferenceSchema]))),
});

const OutboxSchema = Type.Object({
  id: Uuid,
  userId: Uuid,
  to: Type.String(),
  category: Type.String(),
  kind: Type.String(),
  subject: Type.String(),
  body: Type.String(),
  status: Type.String(),
  attempts: Type.Integer(),
  lastError: Type.Union([Type.String(), Type.Null()]),
  createdAt: DateTime,
  finishedAt: Type.Union([DateTime, Type.Null()]),
});

const TokenQuery = StrictObject({ token: Type.String({ minLength: 10, maxLength: 1000 }) });

// Cursors are the last row's id (UUIDv7, time-ordered); anything else is refused as invalid.
function page<T extends { id: string }>(rows: T[], limit: number) {
  const hasMore = rows.length > limit;
  const data = hasMore ? rows.slice(0, limit) : rows;
  return { data, nextCursor: hasMore ? encodeCursor(data[data.length - 1]!.id) : null };
}

export function notificationRoutes(deps: AppDeps): FastifyPluginAsyncTypebox {
  const { db } = deps;
  return async (app) => {
    // Mail clients send the RFC 8058 one-click POST as a form; only this plugin accepts forms.
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_req, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(body as string)));
      },
    );

    app.get(
      '/notifications',
      {
        config: { permission: AUTHENTICATED },
        schema: {
          tags: ['notifications'],
          querystring: Type.Object(
            { ...PageQuery, unread: Type.Optional(Type.Boolean()) },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Intersect([Page(NotificationSchema), Type.Object({ unread: Type.Integer() })]),
          },
        },
      },
      async (request) => {
        const limit = request.query.limit ?? 50;
        const { rows, unread } = await listNotifications(db, request.ctx, {
          limit,
          before: decodeCursor(request.query.cursor, isId),
          unreadOnly: request.query.unread === true,
        });
        return { ...page(rows, limit), unread };
      },
    );

    app.post(
      '/notifications/:id/read',
      {
        config: { permission: AUTHENTICATED },
        schema: { tags: ['notifications'], params: IdParams, response: { 200: NotificationSchema } },
      },
      async (request) => markRead(db, request.ctx, request.params.id),
    );

    app.post(
      '/notifications/read-all',
      {
        config: { permission: AUTHENTICATED },
        schema: { tags: ['notifications'], response: { 200: Type.Object({ marked: Type.Integer() }) } },
      },
      async (request) => markAllRead(db, request.ctx),
    );

    app.get(
      '/me/notification-preferences',
      {
        config: { permission: AUTHENTICATED },
        schema: { tags: ['notifications'], response: { 200: PreferencesSchema } },
      },
      async (request) => getPreferences(db, request.ctx),
    );

    app.put(
      '/me/notification-preferences',
      {
        config: { permission: AUTHENTICATED },
        schema: {
          tags: ['notifications'],
          body: StrictObject({
            categories: Type.Record(
              Type.String({ maxLength: 40 }),
              StrictObject({ inApp: Type.Optional(Type.Boolean()), email: Type.Optional(Type.Boolean()) }),
            ),
          }),
          response: { 200: PreferencesSchema },
        },
      },
      async (request) => putPreferences(db, request.ctx, request.body.categories),
    );

    // The link in every mail. Opening it changes nothing (mail scanners follow links); it shows a
    // button that makes the one-click POST below.
    app.get(
      '/notifications/unsubscribe',
      { config: { public: true }, schema: { tags: ['notifications'], querystring: TokenQuery } },
      async (request, reply) => {
        const action = `?token=${encodeURIComponent(request.query.token)}`;
        return reply
          .type('text/html; charset=utf-8')
          .header('Content-Security-Policy', "default-src 'none'; form-action 'self'; frame-ancestors 'none'")
          .send(
            `<!doctype html><html lang="en"><meta charset="utf-8"><title>Unsubscribe</title>` +
              `<form method="post" action="${action}"><input type="hidden" name="List-Unsubscribe" value="One-Click">` +
              `<p>Stop these OpsLedger emails?</p><button type="submit">Unsubscribe</button></form></html>`,
          );
      },
    );

    app.post(
      '/notifications/unsubscribe',
      {
        config: { public: true },
        schema: {
          tags: ['notifications'],
          querystring: TokenQuery,
          body: Type.Object({ 'List-Unsubscribe': Type.Optional(Type.Literal('One-Click')) }),
          response: {
            200: Type.Object({
              unsubscribed: Type.Literal(true),
              category: Type.String(),
              ...PreferencesSchema.properties,
            }),
          },
        },
      },
      async (request) => {
        const result = await unsubscribe(db, request.query.token, {
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
        });
        return { unsubscribed: true as const, category: result.category, ...result.preferences };
      },
    );

    app.get(
      '/notifications/outbox',
      {
        config: { permission: 'notifications.outbox' },
        schema: {
          tags: ['notifications'],
          querystring: Type.Object(
            {
              ...PageQuery,
              status: Type.Optional(
                Type.Union(['pending', 'sent', 'skipped', 'failed'].map((s) => Type.Literal(s))),
              ),
            },
            { additionalProperties: false },
          ),
          response: { 200: Page(OutboxSchema) },
        },
      },
      async (request) => {
        const limit = request.query.limit ?? 50;
        const rows = await listOutbox(db, request.ctx, {
          limit,
          before: decodeCursor(request.query.cursor, isId),
          status: request.query.status,
        });
        return page(rows, limit);
      },
    );
  };
}
