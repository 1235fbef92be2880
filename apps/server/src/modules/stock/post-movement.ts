// Posting a movement from a client request (a scan or a form): resolve the SKU, unit, lot and
// location codes, check the rules of its type, and book it — one transaction, idempotent by key.
//   receive: SUPPLIER → internal, at a unit cost        move:   internal → internal, no cost
//   waste:   internal → SCRAP, with a reason            adjust: a count; the difference against ADJUSTMENT
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Tx } from '../../db/tenant.ts';
import { type FoldedIdempotency, runFoldedCommand } from '../../platform/command.ts';
import type { RequestContext } from '../../platform/context.ts';
import { Decimal, type DecimalInput, parseDecimal, QTY_DECIMALS } from '../../platform/decimal.ts';
import { problem } from '../../platform/errors.ts';
import type { IdempotencyRequest } from '../../platform/idempotency.ts';
import { type ItemForPosting, itemForPostingQuery } from '../items/queries.ts';
import {
  isInternalKind,
  type LocationByCode,
  locationsByCodeQuery,
  requireInternal,
} from '../locations/service.ts';
import { activeReasonQuery } from '../reasons/service.ts';
import { lockBalance } from './balances.ts';
import { type BookedLocation, type Booking, bookMovement } from './book-movement.ts';
import { type CostState, currentUnitCost, lockCostQuery, toCostState } from './costing.ts';
import { upsertLot } from './lots.ts';
import type { MovementView } from './movement-view.ts';

export interface MovementRequest {
  type: 'receive' | 'move' | 'waste' | 'adjust';
  sku: string;
  qty?: DecimalInput | undefined;
  countedQty?: DecimalInput | undefined;
  uom?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  location?: string | undefined;
  lot?: string | undefined;
  expiry?: string | undefined;
  unitCost?: DecimalInput | undefined;
  reference?: string | undefined;
  reason?: string | undefined;
  /** The raw text the scanner read, kept so a booking traces back to its label. */
  scan?: string | undefined;
}

export const MOVEMENT_PERMISSION: Record<MovementRequest['type'], string> = {
  receive: 'stock.receive',
  move: 'stock.move',
  waste: 'stock.waste',
  adjust: 'stock.adjust',
};

function required<T>(value: T | undefined, path: string): T {
  if (value === undefined || value === '') {
    throw problem('validation_failed', `${path} is required`, { errors: [{ path, message: 'is required' }] });
  }
  return value;
}

async function resolveLot(
  tx: Tx,
  tenantId: string,
  item: ItemForPosting,
  lotCode: string | undefined,
  create: { expiry: string | undefined } | undefined,
): Promise<{ id: string; code: string } | null> {
  if (item.tracking === 'none') {
    if (lotCode) throw problem('lot_not_tracked');
    return null;
  }
  const code = lotCode?.trim();
  if (!code)
    throw problem('missing_lot', undefined, {
      errors: [{ path: '/lot', message: 'is required for this item' }],
    });
  if (create) return upsertLot(tx, { tenantId, itemId: item.id, code, expiry: create.expiry });
  const lot = await tx
    .selectFrom('lots')
    .select(['id', 'code'])
    .where('tenant_id', '=', tenantId)
    .where('item_id', '=', item.id)
    .where('code', '=', code)
    .executeTakeFirst();
  if (!lot) throw problem('unknown_lot', `${item.sku} has no lot ${code}.`);
  return lot;
}

interface Resolved {
  at: Date;
  claimed: boolean;
  item: ItemForPosting | undefined;
  cost: CostState | undefined;
  allowNegative: boolean;
  locations: Map<string, LocationByCode>;
  reasonActive: boolean;
}

/** The location codes a request names, with the virtual location its type implies. */
function codesOf(req: MovementRequest): string[] {
  const named = [req.from, req.to, req.location].filter((c): c is string => !!c);
  const implied = { receive: 'SUPPLIER', move: undefined, waste: 'SCRAP', adjust: 'ADJUSTMENT' }[req.type];
  return implied ? [...named, implied] : named;
}

/**
 * Everything a posting needs to know, in one round trip: the Idempotency-Key claimed, the item and
 * unit, its cost row locked (only once the key is ours, so a replay locks nothing), the workspace's
 * negative-stock setting, the locations named and the waste reason, and the transaction's time.
 */
