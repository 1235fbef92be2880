// CSV import of items: sku,name,uom[,tracking,costMethod,barcodes,units,standardCost,minStock].
// barcodes: "code" or "code*packQty", several separated by ";"; units: "box=12;bag=25".
// Every row is checked (fields, duplicates in the file, SKUs and barcodes already taken) before
// anything is written; then all rows go in one transaction.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import { runCommand } from '../../platform/command.ts';
import type { RequestContext } from '../../platform/context.ts';
import { type RowError, readCsv, rejectIfErrors } from '../../platform/csv.ts';
import { Decimal } from '../../platform/decimal.ts';
import { type ItemInput, insertItem } from './service.ts';

const DECIMAL = /^(?:0|[1-9]\d{0,13})(?:\.\d{1,6})?$/;

function parseRow(line: number, v: Record<string, string>, errors: RowError[]): ItemInput | undefined {
  const fail = (field: string, message: string) => {
    errors.push({ line, field, message });
  };
  const before = errors.length;
  if (!v.sku || v.sku.length > 64) fail('sku', 'is required (at most 64 characters)');
  if (!v.name || v.name.length > 200) fail('name', 'is required (at most 200 characters)');
  if (!v.uom || v.uom.length > 20) fail('uom', 'is required (at most 20 characters)');
  const tracking = v.tracking || 'none';
  if (tracking !== 'none' && tracking !== 'lot') fail('tracking', 'must be none or lot');
  const costMethod = v.costMethod || 'fifo';
  if (costMethod !== 'fifo' && costMethod !== 'average') fail('costMethod', 'must be fifo or average');
  const barcodes = (v.barcodes ?? '')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const [code, pack] = entry.split('*').map((s) => s.trim());
      if (pack !== undefined && (!DECIMAL.test(pack) || new Decimal(pack).lessThanOrEqualTo(0))) {
        fail('barcodes', `pack quantity of ${code} must be a positive number`);
      }
      return { code: code ?? '', packQty: pack ?? '1' };
    });
  const units = (v.units ?? '')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const [uom, factor] = entry.split('=').map((s) => s.trim());
      if (!uom || !factor || !DECIMAL.test(factor) || new Decimal(factor).lessThanOrEqualTo(0)) {
        fail('units', `"${entry}" must look like box=12`);
      }
      return { uom: uom ?? '', factor: factor ?? '1' };
    });
  if (v.standardCost && !DECIMAL.test(v.standardCost)) fail('standardCost', 'must be a non-negative number');
  if (v.minStock && !DECIMAL.test(v.minStock)) fail('minStock', 'must be a non-negative number');
  if (errors.length > before) return undefined;
  return {
    sku: v.sku!,
    name: v.name!,
    uom: v.uom!,
    tracking: tracking as 'none' | 'lot',
    costMethod: costMethod as 'fifo' | 'average',
    barcodes,
    units,
    standardCost: v.standardCost || undefined,
    minStock: v.minStock || undefined,
  };
}

export async function importItems(db: Kysely<DB>, ctx: RequestContext, csv: string) {
  const records = readCsv(csv, {
    required: ['sku', 'name', 'uom'],
    optional: ['tracking', 'costMethod', 'barcodes', 'units', 'standardCost', 'minStock'],
  });
  const errors: RowError[] = [];
  const parsed = records.map((r) => ({ line: r.line, item: parseRow(r.line, r.values, errors) }));
  const skuLines = new Map<string, number>();
  const barcodeLines = new Map<string, number>();
  for (const { line, item } of parsed) {
    if (!item) continue;
    const firstSku = skuLines.get(item.sku);
    if (firstSku !== undefined)
      errors.push({ line, field: 'sku', message: `repeats the SKU on line ${firstSku}` });
    else skuLines.set(item.sku, line);
    for (const b of item.barcodes ?? []) {
      const code = typeof b === 'string' ? b : b.code;
      const first = barcodeLines.get(code);
      if (first !== undefined)
        errors.push({ line, field: 'barcodes', message: `${code} repeats a barcode on line ${first}` });
      else barcodeLines.set(code, line);
    }
  }
  rejectIfErrors(errors);

  const { result } = await runCommand(db, ctx, undefined, async (tx) => {
    const skus = [...skuLines.keys()];
    const codes = [...barcodeLines.keys()];
    const takenSkus = await tx
      .selectFrom('items')
      .select('sku')
      .where('tenant_id', '=', ctx.tenantId)
      .where('sku', 'in', skus)
      .execute();
    const takenCodes = codes.length
      ? await tx
          .selectFrom('item_barcodes')
          .select('code')
          .where('tenant_id', '=', ctx.tenantId)
          .where('code', 'in', codes)
          .execute()
      : [];
    for (const { sku } of takenSkus)
      errors.push({ line: skuLines.get(sku)!, field: 'sku', message: `${sku} already exists` });
    for (const { code } of takenCodes)
      errors.push({
        line: barcodeLines.get(code)!,
        field: 'barcodes',
        message: `${code} already belongs to an item`,
      });
    rejectIfErrors(errors);
    const ids: string[] = [];
    for (const { item } of parsed) ids.push(await insertItem(tx, ctx.tenantId, item!));
    await recordAudit(tx, ctx, { action: 'item.import', entity: 'item', summary: { rows: ids.length } });
    return { imported: ids.length, ids };
  });
  return result;
}
