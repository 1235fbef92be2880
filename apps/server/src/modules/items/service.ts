// Items: what the workspace stocks. Owns SKUs, barcodes (with pack quantities), alternate units and
// the cost method; creating an item also opens its cost state. SKUs and barcodes are unique per
// workspace (the database enforces it; conflicts answer sku_taken / barcode_taken).
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { newId } from '../../db/ids.ts';
import type { DB } from '../../db/schema.ts';
import { type Tx, withTenant } from '../../db/tenant.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import { runCommand } from '../../platform/command.ts';
import type { RequestContext } from '../../platform/context.ts';
import { type DecimalInput, parseDecimal } from '../../platform/decimal.ts';
import { defineErrors, problem } from '../../platform/errors.ts';
import type { IdempotencyRequest } from '../../platform/idempotency.ts';
import { findItemView, type ItemView } from './queries.ts';

export const itemErrors = defineErrors({
  item_not_found: { status: 404, title: 'No such item' },
  sku_taken: { status: 409, title: 'An item with this SKU already exists' },
  barcode_taken: { status: 409, title: 'This barcode already belongs to an item' },
  item_has_movements: { status: 409, title: 'This cannot change once the item has stock movements' },
  duplicate_unit: { status: 422, title: 'Each unit may be listed once, and not be the stock unit' },
});

export type BarcodeInput = string | { code: string; packQty?: DecimalInput | undefined };

export interface ItemInput {
  sku: string;
  name: string;
  uom: string;
  barcodes?: BarcodeInput[] | undefined;
  tracking?: 'none' | 'lot' | undefined;
  costMethod?: 'fifo' | 'average' | undefined;
  units?: { uom: string; factor: DecimalInput }[] | undefined;
  standardCost?: DecimalInput | null | undefined;
  /** Minimum stock in the stock unit; null or absent for none. */
  minStock?: DecimalInput | null | undefined;
  active?: boolean | undefined;
}

/** A minimum stock from input: a non-negative decimal (validation_failed at /minStock otherwise), or null. */
function parseMinStock(value: DecimalInput | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  return parseDecimal(value, '/minStock', { nonNegative: true }).toFixed();
}

function normalizeBarcodes(barcodes: BarcodeInput[], path = '/barcodes') {
  const seen = new Set<string>();
  return barcodes.map((b, i) => {
    const code = (typeof b === 'string' ? b : b.code).trim();
    const packQty =
      typeof b === 'string' || b.packQty === undefined
        ? '1'
        : parseDecimal(b.packQty, `${path}/${i}/packQty`, { positive: true }).toFixed();
    if (!code)
      throw problem('validation_failed', 'empty barcode', {
        errors: [{ path: `${path}/${i}`, message: 'must not be empty' }],
      });
    if (seen.has(code)) throw problem('barcode_taken', `Barcode ${code} is listed twice.`);
    seen.add(code);
    return { code, packQty };
  });
}

function normalizeUnits(units: { uom: string; factor: DecimalInput }[], stockUom: string) {
  const seen = new Set<string>([stockUom]);
  return units.map((u, i) => {
    const uom = u.uom.trim();
    if (seen.has(uom)) throw problem('duplicate_unit', `Unit ${uom} is listed twice or is the stock unit.`);
    seen.add(uom);
    return { uom, factor: parseDecimal(u.factor, `/units/${i}/factor`, { positive: true }).toFixed() };
  });
}

/** Inserts one item with its barcodes, units and cost state. Shared by create and CSV import. */
export async function insertItem(tx: Tx, tenantId: string, input: ItemInput): Promise<string> {
  const id = newId();
  const sku = input.sku.trim();
  const uom = input.uom.trim();
  const barcodes = normalizeBarcodes(input.barcodes ?? []);
  const units = normalizeUnits(input.units ?? [], uom);
  const standardCost =
    input.standardCost === undefined || input.standardCost === null
      ? null
      : parseDecimal(input.standardCost, '/standardCost', { nonNegative: true }).toFixed();
  const minStock = parseMinStock(input.minStock);
  const inserted = await tx
    .insertInto('items')
    .values({
      tenant_id: tenantId,
      id,
      sku,
      name: input.name.trim(),
      uom,
      tracking: input.tracking ?? 'none',
      cost_method: input.costMethod ?? 'fifo',
      standard_cost: standardCost,
      min_stock: minStock,
      active: input.active ?? true,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'sku']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) throw problem('sku_taken', `SKU ${sku} already exists.`);
  if (barcodes.length) {
    const taken = await tx
      .insertInto('item_barcodes')
      .values(barcodes.map((b) => ({ tenant_id: tenantId, code: b.code, item_id: id, pack_qty: b.packQty })))
      .onConflict((oc) => oc.columns(['tenant_id', 'code']).doNothing())
      .returning('code')
      .execute();
    if (taken.length !== barcodes.length) {
      const clash = barcodes.find((b) => !taken.some((t) => t.code === b.code))!;
      throw problem('barcode_taken', `Barcode ${clash.code} already belongs to an item.`);
    }
  }
  if (units.length) {
    await tx
      .insertInto('item_units')
      .values(units.map((u) => ({ tenant_id: tenantId, item_id: id, uom: u.uom, factor: u.factor })))
      .execute();
  }
  await tx.insertInto('item_costs').values({ tenant_id: tenantId, item_id: id }).execute();
  return id;
}

