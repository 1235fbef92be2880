// A write: one transaction in the caller's workspace, the Idempotency-Key claimed inside it, the
// work (which records its own audit event), and the response stored for replays. Every service
// that changes data goes through here, so these rules hold everywhere the same way.
import type { Kysely, RawBuilder } from 'kysely';
import type { DB } from '../db/schema.ts';
import { type Tx, withTenant } from '../db/tenant.ts';
import type { RequestContext } from './context.ts';
import {
  claimCte,
  claimIdempotencyKey,
  type IdempotencyRequest,
  replayOf,
  storeCte,
  storeIdempotentResponse,
} from './idempotency.ts';

export interface CommandResult<T> {
  result: T;
  replayed: boolean;
}

// Stored as JSON, so a fresh answer and its replay are byte-for-byte the same shape.
function asStored<T>(result: T): T {
  return JSON.parse(JSON.stringify(result)) as T;
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
    const json = asStored(await work(tx));
    if (idempotency) await storeIdempotentResponse(tx, ctx, idempotency, json);
    return { result: json, replayed: false };
  });
}

/**
 * For hot paths (posting a movement) that save round trips by folding the key's claim into their
 * first statement and the stored response into their last. Same rules as runCommand.
 */
export interface FoldedIdempotency {
  /** `<name> as (insert … returning key)`, one row when this request claims the key; undefined without a key. */
  claim(name: string): RawBuilder<unknown> | undefined;
  /** Call with whether the claim returned a row; when another request holds the key, its answer is replayed. */
  settle(claimed: boolean): Promise<void>;
  /** `<name> as (update …)` storing the answer the work is about to return; undefined without a key. */
  store<T>(result: T, name: string): RawBuilder<unknown> | undefined;
}

class Replay {
  constructor(readonly body: unknown) {}
}

export async function runFoldedCommand<T>(
  db: Kysely<DB>,
  ctx: RequestContext,
  idempotency: IdempotencyRequest | undefined,
  work: (tx: Tx, idempotency: FoldedIdempotency) => Promise<T>,
): Promise<CommandResult<T>> {
  try {
    return await withTenant(db, ctx.tenantId, async (tx) => {
      let stored: string | undefined;
      const folded: FoldedIdempotency = {
        claim: (name) => (idempotency ? claimCte(ctx, idempotency, name) : undefined),
        settle: async (claimed) => {
          if (idempotency && !claimed) throw new Replay(await replayOf(tx, ctx, idempotency));
        },
        store: (result, name) => {
          if (!idempotency) return undefined;
          stored = JSON.stringify(result);
          return storeCte(ctx, idempotency, asStored(result), name);
        },
      };
      const result = await work(tx, folded);
      const json = asStored(result);
      // A work that returned something other than what it stored (or stored nothing) stores now.
      if (idempotency && stored !== JSON.stringify(result))
        await storeIdempotentResponse(tx, ctx, idempotency, json);
      return { result: json, replayed: false };
    });
  } catch (error) {
    if (error instanceof Replay) return { result: error.body as T, replayed: true };
    throw error;
  }
}
