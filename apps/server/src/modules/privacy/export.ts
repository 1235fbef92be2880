// Access and copy: a person (or an admin, for a subject-access request) asks for everything held
// about someone; a job gathers it from every registered module into a ZIP of JSON and CSV per
// category. The request commits first and the job runs after it, in this process or — after a
// restart — in whichever process finds the pending row. The file can be downloaded once, by the
// person who asked, before it expires; then it is deleted.

import { strToU8, zipSync } from 'fflate';
import { type Kysely, sql } from 'kysely';
import { newId } from '../../db/ids.ts';
import type { DB } from '../../db/schema.ts';
import { withSystem, withTenant } from '../../db/tenant.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import { runCommand } from '../../platform/command.ts';
import type { RequestContext } from '../../platform/context.ts';
import { problem } from '../../platform/errors.ts';
import { readProfile } from '../users/profile.ts';
import {
  CATEGORY_MEANING,
  type ExportRow,
  type ExportSection,
  personalDataDeclarations,
} from './registry.ts';

/** How long a finished export waits for its one download. */
export const EXPORT_TTL_MS = 24 * 60 * 60 * 1000;
export const EXPORTS_PER_HOUR = 10;

export type ExportStatus = 'pending' | 'ready' | 'failed' | 'downloaded' | 'expired';

export interface ExportView {
  id: string;
  status: ExportStatus;
  subjectUserId: string;
  createdAt: string;
  readyAt: string | null;
  expiresAt: string | null;
  downloadUrl?: string;
}

interface ExportRowDb {
  id: string;
  status: ExportStatus;
  subject_user_id: string;
  requested_by: string;
  created_at: Date;
  ready_at: Date | null;
  expires_at: Date | null;
}

function toView(r: ExportRowDb, now = new Date()): ExportView {
  const expired = r.status === 'ready' && r.expires_at !== null && new Date(r.expires_at) <= now;
  const status: ExportStatus = expired ? 'expired' : r.status;
  return {
    id: r.id,
    status,
    subjectUserId: r.subject_user_id,
    createdAt: new Date(r.created_at).toISOString(),
    readyAt: r.ready_at ? new Date(r.ready_at).toISOString() : null,
    expiresAt: r.expires_at ? new Date(r.expires_at).toISOString() : null,
    ...(status === 'ready' ? { downloadUrl: `/api/v1/exports/${r.id}/download` } : {}),
  };
}

export async function requestExport(db: Kysely<DB>, ctx: RequestContext, subjectUserId: string) {
  const { result } = await runCommand(db, ctx, undefined, async (tx) => {
    const subject = await readProfile(tx, { tenantId: ctx.tenantId, userId: subjectUserId });
    if (!subject) throw problem('user_not_found');
    // Exports copy everything about a person, so they are few per requester (ASVS 2.4.1); counted
    // in the database, so the limit holds across server processes.
    const recent = await sql<{ n: number }>`select count(*)::int as n from export_jobs
      where tenant_id = ${ctx.tenantId} and requested_by = ${ctx.actor.userId}
        and created_at > now() - interval '1 hour'`.execute(tx);
    if ((recent.rows[0]?.n ?? 0) >= EXPORTS_PER_HOUR) {
      throw problem(
        'rate_limited',
        `At most ${EXPORTS_PER_HOUR} exports an hour.`,
        {},
        { 'Retry-After': '3600' },
      );
    }
    const id = newId();
    await sql`insert into export_jobs (tenant_id, id, subject_user_id, requested_by)
      values (${ctx.tenantId}, ${id}, ${subjectUserId}, ${ctx.actor.userId})`.execute(tx);
    await recordAudit(tx, ctx, {
      action: subjectUserId === ctx.actor.userId ? 'privacy.export_own' : 'privacy.export_user',
      entity: 'user',
      entityId: subjectUserId,
      summary: { exportId: id },
    });
    return { id, status: 'pending' as const };
  });
  return result;
}

async function findOwnExport(db: Kysely<DB>, ctx: RequestContext, id: string) {
  return withTenant(db, ctx.tenantId, async (tx) => {
    const rows =
      await sql<ExportRowDb>`select id, status, subject_user_id, requested_by, created_at, ready_at, expires_at
      from export_jobs where tenant_id = ${ctx.tenantId} and id = ${id}`.execute(tx);
    return rows.rows[0];
  });
}

export async function getExport(db: Kysely<DB>, ctx: RequestContext, id: string): Promise<ExportView> {
  const row = await findOwnExport(db, ctx, id);
  // Only the person who asked sees it; anyone else (in this workspace or not) is told it does not exist.
  if (!row || row.requested_by !== ctx.actor.userId) throw problem('export_not_found');
  return toView(row);
}

