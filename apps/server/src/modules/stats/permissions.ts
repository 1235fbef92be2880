import { definePermissions } from '../../platform/rbac/permissions.ts';

export const statsPermissions = definePermissions({
  'stats.read': { description: 'See live statistics and the dashboard', roles: ['manager', 'viewer'] },
});
