// Delivering the outbox. A sender leases a batch of pending mail (FOR UPDATE SKIP LOCKED, so two
// processes never take the same row; the lease expires if a process dies mid-send), re-checks each
// recipient's preference and account, sends, and marks the row sent. A crash between the event's
// commit and the send leaves the row pending, and whichever sender runs next delivers it.
// Delivery is at least once: a crash after the SMTP server accepted a mail but before the row was
// marked lets it go again after the lease; the Message-ID is the row's, so receivers can drop it.

import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { withSystem, withTenant } from '../../db/tenant.ts';
import { type Category, isCategory, preferencesOf } from './categories.ts';
import type { Mailer, OutgoingMail } from './mailer.ts';
import { unsubscribeToken } from './unsubscribe.ts';

export interface SenderOptions {
  workerId: string;
  from: string;
  /** Origin the unsubscribe links point at. */
  publicUrl: string;
  batchSize?: number;
  leaseSeconds?: number;
  maxAttempts?: number;
}

export interface SendReport {
  sent: number;
  skipped: number;
  failed: number;
}

export async function unsubscribeUrl(publicUrl: string, token: string): Promise<string> {
  return `${publicUrl.replace(/\/$/, '')}/api/v1/notifications/unsubscribe?token=${encodeURIComponent(token)}`;
}

async function prepare(
  db: Kysely<DB>,
  claim: { tenant_id: string; id: string },
  options: SenderOptions,
): Promise<OutgoingMail | { skip: string } | undefined> {
  return withTenant(db, claim.tenant_id, async (tx) => {
    const row = await tx
      .selectFrom('email_outbox as o')
      .innerJoin('users as u', (j) =>
        j.onRef('u.tenant_id', '=', 'o.tenant_id').onRef('u.id', '=', 'o.user_id'),
      )
      .select(['o.id', 'o.user_id', 'o.category', 'o.subject', 'o.body', 'u.email', 'u.status'])
      .where('o.tenant_id', '=', claim.tenant_id)
      .where('o.id', '=', claim.id)
      .where('o.status', '=', 'pending')
      .where('o.leased_by', '=', options.workerId)
      .executeTakeFirst();
    // Sent meanwhile by a sender that took over an expired lease.
    if (!row) return undefined;
    if (row.status !== 'active') return { skip: 'account_inactive' };
    const category: Category = isCategory(row.category) ? row.category : 'security';
    // The preference is checked again now: an opt-out after the event still stops the mail.
    const prefs = (await preferencesOf(tx, claim.tenant_id, [row.user_id])).get(row.user_id)!;
    if (!prefs[category].email) return { skip: 'opted_out' };
    // Security mail cannot be switched off; its link turns off every optional category instead.
    const token = await unsubscribeToken(tx, { tenantId: claim.tenant_id, userId: row.user_id, category });
    const url = await unsubscribeUrl(options.publicUrl, token);
    const footer = CATEGORIES_TEXT[category];
    return {
      from: options.from,
      to: row.email,
      subject: row.subject,
      text: `${row.body}\n\n--\n${footer}\nUnsubscribe: ${url}\n`,
      messageId: `<${row.id}@opsledger>`,
      headers: {
        'List-Unsubscribe': `<${url}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    };
  });
}

const CATEGORIES_TEXT: Record<Category, string> = {
  security:
    'You get this because it concerns the security of your account; these notices cannot be switched off. The link below stops all other OpsLedger email.',
  operations: 'You get this because operations email is on in your notification preferences.',
  announcements: 'You get this because announcement email is on in your notification preferences.',
};

async function finish(
  db: Kysely<DB>,
  claim: { tenant_id: string; id: string },
  workerId: string,
  set: {
    status: 'sent' | 'skipped' | 'failed' | 'pending';
    last_error?: string | null;
    retryInSeconds?: number;
  },
): Promise<void> {
  await withTenant(db, claim.tenant_id, (tx) =>
    tx
      .updateTable('email_outbox')
      .set({
        status: set.status,
        last_error: set.last_error ?? null,
        finished_at: set.status === 'pending' ? null : new Date(),
        lease_until:
          set.status === 'pending'
            ? sql<Date>`now() + make_interval(secs => ${set.retryInSeconds ?? 60})`
            : null,
      })
      .where('tenant_id', '=', claim.tenant_id)
      .where('id', '=', claim.id)
      .where('leased_by', '=', workerId)
      .where('status', '=', 'pending')
      .execute(),
  );
}

/** One pass: lease a batch, deliver it, and report. */
export async function sendPendingMail(
  db: Kysely<DB>,
  mailer: Mailer,
  options: SenderOptions,
): Promise<SendReport> {
  const lease = options.leaseSeconds ?? 60;
  const claimed = await withSystem(db, async (tx) => {
    const rows = await sql<{ tenant_id: string; id: string; attempts: number }>`
      update email_outbox o
         set lease_until = now() + make_interval(secs => ${lease}), leased_by = ${options.workerId},
             attempts = o.attempts + 1
       where (o.tenant_id, o.id) in (
         select tenant_id, id from email_outbox
          where status = 'pending' and (lease_until is null or lease_until < now())
          order by created_at limit ${options.batchSize ?? 20}
          for update skip locked)
      returning o.tenant_id, o.id, o.attempts`.execute(tx);
    return rows.rows;
  });
  const report: SendReport = { sent: 0, skipped: 0, failed: 0 };
  for (const claim of claimed) {
    const mail = await prepare(db, claim, options);
    if (!mail) continue;
    if ('skip' in mail) {
      await finish(db, claim, options.workerId, { status: 'skipped', last_error: mail.skip });
      report.skipped++;
      continue;
    }
    try {
      await mailer.send(mail);
    } catch (error) {
      const giveUp = claim.attempts >= (options.maxAttempts ?? 5);
      await finish(db, claim, options.workerId, {
        status: giveUp ? 'failed' : 'pending',
        last_error: String((error as Error).message ?? error).slice(0, 500),
        retryInSeconds: 30 * 2 ** claim.attempts,
      });
      report.failed++;
      continue;
    }
    await finish(db, claim, options.workerId, { status: 'sent' });
    report.sent++;
  }
  return report;
}
