// Telling someone that a scan they made offline was refused when their device synced it.
//
// The scanner keeps scans made without a connection in a queue on the device and sends them later,
// in order, each with the Idempotency-Key it was made with. When it replays one it adds the header
// `X-OpsLedger-Queued-At: <ISO time the scan was made>`; live submissions never send it. A queued
// scan the server refuses may be hours old by then and the operator long gone from the screen, so
// the refusal becomes an 'operations' notification (in-app, and mail when they chose it) for the
// person who made it — the signed-in sender, since only a scan's owner may send it.
//
// Why an onSend hook and not code in each route or in the error handler: refusals are made in many
// places (the guard's 403, schema validation's 400, a service's 409) and all of them end in the one
// error helper (error-handler.ts → sendProblem), whose problem+json body is what we read here. The
// hook sees the final status and body wherever the refusal came from, without touching the error
// path. It runs before the answer leaves, so by the time the device shows the refusal the
// notification exists (no race for the client or for tests); the cost is one short transaction on
// a path that is rare (a refused replay).
//
// Rules:
// - Only a final refusal counts: 4xx except 401 (the client refreshes its session and resends),
//   408 and 429 (the client tries again later) — the same rule as isFinalRefusal in the scanner's
//   sync.ts. 5xx are retried by the device, so they are not refusals.
// - Only a signed-in person's request (request.ctx is set by the guard). A request refused before
//   we know who sent it (401) notifies no one.
// - The request's own transaction has already rolled back; the notification is written in its own
//   short workspace transaction (withTenant), through the transactional outbox notify().
// - Once per Idempotency-Key and person: Retry on the device resends the same request under the
//   same key and may be refused again. A transaction-scoped advisory lock on (workspace, person, key)
//   serialises two refusals of the same key, and the earlier notice is found by its key — in the
//   in-app entry's data, or in the mail's text ("Scan reference: <key>") when in-app is switched
//   off. A scan changed on the device (new quantity) is a new request with a new key and, if
//   refused again, a new notice.
// - The header is advisory. One that is not an ISO 8601 date-time with a zone, or lies more than
//   five minutes in the future, is ignored (logged, no notification) rather than refused: the server
//   books the request exactly as it would without the header, and a device with a wrong clock must
//   not have its good scans refused for it. So there is no error code for it.
// - A failure here is logged and never changes the answer the device gets.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { isUuid } from '../../db/ids.ts';
import type { DB } from '../../db/schema.ts';
import { type Tx, withTenant } from '../../db/tenant.ts';
import { findItemViewBySku } from '../items/queries.ts';
import { notify } from './notify.ts';

export const QUEUED_AT_HEADER = 'X-OpsLedger-Queued-At';
export const OFFLINE_REFUSAL_KIND = 'operations.offline_scan_refused';
/** How far ahead of the server's clock a device's clock may be. */
export const QUEUED_AT_FUTURE_TOLERANCE_MS = 5 * 60_000;

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
// Older than this is not a queued scan but a broken clock.
const EARLIEST = Date.UTC(2000, 0, 1);

/** The time a queued scan was made, or undefined when the header is missing or not believable. */
export function parseQueuedAt(value: string | string[] | undefined, now = Date.now()): Date | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text || text.length > 40 || !ISO_DATE_TIME.test(text)) return undefined;
  // Date.parse rolls 30 February over into March; a date that is not on the calendar is refused.
  const [y, m, d] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  if (new Date(Date.UTC(y, m - 1, d)).getUTCDate() !== d || m < 1 || m > 12) return undefined;
  const at = Date.parse(text);
  if (!Number.isFinite(at) || at < EARLIEST || at > now + QUEUED_AT_FUTURE_TOLERANCE_MS) return undefined;
  return new Date(at);
}

/** Whether the device keeps the scan as refused (it would be refused again) rather than retrying it. */
export function isFinalRefusal(status: number): boolean {
  return status >= 400 && status < 500 && status !== 401 && status !== 408 && status !== 429;
}

interface RefusalProblem {
  code: string;
  title: string;
  detail: string | null;
  status: number;
}

