// A write: one transaction in the caller's workspace, the Idempotency-Key claimed inside it, the
// work (which records its own audit event), and the response stored for replays. Every service
// that changes data goes through here, so these rules hold everywhere the same way.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { type Tx, withTenant } from '../db/tenant.ts';
import type { RequestContext } from './context.ts';
import { claimIdempotencyKey, type IdempotencyRequest, storeIdempotentResponse } from './idempotency.ts';

export interface CommandResult<T> {
  result: T;
  replayed: boolean;
}

export async function runCommand<T>(
  db: Kysely<DB>,
  ctx: RequestContext,
  idempotency: IdempotencyRequest | undefined,
  work: (tx: Tx) => Promise<T>,
): Promise<CommandResult<T>> {
  return withTenant(db, ctx.tenantId, async (tx) => {
    if (idempotency) {
      const claim = await claimIdempotencyKey<T>(tx, ctx, idempotency);
      if (!claim.fresh) return { result: claim.body, replayed: true };
    }
    const result = await work(tx);
    // Stored as JSON, so a fresh answer and its replay are byte-for-byte the same shape.
    const json = JSON.parse(JSON.stringify(result)) as T;
    if (idempotency) await storeIdempotentResponse(tx, ctx, idempotency, json);
    return { result: json, replayed: false };
  });
}
