import { defineErrors } from '../../platform/errors.ts';

export const stockErrors = defineErrors({
  unknown_sku: { status: 422, title: 'No item has this SKU' },
  unknown_unit: { status: 422, title: 'The item has no such unit' },
  unknown_reason: { status: 422, title: 'No waste reason has this code' },
  unknown_lot: { status: 422, title: 'The item has no lot with this code' },
  missing_lot: { status: 422, title: 'This item is lot-tracked: give the lot' },
  lot_not_tracked: { status: 422, title: 'This item is not lot-tracked: leave the lot out' },
  same_location: { status: 422, title: 'From and to must be different locations' },
  item_inactive: { status: 422, title: 'The item is inactive' },
  insufficient_stock: { status: 409, title: 'Not enough stock at the location' },
  movement_not_found: { status: 404, title: 'No such movement' },
  already_reversed: { status: 409, title: 'This movement has already been reversed' },
  cannot_reverse_reversal: {
    status: 409,
    title: 'A reversal cannot itself be reversed; post a new movement instead',
  },
  cost_not_permitted: { status: 403, title: 'You may not set unit costs' },
});