/** Hands the file over once: it is deleted in the same transaction that reads it. */
export async function downloadExport(db: Kysely<DB>, ctx: RequestContext, id: string): Promise<Buffer> {
  const { result } = await runCommand(db, ctx, undefined, async (tx) => {
    const rows = await sql<ExportRowDb & { file: Buffer | null }>`
      select id, status, subject_user_id, requested_by, created_at, ready_at, expires_at, file
      from export_jobs where tenant_id = ${ctx.tenantId} and id = ${id} for update`.execute(tx);
    const row = rows.rows[0];
    if (!row || row.requested_by !== ctx.actor.userId) throw problem('export_not_found');
    const view = toView(row);
    if (view.status === 'pending') throw problem('export_not_ready');
    if (view.status !== 'ready' || !row.file) throw problem('export_gone');
    await sql`update export_jobs set status = 'downloaded', downloaded_at = now(), file = null
      where tenant_id = ${ctx.tenantId} and id = ${id}`.execute(tx);
    await recordAudit(tx, ctx, {
      action: 'privacy.export_download',
      entity: 'user',
      entityId: row.subject_user_id,
      summary: { exportId: id },
    });
    return Buffer.from(row.file).toString('base64');
  });
  return Buffer.from(result, 'base64');
}

function csvCell(value: ExportRow[string]): string {
  if (value === null) return '';
  const text = Array.isArray(value) ? value.join(';') : String(value);
  // Quote always and neutralise spreadsheet formulas (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
}

export function toCsv(rows: readonly ExportRow[]): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const lines = [columns.map((c) => csvCell(c)).join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvCell(r[c] ?? null)).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function buildZip(subjectUserId: string, sections: readonly ExportSection[], at: Date): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const manifest = {
    subjectUserId,
    generatedAt: at.toISOString(),
    categories: CATEGORY_MEANING,
    files: sections.map((s) => ({
      category: s.category,
      name: s.name,
      description: s.description,
      rows: s.rows.length,
      json: `${s.category}/${s.name}.json`,
      csv: `${s.category}/${s.name}.csv`,
    })),
  };
  files['manifest.json'] = strToU8(JSON.stringify(manifest, null, 2));
  for (const s of sections) {
    files[`${s.category}/${s.name}.json`] = strToU8(JSON.stringify(s.rows, null, 2));
    files[`${s.category}/${s.name}.csv`] = strToU8(toCsv(s.rows));
  }
  return zipSync(files, { level: 6, mtime: at });
}

/**
 * Builds one pending export. The row is locked with SKIP LOCKED, so when two processes pick up the
 * same pending export only one builds it; a failure marks it failed rather than retrying forever.
 */
export async function buildExport(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
): Promise<ExportStatus | null> {
  try {
    return await withTenant(db, tenantId, async (tx) => {
      const rows = await sql<{ subject_user_id: string }>`select subject_user_id from export_jobs
        where tenant_id = ${tenantId} and id = ${id} and status = 'pending' for update skip locked`.execute(
        tx,
      );
      const job = rows.rows[0];
      if (!job) return null;
      const subject = { tenantId, userId: job.subject_user_id };
      const sections: ExportSection[] = [];
      for (const decl of personalDataDeclarations()) {
        if (decl.export) sections.push(...(await decl.export(tx, subject)));
      }
      const at = new Date();
      const zip = buildZip(job.subject_user_id, sections, at);
      await sql`update export_jobs set status = 'ready', file = ${Buffer.from(zip)}, file_bytes = ${zip.byteLength},
          ready_at = ${at}, expires_at = ${new Date(at.getTime() + EXPORT_TTL_MS)}
        where tenant_id = ${tenantId} and id = ${id}`.execute(tx);
      return 'ready' as const;
    });
  } catch (error) {
    await withTenant(db, tenantId, (tx) =>
      sql`update export_jobs set status = 'failed', error = ${String((error as Error).message).slice(0, 500)}
        where tenant_id = ${tenantId} and id = ${id} and status = 'pending'`.execute(tx),
    );
    throw error;
  }
}

/** Picks up exports left pending (e.g. by a process that stopped between commit and build). */
export async function buildPendingExports(db: Kysely<DB>, limit = 20): Promise<number> {
  const pending = await withSystem(db, (tx) =>
    sql<{ tenant_id: string; id: string }>`select tenant_id, id from export_jobs where status = 'pending'
      order by id limit ${limit}`.execute(tx),
  );
  let built = 0;
  for (const job of pending.rows) {
    if ((await buildExport(db, job.tenant_id, job.id)) === 'ready') built += 1;
  }
  return built;
}

/**
 * Runs export builds after their request has committed, in this process. Tracks them so a server
 * shutting down waits for a build in progress instead of cutting it off mid-transaction.
 */
export class ExportRunner {
  private readonly inFlight = new Set<Promise<unknown>>();
  constructor(
    private readonly db: Kysely<DB>,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(tenantId: string, id: string): void {
    const run = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => buildExport(this.db, tenantId, id))
      .catch(this.onError)
      .finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
  }

  async drain(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }
}
