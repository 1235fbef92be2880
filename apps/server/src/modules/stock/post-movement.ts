// Posting a movement from a client request (a scan or a form): resolve the SKU, unit, lot and
// location codes, check the rules of its type, and book it — one transaction, idempotent by key.
//   receive: SUPPLIER → internal, at a unit cost        move:   internal → internal, no cost
//   waste:   internal → SCRAP, with a reason            adjust: a count; the difference against ADJUSTMENT
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Tx } from '../../db/tenant.ts';
import { runCommand } from '../../platform/command.ts';
import type { RequestContext } from '../../platform/context.ts';
import { Decimal, type DecimalInput, parseDecimal, QTY_DECIMALS } from '../../platform/decimal.ts';
import { problem } from '../../platform/errors.ts';
import type { IdempotencyRequest } from '../../platform/idempotency.ts';
import { findItemForPosting, type ItemForPosting } from '../items/queries.ts';
import { isInternalKind } from '../locations/service.ts';
import { isActiveReason } from '../reasons/service.ts';
import { lockBalance } from './balances.ts';
import { type BookedLocation, type Booking, bookMovement } from './book-movement.ts';
import { type CostState, currentUnitCost, lockCost } from './costing.ts';
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

async function resolveLocations(
  tx: Tx,
  tenantId: string,
  codes: string[],
): Promise<Map<string, BookedLocation & { active: boolean }>> {
  const rows = await tx
    .selectFrom('locations')
    .select(['id', 'code', 'kind', 'active'])
    .where('tenant_id', '=', tenantId)
    .where('code', 'in', codes)
    .execute();
  const found = new Map(
    rows.map((r) => [r.code, { id: r.id, code: r.code, internal: isInternalKind(r.kind), active: r.active }]),
  );
  const missing = codes.find((c) => !found.has(c));
  if (missing)
    throw problem('unknown_location', `No location has the code ${missing}.`, { location: missing });
  return found;
}

