// Response schemas of the stock module, shared with the scan module (stock rows). They list every
// property the handlers send: Fastify serialises answers by them and drops anything not listed.
// Quantities and money are decimal strings, as everywhere in this API.
import { Type } from '@sinclair/typebox';

/** One balance of GET /stock (and of a scan): see toStockRow in ./queries.ts. */
export const StockRowSchema = Type.Object({
  sku: Type.String(),
  itemId: Type.String(),
  name: Type.String(),
  uom: Type.String(),
  location: Type.String({ description: 'The location code.' }),
  locationId: Type.String(),
  lot: Type.Union([Type.String(), Type.Null()], { description: 'The lot code; null for untracked stock.' }),
  expiry: Type.Union([Type.String(), Type.Null()], { description: "The lot's expiry, YYYY-MM-DD." }),
  qty: Type.String({ description: 'On hand, in the stock unit.' }),
});

const NextCursor = Type.Union([Type.String(), Type.Null()], {
  description: 'Pass as `cursor` for the next page; null on the last page.',
});

/** GET /stock: balances in internal locations, zero rows left out, a page at a time (`limit` ≤ 5,000). */
export const StockListSchema = Type.Object({ data: Type.Array(StockRowSchema), nextCursor: NextCursor });

/** One item's valuation: see valuation in ./queries.ts. */
export const ValuationSchema = Type.Object({
  sku: Type.String(),
  itemId: Type.String(),
  method: Type.String({ description: 'fifo or average' }),
  qty: Type.String(),
  value: Type.String(),
  unitCost: Type.Union([Type.String(), Type.Null()], {
    description: 'value ÷ qty; null when none is on hand.',
  }),
});

/**
 * GET /valuation: items by SKU a page at a time (`limit` ≤ 5,000) with the whole workspace's total
 * value, or (with ?sku=) that one item alone.
 */
export const ValuationAnswerSchema = Type.Union([
  Type.Object({
    data: Type.Array(ValuationSchema),
    totalValue: Type.String({ description: 'Every item in the workspace, not only this page.' }),
    nextCursor: NextCursor,
  }),
  ValuationSchema,
]);

/** POST /stock/import: every row was booked as one opening-stock adjustment. */
export const StockImportResultSchema = Type.Object({
  imported: Type.Integer(),
  movementIds: Type.Array(Type.String(), { description: 'The movements booked, in the order of the rows.' }),
});