async function mustFindItem(tx: Tx, tenantId: string, id: string): Promise<ItemView> {
  const item = await findItemView(tx, { tenantId, id });
  if (!item) throw problem('item_not_found');
  return item;
}

export async function createItem(
  db: Kysely<DB>,
  ctx: RequestContext,
  input: ItemInput,
  idempotency: IdempotencyRequest | undefined,
) {
  const { result } = await runCommand(db, ctx, idempotency, async (tx) => {
    const id = await insertItem(tx, ctx.tenantId, input);
    await recordAudit(tx, ctx, {
      action: 'item.create',
      entity: 'item',
      entityId: id,
      summary: {
        sku: input.sku,
        tracking: input.tracking ?? 'none',
        costMethod: input.costMethod ?? 'fifo',
        ...(input.minStock !== undefined && input.minStock !== null
          ? { minStock: parseMinStock(input.minStock) }
          : {}),
      },
    });
    return mustFindItem(tx, ctx.tenantId, id);
  });
  return result;
}

export async function getItem(db: Kysely<DB>, ctx: RequestContext, id: string) {
  return withTenant(db, ctx.tenantId, (tx) => mustFindItem(tx, ctx.tenantId, id));
}

async function hasMovements(tx: Tx, tenantId: string, itemId: string): Promise<boolean> {
  const row = await tx
    .selectFrom('movements')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('item_id', '=', itemId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function updateItem(
  db: Kysely<DB>,
  ctx: RequestContext,
  id: string,
  patch: Omit<Partial<ItemInput>, 'sku' | 'barcodes'>,
) {
  const { result } = await runCommand(db, ctx, undefined, async (tx) => {
    const before = await mustFindItem(tx, ctx.tenantId, id);
    const structural =
      (patch.uom !== undefined && patch.uom !== before.uom) ||
      (patch.tracking !== undefined && patch.tracking !== before.tracking) ||
      (patch.costMethod !== undefined && patch.costMethod !== before.costMethod);
    // The stock unit, lot tracking and cost method shape every posted quantity and value.
    if (structural && (await hasMovements(tx, ctx.tenantId, id))) throw problem('item_has_movements');
    const uom = patch.uom?.trim() ?? before.uom;
    const minStock = patch.minStock === undefined ? undefined : parseMinStock(patch.minStock);
    await tx
      .updateTable('items')
      .set({
        ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
        ...(patch.uom !== undefined ? { uom } : {}),
        ...(patch.tracking !== undefined ? { tracking: patch.tracking } : {}),
        ...(patch.costMethod !== undefined ? { cost_method: patch.costMethod } : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
        ...(patch.standardCost !== undefined
          ? {
              standard_cost:
                patch.standardCost === null
                  ? null
                  : parseDecimal(patch.standardCost, '/standardCost', { nonNegative: true }).toFixed(),
            }
          : {}),
        ...(minStock !== undefined ? { min_stock: minStock } : {}),
        updated_at: new Date(),
      })
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', id)
      .execute();
    if (patch.units !== undefined) {
      const units = normalizeUnits(patch.units, uom);
      await tx
        .deleteFrom('item_units')
        .where('tenant_id', '=', ctx.tenantId)
        .where('item_id', '=', id)
        .execute();
      if (units.length) {
        await tx
          .insertInto('item_units')
          .values(units.map((u) => ({ tenant_id: ctx.tenantId, item_id: id, uom: u.uom, factor: u.factor })))
          .execute();
      }
    }
    await recordAudit(tx, ctx, {
      action: 'item.update',
      entity: 'item',
      entityId: id,
      summary: {
        fields: Object.keys(patch),
        // The threshold decides who is told about low stock: its old and new value are kept.
        ...(minStock !== undefined ? { minStock: { from: before.minStock, to: minStock } } : {}),
      },
    });
    return mustFindItem(tx, ctx.tenantId, id);
  });
  return result;
}

export async function addBarcode(db: Kysely<DB>, ctx: RequestContext, id: string, barcode: BarcodeInput) {
  const [normalized] = normalizeBarcodes([barcode], '/barcode');
  const b = normalized!;
  const { result } = await runCommand(db, ctx, undefined, async (tx) => {
    await mustFindItem(tx, ctx.tenantId, id);
    const inserted = await sql`insert into item_barcodes (tenant_id, code, item_id, pack_qty)
      values (${ctx.tenantId}, ${b.code}, ${id}, ${b.packQty}) on conflict (tenant_id, code) do nothing returning code`.execute(
      tx,
    );
    if (!inserted.rows.length)
      throw problem('barcode_taken', `Barcode ${b.code} already belongs to an item.`);
    await recordAudit(tx, ctx, { action: 'item.barcode_add', entity: 'item', entityId: id, summary: b });
    return mustFindItem(tx, ctx.tenantId, id);
  });
  return result;
}

export async function removeBarcode(db: Kysely<DB>, ctx: RequestContext, id: string, code: string) {
  const { result } = await runCommand(db, ctx, undefined, async (tx) => {
    await mustFindItem(tx, ctx.tenantId, id);
    const removed = await tx
      .deleteFrom('item_barcodes')
      .where('tenant_id', '=', ctx.tenantId)
      .where('item_id', '=', id)
      .where('code', '=', code)
      .executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) throw problem('not_found', 'This item has no such barcode.');
    await recordAudit(tx, ctx, {
      action: 'item.barcode_remove',
      entity: 'item',
      entityId: id,
      summary: { code },
    });
    return mustFindItem(tx, ctx.tenantId, id);
  });
  return result;
}
