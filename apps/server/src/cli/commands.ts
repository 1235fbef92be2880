// What the `opsledger` command can do, as plain functions of an open database. The CLI runs them
// directly, or — when the embedded database is held by a running server — through that server's
// admin socket, so the same code does the work either way.
import type { Database } from '../db/engine.ts';
import { migrate } from '../db/migrate.ts';
import { seedWorkspace } from '../modules/stats/seed.ts';
import { createUser } from '../modules/users/service.ts';
import { createWorkspace, findWorkspaceByCode } from '../modules/workspaces/service.ts';
import { createCheckpoint, verifyWithCheckpoint } from '../platform/audit/checkpoint.ts';
import type { KeyStore } from '../platform/auth/keys.ts';
import { systemContext } from '../platform/context.ts';
import { keyring } from '../platform/crypto/keyring.ts';
import { problem } from '../platform/errors.ts';
import { builtinRolePermissions } from '../platform/rbac/permissions.ts';

export type CliArgs = Record<string, string | undefined>;

export interface CliEnv {
  database: Database;
  keys: KeyStore;
  activationTtlSeconds: number;
  accessTokenTtlSeconds: number;
}

function required(args: CliArgs, name: string): string {
  const value = args[name];
  if (!value) throw new Error(`--${name} is required`);
  return value;
}

async function workspaceId(env: CliEnv, code: string): Promise<string> {
  const ws = await findWorkspaceByCode(env.database.db, code);
  if (!ws) throw problem('workspace_not_found', `No workspace has the code "${code}".`);
  return ws.id;
}

export const COMMANDS: Record<
  string,
  { usage: string; run: (env: CliEnv, args: CliArgs) => Promise<unknown> }
> = {
  'workspace create': {
    usage:
      'workspace create --code <code> --name <name> --admin-email <email> --admin-password <password> [--admin-name <name>]',
    run: (env, a) =>
      createWorkspace(env.database.db, {
        code: required(a, 'code'),
        name: required(a, 'name'),
        adminEmail: required(a, 'admin-email'),
        adminPassword: required(a, 'admin-password'),
        ...(a['admin-name'] ? { adminName: a['admin-name'] } : {}),
      }),
  },
  'user create': {
    usage:
      'user create --workspace <code> --email <email> --name <name> --roles <role,role> [--password <temporary password>]',
    run: async (env, a) => {
      const tenantId = await workspaceId(env, required(a, 'workspace'));
      const ctx = systemContext(tenantId, 'cli');
      // The CLI acts with an admin's authority: whoever runs it already holds the database.
      const permissions = new Set(builtinRolePermissions('admin'));
      return createUser(
        env.database.db,
        { ...ctx, actor: { ...ctx.actor, permissions } },
        {
          email: required(a, 'email'),
          name: required(a, 'name'),
          roles: (a.roles ?? '').split(',').filter(Boolean),
          password: a.password,
        },
        { activationTtlSeconds: env.activationTtlSeconds, idempotency: undefined },
      );
    },
  },
  migrate: {
    usage: 'migrate',
    run: async (env) => ({ applied: await migrate(env.database) }),
  },
  'audit verify': {
    usage: 'audit verify --workspace <code> [--checkpoint <jws>]',
    run: async (env, a) =>
      verifyWithCheckpoint(
        env.database.db,
        env.keys,
        await workspaceId(env, required(a, 'workspace')),
        a.checkpoint,
      ),
  },
  'audit checkpoint': {
    usage: 'audit checkpoint --workspace <code>',
    run: async (env, a) =>
      createCheckpoint(
        env.database.db,
        env.keys,
        systemContext(await workspaceId(env, required(a, 'workspace')), 'cli'),
      ),
  },
  seed: {
    usage: 'seed --workspace <code> --movements <N> [--days 365]',
    run: async (env, a) => {
      const tenantId = await workspaceId(env, required(a, 'workspace'));
      const movements = Number(required(a, 'movements'));
      const days = Number(a.days ?? 365);
      if (!Number.isInteger(movements) || movements < 1 || !Number.isInteger(days) || days < 1) {
        throw new Error('--movements and --days must be positive whole numbers');
      }
      return seedWorkspace(env.database.db, {
        tenantId,
        movements,
        days,
        // Two chunks load side by side on PostgreSQL; PGlite is one backend and takes them in turn.
        parallel: env.database.engine === 'pg' ? 2 : 1,
        onProgress: (done) => process.stderr.write(`seeded ${done} of ${movements} movements\n`),
      });
    },
  },
  'keys rotate': {
    usage: 'keys rotate',
    // Old keys keep verifying for two access-token lifetimes, so nobody is signed out.
    run: async (env) => ({ kid: await env.keys.rotate(env.accessTokenTtlSeconds * 2) }),
  },
  'keys rotate-master': {
    usage: 'keys rotate-master',
    // With a key file: a new master key is appended (older lines stay for servers that have not
    // re-read the file yet, and for restoring older backups). With OPSLEDGER_MASTER_KEY the operator
    // has made the new key primary (the old one in OPSLEDGER_MASTER_KEY_PREVIOUS). Either way every
    // data key and signing key is then re-wrapped under the primary key in one transaction that no
    // reader waits for, while servers keep running: the data keys themselves, and so every encrypted
    // column, do not change.
    run: async (env) => {
      const ring = keyring();
      const { generated } = ring.addMasterKey();
      const rewrapped = await ring.rewrapAll(env.database.db);
      return { masterKeyId: ring.primaryId, newKeyGenerated: generated, rewrapped };
    },
  },
};
