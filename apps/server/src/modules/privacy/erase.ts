// Erasure: every module's erase function runs in one transaction, so a person is either erased
// everywhere or not at all. Ledger, production and audit rows keep the person's id, which from
// then on names nobody ("Former user 7f3a"), so stock history, valuation, statistics and the audit
// chain are exactly what they were.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Tx } from '../../db/tenant.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import { runCommand } from '../../platform/command.ts';
import type { RequestContext } from '../../platform/context.ts';
import { problem } from '../../platform/errors.ts';
import { pseudonymOf, readProfile } from '../users/profile.ts';
import { lockActiveAdmins } from '../users/queries.ts';
import { activeHold } from './legal-hold.ts';
import { personalDataDeclarations } from './registry.ts';

export interface ErasureResult {
  userId: string;
  name: string;
  erasedAt: string;
  removed: Record<string, number>;
}

function scrub(text: string, values: (string | null)[], replacement: string): string {
  let out = text;
  for (const v of values) {
    if (!v) continue;
    out = out.replace(new RegExp(v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), replacement);
  }
  return out;
}

export async function eraseInTransaction(
  tx: Tx,
  ctx: RequestContext,
  userId: string,
  input: { reason: string; via: 'request' | 'retention' },
): Promise<ErasureResult> {
  const key = { tenantId: ctx.tenantId, userId };
  // The row lock orders this against a legal hold being set at the same moment.
  const profile = await readProfile(tx, key, { lock: true });
  if (!profile) throw problem('user_not_found');
  if (profile.erasedAt) throw problem('already_erased');
  if (userId === ctx.actor.userId) throw problem('cannot_erase_self');
  if (await activeHold(tx, key)) throw problem('legal_hold');
  if (profile.status === 'active' && profile.roles.includes('admin')) {
    const admins = await lockActiveAdmins(tx, ctx.tenantId);
    if (admins.filter((a) => a !== userId).length === 0) throw problem('last_admin');
  }
  const subject = { ...key, email: profile.email, name: profile.name, pseudonym: pseudonymOf(userId) };
  const removed: Record<string, number> = {};
  for (const decl of personalDataDeclarations()) {
    if (!decl.erase) continue;
    for (const [table, n] of Object.entries(await decl.erase(tx, subject))) {
      removed[table] = (removed[table] ?? 0) + n;
    }
  }
  const erasedAt = new Date();
  // The reason an admin types ("as Jane Doe asked on …") must not keep what was just erased.
  const reason = scrub(input.reason, [profile.name, profile.email, profile.phone], subject.pseudonym);
  await sql`insert into erasures (tenant_id, user_id, reason, erased_by, via, erased_at, removed)
    values (${ctx.tenantId}, ${userId}, ${reason}, ${ctx.actor.userId}, ${input.via}, ${erasedAt},
            ${JSON.stringify(removed)}::jsonb)`.execute(tx);
  // The reason stays out of the hashed summary: free text may name the person, and the chain
  // can never forget what it hashed.
  await recordAudit(tx, ctx, {
    action: 'user.erase',
    entity: 'user',
    entityId: userId,
    summary: { via: input.via, removed },
  });
  return { userId, name: subject.pseudonym, erasedAt: erasedAt.toISOString(), removed };
}

export async function eraseUser(db: Kysely<DB>, ctx: RequestContext, userId: string, reason: string) {
  const { result } = await runCommand(db, ctx, undefined, (tx) =>
    eraseInTransaction(tx, ctx, userId, { reason, via: 'request' }),
  );
  return result;
}
