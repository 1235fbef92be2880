import { definePermissions } from '../../platform/rbac/permissions.ts';

export const itemPermissions = definePermissions({
  'items.read': { description: 'See items, barcodes and units', roles: ['manager', 'operator', 'viewer'] },
  'items.manage': { description: 'Create, edit and import items', roles: ['manager'] },
});