function internal(loc: BookedLocation & { active: boolean }, field: string): BookedLocation {
  if (!loc.internal) {
    throw problem('virtual_location', `${loc.code} is a virtual location.`, {
      errors: [{ path: `/${field}`, message: 'must be an internal location' }],
    });
  }
  if (!loc.active) throw problem('location_inactive', `${loc.code} is inactive.`);
  return loc;
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

async function allowsNegativeStock(tx: Tx, tenantId: string): Promise<boolean> {
  const r = await sql<{ allow: boolean | null }>`
    select (settings->>'allowNegativeStock')::boolean as allow from workspaces where id = ${tenantId}`.execute(
    tx,
  );
  return r.rows[0]?.allow === true;
}

async function buildBooking(
  tx: Tx,
  ctx: RequestContext,
  req: MovementRequest,
  idempotencyKey: string | undefined,
): Promise<Booking> {
  const tenantId = ctx.tenantId;
  const item = await findItemForPosting(tx, { tenantId, sku: req.sku, uom: req.uom });
  if (!item) throw problem('unknown_sku', `No item has the SKU ${req.sku}.`, { sku: req.sku });
  if (!item.active) throw problem('item_inactive');
  if (item.factor === null) throw problem('unknown_unit', `${item.sku} has no unit ${req.uom}.`);
  const factor = new Decimal(item.factor);
  const toStockUnits = (entered: Decimal) => entered.times(factor).toDecimalPlaces(QTY_DECIMALS);
  const entered = req.uom && req.uom !== item.uom ? { enteredUom: req.uom } : {};
  const common = {
    item: { id: item.id, sku: item.sku, method: item.cost_method },
    allowNegative: await allowsNegativeStock(tx, tenantId),
    reference: req.reference,
    scan: req.scan,
    idempotencyKey,
  };

  switch (req.type) {
    case 'receive': {
      const qty = parseDecimal(required(req.qty, '/qty'), '/qty', { positive: true });
      const locs = await resolveLocations(tx, tenantId, ['SUPPLIER', required(req.to, '/to')]);
      const to = internal(locs.get(req.to!)!, 'to');
      if (req.unitCost !== undefined && !ctx.actor.permissions.has('stock.set_cost'))
        throw problem('cost_not_permitted');
      let unitCost: Decimal;
      let costState: CostState | undefined;
      if (req.unitCost !== undefined)
        unitCost = parseDecimal(req.unitCost, '/unitCost', { nonNegative: true })
          .dividedBy(factor)
          .toDecimalPlaces(QTY_DECIMALS);
      else if (item.standard_cost !== null) unitCost = new Decimal(item.standard_cost);
      else {
        costState = await lockCost(tx, tenantId, item.id);
        unitCost = currentUnitCost(costState);
      }
      return {
        ...common,
        ...entered,
        type: 'receive',
        lot: await resolveLot(tx, tenantId, item, req.lot, { expiry: req.expiry }),
        qty: toStockUnits(qty),
        enteredQty: entered.enteredUom ? qty : undefined,
        from: locs.get('SUPPLIER')!,
        to,
        cost: { kind: 'in', unitCost },
        costState,
      };
    }
    case 'move': {
      const qty = parseDecimal(required(req.qty, '/qty'), '/qty', { positive: true });
      const fromCode = required(req.from, '/from');
      const toCode = required(req.to, '/to');
      if (fromCode === toCode) throw problem('same_location');
      const locs = await resolveLocations(tx, tenantId, [fromCode, toCode]);
      return {
        ...common,
        ...entered,
        type: 'move',
        lot: await resolveLot(tx, tenantId, item, req.lot, undefined),
        qty: toStockUnits(qty),
        enteredQty: entered.enteredUom ? qty : undefined,
        from: internal(locs.get(fromCode)!, 'from'),
        to: internal(locs.get(toCode)!, 'to'),
        cost: { kind: 'none' },
      };
    }
    case 'waste': {
      const qty = parseDecimal(required(req.qty, '/qty'), '/qty', { positive: true });
      const fromCode = required(req.from, '/from');
      const reason = required(req.reason, '/reason');
      if (!(await isActiveReason(tx, tenantId, 'waste', reason)))
        throw problem('unknown_reason', `No waste reason ${reason}.`, {
          errors: [{ path: '/reason', message: 'unknown reason' }],
        });
      const locs = await resolveLocations(tx, tenantId, [fromCode, 'SCRAP']);
      return {
        ...common,
        ...entered,
        type: 'waste',
        lot: await resolveLot(tx, tenantId, item, req.lot, undefined),
        qty: toStockUnits(qty),
        enteredQty: entered.enteredUom ? qty : undefined,
        from: internal(locs.get(fromCode)!, 'from'),
        to: locs.get('SCRAP')!,
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
      const locs = await resolveLocations(tx, tenantId, [code, 'ADJUSTMENT']);
      const location = internal(locs.get(code)!, 'location');
      const lot = await resolveLot(tx, tenantId, item, req.lot, undefined);
      // Cost is locked before the balance, the order every posting uses.
      const state = await lockCost(tx, tenantId, item.id);
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
        from: up ? locs.get('ADJUSTMENT')! : location,
        to: up ? location : locs.get('ADJUSTMENT')!,
        // A count-up enters at the cost stock carries now; a count-down leaves at cost.
        cost: up
          ? {
              kind: 'in',
              unitCost:
                item.standard_cost !== null && state.qty.lessThanOrEqualTo(0)
                  ? new Decimal(item.standard_cost)
                  : currentUnitCost(state),
            }
          : { kind: 'out' },
        costState: state,
        reason,
      };
    }
  }
}

export async function postMovement(
  db: Kysely<DB>,
  ctx: RequestContext,
  req: MovementRequest,
  idempotency: IdempotencyRequest | undefined,
): Promise<{ movement: MovementView; replayed: boolean }> {
  const { result, replayed } = await runCommand(db, ctx, idempotency, async (tx) =>
    bookMovement(tx, ctx, await buildBooking(tx, ctx, req, idempotency?.key)),
  );
  return { movement: result, replayed };
}
