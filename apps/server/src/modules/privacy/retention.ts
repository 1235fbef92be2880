// Retention: per workspace and category, how long data is kept, and the job that removes what has
// expired. The dry run and the real run share one plan (the same predicates at the same moment),
// so the dry run reports exactly what the run would remove. A workspace's run happens only under
// its lease row (retention_schedule), so exactly one server process runs it at a time.

import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Tx, withSystem, withTenant } from '../../db/tenant.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import { runCommand } from '../../platform/command.ts';
import { type RequestContext, systemContext } from '../../platform/context.ts';
import { problem } from '../../platform/errors.ts';
import { eraseInTransaction } from './erase.ts';

export interface RetentionCategorySpec {
  description: string;
  defaultDays: number;
  minDays: number;
  maxDays: number;
  /** False: kept for its whole period by design; the job never removes it. */
  enforced: boolean;
  action: string;
}

export const RETENTION_CATEGORIES = {
  sessions: {
    description: 'Device and session records, counted from when the session ended',
    defaultDays: 90,
    minDays: 1,
    maxDays: 3650,
    enforced: true,
    action: 'sessions and their refresh tokens deleted',
  },
  request_logs: {
    description: 'Network address and device recorded with each audit event',
    defaultDays: 30,
    minDays: 1,
    maxDays: 3650,
    enforced: true,
    action: 'address and device removed from the audit event (the event stays)',
  },
  idempotency_keys: {
    description: 'Stored answers to idempotent requests (offline scanners replay for days)',
    defaultDays: 30,
    minDays: 7,
    maxDays: 3650,
    enforced: true,
    action: 'deleted',
  },
  deactivated_people: {
    description: 'People whose account was deactivated, counted from deactivation',
    defaultDays: 365,
    minDays: 1,
    maxDays: 36500,
    enforced: true,
    action: 'anonymised exactly as by erasure (skipped while under a legal hold)',
  },
  exports: {
    description: 'Records of data-export requests (files are deleted on download or after 24 hours)',
    defaultDays: 30,
    minDays: 1,
    maxDays: 3650,
    enforced: true,
    action: 'deleted',
  },
  audit: {
    description: 'The audit trail',
    defaultDays: 3650,
    minDays: 3650,
    maxDays: 36500,
    enforced: false,
    action: 'kept: the hash chain is append-only',
  },
  ledger: {
    description: 'Stock movements and production events',
    defaultDays: 3650,
    minDays: 3650,
    maxDays: 36500,
    enforced: false,
    action: 'kept: stock history and valuation are derived from it',
  },
} as const satisfies Record<string, RetentionCategorySpec>;

export type RetentionCategory = keyof typeof RETENTION_CATEGORIES;
export const RETENTION_CATEGORY_KEYS = Object.keys(RETENTION_CATEGORIES) as RetentionCategory[];

export interface RetentionPolicyView {
  category: RetentionCategory;
  days: number;
  defaultDays: number;
  minDays: number;
  maxDays: number;
  enforced: boolean;
  description: string;
  action: string;
  updatedAt: string | null;
  updatedBy: string | null;
}

async function readPolicies(tx: Tx, tenantId: string): Promise<RetentionPolicyView[]> {
  const rows = await sql<{ category: string; days: number; updated_at: Date; updated_by: string | null }>`
    select category, days, updated_at, updated_by from retention_policies where tenant_id = ${tenantId}`.execute(
    tx,
  );
  const set = new Map(rows.rows.map((r) => [r.category, r]));
  return RETENTION_CATEGORY_KEYS.map((category) => {
    const spec: RetentionCategorySpec = RETENTION_CATEGORIES[category];
    const row = set.get(category);
    return {
      category,
      days: row?.days ?? spec.defaultDays,
      defaultDays: spec.defaultDays,
      minDays: spec.minDays,
      maxDays: spec.maxDays,
      enforced: spec.enforced,
      description: spec.description,
      action: spec.action,
      updatedAt: row ? new Date(row.updated_at).toISOString() : null,
      updatedBy: row?.updated_by ?? null,
    };
  });
}

export function getRetentionPolicies(db: Kysely<DB>, ctx: RequestContext) {
  return withTenant(db, ctx.tenantId, (tx) => readPolicies(tx, ctx.tenantId));
}

export async function putRetentionPolicies(
  db: Kysely<DB>,
  ctx: RequestContext,
  changes: Partial<Record<RetentionCategory, number>>,
) {
  const entries = Object.entries(changes) as [RetentionCategory, number][];
  const errors = entries
    .filter(([c, d]) => d < RETENTION_CATEGORIES[c].minDays || d > RETENTION_CATEGORIES[c].maxDays)
    .map(([c]) => ({
      path: `/policies/${c}`,
      message: `must be between ${RETENTION_CATEGORIES[c].minDays} and ${RETENTION_CATEGORIES[c].maxDays} days`,
    }));
  if (errors.length)
    throw problem('retention_out_of_range', errors.map((e) => `${e.path} ${e.message}`).join('; '), {
      errors,
    });
  const { result } = await runCommand(db, ctx, undefined, async (tx) => {
    for (const [category, days] of entries) {
      await sql`insert into retention_policies (tenant_id, category, days, updated_by, updated_at)
        values (${ctx.tenantId}, ${category}, ${days}, ${ctx.actor.userId}, now())
        on conflict (tenant_id, category) do update set days = excluded.days, updated_by = excluded.updated_by,
          updated_at = excluded.updated_at`.execute(tx);
    }
    await recordAudit(tx, ctx, {
      action: 'privacy.retention_update',
      entity: 'workspace',
      entityId: ctx.tenantId,
      summary: Object.fromEntries(entries),
    });
    return readPolicies(tx, ctx.tenantId);
  });
  return result;
}

