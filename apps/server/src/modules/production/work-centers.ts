// Work centers: where process steps happen (a cutting table, a line, a QC bench), each optionally
// fed from a floor location.
import type { Kysely } from 'kysely';
import { isUuid, newId } from '../../db/ids.ts';
import type { DB } from '../../db/schema.ts';
import { type Tx, withTenant } from '../../db/tenant.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import { runCommand } from '../../platform/command.ts';
import type { RequestContext } from '../../platform/context.ts';
import { problem } from '../../platform/errors.ts';
import type { IdempotencyRequest } from '../../platform/idempotency.ts';
import { isTextUpTo } from '../../platform/pagination.ts';
import { findInternalLocation } from '../locations/service.ts';

export interface WorkCenterView {
  id: string;
  code: string;
  name: string;
  location: string | null;
  active: boolean;
}

/** Work centers a list answers at most per page, and by default. */
export const WORK_CENTER_LIST_LIMIT = 500;

/** The keyset of the work center list, in its order: code (unique), then id to make it total. */
export type WorkCenterKey = [code: string, id: string];

/** For decodeCursor: a WorkCenterKey as this server writes it, checked so that no cast in SQL can fail. */
export function isWorkCenterKey(v: unknown): v is WorkCenterKey {
  if (!Array.isArray(v) || v.length !== 2) return false;
  const [code, id] = v as unknown[];
  return isTextUpTo(64)(code) && typeof id === 'string' && isUuid(id);
}

export function workCenterKeyOf(w: WorkCenterView): WorkCenterKey {
  return [w.code, w.id];
}

function selectWorkCenters(tx: Tx, tenantId: string) {
  return tx
    .selectFrom('work_centers as w')
    .leftJoin('locations as l', (j) =>
      j.onRef('l.tenant_id', '=', 'w.tenant_id').onRef('l.id', '=', 'w.location_id'),
    )
    .select(['w.id', 'w.code', 'w.name', 'w.active', 'l.code as location'])
    .where('w.tenant_id', '=', tenantId);
}

function toView(r: { id: string; code: string; name: string; location: string | null; active: boolean }) {
  return { id: r.id, code: r.code, name: r.name, location: r.location, active: r.active };
}

/** Work centers by code, `limit` + 1 of them after `after`, so a caller knows whether more follow. */
export async function listWorkCenters(
  tx: Tx,
  q: { tenantId: string; after?: WorkCenterKey | undefined; limit: number },
): Promise<WorkCenterView[]> {
  let query = selectWorkCenters(tx, q.tenantId);
  if (q.after) {
    const [code, id] = q.after;
    query = query.where((eb) =>
      eb.or([eb('w.code', '>', code), eb.and([eb('w.code', '=', code), eb('w.id', '>', id)])]),
    );
  }
  const rows = await query
    .orderBy('w.code')
    .orderBy('w.id')
    .limit(q.limit + 1)
    .execute();
  return rows.map(toView);
}

async function mustFind(tx: Tx, tenantId: string, id: string): Promise<WorkCenterView> {
  const found = await selectWorkCenters(tx, tenantId).where('w.id', '=', id).executeTakeFirst();
  if (!found) throw problem('work_center_not_found');
  return toView(found);
}

export async function createWorkCenter(
  db: Kysely<DB>,
  ctx: RequestContext,
  input: { code: string; name: string; location?: string | undefined },
  idempotency: IdempotencyRequest | undefined,
) {
  const { result } = await runCommand(db, ctx, idempotency, async (tx) => {
    const id = newId();
    const inserted = await tx
      .insertInto('work_centers')
      .values({
        tenant_id: ctx.tenantId,
        id,
        code: input.code,
        name: input.name.trim(),
        location_id: input.location
          ? (await findInternalLocation(tx, ctx.tenantId, input.location, 'location')).id
          : null,
      })
      .onConflict((oc) => oc.columns(['tenant_id', 'code']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) throw problem('work_center_code_taken');
    await recordAudit(tx, ctx, {
      action: 'work_center.create',
      entity: 'work_center',
      entityId: id,
      summary: { code: input.code },
    });
    return mustFind(tx, ctx.tenantId, id);
  });
  return result;
}

export async function updateWorkCenter(
  db: Kysely<DB>,
  ctx: RequestContext,
  id: string,
  patch: { name?: string | undefined; location?: string | null | undefined; active?: boolean | undefined },
) {
  const { result } = await runCommand(db, ctx, undefined, async (tx) => {
    await mustFind(tx, ctx.tenantId, id);
    await tx
      .updateTable('work_centers')
      .set({
        ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
        ...(patch.location !== undefined
          ? {
              location_id: patch.location
                ? (await findInternalLocation(tx, ctx.tenantId, patch.location, 'location')).id
                : null,
            }
          : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
      })
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, ctx, {
      action: 'work_center.update',
      entity: 'work_center',
      entityId: id,
      summary: { fields: Object.keys(patch) },
    });
    return mustFind(tx, ctx.tenantId, id);
  });
  return result;
}

export async function getWorkCenter(db: Kysely<DB>, ctx: RequestContext, id: string) {
  return withTenant(db, ctx.tenantId, (tx) => mustFind(tx, ctx.tenantId, id));
}

export interface Shift {
  weekday: number;
  starts: string;
  ends: string;
}

/** The work center's weekly shift calendar (local time; a shift ending before it starts runs overnight). */
export async function listShifts(db: Kysely<DB>, ctx: RequestContext, id: string): Promise<Shift[]> {
  return withTenant(db, ctx.tenantId, async (tx) => {
    await mustFind(tx, ctx.tenantId, id);
    const rows = await tx
      .selectFrom('work_center_shifts')
      .select(['weekday', 'starts', 'ends'])
      .where('tenant_id', '=', ctx.tenantId)
      .where('work_center_id', '=', id)
      .orderBy('weekday')
      .orderBy('starts')
      .execute();
    return rows.map((r) => ({ weekday: r.weekday, starts: r.starts.slice(0, 5), ends: r.ends.slice(0, 5) }));
  });
}

export async function replaceShifts(
  db: Kysely<DB>,
  ctx: RequestContext,
  id: string,
  shifts: Shift[],
): Promise<Shift[]> {
  await runCommand(db, ctx, undefined, async (tx) => {
    await mustFind(tx, ctx.tenantId, id);
    await tx
      .deleteFrom('work_center_shifts')
      .where('tenant_id', '=', ctx.tenantId)
      .where('work_center_id', '=', id)
      .execute();
    if (shifts.length) {
      await tx
        .insertInto('work_center_shifts')
        .values(
          shifts.map((s) => ({
            tenant_id: ctx.tenantId,
            work_center_id: id,
            weekday: s.weekday,
            starts: s.starts,
            ends: s.ends,
          })),
        )
        .execute();
    }
    await recordAudit(tx, ctx, {
      action: 'work_center.shifts',
      entity: 'work_center',
      entityId: id,
      summary: { shifts: shifts.length },
    });
    return null;
  });
  return listShifts(db, ctx, id);
}
