// Scan resolution: whatever a scanner read, what it means here. In order: a job traveler's step
// QR (work order and step); a GS1 element string
// (bracketed, raw with FNC1/GS, or a Digital Link) whose GTIN names an item and whose lot and
// expiry fill the movement; an item barcode (with its pack quantity) or SKU; a location code; a lot
// code. Malformed GS1 is reported precisely, never guessed around.
import { Gs1Error, type Gs1Result, toGtin14, tryParseGs1 } from '@opsledger/gs1';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Tx, withTenant } from '../../db/tenant.ts';
import type { RequestContext } from '../../platform/context.ts';
import { defineErrors, problem } from '../../platform/errors.ts';
import { findItemView, findItemViewByCode, type ItemView, itemForReader } from '../items/queries.ts';
import { STEP_CODE } from '../labels/render.ts';
import { resolveStepCode } from '../production/step-code.ts';
import type { StepView } from '../production/work-order-view.ts';
import { type StockRow, stockOnHand, stockOnHandJson, toStockRow } from '../stock/queries.ts';

export const scanErrors = defineErrors({
  unknown_code: { status: 404, title: 'Nothing in this workspace has this code' },
  invalid_gs1: { status: 422, title: 'The code looks like GS1 but is not valid' },
});

export interface ScanResult {
  kind: 'item' | 'location' | 'lot' | 'work_order';
  code: string;
  item?: ItemView;
  /** Stock units one scan of this barcode stands for. */
  packQty?: string;
  location?: { id: string; code: string; name: string; kind: string };
  lot?: { id: string | null; code: string; expiry: string | null };
  gs1?: Gs1Result;
  stock?: StockRow[];
  workOrder?: { id: string; number: string; sku: string; itemName: string; qty: string; status: string };
  step?: StepView;
}

/** GTIN-14 and the shorter forms the same GTIN may have been registered under. */
function gtinCandidates(gtin14: string): string[] {
  const forms = [gtin14];
  for (const length of [13, 12, 8]) {
    const pad = gtin14.length - length;
    if (/^0+$/.test(gtin14.slice(0, pad))) forms.push(gtin14.slice(pad));
  }
  return forms;
}

export async function resolveScan(db: Kysely<DB>, ctx: RequestContext, raw: string): Promise<ScanResult> {
  const result = await resolveCode(db, ctx, raw);
  return result.item ? { ...result, item: itemForReader(ctx, result.item) } : result;
}

async function resolveCode(db: Kysely<DB>, ctx: RequestContext, raw: string): Promise<ScanResult> {
  const code = raw.replace(/[\r\n]+$/, '');
  if (!code.trim()) throw problem('unknown_code');
  let gs1: Gs1Result | null;
  try {
    gs1 = tryParseGs1(code);
  } catch (error) {
    if (error instanceof Gs1Error) throw problem('invalid_gs1', error.message, { gs1Error: error.code });
    throw error;
  }
  const tenantId = ctx.tenantId;
  // The item a barcode, SKU or GTIN names, with its stock, in one statement.
  const itemWithStock = (tx: Tx, codes: string[], commits = false) =>
    findItemViewByCode(tx, { tenantId, codes }, stockOnHandJson({ tenantId, itemId: sql`hit.item_id` }), {
      commits,
    });
  const asItem = (found: NonNullable<Awaited<ReturnType<typeof itemWithStock>>>): ScanResult => ({
    kind: 'item',
    code,
    item: found.item,
    stock: found.extra.map(toStockRow),
    packQty: found.packQty,
  });

  // A scanner's most common question, a plain barcode or SKU, is one statement that commits its
  // transaction as it goes: one round trip in all. Each statement reads its own snapshot (READ
  // COMMITTED), so the lookups after a miss see what they would have seen in the same transaction.
  const stepShaped = STEP_CODE.test(code);
  if (!gs1 && !stepShaped) {
    const found = await withTenant(db, tenantId, (tx) => itemWithStock(tx, [code], true));
    if (found) return asItem(found);
  }
  return withTenant(db, tenantId, async (tx) => {
    const step = stepShaped ? await resolveStepCode(tx, ctx, code) : undefined;
    if (step) return step;

    if (gs1) {
      const found = gs1.gtin ? await itemWithStock(tx, gtinCandidates(toGtin14(gs1.gtin))) : undefined;
      if (!found)
        throw problem(
          'unknown_code',
          gs1.gtin ? `No item carries GTIN ${gs1.gtin}.` : 'This GS1 code names no item.',
          { gs1 },
        );
      const item = found.item;
      const lot = gs1.lot
        ? await tx
            .selectFrom('lots')
            .select(['id', 'code', sql<string | null>`to_char(expiry, 'YYYY-MM-DD')`.as('expiry')])
            .where('tenant_id', '=', tenantId)
            .where('item_id', '=', item.id)
            .where('code', '=', gs1.lot)
            .executeTakeFirst()
        : undefined;
      return {
        ...asItem(found),
        gs1,
        ...(gs1.lot
          ? { lot: { id: lot?.id ?? null, code: gs1.lot, expiry: gs1.expiry ?? lot?.expiry ?? null } }
          : {}),
      };
    }

    if (stepShaped) {
      const byBarcode = await itemWithStock(tx, [code]);
      if (byBarcode) return asItem(byBarcode);
    }

    const location = await tx
      .selectFrom('locations')
      .select(['id', 'code', 'name', 'kind'])
      .where('tenant_id', '=', tenantId)
      .where('code', '=', code)
      .executeTakeFirst();
    if (location) {
      return {
        kind: 'location',
        code,
        location,
        stock: await stockOnHand(tx, { tenantId, location: location.code }),
      };
    }

    const lot = await tx
      .selectFrom('lots')
      .select(['id', 'code', 'item_id', sql<string | null>`to_char(expiry, 'YYYY-MM-DD')`.as('expiry')])
      .where('tenant_id', '=', tenantId)
      .where('code', '=', code)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    if (lot) {
      const item = (await findItemView(tx, { tenantId, id: lot.item_id }))!;
      return {
        kind: 'lot',
        code,
        item,
        lot: { id: lot.id, code: lot.code, expiry: lot.expiry },
        stock: await stockOnHand(tx, { tenantId, itemId: item.id, lot: lot.code }),
      };
    }
    throw problem('unknown_code', `Nothing in this workspace has the code ${code}.`);
  });
}