export interface RetentionItem {
  category: RetentionCategory;
  days: number;
  cutoff: string;
  action: string;
  /** Rows (or people) the run removes or anonymises. */
  count: number;
  /** Their ids, sorted, for the first 100. */
  ids: string[];
  /** People past their period but kept because of a legal hold. */
  held?: number;
}

export interface RetentionReport {
  asOf: string;
  dryRun: boolean;
  categories: RetentionItem[];
}

const SAMPLE = 100;

interface Selection {
  count: number;
  ids: string[];
  held?: number;
}

/** What each category would remove at `asOf`; the dry run returns this and the run applies it. */
async function select(
  tx: Tx,
  tenantId: string,
  category: RetentionCategory,
  cutoff: Date,
  asOf: Date,
): Promise<Selection> {
  const pick = async (query: RawBuilder<{ id: string }>) => {
    const rows = await query.execute(tx);
    const ids = rows.rows.map((r) => String(r.id)).sort();
    return { count: ids.length, ids };
  };
  switch (category) {
    case 'sessions':
      return pick(sql<{ id: string }>`select id from sessions where tenant_id = ${tenantId}
        and least(coalesce(revoked_at, expires_at), expires_at) < ${cutoff}`);
    case 'request_logs':
      return pick(sql<{ id: string }>`select id from audit_events where tenant_id = ${tenantId}
        and at < ${cutoff} and (device is not null or ip is not null)`);
    case 'idempotency_keys':
      return pick(sql<{ id: string }>`select key as id from idempotency_keys where tenant_id = ${tenantId}
        and created_at < ${cutoff}`);
    case 'exports':
      // Old request records, and files past their download window whatever the period.
      return pick(sql<{ id: string }>`select id from export_jobs where tenant_id = ${tenantId}
        and (created_at < ${cutoff} or (file is not null and expires_at <= ${asOf}))`);
    case 'deactivated_people': {
      const rows = await sql<{ id: string; held: boolean }>`select u.id,
          exists (select 1 from legal_holds h where h.tenant_id = u.tenant_id and h.user_id = u.id
                   and h.lifted_at is null) as held
        from users u where u.tenant_id = ${tenantId} and u.status = 'deactivated' and u.erased_at is null
          and u.deactivated_at < ${cutoff}`.execute(tx);
      const ids = rows.rows
        .filter((r) => !r.held)
        .map((r) => r.id)
        .sort();
      return { count: ids.length, ids, held: rows.rows.length - ids.length };
    }
    case 'audit':
    case 'ledger':
      return { count: 0, ids: [] };
  }
}

async function apply(
  tx: Tx,
  ctx: RequestContext,
  category: RetentionCategory,
  cutoff: Date,
  asOf: Date,
  chosen: Selection,
) {
  const tenantId = ctx.tenantId;
  switch (category) {
    case 'sessions':
      if (!chosen.ids.length) return;
      await sql`delete from refresh_tokens where tenant_id = ${tenantId} and session_id = any(${chosen.ids}::uuid[])`.execute(
        tx,
      );
      await sql`delete from sessions where tenant_id = ${tenantId} and id = any(${chosen.ids}::uuid[])`.execute(
        tx,
      );
      return;
    case 'request_logs':
      await sql`update audit_events set device = null, ip = null where tenant_id = ${tenantId}
        and at < ${cutoff} and (device is not null or ip is not null)`.execute(tx);
      return;
    case 'idempotency_keys':
      await sql`delete from idempotency_keys where tenant_id = ${tenantId} and created_at < ${cutoff}`.execute(
        tx,
      );
      return;
    case 'exports':
      await sql`delete from export_jobs where tenant_id = ${tenantId}
        and (created_at < ${cutoff} or (file is not null and expires_at <= ${asOf}))`.execute(tx);
      return;
    case 'deactivated_people':
      for (const userId of chosen.ids) {
        await eraseInTransaction(tx, ctx, userId, {
          reason: `retention: deactivated more than the workspace's deactivated_people period`,
          via: 'retention',
        });
      }
      return;
    case 'audit':
    case 'ledger':
      return;
  }
}

/**
 * Plans (and, unless dryRun, applies) one workspace's retention at `asOf`, inside the caller's
 * transaction. Selection and removal run in the same transaction, so the report is what happened.
 */
