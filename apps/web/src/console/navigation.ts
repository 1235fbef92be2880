// The console's sections and the permission each needs. The layout shows only the sections the
// signed-in user's permissions allow, and the router refuses the others the same way.

export interface Section {
  path: string;
  label: string;
  group: 'Overview' | 'People and access' | 'Inventory' | 'Production' | 'Workspace';
  permission: string;
}

export const sections: Section[] = [
  { path: 'dashboard', label: 'Dashboard', group: 'Overview', permission: 'stats.read' },
  { path: 'users', label: 'Users', group: 'People and access', permission: 'users.read' },
  { path: 'roles', label: 'Roles', group: 'People and access', permission: 'users.read' },
  { path: 'items', label: 'Items', group: 'Inventory', permission: 'items.read' },
  { path: 'locations', label: 'Locations', group: 'Inventory', permission: 'locations.read' },
  { path: 'stock', label: 'Stock on hand', group: 'Inventory', permission: 'stock.read' },
  { path: 'ledger', label: 'Movement ledger', group: 'Inventory', permission: 'stock.read' },
  { path: 'valuation', label: 'Valuation', group: 'Inventory', permission: 'valuation.read' },
  { path: 'work-orders', label: 'Work orders', group: 'Production', permission: 'production.read' },
  { path: 'boms', label: 'BOMs', group: 'Production', permission: 'production.read' },
  { path: 'routings', label: 'Routings', group: 'Production', permission: 'production.read' },
  { path: 'work-centers', label: 'Work centers', group: 'Production', permission: 'production.read' },
  { path: 'audit', label: 'Audit trail', group: 'Workspace', permission: 'audit.read' },
  { path: 'settings', label: 'Settings', group: 'Workspace', permission: 'workspace.read' },
];

export function sectionsFor(permissions: readonly string[]): Section[] {
  return sections.filter((s) => permissions.includes(s.permission));
}
