// Bills of materials: an output item and quantity, components per that quantity with an optional
// scrap allowance (percent more material planned for losses). Versioned; one active per item.
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

export interface BomView {
  id: string;
  sku: string;
  itemId: string;
  version: number;
  active: boolean;
  outputQty: string;
  components: {
    sku: string;
    itemId: string;
    name: string;
    uom: string;
    qty: string;
    scrapAllowance: string;
  }[];
  createdAt: string;
}

/**
 * BOMs by SKU, newest version first (then id, so the order is total), `limit` + 1 of them after
 * `after` so that a caller paging knows whether another page follows.
 */
export async function findBoms(
  tx: Tx,
  q: {
    tenantId: string;
    id?: string | undefined;
    sku?: string | undefined;
    after?: VersionKey | undefined;
    limit: number;
  },
): Promise<BomView[]> {
  const r = await sql<{
    id: string;
    sku: string;
    item_id: string;
    version: number;
    active: boolean;
    output_qty: string;
    created_at: Date;
    components: {
      sku: string;
      item_id: string;
      name: string;
      uom: string;
      qty: string;
      scrap_allowance: string;
    }[];
  }>`
    select b.id, i.sku, b.item_id, b.version, b.active, b.output_qty, b.created_at,
      (select json_agg(json_build_object('sku', ci.sku, 'item_id', c.item_id, 'name', ci.name, 'uom', ci.uom, 'qty', c.qty,
                                         'scrap_allowance', c.scrap_allowance) order by c.line)
         from bom_components c join items ci on ci.tenant_id = c.tenant_id and ci.id = c.item_id
        where c.tenant_id = b.tenant_id and c.bom_id = b.id) as components
    from boms b join items i on i.tenant_id = b.tenant_id and i.id = b.item_id
    where b.tenant_id = ${q.tenantId}
      and (${q.id ?? null}::uuid is null or b.id = ${q.id ?? null}::uuid)
      and (${q.sku ?? null}::text is null or i.sku = ${q.sku ?? null}::text)
      ${afterVersionKey('b', q.after)}
    order by i.sku, b.version desc, b.id limit ${q.limit + 1}`.execute(tx);
  return r.rows.map((b) => ({
    id: b.id,
    sku: b.sku,
    itemId: b.item_id,
    version: b.version,
    active: b.active,
    outputQty: dec(b.output_qty)!,
    components: (b.components ?? []).map((c) => ({
      sku: c.sku,
      itemId: c.item_id,
      name: c.name,
      uom: c.uom,
      qty: dec(c.qty)!,
      scrapAllowance: dec(c.scrap_allowance)!,
    })),
    createdAt: new Date(b.created_at).toISOString(),
  }));
}

export function bomKeyOf(b: BomView): VersionKey {
  return [b.sku, b.version, b.id];
}

async function mustFind(tx: Tx, tenantId: string, id: string): Promise<BomView> {
  const [bom] = await findBoms(tx, { tenantId, id, limit: 1 });
  if (!bom) throw problem('bom_not_found');
  return bom;
}

export interface BomInput {
  sku: string;
  outputQty: DecimalInput;
  components: { sku: string; qty: DecimalInput; scrapAllowance?: DecimalInput | undefined }[];
}

export async function createBom(
  db: Kysely<DB>,
  ctx: RequestContext,
  input: BomInput,
  idempotency: IdempotencyRequest | undefined,
) {
  const outputQty = parseDecimal(input.outputQty, '/outputQty', { positive: true });
  const lines = input.components.map((c, i) => ({
    sku: c.sku,
    qty: parseDecimal(c.qty, `/components/${i}/qty`, { positive: true }),
    scrapAllowance: parseDecimal(c.scrapAllowance ?? 0, `/components/${i}/scrapAllowance`, {
      nonNegative: true,
      places: 4,
    }),
  }));
  if (!lines.length) throw problem('invalid_bom', 'A BOM needs at least one component.');
  const { result } = await runCommand(db, ctx, idempotency, async (tx) => {
    const skus = [...new Set([input.sku, ...lines.map((l) => l.sku)])];
    const items = await tx
      .selectFrom('items')
      .select(['id', 'sku'])
      .where('tenant_id', '=', ctx.tenantId)
      .where('sku', 'in', skus)
      .execute();
    const idOf = new Map(items.map((i) => [i.sku, i.id]));
    const missing = skus.find((s) => !idOf.has(s));
    if (missing) throw problem('unknown_sku', `No item has the SKU ${missing}.`, { sku: missing });
    const itemId = idOf.get(input.sku)!;
    if (lines.some((l) => l.sku === input.sku))
      throw problem('invalid_bom', 'An item cannot be a component of itself.');
    const id = newId();
    const version = await nextVersion(tx, 'boms', ctx.tenantId, itemId);
    await tx
      .insertInto('boms')
      .values({
        tenant_id: ctx.tenantId,
        id,
        item_id: itemId,
        version,
        output_qty: outputQty.toFixed(),
        created_by: ctx.actor.userId,
      })
      .execute();
    await tx
      .insertInto('bom_components')
      .values(
        lines.map((l, i) => ({
          tenant_id: ctx.tenantId,
          bom_id: id,
          line: i + 1,
          item_id: idOf.get(l.sku)!,
          qty: l.qty.toFixed(),
          scrap_allowance: l.scrapAllowance.toFixed(),
        })),
      )
      .execute();
    await activateVersion(tx, 'boms', ctx.tenantId, itemId, id);
    await recordAudit(tx, ctx, {
      action: 'bom.create',
      entity: 'bom',
      entityId: id,
      summary: { sku: input.sku, version, components: lines.length },
    });
    return mustFind(tx, ctx.tenantId, id);
  });
  return result;
}

export function activateBom(db: Kysely<DB>, ctx: RequestContext, id: string) {
  return activateVersionCommand(db, ctx, 'boms', id, mustFind);
}

export async function getBom(db: Kysely<DB>, ctx: RequestContext, id: string) {
  return withTenant(db, ctx.tenantId, (tx) => mustFind(tx, ctx.tenantId, id));
}
