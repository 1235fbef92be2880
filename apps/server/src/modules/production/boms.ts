// Bills of materials: an output item and quantity, components per that quantity with an optional
// scrap allowance (percent more material planned for losses). Versioned; one active per item.
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
interface BomContents {
  outputQty: string;
  components: {
    sku: string;
    itemId: string;
    name: string;
    uom: string;
    qty: string;
    scrapAllowance: string;
  }[];
}

export const bomDocument = defineVersionedDocument({
  table: 'boms',
  entity: 'bom',
  notFoundCode: 'bom_not_found',
  contentsColumns: sql`v.output_qty,
      (select json_agg(json_build_object('sku', ci.sku, 'item_id', c.item_id, 'name', ci.name, 'uom', ci.uom, 'qty', c.qty,
                                         'scrap_allowance', c.scrap_allowance) order by c.line)
         from bom_components c join items ci on ci.tenant_id = c.tenant_id and ci.id = c.item_id
        where c.tenant_id = v.tenant_id and c.bom_id = v.id) as components`,
  contentsOf: (row: {
    output_qty: string;
    components:
      | { sku: string; item_id: string; name: string; uom: string; qty: string; scrap_allowance: string }[]
      | null;
  }): BomContents => ({
    outputQty: dec(row.output_qty)!,
    components: (row.components ?? []).map((c) => ({
      sku: c.sku,
      itemId: c.item_id,
      name: c.name,
      uom: c.uom,
      qty: dec(c.qty)!,
      scrapAllowance: dec(c.scrap_allowance)!,
    })),
  }),
});

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
    const version = await nextVersion(tx, bomDocument.table, ctx.tenantId, itemId);
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
    return completeNewVersion(
      tx,
      ctx,
      bomDocument,
      { itemId, id },
      { sku: input.sku, version, components: lines.length },
    );
  });
  return result;
}