async function resolve(
  tx: Tx,
  ctx: RequestContext,
  req: MovementRequest,
  idempotency: FoldedIdempotency,
): Promise<Resolved> {
  const tenantId = ctx.tenantId;
  const claim = idempotency.claim('claim');
  const claimed = claim ? sql`exists (select 1 from claim)` : sql`true`;
  const r = await sql<
    ItemForPosting & {
      at: Date;
      claimed: boolean;
      cost_qty: string | null;
      cost_value: string | null;
      last_unit_cost: string | null;
      allow_negative: boolean | null;
      locations: LocationByCode[];
      reason_active: boolean;
    }
  >`
    with ${claim ? sql`${claim}, ` : sql``}item as (${itemForPostingQuery({ tenantId, sku: req.sku, uom: req.uom })}),
    cost as (${lockCostQuery(tenantId, sql`select id from item`, claimed)})
    select now() as at, ${claimed} as claimed,
      i.id, i.sku, i.uom, i.active, i.tracking, i.cost_method, i.standard_cost, i.min_stock, i.factor,
      c.qty as cost_qty, c.value as cost_value, c.last_unit_cost,
      (select (settings->>'allowNegativeStock')::boolean from workspaces where id = ${tenantId}) as allow_negative,
      (select coalesce(json_agg(l), '[]') from (${locationsByCodeQuery(tenantId, codesOf(req))}) l) as locations,
      ${req.type === 'waste' && req.reason ? sql`(${activeReasonQuery(tenantId, 'waste', req.reason)})` : sql`false`} as reason_active
    from (select 1) one left join item i on true left join cost c on true`.execute(tx);
  const row = r.rows[0]!;
  return {
    at: row.at,
    claimed: row.claimed,
    item: row.id
      ? {
          id: row.id,
          sku: row.sku,
          uom: row.uom,
          active: row.active,
          tracking: row.tracking,
          cost_method: row.cost_method,
          standard_cost: row.standard_cost,
          min_stock: row.min_stock,
          factor: row.factor,
        }
      : undefined,
    cost:
      row.cost_qty === null
        ? undefined
        : toCostState({ qty: row.cost_qty, value: row.cost_value!, last_unit_cost: row.last_unit_cost! }),
    allowNegative: row.allow_negative === true,
    locations: new Map(row.locations.map((l) => [l.code, l])),
    reasonActive: row.reason_active,
  };
}

/** A location the request named: internal and active where stock is kept, any kind for the virtual side. */
function located(resolved: Resolved, code: string): BookedLocation {
  const loc = resolved.locations.get(code);
  if (!loc) throw problem('unknown_location', `No location has the code ${code}.`, { location: code });
  return { id: loc.id, code: loc.code, internal: isInternalKind(loc.kind) };
}

function internal(resolved: Resolved, code: string, field: string): BookedLocation {
  return { ...requireInternal(resolved.locations.get(code), code, field), internal: true };
}

