import { definePermissions } from '../../platform/rbac/permissions.ts';

export const productionPermissions = definePermissions({
  'production.read': {
    description: 'See work centers, BOMs, routings and work orders',
    roles: ['manager', 'operator', 'viewer'],
  },
  'production.manage': {
    description: 'Define work centers, BOMs and routings; create, release and cancel work orders',
    roles: ['manager'],
  },
  'production.record': {
    description: 'Scan process steps: start, pause, resume, complete, correct',
    roles: ['manager', 'operator'],
  },
  'labels.print': { description: 'Print barcode labels and job travelers', roles: ['manager', 'operator'] },
});
