// Workspaces: the tenants. Owns creating a workspace with its first admin, resolving a code to a
// backend (for the universal phone app), and the workspace's settings.
import fs from 'node:fs';
import { type Kysely, sql } from 'kysely';
import { newId } from '../../db/ids.ts';
import type { DB } from '../../db/schema.ts';
import { enterSystem, enterTenant, withSystem, withTenant } from '../../db/tenant.ts';
import { startChain } from '../../platform/audit/chain.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import { assertAcceptablePassword, hashPassword } from '../../platform/auth/passwords.ts';
import { type RequestContext, systemContext } from '../../platform/context.ts';
import { defineErrors, problem } from '../../platform/errors.ts';
import { BUILTIN_ROLES } from '../../platform/rbac/permissions.ts';
import { WORKSPACE_SETUPS } from '../registry.ts';
import { rebuildStats } from '../stats/rebuild.ts';

export const workspaceErrors = defineErrors({
  workspace_not_found: { status: 404, title: 'No workspace has this code' },
  workspace_code_taken: { status: 409, title: 'A workspace with this code already exists' },
  invalid_workspace_code: {
    status: 422,
    title: 'Workspace codes are 3–40 lowercase letters, digits and hyphens',
  },
});

export const WORKSPACE_CODE_RE = /^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$/;

export interface WorkspaceSettings {
  timeZone: string;
  requireMfaForAdmins: boolean;
  allowNegativeStock: boolean;
}

export const DEFAULT_SETTINGS: WorkspaceSettings = {
  timeZone: 'UTC',
  requireMfaForAdmins: false,
  allowNegativeStock: false,
};

const ROLE_NAMES: Record<string, string> = {
  admin: 'Administrator',
  manager: 'Manager',
  operator: 'Operator',
  viewer: 'Viewer',
};

export interface CreateWorkspaceInput {
  code: string;
  name: string;
  adminEmail: string;
  adminName?: string;
  adminPassword: string;
}

export async function createWorkspace(
  db: Kysely<DB>,
  input: CreateWorkspaceInput,
  actorKind: 'cli' | 'system' = 'cli',
) {
  const code = input.code.trim();
  if (!WORKSPACE_CODE_RE.test(code)) throw problem('invalid_workspace_code');
  assertAcceptablePassword(input.adminPassword, 'adminPassword');
  const email = input.adminEmail.trim().toLowerCase();
  const passwordHash = await hashPassword(input.adminPassword);
  const workspaceId = newId();
  const adminUserId = newId();
  await db.transaction().execute(async (tx) => {
    await enterSystem(tx);
    const inserted = await sql`insert into workspaces (id, code, name, settings) values
      (${workspaceId}, ${code}, ${input.name.trim()}, ${JSON.stringify(DEFAULT_SETTINGS)})
      on conflict (code) do nothing returning id`.execute(tx);
    if (!inserted.rows.length) throw problem('workspace_code_taken');
    await enterTenant(tx, workspaceId);
    await tx
      .insertInto('roles')
      .values(
        BUILTIN_ROLES.map((key) => ({
          tenant_id: workspaceId,
          key,
          name: ROLE_NAMES[key] ?? key,
          permissions: [],
          builtin: true,
        })),
      )
      .execute();
    await tx
      .insertInto('users')
      .values({
        tenant_id: workspaceId,
        id: adminUserId,
        email,
        name: input.adminName?.trim() || 'Administrator',
        password_hash: passwordHash,
      })
      .execute();
    await tx
      .insertInto('user_roles')
      .values({ tenant_id: workspaceId, user_id: adminUserId, role_key: 'admin' })
      .execute();
    await startChain(tx, workspaceId);
    for (const setup of WORKSPACE_SETUPS) await setup(tx, workspaceId);
    await recordAudit(tx, systemContext(workspaceId, actorKind), {
      action: 'workspace.create',
      entity: 'workspace',
      entityId: workspaceId,
      summary: { code, adminUserId },
    });
  });
  return { workspaceId, code, adminUserId };
}

export async function findWorkspaceByCode(db: Kysely<DB>, code: string) {
  const normalized = code.trim().toLowerCase();
  if (!WORKSPACE_CODE_RE.test(normalized)) return undefined;
  return withSystem(db, (tx) =>
    tx
      .selectFrom('workspaces')
      .select(['id', 'code', 'name'])
      .where('code', '=', normalized)
      .executeTakeFirst(),
  );
}

export async function countWorkspaces(db: Kysely<DB>): Promise<number> {
  const row = await withSystem(db, (tx) =>
    tx
      .selectFrom('workspaces')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  );
  return Number(row.n);
}

type DirectoryEntry = { apiBaseUrl: string; name?: string };

/** The directory file maps codes to other self-hosted backends; read on each lookup so edits apply live. */
function readDirectory(file: string | undefined): Record<string, DirectoryEntry> {
  if (!file) return {};
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string | DirectoryEntry>;
  return Object.fromEntries(
    Object.entries(raw).map(([code, entry]) => [
      code.toLowerCase(),
      typeof entry === 'string' ? { apiBaseUrl: entry } : entry,
    ]),
  );
}

export async function resolveWorkspace(
  db: Kysely<DB>,
  code: string,
  options: { ownApiBaseUrl: string; directoryFile: string | undefined },
) {
  const local = await findWorkspaceByCode(db, code);
  if (local) return { code: local.code, name: local.name, apiBaseUrl: options.ownApiBaseUrl };
  const remote = readDirectory(options.directoryFile)[code.trim().toLowerCase()];
  if (remote)
    return { code: code.trim().toLowerCase(), name: remote.name ?? code, apiBaseUrl: remote.apiBaseUrl };
  throw problem('workspace_not_found');
}

export async function getWorkspace(db: Kysely<DB>, tenantId: string) {
  return withTenant(db, tenantId, async (tx) => {
    const row = await tx
      .selectFrom('workspaces')
      .select(['id', 'code', 'name', 'settings'])
      .where('id', '=', tenantId)
      .executeTakeFirstOrThrow();
    return {
      id: row.id,
      code: row.code,
      name: row.name,
      settings: { ...DEFAULT_SETTINGS, ...row.settings } as WorkspaceSettings,
    };
  });
}

export async function updateWorkspace(
  db: Kysely<DB>,
  ctx: RequestContext,
  patch: { name?: string; settings?: Partial<WorkspaceSettings> },
) {
  return withTenant(db, ctx.tenantId, async (tx) => {
    const row = await tx
      .selectFrom('workspaces')
      .select(['name', 'settings'])
      .where('id', '=', ctx.tenantId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const settings = { ...DEFAULT_SETTINGS, ...row.settings, ...(patch.settings ?? {}) };
    const name = patch.name?.trim() ?? row.name;
    await tx
      .updateTable('workspaces')
      .set({ name, settings: JSON.stringify(settings) })
      .where('id', '=', ctx.tenantId)
      .execute();
    // Statistics are bucketed by local hour and day: a new time zone re-buckets them from the ledger.
    const oldZone = (row.settings as { timeZone?: string }).timeZone ?? DEFAULT_SETTINGS.timeZone;
    if (settings.timeZone !== oldZone) await rebuildStats(tx, ctx.tenantId);
    await recordAudit(tx, ctx, {
      action: 'workspace.update',
      entity: 'workspace',
      entityId: ctx.tenantId,
      summary: { ...patch },
    });
    const ws = await tx
      .selectFrom('workspaces')
      .select(['id', 'code', 'name'])
      .where('id', '=', ctx.tenantId)
      .executeTakeFirstOrThrow();
    return { ...ws, settings };
  });
}