export async function retentionInTransaction(
  tx: Tx,
  ctx: RequestContext,
  opts: { asOf: Date; dryRun: boolean },
): Promise<RetentionReport> {
  const policies = await readPolicies(tx, ctx.tenantId);
  const categories: RetentionItem[] = [];
  for (const p of policies) {
    const cutoff = new Date(opts.asOf.getTime() - p.days * 86_400_000);
    const chosen = p.enforced
      ? await select(tx, ctx.tenantId, p.category, cutoff, opts.asOf)
      : { count: 0, ids: [] };
    if (!opts.dryRun && p.enforced) await apply(tx, ctx, p.category, cutoff, opts.asOf, chosen);
    categories.push({
      category: p.category,
      days: p.days,
      cutoff: cutoff.toISOString(),
      action: p.action,
      count: chosen.count,
      ids: chosen.ids.slice(0, SAMPLE),
      ...(chosen.held !== undefined ? { held: chosen.held } : {}),
    });
  }
  const report = { asOf: opts.asOf.toISOString(), dryRun: opts.dryRun, categories };
  if (!opts.dryRun) {
    await recordAudit(tx, ctx, {
      action: 'privacy.retention_run',
      entity: 'workspace',
      entityId: ctx.tenantId,
      summary: Object.fromEntries(categories.map((c) => [c.category, c.count])),
    });
  }
  return report;
}

export function retentionDryRun(db: Kysely<DB>, ctx: RequestContext, asOf = new Date()) {
  return withTenant(db, ctx.tenantId, (tx) => retentionInTransaction(tx, ctx, { asOf, dryRun: true }));
}

/** This process's name in lease rows. */
export const PROCESS_HOLDER = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
const LEASE_SECONDS = 600;
export const RETENTION_INTERVAL_MS = 24 * 60 * 60 * 1000;

/**
 * Takes the workspace's retention lease if it is free (or expired, or already ours) and, unless
 * `force`, only if a run is due. One conditional UPDATE: of two processes trying at once, the
 * second re-reads the row after the first commits and finds the lease taken.
 */
export async function acquireRetentionLease(
  db: Kysely<DB>,
  tenantId: string,
  holder: string,
  opts: { force?: boolean; intervalMs?: number } = {},
): Promise<boolean> {
  const intervalSeconds = Math.round((opts.intervalMs ?? RETENTION_INTERVAL_MS) / 1000);
  return withTenant(db, tenantId, async (tx) => {
    await sql`insert into retention_schedule (tenant_id) values (${tenantId}) on conflict (tenant_id) do nothing`.execute(
      tx,
    );
    const got = await sql<{ tenant_id: string }>`update retention_schedule
      set lease_holder = ${holder}, lease_expires_at = now() + make_interval(secs => ${LEASE_SECONDS})
      where tenant_id = ${tenantId}
        and (lease_expires_at is null or lease_expires_at < now() or lease_holder = ${holder})
        and (${opts.force ?? false} or last_run_at is null
             or last_run_at < now() - make_interval(secs => ${intervalSeconds}))
      returning tenant_id`.execute(tx);
    return got.rows.length > 0;
  });
}

async function releaseLease(
  db: Kysely<DB>,
  tenantId: string,
  holder: string,
  report: RetentionReport | null,
) {
  await withTenant(db, tenantId, (tx) =>
    sql`update retention_schedule set lease_expires_at = null,
        last_run_at = case when ${report !== null} then now() else last_run_at end,
        last_report = coalesce(${report ? JSON.stringify(report) : null}::jsonb, last_report)
      where tenant_id = ${tenantId} and lease_holder = ${holder}`.execute(tx),
  );
}

/** Runs one workspace's retention under its lease; null when another process holds it. */
export async function runRetention(
  db: Kysely<DB>,
  ctx: RequestContext,
  opts: { holder?: string; asOf?: Date; force?: boolean; intervalMs?: number } = {},
): Promise<RetentionReport | null> {
  const holder = opts.holder ?? PROCESS_HOLDER;
  if (!(await acquireRetentionLease(db, ctx.tenantId, holder, opts))) return null;
  let report: RetentionReport | null = null;
  try {
    report = await withTenant(db, ctx.tenantId, (tx) =>
      retentionInTransaction(tx, ctx, { asOf: opts.asOf ?? new Date(), dryRun: false }),
    );
    return report;
  } finally {
    await releaseLease(db, ctx.tenantId, holder, report);
  }
}

/** The scheduled job: every workspace whose run is due, each under its own lease. */
export async function runDueRetention(
  db: Kysely<DB>,
  opts: { holder?: string; intervalMs?: number } = {},
): Promise<number> {
  const workspaces = await withSystem(db, (tx) =>
    sql<{ id: string }>`select id from workspaces order by id`.execute(tx),
  );
  let ran = 0;
  for (const ws of workspaces.rows) {
    if (await runRetention(db, systemContext(ws.id), opts)) ran += 1;
  }
  return ran;
}

/** An admin's "run now": 409 while another process is running this workspace's retention. */
export async function runRetentionNow(db: Kysely<DB>, ctx: RequestContext): Promise<RetentionReport> {
  const report = await runRetention(db, ctx, { force: true });
  if (!report) throw problem('retention_running');
  return report;
}
