// Routings: the ordered process steps that make an item, each at a work center, with an optional
// standard time per unit (for performance and OEE). Versioned; one active per item.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { newId } from '../../db/ids.ts';
import type { DB } from '../../db/schema.ts';
import { type Tx, withTenant } from '../../db/tenant.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import { runCommand } from '../../platform/command.ts';
import type { RequestContext } from '../../platform/context.ts';
import { type DecimalInput, dec, parseDecimal } from '../../platform/decimal.ts';
import { problem } from '../../platform/errors.ts';
import type { IdempotencyRequest } from '../../platform/idempotency.ts';
import {
  activateVersion,
  activateVersionCommand,
  afterVersionKey,
  nextVersion,
  type VersionKey,
} from './versions.ts';

export interface RoutingView {
  id: string;
  sku: string;
  itemId: string;
  version: number;
  active: boolean;
  steps: {
    seq: number;
    name: string;
    workCenter: string;
    workCenterId: string;
    stdMinutesPerUnit: string | null;
  }[];
  createdAt: string;
}

/**
 * Routings by SKU, newest version first (then id, so the order is total), `limit` + 1 of them after
 * `after` so that a caller paging knows whether another page follows.
 */
export async function findRoutings(
  tx: Tx,
  q: {
    tenantId: string;
    id?: string | undefined;
    sku?: string | undefined;
    after?: VersionKey | undefined;
    limit: number;
  },
): Promise<RoutingView[]> {
  const r = await sql<{
    id: string;
    sku: string;
    item_id: string;
    version: number;
    active: boolean;
    created_at: Date;
    steps: { seq: number; name: string; work_center: string; work_center_id: string; std: string | null }[];
  }>`
    select r.id, i.sku, r.item_id, r.version, r.active, r.created_at,
      (select json_agg(json_build_object('seq', s.seq, 'name', s.name, 'work_center', w.code, 'work_center_id', w.id,
                                         'std', s.std_minutes_per_unit) order by s.seq)
         from routing_steps s join work_centers w on w.tenant_id = s.tenant_id and w.id = s.work_center_id
        where s.tenant_id = r.tenant_id and s.routing_id = r.id) as steps
    from routings r join items i on i.tenant_id = r.tenant_id and i.id = r.item_id
    where r.tenant_id = ${q.tenantId}
      and (${q.id ?? null}::uuid is null or r.id = ${q.id ?? null}::uuid)
      and (${q.sku ?? null}::text is null or i.sku = ${q.sku ?? null}::text)
      ${afterVersionKey('r', q.after)}
    order by i.sku, r.version desc, r.id limit ${q.limit + 1}`.execute(tx);
  return r.rows.map((row) => ({
    id: row.id,
    sku: row.sku,
    itemId: row.item_id,
    version: row.version,
    active: row.active,
    steps: (row.steps ?? []).map((s) => ({
      seq: s.seq,
      name: s.name,
      workCenter: s.work_center,
      workCenterId: s.work_center_id,
      stdMinutesPerUnit: dec(s.std),
    })),
    createdAt: new Date(row.created_at).toISOString(),
  }));
}

export function routingKeyOf(r: RoutingView): VersionKey {
  return [r.sku, r.version, r.id];
}

async function mustFind(tx: Tx, tenantId: string, id: string): Promise<RoutingView> {
  const [routing] = await findRoutings(tx, { tenantId, id, limit: 1 });
  if (!routing) throw problem('routing_not_found');
  return routing;
}

export interface RoutingInput {
  sku: string;
  steps: { seq: number; name: string; workCenter: string; stdMinutesPerUnit?: DecimalInput | undefined }[];
}

export async function createRouting(
  db: Kysely<DB>,
  ctx: RequestContext,
  input: RoutingInput,
  idempotency: IdempotencyRequest | undefined,
) {
  if (!input.steps.length) throw problem('invalid_routing', 'A routing needs at least one step.');
  const seqs = input.steps.map((s) => s.seq);
  if (new Set(seqs).size !== seqs.length) throw problem('invalid_routing', 'Step numbers must be unique.');
  const steps = input.steps
    .map((s, i) => ({
      ...s,
      std:
        s.stdMinutesPerUnit === undefined
          ? null
          : parseDecimal(s.stdMinutesPerUnit, `/steps/${i}/stdMinutesPerUnit`, { nonNegative: true }),
    }))
    .sort((a, b) => a.seq - b.seq);
  const { result } = await runCommand(db, ctx, idempotency, async (tx) => {
    const item = await tx
      .selectFrom('items')
      .select('id')
      .where('tenant_id', '=', ctx.tenantId)
      .where('sku', '=', input.sku)
      .executeTakeFirst();
    if (!item) throw problem('unknown_sku', `No item has the SKU ${input.sku}.`, { sku: input.sku });
    const codes = [...new Set(steps.map((s) => s.workCenter))];
    const centers = await tx
      .selectFrom('work_centers')
      .select(['id', 'code'])
      .where('tenant_id', '=', ctx.tenantId)
      .where('code', 'in', codes)
      .execute();
    const wcId = new Map(centers.map((c) => [c.code, c.id]));
    const missing = codes.find((c) => !wcId.has(c));
    if (missing) throw problem('unknown_work_center', `No work center has the code ${missing}.`);
    const id = newId();
    const version = await nextVersion(tx, 'routings', ctx.tenantId, item.id);
    await tx
      .insertInto('routings')
      .values({ tenant_id: ctx.tenantId, id, item_id: item.id, version, created_by: ctx.actor.userId })
      .execute();
    await tx
      .insertInto('routing_steps')
      .values(
        steps.map((s) => ({
          tenant_id: ctx.tenantId,
          routing_id: id,
          seq: s.seq,
          name: s.name.trim(),
          work_center_id: wcId.get(s.workCenter)!,
          std_minutes_per_unit: s.std?.toFixed() ?? null,
        })),
      )
      .execute();
    await activateVersion(tx, 'routings', ctx.tenantId, item.id, id);
    await recordAudit(tx, ctx, {
      action: 'routing.create',
      entity: 'routing',
      entityId: id,
      summary: { sku: input.sku, version, steps: steps.length },
    });
    return mustFind(tx, ctx.tenantId, id);
  });
  return result;
}

export function activateRouting(db: Kysely<DB>, ctx: RequestContext, id: string) {
  return activateVersionCommand(db, ctx, 'routings', id, mustFind);
}

export async function getRouting(db: Kysely<DB>, ctx: RequestContext, id: string) {
  return withTenant(db, ctx.tenantId, (tx) => mustFind(tx, ctx.tenantId, id));
}