async function buildBooking(
  tx: Tx,
  ctx: RequestContext,
  req: MovementRequest,
  idempotencyKey: string | undefined,
  resolved: Resolved,
): Promise<Booking> {
  const tenantId = ctx.tenantId;
  const item = resolved.item;
  if (!item) throw problem('unknown_sku', `No item has the SKU ${req.sku}.`, { sku: req.sku });
  if (!item.active) throw problem('item_inactive');
  if (item.factor === null) throw problem('unknown_unit', `${item.sku} has no unit ${req.uom}.`);
  const costState = resolved.cost;
  if (!costState) throw new Error(`item ${item.id} has no cost state`);
  const factor = new Decimal(item.factor);
  const toStockUnits = (entered: Decimal) => entered.times(factor).toDecimalPlaces(QTY_DECIMALS);
  const entered = req.uom && req.uom !== item.uom ? { enteredUom: req.uom } : {};
  const common = {
    item: { id: item.id, sku: item.sku, method: item.cost_method, minStock: item.min_stock },
    allowNegative: resolved.allowNegative,
    costState,
    reference: req.reference,
    scan: req.scan,
    idempotencyKey,
  };

  switch (req.type) {
    case 'receive': {
      const qty = parseDecimal(required(req.qty, '/qty'), '/qty', { positive: true });
      const toCode = required(req.to, '/to');
      const from = located(resolved, 'SUPPLIER');
      located(resolved, toCode);
      const to = internal(resolved, toCode, 'to');
      if (req.unitCost !== undefined && !ctx.actor.permissions.has('stock.set_cost'))
        throw problem('cost_not_permitted');
      const unitCost =
        req.unitCost !== undefined
          ? parseDecimal(req.unitCost, '/unitCost', { nonNegative: true })
              .dividedBy(factor)
              .toDecimalPlaces(QTY_DECIMALS)
          : item.standard_cost !== null
            ? new Decimal(item.standard_cost)
            : currentUnitCost(costState);
      return {
        ...common,
        ...entered,
        type: 'receive',
        lot: await resolveLot(tx, tenantId, item, req.lot, { expiry: req.expiry }),
        qty: toStockUnits(qty),
        enteredQty: entered.enteredUom ? qty : undefined,
        from,
        to,
        cost: { kind: 'in', unitCost },
      };
    }
    case 'move': {
      const qty = parseDecimal(required(req.qty, '/qty'), '/qty', { positive: true });
      const fromCode = required(req.from, '/from');
      const toCode = required(req.to, '/to');
      if (fromCode === toCode) throw problem('same_location');
      located(resolved, fromCode);
      located(resolved, toCode);
      return {
        ...common,
        ...entered,
        type: 'move',
        lot: await resolveLot(tx, tenantId, item, req.lot, undefined),
        qty: toStockUnits(qty),
        enteredQty: entered.enteredUom ? qty : undefined,
        from: internal(resolved, fromCode, 'from'),
        to: internal(resolved, toCode, 'to'),
        cost: { kind: 'none' },
      };
    }
    case 'waste': {
      const qty = parseDecimal(required(req.qty, '/qty'), '/qty', { positive: true });
      const fromCode = required(req.from, '/from');
      const reason = required(req.reason, '/reason');
      if (!resolved.reasonActive)
        throw problem('unknown_reason', `No waste reason ${reason}.`, {
          errors: [{ path: '/reason', message: 'unknown reason' }],
        });
      located(resolved, fromCode);
      const to = located(resolved, 'SCRAP');
      return {
        ...common,
        ...entered,
        type: 'waste',
        lot: await resolveLot(tx, tenantId, item, req.lot, undefined),
        qty: toStockUnits(qty),
        enteredQty: entered.enteredUom ? qty : undefined,
        from: internal(resolved, fromCode, 'from'),
        to,
        cost: { kind: 'out' },
        reason,
      };
    }
    case 'adjust': {
      const counted = parseDecimal(required(req.countedQty, '/countedQty'), '/countedQty', {
        nonNegative: true,
      });
      const code = required(req.location, '/location');
      const reason = required(req.reason, '/reason');
      located(resolved, code);
      const adjustment = located(resolved, 'ADJUSTMENT');
      const location = internal(resolved, code, 'location');
      const lot = await resolveLot(tx, tenantId, item, req.lot, undefined);
      // The cost row was locked by the resolving statement, before this balance: the order every posting uses.
      const onHand = new Decimal(
        await lockBalance(tx, { tenantId, itemId: item.id, locationId: location.id, lotId: lot?.id ?? null }),
      );
      const diff = toStockUnits(counted).minus(onHand);
      const up = diff.greaterThanOrEqualTo(0);
      return {
        ...common,
        ...entered,
        type: 'adjust',
        lot,
        qty: diff.abs(),
        enteredQty: entered.enteredUom ? counted : undefined,
        from: up ? adjustment : location,
        to: up ? location : adjustment,
        // A count-up enters at the cost stock carries now; a count-down leaves at cost.
        cost: up
          ? {
              kind: 'in',
              unitCost:
                item.standard_cost !== null && costState.qty.lessThanOrEqualTo(0)
                  ? new Decimal(item.standard_cost)
                  : currentUnitCost(costState),
            }
          : { kind: 'out' },
        reason,
      };
    }
  }
}

/**
 * Round trips: the resolving statement (key, item, cost lock, settings, locations, reason) with
 * BEGIN and the workspace switch; taking stock (with FIFO layers) when stock leaves a location; one
 * statement writing the rest and the stored response, with COMMIT. Lot-tracked items add one for the lot.
 * The item's minimum stock comes with the resolving statement and its check rides on the taking one;
 * only the posting that takes on-hand below the minimum adds statements (raising the notification).
 */
export async function postMovement(
  db: Kysely<DB>,
  ctx: RequestContext,
  req: MovementRequest,
  idempotency: IdempotencyRequest | undefined,
): Promise<{ movement: MovementView; replayed: boolean }> {
  const { result, replayed } = await runFoldedCommand(db, ctx, idempotency, async (tx, folded) => {
    const resolved = await resolve(tx, ctx, req, folded);
    await folded.settle(resolved.claimed);
    const booking = await buildBooking(tx, ctx, req, idempotency?.key, resolved);
    return bookMovement(tx, ctx, booking, {
      at: resolved.at,
      alsoWrite: (view) => folded.store(view, 'idem'),
      commits: true,
    });
  });
  return { movement: result, replayed };
}
