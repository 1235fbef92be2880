import { definePermissions } from '../../platform/rbac/permissions.ts';

export const locationPermissions = definePermissions({
  'locations.read': { description: 'See locations', roles: ['manager', 'operator', 'viewer'] },
  'locations.manage': { description: 'Create, edit and retire locations', roles: ['manager'] },
});
