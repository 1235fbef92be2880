// What GET /scan answers (ScanResult in ./service.ts). Fastify serialises the answer by this schema
// and drops anything not listed, so it names every property any branch of resolveScan sends.
// Quantities are decimal strings; the item's standardCost is present only for valuation.read (as in
// ItemSchema).
import { Type } from '@sinclair/typebox';
import { ItemSchema } from '../items/routes.ts';
import { WorkOrderStepSchema } from '../production/schemas.ts';
import { StockRowSchema } from '../stock/schemas.ts';

/** packages/gs1 Gs1Money. */
const Gs1MoneySchema = Type.Object({
  amount: Type.String({ description: 'Decimal text with the implied decimal places applied.' }),
  currency: Type.Optional(Type.String({ description: 'ISO 4217 numeric code (AIs 391n/393n).' })),
});

/** packages/gs1 Gs1Result: the parsed GS1 element string. Absent fields are left out. */
const Gs1Schema = Type.Object({
  elements: Type.Array(
    Type.Object({
      ai: Type.String(),
      title: Type.String(),
      raw: Type.String(),
      value: Type.String(),
      money: Type.Optional(Gs1MoneySchema),
    }),
  ),
  byAi: Type.Record(Type.String(), Type.String()),
  form: Type.String({ description: 'bracketed, raw or digital-link' }),
  symbology: Type.Optional(Type.String()),
  gtin: Type.Optional(Type.String({ description: '14 digits' })),
  sscc: Type.Optional(Type.String()),
  lot: Type.Optional(Type.String()),
  serial: Type.Optional(Type.String()),
  variant: Type.Optional(Type.String()),
  expiry: Type.Optional(Type.String({ description: 'YYYY-MM-DD' })),
  bestBefore: Type.Optional(Type.String({ description: 'YYYY-MM-DD' })),
  productionDate: Type.Optional(Type.String({ description: 'YYYY-MM-DD' })),
  quantity: Type.Optional(Type.String()),
  netWeightKg: Type.Optional(Type.String()),
  amount: Type.Optional(Gs1MoneySchema),
  price: Type.Optional(Gs1MoneySchema),
});

const LocationSchema = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  kind: Type.String(),
});

const LotSchema = Type.Object({
  id: Type.Union([Type.String(), Type.Null()], {
    description: 'null: a lot the workspace has not seen yet (named by a GS1 code).',
  }),
  code: Type.String(),
  expiry: Type.Union([Type.String(), Type.Null()], { description: 'YYYY-MM-DD' }),
});

const WorkOrderSchema = Type.Object({
  id: Type.String(),
  number: Type.String(),
  sku: Type.String(),
  itemName: Type.String(),
  qty: Type.String(),
  status: Type.String(),
});

/** One object for every kind of code; which optional properties are present depends on the kind. */
export const ScanResultSchema = Type.Object(
  {
    kind: Type.Union([
      Type.Literal('item'),
      Type.Literal('location'),
      Type.Literal('lot'),
      Type.Literal('work_order'),
    ]),
    code: Type.String({ description: 'The code as scanned, without a trailing line ending.' }),
    item: Type.Optional(ItemSchema),
    packQty: Type.Optional(
      Type.String({ description: 'Stock units one scan of this barcode stands for (1 for a SKU).' }),
    ),
    location: Type.Optional(LocationSchema),
    lot: Type.Optional(LotSchema),
    gs1: Type.Optional(Gs1Schema),
    stock: Type.Optional(Type.Array(StockRowSchema, { description: 'Stock on hand in internal locations.' })),
    workOrder: Type.Optional(WorkOrderSchema),
    step: Type.Optional(WorkOrderStepSchema),
  },
  {
    description:
      'kind item (an item barcode, a SKU, or a GS1 code whose GTIN names an item): item, packQty and stock, ' +
      'with gs1 (and lot, when the code carries AI 10) for a GS1 code. kind location: location and stock. ' +
      "kind lot: item, lot and stock. kind work_order (a job traveler's step QR, WO-000001/10): workOrder and step.",
  },
);
