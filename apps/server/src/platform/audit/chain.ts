// The tamper-evident chain. Each workspace's events are hashed in order: hash(n) = SHA-256 over
// the previous hash and the event's canonical content. Writers never touch a shared row: they hold
// the workspace's audit advisory lock in shared mode from before their event takes its sequence
// number until they commit. The sealer takes the lock exclusively only for a moment, to learn how
// far the order is final: every event numbered up to the highest it can see was numbered by a
// writer that has since finished, and any event written later is numbered after them. It then
// seals up to that number without the lock, so postings never wait for the hashing.
import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { executeAndCommit } from '../../db/lazy-begin.ts';
import type { DB } from '../../db/schema.ts';
import { type Tx, withSystem, withTenant } from '../../db/tenant.ts';
import { canonicalJson } from './canonical.ts';
import { auditLockKey } from './record.ts';

const BATCH = 2000;
const CHAIN_VERSION = 1;

export function genesisHash(tenantId: string): string {
  return createHash('sha256').update(`opsledger-audit-genesis\n${tenantId}`).digest('hex');
}

interface HashedFields {
  tenant_id: string;
  id: string;
  at: Date;
  actor_id: string | null;
  actor_kind: string;
  action: string;
  entity: string;
  entity_id: string | null;
  summary: unknown;
  request_id: string | null;
}

export function eventHash(prevHash: string, chainIndex: number, e: HashedFields): string {
  const content = canonicalJson([
    CHAIN_VERSION,
    e.tenant_id,
    chainIndex,
    e.id,
    e.at.toISOString(),
    e.actor_id,
    e.actor_kind,
    e.action,
    e.entity,
    e.entity_id,
    e.summary,
    e.request_id,
  ]);
  return createHash('sha256').update(`${prevHash}\n${content}`).digest('hex');
}

/** Creates the chain head for a new workspace (inside its creating transaction). */
export async function startChain(tx: Tx, tenantId: string): Promise<void> {
  await tx
    .insertInto('audit_heads')
    .values({ tenant_id: tenantId, chain_index: 0, hash: genesisHash(tenantId) })
    .execute();
}

/**
 * Seals the workspace's committed, unsealed events. `wait` false skips a workspace another
 * process is sealing right now (the background loop); true waits for it (verify, listings).
 */
export async function sealWorkspace(db: Kysely<DB>, tenantId: string, wait = true): Promise<number> {
  let sealed = 0;
  for (;;) {
    const upTo = await finalUpTo(db, tenantId, wait);
    if (upTo === null) return sealed;
    const n = await withTenant(db, tenantId, async (tx) => {
      // Two sealers of one workspace queue on its head row; the second then finds sealed what the
      // first sealed (a statement after the wait sees the first one's commit).
      const head = await sql<{ chain_index: number; hash: string }>`
        select chain_index, hash from audit_heads where tenant_id = ${tenantId} for update`.execute(tx);
      const current = head.rows[0];
      if (!current) return 0;
      const events = await sql<HashedFields & { seq: number }>`
        select seq, tenant_id, id, at, actor_id, actor_kind, action, entity, entity_id, summary, request_id
        from audit_events where tenant_id = ${tenantId} and hash is null and seq <= ${upTo}
        order by seq limit ${BATCH}`.execute(tx);
      if (!events.rows.length) return 0;
      let index = Number(current.chain_index);
      let prev = current.hash;
      const seqs: number[] = [];
      const indexes: number[] = [];
      const hashes: string[] = [];
      for (const event of events.rows) {
        index += 1;
        prev = eventHash(prev, index, event);
        seqs.push(Number(event.seq));
        indexes.push(index);
        hashes.push(prev);
      }
      await sql`
        update audit_events e set chain_index = v.chain_index, hash = v.hash
        from (select unnest(${seqs}::bigint[]) as seq, unnest(${indexes}::bigint[]) as chain_index,
                     unnest(${hashes}::text[]) as hash) v
        where e.tenant_id = ${tenantId} and e.seq = v.seq`.execute(tx);
      await tx
        .updateTable('audit_heads')
        .set({ chain_index: index, hash: prev, sealed_at: new Date() })
        .where('tenant_id', '=', tenantId)
        .execute();
      return events.rows.length;
    });
    sealed += n;
    if (n < BATCH) return sealed;
  }
}

