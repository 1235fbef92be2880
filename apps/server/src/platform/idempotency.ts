// Idempotent creates. The key row is inserted in the same transaction as the work it guards:
// a concurrent duplicate blocks on the key's unique index until the first commits, then replays
// its stored response; if the first fails, its key row rolls back with it and the retry runs anew.
// Keys are kept (at least 30 days; see retention) because scanners may sync after days offline.
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { Tx } from '../db/tenant.ts';
import { canonicalJson } from './audit/canonical.ts';
import type { RequestContext } from './context.ts';
import { problem } from './errors.ts';

export interface IdempotencyRequest {
  key: string;
  fingerprint: string;
  /** The status a fresh success answers with; a replay answers the same. */
  status: number;
}

const KEY_RE = /^[\x21-\x7e]{8,255}$/;

/** Reads the Idempotency-Key header; undefined when the client sent none. */
export function idempotencyOf(request: FastifyRequest, status = 201): IdempotencyRequest | undefined {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return undefined;
  const key = Array.isArray(header) ? header[0] : header;
  if (!key || !KEY_RE.test(key)) {
    throw problem('invalid_idempotency_key', 'Use 8 to 255 visible ASCII characters, e.g. a UUID.');
  }
  const fingerprint = createHash('sha256')
    .update(
      `${request.method} ${request.routeOptions.url}\n${canonicalJson(request.params)}\n${canonicalJson(request.body)}`,
    )
    .digest('hex');
  return { key, fingerprint, status };
}

type Claim<T> = { fresh: true } | { fresh: false; body: T };

function claimStatement(ctx: RequestContext, req: IdempotencyRequest) {
  return sql<{ key: string }>`
    insert into idempotency_keys (tenant_id, key, user_id, fingerprint)
    values (${ctx.tenantId}, ${req.key}, ${ctx.actor.userId}, ${req.fingerprint})
    on conflict (tenant_id, key) do nothing returning key`;
}

/** The stored answer for a key some earlier request claimed; a different request under it is refused. */
export async function replayOf<T>(tx: Tx, ctx: RequestContext, req: IdempotencyRequest): Promise<T> {
  const existing = await tx
    .selectFrom('idempotency_keys')
    .select(['user_id', 'fingerprint', 'response_status', 'response_body'])
    .where('tenant_id', '=', ctx.tenantId)
    .where('key', '=', req.key)
    .executeTakeFirstOrThrow();
  if (existing.fingerprint !== req.fingerprint || existing.user_id !== ctx.actor.userId) {
    throw problem('idempotency_key_reused');
  }
  return existing.response_body as T;
}

export async function claimIdempotencyKey<T>(
  tx: Tx,
  ctx: RequestContext,
  req: IdempotencyRequest,
): Promise<Claim<T>> {
  const inserted = await claimStatement(ctx, req).execute(tx);
  if (inserted.rows.length) return { fresh: true };
  return { fresh: false, body: await replayOf<T>(tx, ctx, req) };
}

/**
 * The claim as a common table expression `<name>` (one row when this request claimed the key), for
 * a command that folds it into its first statement. Like the claim alone, it waits for a concurrent
 * holder of the same key to finish.
 */
export function claimCte(ctx: RequestContext, req: IdempotencyRequest, name: string) {
  return sql`${sql.id(name)} as (${claimStatement(ctx, req)})`;
}

function storeStatement(ctx: RequestContext, req: IdempotencyRequest, body: unknown) {
  return sql`update idempotency_keys set response_status = ${req.status}, response_body = ${JSON.stringify(body)}::jsonb
    where tenant_id = ${ctx.tenantId} and key = ${req.key}`;
}

export async function storeIdempotentResponse(
  tx: Tx,
  ctx: RequestContext,
  req: IdempotencyRequest,
  body: unknown,
) {
  await storeStatement(ctx, req, body).execute(tx);
}

/** Storing the response as a common table expression, for a command's last statement. */
export function storeCte(ctx: RequestContext, req: IdempotencyRequest, body: unknown, name: string) {
  return sql`${sql.id(name)} as (${storeStatement(ctx, req, body)})`;
}
