// The permission registry. Each module declares its `<area>.<action>` permissions here, with the
// built-in roles that hold them by default; `admin` holds every permission. Built-in roles are
// resolved from this registry at request time, so a permission added by a new module reaches
// existing workspaces' built-in roles without a data migration.

export const BUILTIN_ROLES = ['admin', 'manager', 'operator', 'viewer'] as const;
export type BuiltinRole = (typeof BUILTIN_ROLES)[number];

export interface PermissionSpec {
  description: string;
  /** Built-in roles besides admin that hold it. */
  roles: readonly Exclude<BuiltinRole, 'admin'>[];
}

const registry = new Map<string, PermissionSpec>();

export function definePermissions<const T extends Record<string, PermissionSpec>>(
  specs: T,
): { [K in keyof T]: K } {
  const keys = {} as { [K in keyof T]: K };
  for (const [key, spec] of Object.entries(specs)) {
    if (!/^[a-z][a-z_]*\.[a-z][a-z_]*$/.test(key))
      throw new Error(`permission "${key}" is not <area>.<action>`);
    if (registry.has(key)) throw new Error(`permission "${key}" declared twice`);
    registry.set(key, spec);
    (keys as Record<string, string>)[key] = key;
  }
  return keys;
}

export function isPermission(key: string): boolean {
  return registry.has(key);
}

export function allPermissions(): { key: string; area: string; description: string }[] {
  return [...registry.entries()]
    .map(([key, spec]) => ({ key, area: key.split('.')[0]!, description: spec.description }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

export function isBuiltinRole(key: string): key is BuiltinRole {
  return (BUILTIN_ROLES as readonly string[]).includes(key);
}

export function builtinRolePermissions(role: BuiltinRole): string[] {
  if (role === 'admin') return [...registry.keys()].sort();
  return [...registry.entries()]
    .filter(([, spec]) => spec.roles.includes(role))
    .map(([key]) => key)
    .sort();
}

export const platformPermissions = definePermissions({
  'users.read': { description: 'See the people in the workspace', roles: ['manager'] },
  'users.manage': { description: 'Create, edit, deactivate accounts and reset passwords', roles: [] },
  'roles.manage': { description: 'Define custom roles', roles: [] },
  'sessions.manage': { description: "See and end other people's sessions", roles: [] },
  'audit.read': { description: 'Read and verify the audit trail', roles: ['manager'] },
  'audit.checkpoint': { description: 'Export signed audit checkpoints', roles: [] },
  'workspace.manage': { description: 'Change workspace settings', roles: [] },
  'workspace.read': { description: 'See workspace settings', roles: ['manager', 'operator', 'viewer'] },
});