/**
 * The highest sequence number up to which the workspace's unsealed events are final, or null when
 * there is nothing to seal (or, with `wait` false, another process holds the lock). Taking the
 * audit lock exclusively waits out every writer that holds it; the number is read in the same
 * statement, from a snapshot taken just before the lock. That can only make it lower: an event
 * numbered below a visible one was numbered earlier, by a writer already holding the lock, which
 * the exclusive lock waited out. One round trip; writers wait for it at most.
 */
async function finalUpTo(db: Kysely<DB>, tenantId: string, wait: boolean): Promise<number | null> {
  return withTenant(db, tenantId, async (tx) => {
    if (wait) await sql`set local lock_timeout = '10s'`.execute(tx);
    const lock = wait
      ? sql`(select true from (select pg_advisory_xact_lock(${auditLockKey(tenantId)})) l)`
      : sql`pg_try_advisory_xact_lock(${auditLockKey(tenantId)})`;
    const r = await executeAndCommit(
      tx,
      sql<{ ok: boolean; up_to: string | null }>`
        select ${lock} as ok,
          (select max(seq) from audit_events where tenant_id = ${tenantId} and hash is null)::text as up_to`,
    );
    const row = r.rows[0];
    return row?.ok && row.up_to !== null ? Number(row.up_to) : null;
  });
}

/** Seals every workspace that has unsealed events; the background loop calls this. */
export async function sealAll(db: Kysely<DB>): Promise<number> {
  const pending = await withSystem(db, (tx) =>
    sql<{ tenant_id: string }>`select distinct tenant_id from audit_events where hash is null`.execute(tx),
  );
  let total = 0;
  for (const row of pending.rows) total += await sealWorkspace(db, row.tenant_id, false);
  return total;
}

export interface BrokenLink {
  chainIndex: number;
  eventId: string | null;
  reason: 'altered' | 'missing' | 'out_of_order' | 'head_mismatch' | 'checkpoint_mismatch';
}

export interface VerifyResult {
  ok: boolean;
  events: number;
  head: { chainIndex: number; hash: string };
  broken?: BrokenLink;
}

/** Recomputes the whole chain and reports the first event that does not fit. */
export async function verifyChain(
  db: Kysely<DB>,
  tenantId: string,
  checkpoint?: { chainIndex: number; hash: string },
): Promise<VerifyResult> {
  await sealWorkspace(db, tenantId, true);
  return withTenant(db, tenantId, async (tx) => {
    const headRow = await tx
      .selectFrom('audit_heads')
      .select(['chain_index', 'hash'])
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    let prev = genesisHash(tenantId);
    let expected = 1;
    let broken: BrokenLink | undefined;
    let checkpointSeen = false;
    let after = 0;
    outer: for (;;) {
      const rows = await sql<HashedFields & { chain_index: number; hash: string }>`
        select chain_index, hash, tenant_id, id, at, actor_id, actor_kind, action, entity, entity_id, summary, request_id
        from audit_events where tenant_id = ${tenantId} and chain_index > ${after}
        order by chain_index limit ${BATCH}`.execute(tx);
      for (const row of rows.rows) {
        const index = Number(row.chain_index);
        if (index !== expected) {
          broken = {
            chainIndex: expected,
            eventId: null,
            reason: index > expected ? 'missing' : 'out_of_order',
          };
          break outer;
        }
        const hash = eventHash(prev, index, row);
        if (hash !== row.hash) {
          broken = { chainIndex: index, eventId: row.id, reason: 'altered' };
          break outer;
        }
        if (checkpoint && index === checkpoint.chainIndex) {
          checkpointSeen = true;
          if (hash !== checkpoint.hash) {
            broken = { chainIndex: index, eventId: row.id, reason: 'checkpoint_mismatch' };
            break outer;
          }
        }
        prev = hash;
        expected += 1;
        after = index;
      }
      if (rows.rows.length < BATCH) break;
    }
    const last = expected - 1;
    if (!broken && (!headRow || Number(headRow.chain_index) !== last || headRow.hash !== prev)) {
      broken = { chainIndex: last + 1, eventId: null, reason: 'head_mismatch' };
    }
    if (!broken && checkpoint && !checkpointSeen) {
      broken = { chainIndex: checkpoint.chainIndex, eventId: null, reason: 'checkpoint_mismatch' };
    }
    return {
      ok: !broken,
      events: broken ? broken.chainIndex - 1 : last,
      head: { chainIndex: last, hash: prev },
      ...(broken ? { broken } : {}),
    };
  });
}