function problemOf(reply: FastifyReply, payload: unknown): RefusalProblem {
  const fallback = { code: 'unknown', title: `Refused (HTTP ${reply.statusCode})`, detail: null };
  const type = String(reply.getHeader('content-type') ?? '');
  let body: Record<string, unknown> = {};
  if (type.startsWith('application/problem+json') && typeof payload === 'string') {
    try {
      const parsed: unknown = JSON.parse(payload);
      if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
    } catch {
      // Not JSON after all: the fallback describes it.
    }
  }
  const text = (v: unknown, max: number) => (typeof v === 'string' && v ? clean(v, max) : null);
  const title = text(body.title, 200) ?? fallback.title;
  const detail = text(body.detail, 500);
  return {
    code: text(body.code, 64) ?? fallback.code,
    title,
    detail: detail === title ? null : detail,
    status: reply.statusCode,
  };
}

/** Text from the request, made safe to put into a message: one line, no control characters, short. */
function clean(value: string, max: number): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point.
  const line = value.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function field(body: Record<string, unknown>, name: string): string | undefined {
  const v = body[name];
  if (typeof v === 'string' && v) return clean(v, 64);
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/**
 * The scan in words, from the request as sent: "waste of 5 bag Wheat flour (FLOUR) at FLOOR-1",
 * "work order WO-00012 step 2: complete (5 good, 1 scrap)". Anything else is named by its route.
 */
async function describeScan(
  tx: Tx,
  tenantId: string,
  request: { method: string; route: string; path: string; params: unknown; body: unknown },
): Promise<string> {
  const body =
    request.body && typeof request.body === 'object' && !Array.isArray(request.body)
      ? (request.body as Record<string, unknown>)
      : {};
  const fallback = `${request.method} ${clean(request.path, 120)}`;
  if (request.route === '/api/v1/movements') {
    const type = field(body, 'type');
    const sku = field(body, 'sku');
    if (!type || !sku) return fallback;
    const item = await findItemViewBySku(tx, { tenantId, sku });
    const what = (qty: string | undefined) => {
      const uom = field(body, 'uom') ?? item?.uom;
      const name = item ? `${clean(item.name, 80)} (${sku})` : sku;
      if (!qty) return name;
      return item && uom ? `${qty} ${uom} ${name}` : `${qty} × ${name}`;
    };
    const qty = field(body, 'qty');
    const from = field(body, 'from');
    const to = field(body, 'to');
    const lot = field(body, 'lot');
    const lotPart = lot ? `, lot ${lot}` : '';
    switch (type) {
      case 'receive':
        return `receipt of ${what(qty)}${lotPart}${to ? ` into ${to}` : ''}`;
      case 'move':
        return `move of ${what(qty)}${lotPart}${from ? ` from ${from}` : ''}${to ? ` to ${to}` : ''}`;
      case 'waste':
        return `waste of ${what(qty)}${lotPart}${from ? ` at ${from}` : ''}`;
      case 'adjust': {
        const location = field(body, 'location');
        const counted = field(body, 'countedQty');
        return `count of ${what(undefined)}${lotPart}${location ? ` at ${location}` : ''}${counted ? `: ${counted} counted` : ''}`;
      }
      default:
        return fallback;
    }
  }
  if (request.route === '/api/v1/work-orders/:id/events') {
    const id = (request.params as { id?: unknown } | null)?.id;
    const step = field(body, 'step');
    const action = field(body, 'action');
    let number: string | undefined;
    if (typeof id === 'string' && isUuid(id)) {
      const wo = await sql<{ number: string }>`
        select number from work_orders where tenant_id = ${tenantId} and id = ${id}`.execute(tx);
      number = wo.rows[0]?.number;
    }
    const good = field(body, 'goodQty');
    const scrap = field(body, 'scrapQty');
    const counts =
      action === 'complete' && (good || scrap) ? ` (${good ?? '0'} good, ${scrap ?? '0'} scrap)` : '';
    return `${number ? `work order ${number}` : 'a work order'}${step ? ` step ${step}` : ''}${action ? `: ${action}` : ''}${counts}`;
  }
  return fallback;
}

function formatTime(at: Date): string {
  // The server does not know the device's time zone; UTC, said so, is unambiguous.
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export interface OfflineRefusal {
  tenantId: string;
  userId: string;
  queuedAt: Date;
  idempotencyKey: string | null;
  problem: RefusalProblem;
  request: { method: string; route: string; path: string; params: unknown; body: unknown };
}

/** Records the notice for one refused queued scan. Returns false when it was already told. */
export async function notifyOfflineRefusal(db: Kysely<DB>, r: OfflineRefusal): Promise<boolean> {
  return withTenant(db, r.tenantId, async (tx) => {
    const key = r.idempotencyKey;
    if (key) {
      await sql`select pg_advisory_xact_lock(hashtextextended(${`offline-refusal:${r.tenantId}:${r.userId}:${key}`}, 0))`.execute(
        tx,
      );
      const seen = await sql<{ seen: boolean }>`
        select exists (select 1 from notifications
                        where tenant_id = ${r.tenantId} and user_id = ${r.userId}
                          and kind = ${OFFLINE_REFUSAL_KIND} and data->>'idempotencyKey' = ${key})
            or exists (select 1 from email_outbox
                        where tenant_id = ${r.tenantId} and user_id = ${r.userId}
                          and kind = ${OFFLINE_REFUSAL_KIND} and strpos(body, ${`Scan reference: ${key}`}) > 0)
            as seen`.execute(tx);
      if (seen.rows[0]?.seen) return false;
    }
    const what = await describeScan(tx, r.tenantId, r.request);
    const p = r.problem;
    const why = `${p.title}${p.detail ? ` — ${p.detail}` : ''} (${p.code})`;
    const path = r.request.path;
    await notify(tx, {
      tenantId: r.tenantId,
      userIds: [r.userId],
      category: 'operations',
      kind: OFFLINE_REFUSAL_KIND,
      title: 'A scan made offline was refused',
      body: [
        `Your scan made at ${formatTime(r.queuedAt)} (${what}) was saved on your device without a connection and refused when it was sent: ${why}.`,
        'Nothing was booked. Open "Unsynced scans" on the device to correct and resend it, or discard it.',
        ...(key ? [`Scan reference: ${key}`] : []),
      ].join('\n'),
      data: {
        queuedAt: r.queuedAt.toISOString(),
        code: p.code,
        status: p.status,
        path,
        idempotencyKey: key,
      },
    });
    return true;
  });
}

function pathOf(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? request.url;
}

/**
 * Registers the hook on the root instance, before the routes (hooks apply to routes registered
 * after them).
 */
export function registerOfflineRefusalNotices(app: FastifyInstance, db: Kysely<DB>): void {
  app.addHook('onSend', async (request, reply, payload) => {
    try {
      if (!isFinalRefusal(reply.statusCode)) return payload;
      const header = request.headers[QUEUED_AT_HEADER.toLowerCase()];
      if (header === undefined) return payload;
      const ctx = request.ctx;
      if (ctx?.actor.kind !== 'user' || !ctx.actor.userId) return payload;
      const queuedAt = parseQueuedAt(header);
      if (!queuedAt) {
        request.log.warn(
          { event: 'queued_at_ignored', value: String(header).slice(0, 60) },
          `ignored an unusable ${QUEUED_AT_HEADER} header`,
        );
        return payload;
      }
      const keyHeader = request.headers['idempotency-key'];
      const key = typeof keyHeader === 'string' && /^[\x21-\x7e]{8,255}$/.test(keyHeader) ? keyHeader : null;
      const problem = problemOf(reply, payload);
      const told = await notifyOfflineRefusal(db, {
        tenantId: ctx.tenantId,
        userId: ctx.actor.userId,
        queuedAt,
        idempotencyKey: key,
        problem,
        request: {
          method: request.method,
          route: request.routeOptions.url ?? '',
          path: pathOf(request),
          params: request.params,
          body: request.body,
        },
      });
      request.log.info(
        { event: told ? 'offline_refusal_notified' : 'offline_refusal_already_notified', code: problem.code },
        told ? 'told the sender about a refused offline scan' : 'refused offline scan: sender already told',
      );
    } catch (err) {
      request.log.error({ err }, 'could not record the notice of a refused offline scan');
    }
    return payload;
  });
}
