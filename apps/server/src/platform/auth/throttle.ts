// Sign-in throttling shared by every server process (rows in login_failures). Failures count per
// account (workspace + email) and per client address over a sliding window. So that the per-account
// limit cannot be used to lock a victim out, an address from which this account signed in
// successfully in the last 30 days is exempt from it (the per-address limit still applies).

import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { withSystem } from '../../db/tenant.ts';
import { sha256Hex } from './keys.ts';

export interface ThrottleSettings {
  windowSeconds: number;
  perAccount: number;
  perAddress: number;
}

export function accountKey(workspace: string, email: string): string {
  return `acct:${sha256Hex(`${workspace.toLowerCase()}\n${email.toLowerCase()}`)}`;
}

export function addressKey(ip: string): string {
  return `ip:${sha256Hex(ip)}`;
}

export interface ThrottleVerdict {
  accountBlocked: boolean;
  addressBlocked: boolean;
  retryAfterSeconds: number;
}

export async function checkThrottle(
  db: Kysely<DB>,
  settings: ThrottleSettings,
  keys: { account: string; address: string },
): Promise<ThrottleVerdict> {
  const rows = await withSystem(db, (tx) =>
    sql<{ key: string; failures: number; oldest: Date }>`
      select key, count(*)::int as failures, min(at) as oldest from login_failures
      where key in (${keys.account}, ${keys.address})
        and at > now() - make_interval(secs => ${settings.windowSeconds})
      group by key`.execute(tx),
  );
  const verdict: ThrottleVerdict = { accountBlocked: false, addressBlocked: false, retryAfterSeconds: 0 };
  for (const row of rows.rows) {
    const limit = row.key === keys.account ? settings.perAccount : settings.perAddress;
    if (row.failures < limit) continue;
    if (row.key === keys.account) verdict.accountBlocked = true;
    else verdict.addressBlocked = true;
    const freeAt = new Date(row.oldest).getTime() + settings.windowSeconds * 1000;
    verdict.retryAfterSeconds = Math.max(
      verdict.retryAfterSeconds,
      Math.ceil((freeAt - Date.now()) / 1000),
      1,
    );
  }
  return verdict;
}

export async function recordFailure(
  db: Kysely<DB>,
  keys: { account: string; address: string },
): Promise<void> {
  await withSystem(db, (tx) =>
    tx
      .insertInto('login_failures')
      .values([{ key: keys.account }, { key: keys.address }])
      .execute(),
  );
}

export async function clearAccountFailures(db: Kysely<DB>, account: string): Promise<void> {
  await withSystem(db, (tx) => tx.deleteFrom('login_failures').where('key', '=', account).execute());
}

/** Drops failures older than any window could need; run by the maintenance loop. */
export async function pruneFailures(db: Kysely<DB>, settings: ThrottleSettings): Promise<void> {
  await withSystem(db, (tx) =>
    tx
      .deleteFrom('login_failures')
      .where('at', '<', sql<Date>`now() - make_interval(secs => ${settings.windowSeconds * 2})`)
      .execute(),
  );
}
