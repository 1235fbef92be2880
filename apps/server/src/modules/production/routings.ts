// Routings: the ordered process steps that make an item, each at a work center, with an optional
// standard time per unit (for performance and OEE). Versioned; one active per item.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { newId } from '../../db/ids.ts';
import type { DB } from '../../db/schema.ts';
import { runCommand } from '../../platform/command.ts';
import type { RequestContext } from '../../platform/context.ts';
import { type DecimalInput, dec, parseDecimal } from '../../platform/decimal.ts';
import { problem } from '../../platform/errors.ts';
import type { IdempotencyRequest } from '../../platform/idempotency.ts';
import { completeNewVersion, defineVersionedDocument, nextVersion } from './versions.ts';

/** What a version holds beyond what every version has (VersionView in versions.ts). */
interface RoutingContents {
  steps: {
    seq: number;
    name: string;
    workCenter: string;
    workCenterId: string;
    stdMinutesPerUnit: string | null;
  }[];
}

export const routingDocument = defineVersionedDocument({
  table: 'routings',
  entity: 'routing',
  notFoundCode: 'routing_not_found',
  contentsColumns: sql`
      (select json_agg(json_build_object('seq', s.seq, 'name', s.name, 'work_center', w.code, 'work_center_id', w.id,
                                         'std', s.std_minutes_per_unit) order by s.seq)
         from routing_steps s join work_centers w on w.tenant_id = s.tenant_id and w.id = s.work_center_id
        where s.tenant_id = v.tenant_id and s.routing_id = v.id) as steps`,
  contentsOf: (row: {
    steps:
      | { seq: number; name: string; work_center: string; work_center_id: string; std: string | null }[]
      | null;
  }): RoutingContents => ({
    steps: (row.steps ?? []).map((s) => ({
      seq: s.seq,
      name: s.name,
      workCenter: s.work_center,
      workCenterId: s.work_center_id,
      stdMinutesPerUnit: dec(s.std),
    })),
  }),
});

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
    const version = await nextVersion(tx, routingDocument.table, ctx.tenantId, item.id);
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
    return completeNewVersion(
      tx,
      ctx,
      routingDocument,
      { itemId: item.id, id },
      { sku: input.sku, version, steps: steps.length },
    );
  });
  return result;
}
