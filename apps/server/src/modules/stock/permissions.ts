import { definePermissions } from '../../platform/rbac/permissions.ts';

export const stockPermissions = definePermissions({
  'stock.read': {
    description: 'See stock on hand and the movement ledger',
    roles: ['manager', 'operator', 'viewer'],
  },
  'stock.receive': { description: 'Receive goods from suppliers', roles: ['manager', 'operator'] },
  'stock.move': { description: 'Move stock between internal locations', roles: ['manager', 'operator'] },
  'stock.waste': { description: 'Log waste to scrap', roles: ['manager', 'operator'] },
  'stock.adjust': { description: 'Book physical counts', roles: ['manager', 'operator'] },
  'stock.reverse': { description: 'Reverse a posted movement', roles: ['manager'] },
  'stock.import': { description: 'Import opening stock from CSV', roles: ['manager'] },
  'stock.set_cost': { description: 'Enter unit costs on receipts', roles: ['manager'] },
  'valuation.read': { description: 'See unit costs, values and valuation', roles: ['manager'] },
  'waste_reasons.manage': { description: 'Edit the list of waste reasons', roles: ['manager'] },
});
