// CSV import of opening stock: sku,location,qty[,unitCost,lot,expiry]. Each row books an
// adjustment in from ADJUSTMENT at its unit cost (reason "opening-stock"), so opening balances sit
// in the ledger like everything else. All rows are checked first; then all are booked in one
// transaction, or none.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { runCommand } from '../../platform/command.ts';
import type { RequestContext } from '../../platform/context.ts';
import { type RowError, readCsv, rejectIfErrors } from '../../platform/csv.ts';
import { Decimal } from '../../platform/decimal.ts';
import { isInternalKind } from '../locations/service.ts';
import { bookMovement } from './book-movement.ts';
import { upsertLot } from './lots.ts';

const DECIMAL = /^(?:0|[1-9]\d{0,13})(?:\.\d{1,6})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function importOpeningStock(db: Kysely<DB>, ctx: RequestContext, csv: string) {
  const records = readCsv(csv, {
    required: ['sku', 'location', 'qty'],
    optional: ['unitCost', 'lot', 'expiry'],
  });
  const { result } = await runCommand(db, ctx, undefined, async (tx) => {
    const skus = [...new Set(records.map((r) => r.values.sku ?? ''))];
    const codes = [...new Set([...records.map((r) => r.values.location ?? ''), 'ADJUSTMENT'])];
    const items = await tx
      .selectFrom('items')
      .select(['id', 'sku', 'tracking', 'cost_method', 'standard_cost', 'active'])
      .where('tenant_id', '=', ctx.tenantId)
      .where('sku', 'in', skus)
      .execute();
    const locations = await tx
      .selectFrom('locations')
      .select(['id', 'code', 'kind', 'active'])
      .where('tenant_id', '=', ctx.tenantId)
      .where('code', 'in', codes)
      .execute();
    const itemBySku = new Map(items.map((i) => [i.sku, i]));
    const locByCode = new Map(locations.map((l) => [l.code, l]));
    const errors: RowError[] = [];
    const rows = records.map(({ line, values: v }) => {
      const fail = (field: string, message: string) => errors.push({ line, field, message });
      const item = itemBySku.get(v.sku ?? '');
      if (!item) fail('sku', `no item has the SKU ${v.sku}`);
      else if (!item.active) fail('sku', 'the item is inactive');
      const loc = locByCode.get(v.location ?? '');
      if (!loc) fail('location', `no location has the code ${v.location}`);
      else if (!isInternalKind(loc.kind)) fail('location', 'must be an internal location');
      if (!v.qty || !DECIMAL.test(v.qty) || new Decimal(v.qty).lessThanOrEqualTo(0))
        fail('qty', 'must be a positive number');
      if (v.unitCost && !DECIMAL.test(v.unitCost)) fail('unitCost', 'must be a non-negative number');
      if (item?.tracking === 'lot' && !v.lot) fail('lot', 'is required for this lot-tracked item');
      if (item?.tracking === 'none' && v.lot) fail('lot', 'must be empty: the item is not lot-tracked');
      if (v.expiry && (!DATE.test(v.expiry) || Number.isNaN(Date.parse(v.expiry))))
        fail('expiry', 'must be a date YYYY-MM-DD');
      return { line, v, item, loc };
    });
    rejectIfErrors(errors);

    const adjustment = locByCode.get('ADJUSTMENT')!;
    const ids: string[] = [];
    for (const { v, item, loc } of rows) {
      let lot: { id: string; code: string } | null = null;
      if (item!.tracking === 'lot') {
        lot = await upsertLot(tx, {
          tenantId: ctx.tenantId,
          itemId: item!.id,
          code: v.lot!,
          expiry: v.expiry || null,
        });
      }
      const unitCost = new Decimal(v.unitCost || item!.standard_cost || 0);
      const movement = await bookMovement(tx, ctx, {
        type: 'adjust',
        item: { id: item!.id, sku: item!.sku, method: item!.cost_method },
        lot,
        qty: new Decimal(v.qty!),
        from: { id: adjustment.id, code: adjustment.code, internal: false },
        to: { id: loc!.id, code: loc!.code, internal: true },
        cost: { kind: 'in', unitCost },
        allowNegative: false,
        reason: 'opening-stock',
        reference: 'opening stock import',
      });
      ids.push(movement.id);
    }
    return { imported: ids.length, movementIds: ids };
  });
  return result;
}
