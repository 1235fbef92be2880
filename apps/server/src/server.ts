// Starting OpsLedger: open the database (server or embedded), migrate, create the demo workspace
// on a first start, build the app and listen; with embedded PGlite also open the admin socket so
// the CLI can work while the server holds the database.

import { buildApp, type OpsLedgerApp } from './app.ts';
import { startAdminSocket } from './cli/admin-socket.ts';
import type { Config } from './config.ts';
import { openDatabase } from './db/engine.ts';
import { newSecret } from './db/ids.ts';
import { migrate } from './db/migrate.ts';
import { countWorkspaces, createWorkspace } from './modules/workspaces/service.ts';

export const DEMO_EMAIL = 'admin@demo.local';

export async function startServer(config: Config): Promise<OpsLedgerApp> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrate(database);
  const app = await buildApp({ config, database });
  if (config.createDemoWorkspace && (await countWorkspaces(database.db)) === 0) {
    const password = newSecret(15);
    await createWorkspace(
      database.db,
      {
        code: 'demo',
        name: 'Demo factory',
        adminEmail: DEMO_EMAIL,
        adminName: 'Demo admin',
        adminPassword: password,
      },
      'system',
    );
    // Printed once, to the console of whoever started the server; it is stored only as a hash.
    process.stdout.write(
      [
        '',
        '  OpsLedger created workspace "demo" on this first start.',
        `    workspace: demo`,
        `    email:     ${DEMO_EMAIL}`,
        `    password:  ${password}`,
        '  Sign in: POST /api/v1/auth/login {"workspace":"demo","email":"...","password":"..."}',
        '  This password is shown only now. Set OPSLEDGER_DEMO=0 to skip the demo workspace.',
        '',
        '',
      ].join('\n'),
    );
  }
  if (database.engine === 'pglite') {
    const socket = await startAdminSocket(config, database, app.deps.keys);
    app.addHook('onClose', socket.close);
  }
  app.addHook('onClose', async () => database.close());
  await app.listen({ port: config.port, host: config.host });
  return app;
}
