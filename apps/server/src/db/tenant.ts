// The one transaction helper. withTenant runs a function in a transaction as opsledger_app with
// the workspace set transaction-locally (set_config(..., true)), so row-level security confines
// every statement to that workspace and nothing leaks to the next user of a pooled connection.
// withSystem runs as opsledger_system, the narrow role for cross-workspace directory lookups.
import { type Kysely, sql, type Transaction } from 'kysely';
import { isUuid } from './ids.ts';
import type { DB } from './schema.ts';

export type Tx = Transaction<DB>;

// Serialization failures and deadlocks are safe to retry: the transaction left nothing behind.
const RETRYABLE = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 4;

function isRetryable(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && RETRYABLE.has((error as { code?: string }).code ?? '')
  );
}

async function inTransaction<T>(
  db: Kysely<DB>,
  enter: (tx: Tx) => Promise<void>,
  fn: (tx: Tx) => Promise<T>,
) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(async (tx) => {
        await enter(tx);
        return fn(tx);
      });
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isRetryable(error)) throw error;
    }
  }
}

/**
 * A UUID written into SQL text. Only for statements that must carry no parameters so that they can
 * share a round trip with BEGIN (see lazy-begin.ts); anything not shaped exactly like a UUID is refused.
 */

export function uuidLiteral(value: string) {
  if (!isUuid(value)) throw new Error('not a UUID');
  return sql.lit(value.toLowerCase());
}

/** Switches an open transaction to a workspace (used when one transaction creates a workspace). */
export async function enterTenant(tx: Tx, tenantId: string): Promise<void> {
  // No parameters and no result: this is every transaction's first statement, and lazy-begin.ts
  // sends it with BEGIN in the same message as the transaction's next statement.
  await sql`set local role opsledger_app; set local app.tenant_id = ${uuidLiteral(tenantId)}`.execute(tx);
}

export async function enterSystem(tx: Tx): Promise<void> {
  await sql`set local role opsledger_system; set local app.tenant_id = ''`.execute(tx);
}

export function withTenant<T>(db: Kysely<DB>, tenantId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return inTransaction(db, (tx) => enterTenant(tx, tenantId), fn);
}

export function withSystem<T>(db: Kysely<DB>, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return inTransaction(db, enterSystem, fn);
}
